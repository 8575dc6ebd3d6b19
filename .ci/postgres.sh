#!/usr/bin/env bash
# Install Debian's PostgreSQL and start a throwaway cluster on 127.0.0.1; export its URL for the tests.
# Prints the URL (and nothing else) on stdout, so .ci/run reads it with EVENTWIRE_TEST_PG="$(bash .ci/postgres.sh)".
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

# The server refuses to run as root: run it as the postgres user when we are root.
if [ "$(id -u)" = 0 ]; then as_db() { runuser -u postgres -- "$@"; }; else as_db() { "$@"; }; fi

dir="$(mktemp -d /tmp/eventwire-pg.XXXXXX)"
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

as_db "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
as_db "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off" >&2
as_db "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres eventwire_test >&2
echo "postgresql+psycopg://postgres@127.0.0.1:$port/eventwire_test"
