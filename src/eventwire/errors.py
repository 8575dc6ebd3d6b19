"""Errors whose message names the input and the reason."""
from __future__ import annotations

from dataclasses import dataclass


class InputError(Exception):
    """An input that cannot be read or processed; `str()` is the one line shown to the user."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class RuleError(ValueError):
    """A malformed line in a shipped data file, named by file and line."""


@dataclass(slots=True)
class Failure:
    """A document the batch could not process; the batch goes on."""

    origin: str
    doc_id: str | None
    stage: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.origin} [{self.doc_id}]" if self.doc_id and self.doc_id not in self.origin else self.origin
        return f"error: {where}: {self.reason}" + (f" (stage {self.stage})" if self.stage not in ("ingest", "clean") else "")
