"""Load-once readers for the rule and lexicon files under eventwire/data/."""
from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import RuleError


def data_path(*parts: str) -> Path:
    """Path of a shipped data file, e.g. data_path("clean", "furniture.jsonl")."""
    return Path(str(resources.files("eventwire").joinpath("data", *parts)))


@functools.cache
def read_jsonl(*parts: str) -> tuple[dict[str, Any], ...]:
    """Rows of a shipped JSONL rule file; blank lines and lines starting with // are skipped."""
    path = data_path(*parts)
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise RuleError(f"{path}:{n}: not JSON: {e}") from None
    return tuple(rows)


@functools.cache
def read_words(*parts: str) -> frozenset[str]:
    """A shipped word list: one entry a line; blank lines and lines starting with # are skipped."""
    lines = data_path(*parts).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@functools.cache
def read_json(*parts: str) -> Any:
    path = data_path(*parts)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise RuleError(f"{path}: not JSON: {e}") from None


def check_keys(row: dict[str, Any], allowed: set[str], required: set[str], where: str) -> None:
    """Reject a rule row with unknown or missing keys, naming the file and the row."""
    unknown, missing = set(row) - allowed, required - set(row)
    if unknown or missing:
        raise RuleError(f"{where}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)} in {row}")
