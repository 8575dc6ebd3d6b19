"""What produced a stored document: the eventwire version and a digest of the coding rules (data/)."""
from __future__ import annotations

import functools
import hashlib

from ..resources import data_path


def eventwire_version() -> str:
    from .. import __version__

    return __version__


@functools.cache
def rules_digest() -> str:
    """SHA-256 over the path and bytes of every file under eventwire/data/: changes when any rule changes."""
    root = data_path()
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
