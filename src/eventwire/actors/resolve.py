"""Country, sector and canonical name for an actor phrase: roles the text states first, then the dictionary."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..records import Document
from ..resources import read_json
from .dictionary import ActorDictionary, Entry, code_at, load

_LEXICON = read_json("actors", "lexicon.json")
# head nouns that make a capitalised run an organisation, not a person
ORG_WORDS = frozenset(_LEXICON["organisation_heads"])
PERSON_SECTORS = frozenset({"GOV", "ELI", "LEG", "JUD", "OPP", "MIL", "REB", "CVL", "BUS", "JRN", "SPY", "REL",
                            "COP", "PTY", "LAB", "EDU", "MED", "CRM", "REF", "AGR"})
INTERNATIONAL_SECTORS = frozenset({"IGO", "NGO"})

# what a mention is, for coreference: a pronoun or definite description needs a compatible antecedent
Category = str   # person | organisation | body | force | group | country | place (no antecedent, no story country)


@dataclass(slots=True)
class Match:
    """A dictionary hit over tokens [start, end)."""

    start: int
    end: int
    kind: str                  # name | country | building | capital | agent
    entry: Entry | None = None
    country: str | None = None
    sector: tuple[str, ...] = ()


@dataclass(slots=True)
class Coding:
    """What the text (or the dictionary) says about one actor phrase."""

    country: str | None = None
    sector: list[str] = field(default_factory=list)
    name: str | None = None
    country_stated: bool = False      # the phrase itself names the country (demonym, "of Kazakhstan", …)
    sector_stated: bool = False       # the phrase itself names the role (a title or agent noun)
    category: Category = "body"
    plural: bool = False


@dataclass(slots=True)
class Candidate:
    """An actor mention over tokens [start, end) with its head token and coding."""

    start: int
    end: int
    head: int
    coding: Coding
    kind: str                  # entity | organisation | agent | pronoun | metonym | country


def merge(text: Coding, known: Coding | None) -> Coding:
    """Field by field, what the text states wins over what is known from elsewhere (dictionary, coreference)."""
    if known is None:
        return text
    return Coding(
        country=text.country if text.country_stated else known.country,
        sector=text.sector if text.sector_stated else known.sector,
        name=text.name or known.name,
        country_stated=text.country_stated or known.country_stated,
        sector_stated=text.sector_stated or known.sector_stated,
        category=text.category,
        plural=text.plural,
    )


def sector_with(base: list[str], extra: list[str]) -> list[str]:
    """Two sector lists joined, at most two codes (the scorer wants at least half of them right)."""
    out: list[str] = []
    for s in [*base, *extra]:
        if s not in out:
            out.append(s)
    return out[:2]


def is_person(entry: Entry) -> bool:
    """A dictionary entry for a person: personal roles only (a term at the head of an international body too, as
    Borrell's or Ban Ki-moon's), and no organisation word in the name."""
    sectors = {s for c in entry.codes for s in c[1]}
    return bool(sectors & PERSON_SECTORS) and sectors <= PERSON_SECTORS | INTERNATIONAL_SECTORS and not any(
        w.lower() in ORG_WORDS for w in entry.name.split())


def name_coding(match: Match, when: dt.date | None) -> Coding:
    """Coding of a dictionary match, as of `when`."""
    if match.kind == "name" and match.entry:
        country, sector = code_at(match.entry, when)
        person = is_person(match.entry)
        return Coding(country=country, sector=sector, name=match.entry.name, country_stated=True,
                      category="person" if person else "organisation")
    if match.kind in ("building", "capital"):
        return Coding(country=match.country, sector=list(match.sector) or ["GOV"], category="body")
    return Coding(country=match.country, sector=["GOV"], category="country")


BODY_WORDS = ORG_WORDS | frozenset(_LEXICON["body_heads"])
FORCE_WORDS = frozenset(_LEXICON["force_heads"])


# forces named by a singular noun that takes a plural verb and pronoun
COLLECTIVE_FORCES = frozenset({"police"})


def head_category(head: Token, sector: list[str]) -> tuple[str, bool]:
    """(category, plural) of an agent head noun: person titles, bodies, forces, groups."""
    lemma = head.lemma_.lower()
    if lemma in COLLECTIVE_FORCES:
        return "force", True            # "police said they had arrested ..."
    plural = head.tag_ in ("NNS", "NNPS") and lemma != head.lower_
    if lemma in FORCE_WORDS or sector[:1] == ["MIL"] and plural:
        return "force", plural
    if lemma in BODY_WORDS or head.lower_ in BODY_WORDS:
        return "body", plural
    return ("group" if plural else "person"), plural


class PhraseCoder:
    """Codes a token span from the matches inside it: the head's role, the named country, the inner actor."""

    def __init__(self, sdoc: Doc, lex: ActorDictionary, by_token: dict[int, Match], when: dt.date | None) -> None:
        self.sdoc, self.lex, self.by_token, self.when = sdoc, lex, by_token, when

    def inside(self, start: int, end: int, skip: Match | None) -> list[Match]:
        seen: list[Match] = []
        for t in range(start, end):
            m = self.by_token.get(t)
            if m is not None and m is not skip and (not seen or seen[-1] is not m):
                seen.append(m)
        return seen

    def code(self, start: int, end: int, head: Match) -> Coding:
        head_tok = self.sdoc[head.end - 1]
        sector = list(head.sector)
        inner = self.inside(start, end, head)
        agents = [m for m in inner if m.kind == "agent"]
        named = [m for m in inner if m.kind == "name"]
        places = [m for m in inner if m.kind in ("country", "capital", "building")]
        lemma = head_tok.lemma_.lower()
        # a bare "spokesman"/"official" takes the sector of whoever it speaks for; "police chief" has its own
        inherits = lemma in self.lex.inherit_sector or head_tok.lower_ in self.lex.inherit_sector
        if inherits and head.end - head.start == 1:
            donors = [list(m.sector) for m in agents + [p for p in places if p.kind == "building"]]
            donors += [name_coding(m, self.when).sector for m in named]
            sector = donors[-1] if donors and donors[-1] else sector
        if any(t.lower_.rstrip("-") in self.lex.former for t in self.sdoc[start:head.start]):
            sector = ["ELI"]
        category, plural = head_category(head_tok, sector)
        coding = Coding(sector=sector, sector_stated=True, category=category, plural=plural)
        if named:
            inner_coding = name_coding(named[-1], self.when)
            coding.country, coding.country_stated = inner_coding.country, True
            if inner_coding.category == "organisation" and inner_coding.sector:
                coding.sector = sector_with(inner_coding.sector, sector)    # a force of the CSTO is the CSTO's
        # an international body's mandate is no country of its own: "the tribunal for Rwanda"
        elif places := [m for m in places if not ethnic(self.sdoc, m) and not allegiance(self.sdoc, m)
                        and not ("IGO" in sector and m.start > head.start)]:
            before = [m for m in places if m.start < head.start]
            chosen = before[-1] if before else places[0]
            coding.country, coding.country_stated = chosen.country, True
        return coding


