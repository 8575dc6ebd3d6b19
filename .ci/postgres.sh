#!/usr/bin/env bash
# Install Debian's PostgreSQL and start a throwaway cluster on 127.0.0.1; export its URL for the tests.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
