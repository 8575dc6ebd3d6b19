"""Toponym candidates in a parsed text: spaCy's GPE/LOC/FAC entities, capitalised names after a locative
preposition that spaCy missed, and "the capital"."""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IS_TITLE, IS_UPPER  # type: ignore[import-not-found]
from spacy.tokens import Doc, Span, Token

from .. import settings
from ..resources import data_path, read_words
from .gazetteer import Candidate, Gazetteer
from .metonymy import is_metonymic

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PEOPLE_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "from", "to", "into", "across", "towards", "toward",
                             "around", "inside", "throughout", "via"})
ADMIN_WORDS = read_words("places", "admin_words.txt")
MISSION_WORDS = read_words("places", "mission_words.txt")
NOT_ALONE = read_words("places", "not_alone.txt")
_CAPITAL = re.compile(r"\b[Tt]he (?:country's |nation's )?capital\b(?!\s*(?:of|city of|[A-Z]|markets?|"
                      r"gains?|punishment|flight|investments?|expenditure|controls?|requirements?))")
_MAX_NAME_TOKENS = 7                   # hyphens count: "Croix-des-Bouquets" is five tokens


@dataclass(slots=True)
class Mention:
    """A name that may be a place, with every gazetteer entry it may mean."""

    text: str
    start: int
    end: int
    sentence: int                         # start offset of its sentence
    candidates: tuple[Candidate, ...]
    metonymic: bool = False
    tagged: bool = True                   # spaCy called it a place; untagged names need more evidence
    admin_word: bool = False              # "Donetsk region": prefer a region
    qualifiers: tuple[Candidate, ...] = field(default=())   # "Paris, Texas": what "Texas" may mean
    capital: bool = False                 # "the capital": the main country's capital, decided later
    qualifying: bool = False              # the "Texas" of "Paris, Texas": a region or country
    abroad: bool = False                  # "the US embassy": a mission's country, no evidence of the story's


@functools.cache
def demonyms() -> dict[str, str | None]:
    """Nationality words ("Kazakh", "Russians") and their ISO3 country (None for a region or people)."""
    rows = data_path("places", "demonyms.tsv").read_text(encoding="utf-8").splitlines()
    return {w: (c or None) for w, _, c in (r.partition("\t") for r in rows if r and not r.startswith("#"))}


