"""A benchmark corpus of many distinct documents, rebuilt deterministically from the bundled articles.

Each document keeps one article's headline and lead, splices in paragraphs from other articles, drops a
few, and substitutes numbers, years (near a random publication date), weekdays and months, so no two
texts are the same and the parser meets real prose rather than one article repeated.
"""
from __future__ import annotations

import datetime as dt
import functools
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.records import RawInput

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = (ROOT / "samples", ROOT.parent / "shared" / "eval" / "dev")
SEED = 2024
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_NUMBER = re.compile(r"\d+")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")


@dataclass(frozen=True)
class Article:
    name: str
    headline: str
    paragraphs: tuple[str, ...]       # after the headline


@functools.cache
def articles() -> tuple[Article, ...]:
    """The bundled articles, in name order (one per .txt file)."""
    found = []
    for folder in SOURCE_DIRS:
        for path in sorted(folder.glob("*.txt")):
            parts = [p.strip() for p in _PARAGRAPHS.split(path.read_text(encoding="utf-8")) if p.strip()]
            if len(parts) >= 3:
                found.append(Article(path.stem, parts[0], tuple(parts[1:])))
    if not found:
        raise FileNotFoundError(f"no .txt articles in {', '.join(map(str, SOURCE_DIRS))}")
    return tuple(found)


def documents(n: int, seed: int = SEED) -> Iterator[RawInput]:
    """`n` distinct documents, generated lazily: the same `n` and `seed` always give the same texts."""
    sources = articles()
    for i in range(n):
        rng = random.Random(f"{seed}-{i}")
        base = sources[i % len(sources)]
        published = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
        text = _substitute("\n\n".join((base.headline, *_recombine(base, sources, rng))), published, rng)
        yield RawInput(doc_id=f"bench-{i:06d}-{base.name}", origin=f"corpus:{i}", text=text, published=published)


def describe(raws: Iterable[RawInput]) -> dict[str, int]:
    texts = [r.text or "" for r in raws]
    return {"documents": len(texts), "words": sum(len(t.split()) for t in texts),
            "distinct_texts": len(set(texts)), "source_articles": len(articles())}


def _recombine(base: Article, sources: tuple[Article, ...], rng: random.Random) -> list[str]:
    """The base's lead, then its body with a few paragraphs dropped and others' paragraphs spliced in."""
    lead, body = list(base.paragraphs[:2]), list(base.paragraphs[2:])
    body = [p for p in body if rng.random() > 0.15] or body
    donors = [a for a in sources if a is not base]
    for _ in range(rng.randint(1, 3) if donors else 0):
        donor = rng.choice(donors)
        if len(donor.paragraphs) > 2:
            body.insert(rng.randint(0, len(body)), rng.choice(donor.paragraphs[2:]))
    return lead + body


def _substitute(text: str, published: dt.date, rng: random.Random) -> str:
    weekday_shift, month_shift = rng.randrange(1, 7), rng.randrange(1, 12)

    def number(m: re.Match[str]) -> str:
        digits = m.group()
        if len(digits) == 4 and digits[:2] in ("19", "20"):
            return str(published.year - rng.choice((0, 0, 0, 1)))  # years stay near the publication date
        if len(digits) == 1:
            return str(rng.randint(2, 9))
        return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))

    text = _NUMBER.sub(number, text)
    text = _WEEKDAY.sub(lambda m: WEEKDAYS[(WEEKDAYS.index(m.group()) + weekday_shift) % 7], text)
    return _MONTH.sub(lambda m: MONTHS[(MONTHS.index(m.group()) + month_shift) % 12], text)
