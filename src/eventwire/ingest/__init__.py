"""Stage 1: what the user names (files, folders, JSONL, stdin, URLs) → RawInput records."""
from .sources import iter_inputs

__all__ = ["iter_inputs"]
