"""Stage 6: actor mentions with country, sector and canonical name (`actors[]`)."""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from ..nlp import sentence_start
from ..records import Actor, ActorMention, Document
from ..resources import read_json
from .coref import resolve
from .dictionary import ActorDictionary, load, norm_key
from .find import Matcher, find
from .resolve import Candidate, allegiance, story_country

__all__ = ["ActorStage", "story_country"]

WORLDWIDE = frozenset(read_json("actors", "lexicon.json")["worldwide_words"])   # "a global rights group"


class ActorStage:
    """Find every actor mention, code it as of the publication date, resolve coreference."""

    name = "actors"
    requires = ("spacy_doc", "sentences", "places")
    provides = ("actors",)

    def __init__(self, lex: ActorDictionary | None = None) -> None:
        self.lex = lex or load()
        self.matcher = Matcher(self.lex)
        keys = sorted(self.lex.home_countries, key=len, reverse=True)
        self.home_body = re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + r")\b")

    def __call__(self, doc: Document) -> Document:
        sdoc = doc.spacy_doc
        story = story_country(doc)
        cands = resolve(sdoc, find(sdoc, self.matcher, doc.published, place_tokens(doc), story), self.lex)
        in_context(doc, cands, self.lex)
        home = story or most_named_country(sdoc, cands)
        doc.actors = [self.mention(doc, c, sdoc, cands, home) for c in cands]
        return doc

    def mention(self, doc: Document, c: Candidate, sdoc: Doc, cands: list[Candidate], home: str | None
                ) -> ActorMention:
        """The record for one candidate, with character offsets and the fallback country."""
        start, end = sdoc[c.start].idx, sdoc[c.end - 1].idx + len(sdoc[c.end - 1])
        coding = c.coding
        country = coding.country
        if country is None and not coding.country_stated and not worldwide(sdoc, c):
            # "the Foreign Office" is Britain's in English wire copy; a title without a country ("Foreign Minister X
        # said") belongs to the country just named;
            # generic agents (police, protesters, state television) and unknown bodies, a rights group the
            # dictionary does not know ("the human rights group Foro Penal") too, to the story's country
            body = self.home_body.search(doc.text[start:end].lower())
            country = (self.lex.home_countries[body.group(0)] if body else None) \
                or origin_country(sdoc, c, cands) or sentence_country(sdoc, c, cands) \
                or partner_country(sdoc, c, cands) or home
        text = doc.text[start:end]
        actor = Actor(text=text, country=country, sector=list(coding.sector), name=coding.name,
                      start=start, end=end)
        return ActorMention(actor=actor, start=start, end=end, kind=c.kind)


def worldwide(sdoc: Doc, c: Candidate) -> bool:
    """An international body, or a non-governmental one that calls itself international: of no one country."""
    if "IGO" in c.coding.sector:
        return True
    return "NGO" in c.coding.sector and any(t.lower_ in WORLDWIDE for t in sdoc[c.start:c.end])


def in_context(doc: Document, cands: list[Candidate], lex: ActorDictionary) -> None:
    """"Congo" in a story with Brazzaville or Pointe-Noire, or with Goma, Kinshasa or "eastern": a name of several
    countries is the one of them that the story's other places and named actors are in and its cue words tell, else
    the dictionary's (the Republic of Congo, as in PETRARCH2 and CAMEO); a known person's "Congo" is the person's."""
    sdoc = doc.spacy_doc
    names = [ambiguous_name(sdoc, c, lex) for c in cands]
    if not any(names):
        return
    words = {t.lower_ for t in sdoc}
    for c, name in zip(cands, names):
        if name is None:
            continue
        cues = lex.ambiguous_countries[name]
        known = lex.names.get(norm_key(c.coding.name or ""))
        if c.kind != "country" and known is not None:        # "Congo's President Denis Sassou Nguesso": his Congo
            c.coding.country = next((k[0] for k in known.codes if k[0] in cues), c.coding.country)
            continue
        support = Counter(o.coding.country for o, n in zip(cands, names) if n is None and o.coding.country in cues)
        start, end = sdoc[c.start].idx, sdoc[c.end - 1].idx + len(sdoc[c.end - 1])
        support.update(m.place.country for m in doc.places if m.place.country in cues
                       and not (m.start < end and start < m.end) and norm_key(m.text) not in lex.ambiguous_countries)
        support.update(country for country, said in cues.items() for _ in said & words)
        ranked = support.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            c.coding.country = ranked[0][0]


def ambiguous_name(sdoc: Doc, c: Candidate, lex: ActorDictionary) -> str | None:
    """The name of several countries ("Congo") the phrase takes its country from, if any: the whole of a country
    mention, a word of any other phrase that states a country."""
    if c.kind == "country":
        key = norm_key(sdoc[c.start:c.end].text)
        return key if key in lex.ambiguous_countries else None
    if not c.coding.country_stated:
        return None
    return next((t.lower_ for t in sdoc[c.start:c.end] if t.lower_ in lex.ambiguous_countries), None)


def place_tokens(doc: Document) -> frozenset[int]:
    """Token indices of the place mentions."""
    sdoc = doc.spacy_doc
    spans = (sdoc.char_span(m.start, m.end, alignment_mode="expand") for m in doc.places)
    return frozenset(i for span in spans if span is not None for i in range(span.start, span.end))


def origin_country(sdoc: Doc, c: Candidate, cands: list[Candidate]) -> str | None:
    """"Rebels from Liberia", "refugees from Afghanistan": where the unstated actor comes from."""
    origins = [g.i for p in sdoc[c.head].children if p.dep_ == "prep" and p.lower_ == "from"
               for g in p.children if g.dep_ == "pobj"]
    return next((o.coding.country for o in cands for i in origins
                 if o.kind == "country" and o.start <= i < o.end and o.coding.country), None)


def sentence_country(sdoc: Doc, c: Candidate, cands: list[Candidate]) -> str | None:
    """The last country-as-actor named earlier in the same sentence, for persons only."""
    if c.coding.category != "person":
        return None
    sent_start = sentence_start(sdoc, c.start)
    for other in reversed(cands):
        if other.end <= c.start and other.start >= sent_start and other.kind == "country" and other.coding.country \
                and not allegiance(sdoc, other):          # "Iranian-backed militia": not Iran's
            return other.coding.country
    return None


def partner_country(sdoc: Doc, c: Candidate, cands: list[Candidate]) -> str | None:
    """"The Philippine government and Muslim rebels": a party joined to one whose country the text states shares it."""
    head = sdoc[c.head]
    if head.dep_ != "conj":
        return None
    first = head.head
    return next((o.coding.country for o in cands if o.start <= first.i < o.end
                 and (o.coding.country_stated or o.kind == "country")), None)


def most_named_country(sdoc: Doc, cands: list[Candidate]) -> str | None:
    """The country most named as such, else the one most stated in actor phrases ("Malaysian police arrested ...");
    a backer or a side taken ("Iranian-backed", "pro-Russian") is not what the story is about."""
    counts = Counter(c.coding.country for c in cands if c.kind == "country" and c.coding.country
                     and c.coding.category != "place" and not allegiance(sdoc, c))
    if not counts:
        counts = Counter(c.coding.country for c in cands if c.coding.country_stated and c.coding.country)
    return counts.most_common(1)[0][0] if counts else None
