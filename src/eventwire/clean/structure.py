"""The shape of a paragraph: headline, section heading, or body."""
from __future__ import annotations

import re

from .. import settings

_LETTER = re.compile(r"[^\W\d_]")
# a sentence ends here: final punctuation, perhaps inside closing quotes or brackets
_FINAL_PUNCTUATION = re.compile(r"[.,;:!…][\"'”’»)\]]*$")
_HEADING_MAX_CHARS = 120


def is_headline(paragraph: str) -> bool:
    """A first line that reads as a headline: short and without a closing full stop."""
    return (bool(_LETTER.search(paragraph)) and len(paragraph.split()) <= settings.MAX_TITLE_WORDS
            and not _FINAL_PUNCTUATION.search(paragraph))


def is_heading(paragraph: str) -> bool:
    """A section heading: a short line without final punctuation ("International reaction")."""
    return (bool(_LETTER.search(paragraph)) and len(paragraph) <= _HEADING_MAX_CHARS
            and len(paragraph.split()) <= settings.MAX_HEADING_WORDS
            and not _FINAL_PUNCTUATION.search(paragraph))
