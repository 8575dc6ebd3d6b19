"""Page-furniture removal driven by data/clean/furniture.jsonl: share bars, comment forms, bylines, adverts."""
from __future__ import annotations

from .patterns import Rule, any_rule, load_rules
from .structure import is_heading

_LONGEST_FURNITURE = 600          # no furniture line is longer; longer paragraphs only lose a tail
_WHOLE_PARAGRAPH = frozenset({"line", "rest", "block", "list"})   # rules matched against a whole paragraph
_BLOCK_SPAN = 15                  # a "block" rule looks this many paragraphs ahead for its end


def furniture_rule(paragraph: str) -> Rule | None:
    """The first whole-paragraph rule that the paragraph matches, if any."""
    if len(paragraph) > _LONGEST_FURNITURE or not any_rule("furniture.jsonl", _WHOLE_PARAGRAPH).fullmatch(paragraph):
        return None
    for rule in load_rules("furniture.jsonl"):
        if rule.where != "tail" and rule.regex.fullmatch(paragraph):
            return rule
    return None


def cut_tails(paragraph: str) -> str:
    """The paragraph without trailing furniture such as "(Reporting by ...; Editing by ...)"."""
    for rule in load_rules("furniture.jsonl"):
        if rule.where == "tail":
            paragraph = rule.regex.sub("", paragraph).rstrip()
    return paragraph


def strip_furniture(paragraphs: list[str]) -> list[str]:
    """The paragraphs that are not page furniture, in order."""
    total = sum(len(p) for p in paragraphs)
    kept: list[str] = []
    seen = i = 0
    while i < len(paragraphs):
        paragraph = paragraphs[i]
        seen += len(paragraph)
        rule = furniture_rule(paragraph)
        if rule is None:
            if rest := cut_tails(paragraph):
                kept.append(rest)
        elif rule.where == "rest" and seen > total / 2:
            break                 # a comment section: everything after it is readers' talk and forms
        elif rule.where == "block":
            i = _block_end(paragraphs, i, rule)
        elif rule.where == "list":
            while i + 1 < len(paragraphs) and is_heading(paragraphs[i + 1]):
                i += 1
        i += 1
    return kept


def _block_end(paragraphs: list[str], start: int, rule: Rule) -> int:
    assert rule.end is not None
    for j in range(start + 1, min(start + 1 + _BLOCK_SPAN, len(paragraphs))):
        if rule.end.fullmatch(paragraphs[j]):
            return j
    return start
