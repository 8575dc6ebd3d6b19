"""Choosing what each toponym means, by prominence and by the story's context: the countries the text
mentions (weighted by count), the other places in the same sentence, and a qualifier ("Paris, Texas")."""
from __future__ import annotations

import functools
import math
import re
from collections import Counter

from .. import settings
from .find import Mention, demonyms
from .gazetteer import Candidate, Gazetteer

_FEATURE_PRIOR = {"country": 9.0, "admin1": 5.0, "site": 7.0, "admin2": 4.0}
_CONTEXT_WEIGHT = 4.0                   # all of the story in one country is worth about 10,000x population
_SENTENCE_WEIGHT = 1.5
_QUALIFIER_WEIGHT = 20.0
_ALTERNATE_PENALTY = 1.0
_CURATED_BONUS = 1.0
_ADMIN_WORD_BONUS = 3.0


def prior(c: Candidate) -> float:
    """Prominence without context: countries, then regions, then towns by population."""
    score = _FEATURE_PRIOR.get(c.feature) or math.log10(max(c.population, 500))
    if c.curated:
        score += _CURATED_BONUS
    if c.alternate:
        score -= _ALTERNATE_PENALTY
    return score


def demonym_countries(text: str) -> Counter[str]:
    """Countries named by nationality words ("Kazakh authorities"): context, never places themselves."""
    table = demonyms()
    return Counter(c for c in map(table.get, _demonym_pattern().findall(text)) if c)


@functools.cache
def _demonym_pattern() -> re.Pattern[str]:
    words = sorted(demonyms(), key=len, reverse=True)          # "South Korean" before "Korean"
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


def resolve(mentions: list[Mention], gazetteer: Gazetteer, text: str) -> list[tuple[Mention, Candidate]]:
    """Pick one entry per mention (or none, when an untagged name is too doubtful)."""
    first = [max(m.candidates, key=prior) if m.candidates else None for m in mentions]
    story: Counter[str] = Counter({k: v * settings.PLACE_DEMONYM_WEIGHT
                                   for k, v in demonym_countries(text).items()})
    for c in first:
        if c is not None and c.country:
            story[c.country] += 1
    by_sentence: dict[int, Counter[str]] = {}
    for m, c in zip(mentions, first):
        if c is not None and c.country:
            by_sentence.setdefault(m.sentence, Counter())[c.country] += 1
    main = main_country(story)
    out = []
    for m, own in zip(mentions, first):
        if m.capital:
            cap = gazetteer.capital(main) if main else None
            if cap is not None:
                out.append((m, cap))
            continue
        if not m.candidates:
            continue
        context = story.copy()
        sentence = by_sentence.get(m.sentence, Counter()).copy()
        if own is not None and own.country:          # a name is no evidence for itself
            context[own.country] -= 1
            sentence[own.country] -= 1
        total = sum(context.values()) or 1.0
        best = max(m.candidates, key=lambda c: _score(c, m, context, total, sentence))
        out.append((m, best))
    return out


def main_country(story: Counter[str]) -> str | None:
    """The country the story is mostly about: the most mentioned (ties: first mentioned)."""
    ranked = story.most_common(1)
    return ranked[0][0] if ranked and ranked[0][1] > 0 else None


def _score(c: Candidate, m: Mention, context: Counter[str], total: float, sentence: Counter[str]) -> float:
    score = prior(c) + _CONTEXT_WEIGHT * max(context[c.country], 0) / total if c.country else prior(c)
    if c.country and sentence[c.country] > 0:
        score += _SENTENCE_WEIGHT
    if (m.admin_word or m.qualifying) and c.feature in ("admin1", "admin2", "country"):
        score += _ADMIN_WORD_BONUS
    for q in m.qualifiers:
        if q.country == c.country:            # the qualifier's own region is a surer match than its country
            score += _QUALIFIER_WEIGHT if q.feature == "country" or q.name == c.admin1 else _QUALIFIER_WEIGHT / 2
    return score
