"""Choosing what each toponym means, by prominence and by the story's context: the countries the text
mentions (weighted by count), the other places in the same sentence, and a qualifier ("Paris, Texas")."""
from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict

from .. import settings
from .find import MISSION_WORDS, Mention, demonyms
from .gazetteer import Candidate, Gazetteer

_FEATURE_PRIOR = {"country": 9.0, "admin1": 5.0, "site": 7.0, "admin2": 4.0}
_CONTEXT_WEIGHT = 4.0                   # all of the story in one country is worth about 10,000x population
_SENTENCE_WEIGHT = 1.5
_QUALIFIER_WEIGHT = 20.0
_ALTERNATE_PENALTY = 1.0
_CURATED_BONUS = 1.0
_ADMIN_WORD_BONUS = 3.0
_CAPITAL_BONUS = 1.5                    # a national capital is news far beyond its population ("Moscow", not Idaho's)


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
    missions = "|".join(sorted(MISSION_WORDS))                 # "the American embassy": a foreign mission
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b(?!\s+(?:" + missions + r")\b)")


def resolve(mentions: list[Mention], gazetteer: Gazetteer, text: str, lead_end: int = 0
            ) -> tuple[list[tuple[Mention, Candidate]], str | None]:
    """One entry per mention that has any, and the story's main country. Mentions before `lead_end`
    (the headline and lead) weigh double as evidence of what the story is about."""
    weight = [0.0 if m.abroad else settings.PLACE_LEAD_WEIGHT if m.start < lead_end else 1.0 for m in mentions]
    first = [max(m.candidates, key=prior) if m.candidates else None for m in mentions]
    demonym = {k: v * settings.PLACE_DEMONYM_WEIGHT for k, v in demonym_countries(text).items()}
    story = _tally(first, weight, demonym)
    by_sentence: dict[int, Counter[str]] = {}
    for m, c in zip(mentions, first):
        if c is not None and c.country and not m.abroad:
            by_sentence.setdefault(m.sentence, Counter())[c.country] += 1
    main = main_country(story)
    out = []
    for m, own, w in zip(mentions, first, weight):
        if m.capital:
            cap = gazetteer.capital(main) if main else None
            if cap is not None:
                out.append((m, cap))
            continue
        if not m.candidates:
            continue
        context = defaultdict(float, story)
        sentence = by_sentence.get(m.sentence, Counter()).copy()
        if own is not None and own.country and not m.abroad:          # a name is no evidence for itself
            context[own.country] -= w
            sentence[own.country] -= 1
        # a lone nationality word is weak evidence: "Russian media" must not make Donetsk a Russian village
        total = max(sum(v for v in context.values() if v > 0), settings.PLACE_CONTEXT_FLOOR)
        out.append((m, max(_plausible(m), key=lambda c: _score(c, m, context, total, sentence)
                           + _CAPITAL_BONUS * (c.place_id in gazetteer.capital_ids))))
    chosen = {id(m): c for m, c in out}
    final = _tally([chosen.get(id(m)) for m in mentions], weight, demonym)
    return out, main_country(final)


def _plausible(m: Mention) -> tuple[Candidate, ...]:
    """A country's name means the country, not a foreign town of that name (Colombia, Cuba; Lebanon, Pennsylvania),
    unless a qualifier says so."""
    countries = {c.country for c in m.candidates if c.feature == "country"}
    if not countries or m.qualifiers:
        return m.candidates
    return tuple(c for c in m.candidates if c.feature != "city" or c.country in countries)


def _tally(choices: list[Candidate | None], weight: list[float], start: dict[str, float]) -> defaultdict[str, float]:
    """Weight of each country among the chosen places, on top of `start`."""
    counts = defaultdict(float, start)
    for c, w in zip(choices, weight):
        if c is not None and c.country:
            counts[c.country] += w
    return counts


def main_country(story: dict[str, float]) -> str | None:
    """The country the story is mostly about: the most mentioned (ties: first counted)."""
    best = max(story, key=lambda k: story[k], default=None)
    return best if best is not None and story[best] > 0 else None


def _score(c: Candidate, m: Mention, context: dict[str, float], total: float, sentence: Counter[str]) -> float:
    score = prior(c) + _CONTEXT_WEIGHT * max(context[c.country], 0) / total if c.country else prior(c)
    if c.country and sentence[c.country] > 0:
        score += _SENTENCE_WEIGHT
    if (m.admin_word or m.qualifying) and c.feature in ("admin1", "admin2", "country"):
        score += _ADMIN_WORD_BONUS
    for q in m.qualifiers:
        if q.country == c.country:            # the qualifier's own region is a surer match than its country
            score += _QUALIFIER_WEIGHT if q.feature == "country" or q.name == c.admin1 else _QUALIFIER_WEIGHT / 2
    return score
