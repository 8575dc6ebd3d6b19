"""Each event's location: the place its clause names, else the place the narrative is in (the paragraph's,
else the story's town), else the country the event concerns; foreign reactions stay unlocated unless
their clause names a place."""
from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc, Token

from .. import settings
from ..records import Document, Event, Place, PlaceMention
from .gazetteer import Gazetteer
from .resolve import prior

# Verbal event types: a foreign government's statement about the story's country happens wherever that
# government is, which the text rarely says, so such events are not placed in the story's country.
REACTION_TYPES = frozenset({"REQUEST", "ACCUSE", "SUPPORT", "CONSULT", "REJECT", "THREATEN", "AGREE", "CONCEDE"})
_PRECISION = {"site": "site", "city": "city", "admin1": "region", "admin2": "region", "country": "country"}
_SPECIFIC = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4}
_TITLE_NAME = re.compile(r"\b[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2}")
_STATIC_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "on"})


def locate_events(doc: Document, gazetteer: Gazetteer) -> None:
    """Fill `location` and `location_precision` of every event in `doc`."""
    home = story_place(doc, gazetteer)
    for event in doc.events:
        place = locate(event, doc, doc.story_country, gazetteer, home)
        event.location = place
        event.location_precision = _PRECISION.get(place.feature or "") if place else None  # type: ignore[assignment]


def story_place(doc: Document, gazetteer: Gazetteer) -> Place | None:
    """The town the story is told from, in its main country: the dateline's, else the only such town named
    in the headline and lead ("Al Shabaab attack on Mogadishu beach kills 32")."""
    main = doc.story_country
    if main is None:
        return None
    dateline = (doc.dateline or {}).get("place")
    if dateline:
        towns = [c for c in gazetteer.lookup(dateline) if c.country == main and c.feature in ("city", "site")]
        if towns:
            return max(towns, key=prior).to_place()
    lead_end = doc.sentences[min(1, len(doc.sentences) - 1)].end if doc.sentences else 0
    lead = {m.place.geonames_id or m.place.name: m.place for m in doc.places
            if m.start < lead_end and m.place.country == main and m.place.feature in ("city", "site")}
    for name in _TITLE_NAME.findall(doc.title or ""):        # a headline cut from the text is not parsed
        towns = [c for c in gazetteer.lookup(name) if c.country == main and c.feature in ("city", "site")
                 and (c.curated or not c.alternate) and c.population >= settings.PLACE_UNTAGGED_MIN_POPULATION]
        if towns:
            best = max(towns, key=prior)
            lead[best.geonames_id or best.name] = best.to_place()
    return next(iter(lead.values())) if len(lead) == 1 else None


def locate(event: Event, doc: Document, main: str | None, gazetteer: Gazetteer,
           home: Place | None = None) -> Place | None:
    trigger = _trigger(event, doc)
    source = event.source.country if event.source else None
    foreign = event.source is not None and source != main
    if trigger is not None:
        stated = clause_place(trigger, doc.places, direct=foreign)
        if stated is not None:
            return as_written(stated)
    if foreign and event.event_type in REACTION_TYPES:
        return None
    concern = event.target.country if event.target and event.target.country and event.event_type not in REACTION_TYPES \
        else main
    if trigger is not None:
        narrative = narrative_place(trigger.idx, doc, concern)
        if narrative is not None:
            return as_written(narrative)
    if home is not None and home.country == concern and event.event_type not in REACTION_TYPES:
        return home
    if concern is None:
        return None
    country = gazetteer.country(concern)
    return country.to_place() if country else None


def as_written(mention: PlaceMention) -> Place:
    """The place under the name the report gives it ("Zvecan", not GeoNames' "Zvečan"; `geonames_id` keeps
    the identity); a description ("the capital") keeps the gazetteer's name."""
    words = mention.text.split()
    if words and words[0].lower() == "the":
        words = words[1:]                                     # "the Dominican Republic", "The capital"
    if not words or not words[0][:1].isupper():
        return mention.place
    return dataclasses.replace(mention.place, name=mention.text)


