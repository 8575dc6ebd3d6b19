"""Compiled pattern rules from data/clean/: furniture, caption credits and news-agency names."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from ..errors import RuleError
from ..resources import check_keys, read_jsonl, read_words

Where = Literal["line", "tail", "rest", "block", "list", "start", "end"]


@dataclass(frozen=True, slots=True)
class Rule:
    label: str
    regex: re.Pattern[str]
    where: Where
    end: re.Pattern[str] | None = None     # "block" rules: the paragraph that closes the block


@functools.cache
def agencies() -> tuple[str, ...]:
    """News agencies as written in datelines and photo credits, longest first so alternations prefer them."""
    return tuple(sorted(read_words("clean", "agencies.txt"), key=lambda n: (-len(n), n)))


def agency_alternation() -> str:
    return "|".join(re.escape(a) for a in agencies())


def _compile(pattern: str, case_sensitive: bool, where: str) -> re.Pattern[str]:
    body = pattern.replace("{AGENCY}", agency_alternation())
    flags = 0 if case_sensitive else re.IGNORECASE
    if where == "tail":
        return re.compile(rf"(?:{body})\s*$", flags)
    if where == "end":
        return re.compile(rf"(?:^|(?<=\s))(?:{body})\s*$", flags)
    if where == "start":
        return re.compile(rf"^(?:{body})", flags)
    return re.compile(rf"(?:{body})", flags)   # used with fullmatch


@functools.cache
def any_rule(name: str, wheres: frozenset[str]) -> re.Pattern[str]:
    """One regex that matches wherever one of the rules placed at `wheres` matches (each keeps its own
    case flag): most paragraphs are ruled out by one search instead of one per rule."""
    parts = [f"(?i:{r.regex.pattern})" if r.regex.flags & re.IGNORECASE else f"(?:{r.regex.pattern})"
             for r in load_rules(name) if r.where in wheres]
    return re.compile("|".join(parts) or "(?!)")


@functools.cache
def load_rules(name: str) -> tuple[Rule, ...]:
    """Rules of data/clean/<name>; a malformed row fails here, naming the file and the row."""
    rules = []
    allowed = {"label", "pattern", "where", "end", "case_sensitive"}
    for n, row in enumerate(read_jsonl("clean", name), 1):
        where = f"clean/{name} rule {n}"
        check_keys(row, allowed, {"label", "pattern", "where"}, where)
        if row["where"] not in ("line", "tail", "rest", "block", "list", "start", "end"):
            raise RuleError(f"{where}: unknown where {row['where']!r}")
        if (row["where"] == "block") != ("end" in row):
            raise RuleError(f"{where}: a 'block' rule needs 'end', and only it may have one")
        case = bool(row.get("case_sensitive"))
        try:
            end = _compile(row["end"], case, "line") if "end" in row else None
            rules.append(Rule(row["label"], _compile(row["pattern"], case, row["where"]), row["where"], end))
        except re.error as e:
            raise RuleError(f"{where}: bad pattern: {e}") from None
    return tuple(rules)