def ethnic(sdoc: Doc, m: Match) -> bool:
    """"ethnic Albanian guerrillas", "ethnic Serbs": a people named by its ethnicity lives where the story is, often
    not in the state that shares its name (Kosovo's Albanians, Bosnia's Serbs)."""
    return m.start > 0 and sdoc[m.start - 1].lower_ == "ethnic"


def allegiance(sdoc: Doc, m: Match | Candidate) -> bool:
    """"pro-Russian separatists", "anti-American protesters", "Iranian-backed militia": the country is the side
    taken or the backer, not the actor's (the militia is of the story's country)."""
    if m.end + 1 < len(sdoc) and sdoc[m.end].text == "-" and sdoc[m.end + 1].lower_ in BACKING:
        return True
    return m.start > 1 and sdoc[m.start - 1].text == "-" and sdoc[m.start - 2].lower_ in ("pro", "anti")


BACKING = frozenset({"backed", "sponsored", "supported", "funded", "armed", "trained", "allied", "aligned"})


def locative(tok: Token, lex: ActorDictionary) -> bool:
    """'in Kazakhstan', 'to Almaty': a place the sentence is about, not a participant."""
    return tok.dep_ == "pobj" and tok.head.lower_ in lex.locative_preps


def story_country(doc: Document) -> str | None:
    """The country the story is about: the dateline place's, else the most-mentioned one (places, then actors)."""
    place = str((doc.dateline or {}).get("place") or "").strip().lower()
    if place:
        for m in doc.places:
            if m.text.lower() == place and m.place.country:
                return m.place.country
        lex = load()
        country = lex.countries.get(place) or lex.capitals.get(place)
        if country:
            return country
    counts: Counter[str] = Counter(m.place.country for m in doc.places if m.place.country)
    # a tie goes to the country of a town named ("U.S. troops raided a house in Tikrit"): a country's name is
    # as often an actor's
    towns = {m.place.country for m in doc.places if m.place.feature not in ("country", None)}
    if counts:
        return max(counts, key=lambda c: (counts[c], c in towns))
    counts = Counter(m.actor.country for m in doc.actors if m.kind == "country" and m.actor.country)
    return counts.most_common(1)[0][0] if counts else None