def _trigger(event: Event, doc: Document) -> Token | None:
    """The trigger's head token in the main text (caption events have none there)."""
    ev = event.evidence
    if (ev.trigger_start is None or ev.trigger_end is None or doc.spacy_doc is None
            or doc.text[ev.start:ev.end] != ev.sentence):
        return None
    span = doc.spacy_doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def clause_place(trigger: Token, places: list[PlaceMention], direct: bool = False) -> PlaceMention | None:
    """The most specific place attached to the trigger: in its own phrase ("in Almaty", "in the main square
    in Almaty") or, for a "where" clause, the place that clause describes. With `direct`, only a place in a
    locative phrase on the trigger itself counts ("said in Geneva", not "concern about the unrest in Almaty"):
    a foreign actor's words and deeds are about a place more often than they happen there."""
    sdoc: Doc = trigger.doc
    sent = trigger.sent
    in_sentence = [p for p in places if sent.start_char <= p.start < sent.end_char]
    attached = []
    for p in in_sentence:
        tok = _token(sdoc, p)
        if tok is None:
            continue
        if direct:
            if tok.dep_ == "pobj" and tok.head.lower_ in _STATIC_LOCATIVE and tok.head.head.i == trigger.i:
                attached.append(p)
        elif (_governor(tok) == trigger or (trigger.pos_ != "VERB" and tok in trigger.subtree)
              or (trigger.dep_ in ("nsubj", "nsubjpass") and _governor(tok) == trigger.head)  # "violence broke out in X"
              or (_governor(tok) in trigger.conjuncts and tok.i < trigger.i)):
            attached.append(p)
    if direct:
        return min(attached, key=lambda p: _SPECIFIC.get(p.place.feature or "", 5)) if attached else None
    if not attached:
        attached = _where_clause_places(trigger, in_sentence)
    if not attached:
        return None
    return min(attached, key=lambda p: (_SPECIFIC.get(p.place.feature or "", 5), abs(p.start - trigger.idx)))


def _where_clause_places(trigger: Token, in_sentence: list[PlaceMention]) -> list[PlaceMention]:
    """"... in the main square in Almaty, where soldiers shot": the relative clause happens at its head."""
    clause = trigger
    while clause.dep_ != "relcl" and clause.head.i != clause.i and clause.pos_ in ("VERB", "AUX"):
        clause = clause.head
    if clause.dep_ != "relcl" or not any(t.lower_ == "where" for t in clause.children):
        return []
    lo, hi = clause.head.left_edge.idx, clause.left_edge.idx
    return [p for p in in_sentence if lo <= p.start and p.end <= hi]


def narrative_place(offset: int, doc: Document, country: str | None) -> PlaceMention | None:
    """The place the story is in at `offset`: a named town or region of the concerned country in the same
    sentence, else the last one before it in the same paragraph."""
    if country is None:
        return None
    para_start = doc.text.rfind("\n", 0, offset) + 1
    para_end = doc.text.find("\n", offset)
    para_end = len(doc.text) if para_end < 0 else para_end
    local = [p for p in doc.places if para_start <= p.start < para_end and p.place.country == country
             and p.place.feature != "country"]
    sent = next((s for s in doc.sentences if s.start <= offset < s.end), None)
    if sent is not None:
        same = [p for p in local if sent.start <= p.start < sent.end]
        if same:
            return min(same, key=lambda p: abs(p.start - offset))
    before = [p for p in local if p.end <= offset]
    return before[-1] if before else None


def _token(sdoc: Doc, p: PlaceMention) -> Token | None:
    span = sdoc.char_span(p.start, p.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _governor(tok: Token) -> Token:
    """The nearest verb above a token: the clause its phrase belongs to."""
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return cur
