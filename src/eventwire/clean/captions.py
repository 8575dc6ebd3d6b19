"""Photo captions: short paragraphs closed by a credit "(Reuters)", "(AP Photo/...)", "Photograph: ...".

The credit patterns live in data/clean/captions.jsonl; a credit mentioned inside a body sentence is
not a caption, because the patterns only match at the paragraph's end (or a caption marker at its start).
"""
from __future__ import annotations

import re
from typing import Literal

from .. import settings
from .patterns import any_rule, load_rules

_WORD = re.compile(r"[^\W\d_]{2,}")
_AT_END, _AT_START = frozenset({"end"}), frozenset({"start"})
_LONGEST_CREDIT = 160             # credits are searched for in this many final characters only


def caption_kind(paragraph: str) -> Literal["caption", "credit"] | None:
    """"caption" for a captioned photo, "credit" for a bare credit line with no caption, else None."""
    if len(paragraph.split()) > settings.MAX_CAPTION_WORDS:
        return None
    tail_at = max(0, len(paragraph) - _LONGEST_CREDIT)
    if not (any_rule("captions.jsonl", _AT_END).search(paragraph, tail_at)
            or any_rule("captions.jsonl", _AT_START).match(paragraph)):
        return None
    for rule in load_rules("captions.jsonl"):
        m = rule.regex.search(paragraph, tail_at) if rule.where == "end" else rule.regex.match(paragraph)
        if m is None:
            continue
        rest = paragraph[:m.start()] if rule.where == "end" else paragraph[m.end():]
        return "caption" if len(_WORD.findall(rest)) >= 3 else "credit"
    return None