def find_mentions(sdoc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Every candidate toponym in document order; metonymic ones are kept but flagged."""
    text = sdoc.text                      # built afresh on each access: read it once
    found: list[Mention] = []
    taken: set[int] = set()
    for ent in sdoc.ents:
        if ent.label_ in _PLACE_LABELS:
            m = _entity_mention(ent, gazetteer)
            if m is not None:
                found.append(m)
                taken.update(range(ent.start, ent.end + m.admin_word))
            elif not _is_demonym(ent.text):
                taken.update(range(ent.start, ent.end))     # a place spaCy saw but the gazetteer lacks
    found += _untagged_mentions(sdoc, gazetteer, taken)
    found += _capital_mentions(sdoc, text, taken)
    found.sort(key=lambda m: m.start)
    _attach_qualifiers(found, text)
    return found


def _entity_mention(ent: Span, gazetteer: Gazetteer) -> Mention | None:
    span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
    if _is_demonym(span.text):
        return None                      # "Kazakh", "Russians": nationality, not a place
    m = _lookup(span, gazetteer)
    if m is not None and span.start > ent.start:      # "the Dominican Republic" is written with its article
        m.text, m.start = ent[0].text_with_ws + m.text, ent.start_char
    return m


def _lookup(span: Span, gazetteer: Gazetteer, tagged: bool = True, located: bool = True) -> Mention | None:
    """The mention for a name, taking a following or final admin word ("Donetsk region") into account."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in ADMIN_WORDS:
        wider = doc[span.start:span.end + 1]
        cands = gazetteer.lookup(wider.text) or _region_of(gazetteer.lookup(span.text), wider.text)
        if cands:
            return _mention(wider, cands, metonymic=is_metonymic(wider), admin_word=True, tagged=tagged)
    if span.text.casefold() in NOT_ALONE:
        return None
    cands = gazetteer.lookup(span.text)
    admin_word = span[-1].lower_ in ADMIN_WORDS and len(span) > 1
    if not cands and admin_word:
        cands = _region_of(gazetteer.lookup(span[:-1].text), span.text)
    if not tagged:                        # outside "in X", an old name is not enough: "Hamas" was Hamm's
        cands = tuple(c for c in cands if _notable(c, located) and (located or c.curated or not c.alternate))
    if not cands:
        return None
    return _mention(span, cands, metonymic=is_metonymic(span), admin_word=admin_word, tagged=tagged)


def _is_demonym(text: str) -> bool:
    return text in demonyms() or (text.endswith("s") and text[:-1] in demonyms())


def _region_of(cands: tuple[Candidate, ...], name: str) -> tuple[Candidate, ...]:
    """"Kharkiv region" when only Kharkiv is known: a region around the town, named as the text names it."""
    towns = [c for c in cands if c.feature in ("city", "admin1")]
    return tuple(Candidate(c.place_id, name, c.country, name, c.lat, c.lon, None, "admin1", c.population,
                           c.alternate, c.curated) for c in towns)


def _untagged_mentions(sdoc: Doc, gazetteer: Gazetteer, taken: set[int]) -> list[Mention]:
    """Names spaCy did not tag as places: a proper-noun run that is a notable place as a whole, or, after a
    locative preposition ("in Lyon"), the longest notable place at the start of a capitalised run."""
    found: list[Mention] = []
    free_from = 0
    capitalised = numpy.flatnonzero(sdoc.to_array([IS_TITLE, IS_UPPER]).any(axis=1))   # skip the rest fast
    for i in map(int, capitalised):
        if i < free_from or i in taken:
            continue
        j = _name_run_end(sdoc, i, taken)
        if j == i:
            continue
        free_from = j
        tok = sdoc[i]
        located = _after_locative(sdoc, i, tok.ent_type_ in _PEOPLE_LABELS)
        if located:
            ends = list(range(j, i, -1))
        elif tok.ent_type_ and tok.ent_type_ not in _PLACE_LABELS:
            whole = tok.ent_iob_ == "B" and (j == len(sdoc) or sdoc[j].ent_iob_ != "I")
            ends = [j] if whole else []                       # the whole entity, or nothing
        elif j == i + 1 and tok.is_sent_start and tok.dep_ in ("compound", "amod") and tok.head.is_lower:
            ends = []                 # "Mobile data was suspended": a capitalised first word, not Mobile, Alabama
        else:
            ends = [j] if all(t.pos_ == "PROPN" for t in sdoc[i:j] if _capitalised(t)) else []
        for end in ends:
            span = sdoc[i:end]
            if _is_demonym(span.text):
                break
            m = _lookup(span, gazetteer, tagged=False, located=located)
            if m is not None:
                found.append(m)
                taken.update(range(i, end + m.admin_word))
                break
    return found


def _name_run_end(sdoc: Doc, i: int, taken: set[int]) -> int:
    """End of the run of capitalised tokens from i ("Tahrir Square", "Alma-Ata"), or i if there is none."""
    j = i
    while j < len(sdoc) and j - i < _MAX_NAME_TOKENS and j not in taken:
        tok = sdoc[j]
        joined = j > i and j + 1 < len(sdoc) and not sdoc[j - 1].whitespace_ and (    # "Alma-Ata", "Cox's Bazar"
            tok.text == "'s" and _capitalised(sdoc[j + 1])
            or (tok.text == "-" or tok.is_lower and tok.is_alpha) and not tok.whitespace_)  # "Croix-des-Bouquets"
        if not (_capitalised(tok) or joined):
            break
        j += 1
    while j > i and not _capitalised(sdoc[j - 1]):
        j -= 1
    return j


def _capitalised(tok: Token) -> bool:
    letters = tok.text.replace("'", "").replace("’", "")
    return tok.text[:1].isupper() and letters.isalpha() and (tok.is_title or tok.is_upper and len(tok) > 1
                                                            or letters[1:2].isupper())


def _after_locative(sdoc: Doc, i: int, person: bool = False) -> bool:
    """After "in", "near", "from" …; for a name spaCy calls a person or organisation, not after "to" or
    "from" ("spoke to Kurti", "a call from Borrell"), which name people as often as places."""
    k = i - 1
    if k >= 0 and sdoc[k].lower_ == "the":
        k -= 1
    return k >= 0 and sdoc[k].lower_ in _LOCATIVE_PREPS and not (person and sdoc[k].lower_ in ("to", "from"))


def _notable(c: Candidate, located: bool) -> bool:
    """An untagged capitalised word is a place only if it names something big enough to be news; after
    "in", "near", "from" … a smaller town will do."""
    floor = settings.PLACE_LOCATED_MIN_POPULATION if located else settings.PLACE_UNTAGGED_MIN_POPULATION
    return c.curated or c.feature in ("country", "admin1", "site") or (c.feature == "city" and c.population >= floor)


def _capital_mentions(sdoc: Doc, text: str, taken: set[int]) -> list[Mention]:
    found = []
    for m in _CAPITAL.finditer(text):
        span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or any(t.i in taken for t in span):
            continue
        found.append(_mention(span, (), capital=True, metonymic=is_metonymic(span)))
    return found


def _attach_qualifiers(found: list[Mention], text: str) -> None:
    """"Paris, Texas" / "Kharkiv, Ukraine": the second name says which first one is meant."""
    for k, (first, second) in enumerate(itertools.pairwise(found)):
        wide = tuple(c for c in second.candidates if c.feature in ("country", "admin1"))
        listed = (k > 0 and _joins(text[found[k - 1].end:first.start])
                  or k + 2 < len(found) and _joins(text[second.end:found[k + 2].start]))
        if text[first.end:second.start].strip() == "," and wide and not listed:   # not "Mombasa, Kisumu and Nakuru"
            first.qualifiers = wide
            second.qualifying = True


def _joins(between: str) -> bool:
    return between.strip() in (",", "and", ", and", "or", ", or")


def _mention(span: Span, cands: tuple[Candidate, ...], **flags: bool) -> Mention:
    abroad = span.root.head.lemma_.lower() in MISSION_WORDS and span.root.dep_ in ("compound", "amod", "poss")
    return Mention(text=span.text, start=span.start_char, end=span.end_char, sentence=span.sent.start_char,
                   candidates=cands, abroad=abroad, **flags)  # type: ignore[arg-type]
