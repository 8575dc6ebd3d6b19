"""Actor mentions in a parsed text and the roles the text gives them (titles, appositions, demonyms, "of X")."""
from __future__ import annotations

import dataclasses
import datetime as dt

import numpy
from spacy.attrs import DEP, IS_SPACE, IS_UPPER, LEMMA, LOWER, ORTH, POS, SENT_START
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

from ..nlp import sentence_start
from ..places.metonymy import is_metonymic, seat_of_government
from .coref import SurnameIndex
from .dictionary import ActorDictionary, Entry, norm_key
from .resolve import (
    ORG_WORDS,
    Candidate,
    Coding,
    Match,
    PhraseCoder,
    ethnic,
    is_person,
    locative,
    merge,
    name_coding,
    sector_with,
)

# a name run may carry these lower-case words inside it ("Organization of Islamic Cooperation")
NAME_GLUE = frozenset({"of", "for", "and", "the", "-", "de", "al", "in", "on", "'s", "von", "van", "der", "den", "del",
                       "da", "dos"})
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu"})       # "al-Houthi", "bin Laden": part of a name
PHRASE_POS = frozenset({"DET", "ADJ", "PROPN", "NOUN", "NUM", "PART"})   # what a left modifier can be


def is_capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper()


class Words:
    """The tokens of a parse as plain lists, hyphens dropped ("Kassym-Jomart" is two words, as in the keys)."""

    def __init__(self, sdoc: Doc) -> None:
        # one array read and whole-column conversions: a Python Token per token per attribute costs more
        rows = sdoc.to_array([ORTH, LOWER, LEMMA, POS, IS_UPPER, SENT_START, IS_SPACE, DEP])
        starts = rows[:, 5] == 1
        starts[:1] = False
        sent = numpy.cumsum(starts)                                   # sentence number of each token
        keep = numpy.flatnonzero((rows[:, 6] == 0) & (rows[:, 0] != sdoc.vocab.strings["-"]))
        strings = sdoc.vocab.strings
        kept = rows[keep]
        self.tok: list[int] = keep.tolist()
        self.low: list[str] = [strings[h] for h in kept[:, 1].tolist()]
        self.lemma: list[str] = [strings[h].lower() for h in kept[:, 2].tolist()]
        self.cap: list[bool] = [strings[h][:1].isupper() for h in kept[:, 0].tolist()]
        # "Ban Ki-moon", "Kim Jong-il": a word hyphened onto a capitalised one carries on the name
        joined = {h + 1 for h in numpy.flatnonzero(rows[:, 0] == sdoc.vocab.strings["-"]).tolist()
                  if 0 < h < len(sdoc) - 1 and not sdoc[h - 1].whitespace_ and not sdoc[h].whitespace_
                  and sdoc[h - 1].text[:1].isupper() and sdoc[h + 1].pos_ == "PROPN"}
        if joined:
            for k, t in enumerate(self.tok):
                self.cap[k] = self.cap[k] or t in joined
        self.pos: list[str] = [POS_NAMES[p] for p in kept[:, 3].tolist()]
        self.upper: list[bool] = (kept[:, 4] == 1).tolist()
        self.sent: list[int] = sent[keep].tolist()
        self.subject: list[bool] = (kept[:, 7] == strings["nsubj"]).tolist()


class Matcher:
    """Longest dictionary matches over a parsed text, built once per process."""

    def __init__(self, lex: ActorDictionary) -> None:
        self.lex = lex
        # agent keys by their last word, longest first: a noun is only tried against the lengths that exist
        lengths: dict[str, set[int]] = {}
        for key in lex.agents:
            words = key.split()
            lengths.setdefault(words[-1], set()).add(len(words))
        self.agent_lengths = {w: sorted(ns, reverse=True) for w, ns in lengths.items()}

    def names(self, w: Words) -> list[Match]:
        """Named actors, countries, demonyms, buildings and capitals, longest first, not overlapping."""
        out: list[Match] = []
        n_words = len(w.low)
        i = 0
        while i < n_words:
            first = i + 1 if w.low[i] == "the" else i
            # "al-Qaeda", "al-Shabaab" written with a small "al"
            particle = first + 1 < n_words and w.low[first] in ("al", "el") and w.cap[first + 1]
            if first >= n_words or not (w.cap[first] or particle):
                i += 1
                continue
            end = first + particle
            while end < n_words and end - first < self.lex.max_name_tokens and w.sent[end] == w.sent[first] \
                    and (w.cap[end] or (w.low[end] in NAME_GLUE and end > first)):
                end += 1
            # "Scott Morrison": an unknown first name makes the surname someone else's namesake
            after_first_name = first > 0 and w.pos[first - 1] == "PROPN" and w.cap[first - 1] \
                and w.sent[first - 1] == w.sent[first] and w.low[first - 1] not in self.lex.agents \
                and (not out or out[-1].end <= w.tok[first - 1])
            hit = self._longest(w, i, first, end, after_first_name)
            if hit:
                out.append(hit[0])
                i = hit[1]
            else:
                i = first + 1
        return out

    def _longest(self, w: Words, start: int, first: int, end: int, after_first_name: bool
                 ) -> tuple[Match, int] | None:
        """The longest key in words [first, end) starting at `first`, with the word after it."""
        lex = self.lex
        for j in range(end, first, -1):
            if w.low[j - 1] in NAME_GLUE or j < len(w.low) and w.low[j] == "based":
                continue                                    # "the Hague-based court" is no William Hague
            key = " ".join(w.low[first:j])
            if " 's" in key:
                key = key.replace(" 's", "'s")                      # "Lord's Resistance Army"
            single = j - first == 1
            # one-word keys must look like names: "Who"/"It" at a sentence start are not the WHO
            # ... but "Trump lashed out", which the tagger takes for a noun, is the man
            if single and w.pos[first] not in ("PROPN", "ADJ") and not w.upper[first] and key not in lex.countries \
                    and not (w.subject[first] and w.cap[first] and key in lex.names and is_person(lex.names[key])):
                continue
            a, b = w.tok[start], w.tok[j - 1] + 1
            seat = seat_of_government(key)
            if seat:
                return Match(a, b, "building", country=seat, sector=tuple(lex.building_sectors.get(key, ["GOV"]))), j
            country = lex.countries.get(key) or (lex.countries.get(key[:-1]) if key.endswith("s") else None)
            if country:                                       # plural demonyms too: "Albanians"
                return Match(a, b, "country", country=country), j
            if key in lex.capitals:
                return Match(a, b, "capital", country=lex.capitals[key]), j
            entry = lex.names.get(key)
            # a one-word person key is a surname: not after an unknown first name ("Scott Morrison"), and
            # not before another capitalised word ("Prime Minister" is no Mr Prime)
            if entry and single and (key in lex.agents or (is_person(entry) or key in lex.alone_names) and (
                    after_first_name or j < end and w.cap[j])):
                continue
            if entry and single and first > 1 and w.low[first - 1] in NAME_PARTICLES and w.pos[first - 2] == "PROPN" \
                    and w.sent[first - 2] == w.sent[first]:
                continue                                    # "Abdul-Malik al-Houthi" is a man, not the Houthis
            if entry:
                return Match(a, b, "name", entry=entry), j
        return None

    def agents(self, w: Words, taken: set[int]) -> list[Match]:
        """Agent nouns ('armed criminals', 'Defense Ministry', 'protesters'), keyed on the lemma of the last word."""
        out: list[tuple[int, int, tuple[str, ...]]] = []
        for i, pos in enumerate(w.pos):
            if pos not in ("NOUN", "PROPN") or w.tok[i] in taken:
                continue
            for form in dict.fromkeys((w.lemma[i], w.low[i])):
                hit = self._agent_at(w, i, form, taken)
                if hit:
                    out.append(hit)
                    break
        # a longer agent ('interior ministry') swallows shorter ones ending inside it
        out.sort(key=lambda m: (m[0], -m[1]))
        kept: list[tuple[int, int, tuple[str, ...]]] = []
        for m in out:
            if kept and m[0] < kept[-1][1]:
                if m[1] - m[0] > kept[-1][1] - kept[-1][0]:
                    kept[-1] = m
                continue
            kept.append(m)
        return [Match(w.tok[a], w.tok[b - 1] + 1, "agent", sector=sec) for a, b, sec in kept]

    def _agent_at(self, w: Words, i: int, form: str, taken: set[int]) -> tuple[int, int, tuple[str, ...]] | None:
        for n in self.agent_lengths.get(form, ()):
            first = i - n + 1
            if first < 0 or w.sent[first] != w.sent[i] or any(w.tok[k] in taken for k in range(first, i)):
                continue
            key = " ".join([*w.low[first:i], form])
            sectors = self.lex.agents.get(key)
            if sectors:
                return first, i + 1, tuple(sectors)
        return None


def with_noun(sdoc: Doc, m: Match) -> Match:
    """'the Islamic State group', 'Taliban militants': a named actor's noun belongs to its mention."""
    last = sdoc[m.end - 1]
    if m.kind == "name" and m.end < len(sdoc) and last.dep_ == "compound" and last.head.i == m.end \
            and last.head.pos_ == "NOUN":
        m.end += 1
    return m


def looks_like_org(sdoc: Doc, start: int, end: int) -> bool:
    return any(t.lower_ in ORG_WORDS or t.lemma_.lower() in ORG_WORDS for t in sdoc[start:end])


def left_modifiers(sdoc: Doc, start: int) -> int:
    """Start of the determiners, adjectives and nouns before token `start`, within its sentence."""
    left = start
    # a plain left walk: the parser often hangs a demonym on the name ("Egyptian President Hosni Mubarak")
    floor = sentence_start(sdoc, start)
    while left - 1 >= floor:
        prev = sdoc[left - 1]
        if prev.pos_ not in PHRASE_POS and prev.text not in ("-", "'s", "’s"):
            break
        if prev.lower_ in ("his", "her", "its", "their", "my", "our", "your"):
            break          # "his Kazakh counterpart": the possessor is someone else, not part of the name
        left -= 1
    return left


def phrase_bounds(sdoc: Doc, head: Token, start: int) -> tuple[int, int]:
    """The noun phrase around an agent head: the determiners, adjectives and nouns before it, and an 'of X' after."""
    left = left_modifiers(sdoc, start)
    end = head.i + 1
    for child in head.rights:
        if child.i != end or not (child.dep_ == "prep" and child.lower_ in ("of", "for")
                                  or child.dep_ == "acl" and child.lower_ in ("belonging", "led", "from")):
            continue
        tail = end
        while tail <= min(child.right_edge.i, end + 8) and not (sdoc[tail].is_punct and sdoc[tail].text != "-"):
            tail += 1
        if any(t.dep_ == "pobj" for t in sdoc[end:tail]):
            end = tail
    return left, end


def merge_demonyms(names: list[Match]) -> list[Match]:
    """'Ecuadorean Indians', 'Kosovo Albanians': the first place names the people's country."""
    out: list[Match] = []
    for m in names:
        if out and m.kind == "country" and out[-1].kind == "country" and out[-1].end == m.start:
            out[-1] = Match(out[-1].start, m.end, "country", country=out[-1].country)
        else:
            out.append(m)
    return out


def find(sdoc: Doc, matcher: Matcher, when: dt.date | None, places: frozenset[int] = frozenset(),
         home: str | None = None) -> list[Candidate]:
    """Every actor mention the text itself makes: named actors with their titles, agents, countries, metonyms.
    `places`: the tokens of place mentions (the place stage's); `home`: the story's country, if known.

    Pronouns and definite descriptions are left to coref.resolve; missing countries to the stage.
    """
    lex = matcher.lex
    words = Words(sdoc)
    names = [with_noun(sdoc, regional(sdoc, m, home, lex))
             for m in merge_branches(sdoc, merge_demonyms(split_pairs(sdoc, matcher.names(words), lex)))
             if not place_not_person(sdoc, m, places, lex)]
    taken = {t for m in names for t in range(m.start, m.end)}
    agents = matcher.agents(words, taken)
    by_token: dict[int, Match] = {t: m for m in [*names, *agents] for t in range(m.start, m.end)}
    coder = PhraseCoder(sdoc, lex, by_token, when)
    out: list[Candidate] = []

    # agent phrases: "the Russian Defense Ministry", "26 armed criminals", "the President of Kazakhstan"
    phrase_of: dict[int, Candidate] = {}                     # agent head token → its phrase
    for m in agents:
        head = sdoc[m.end - 1]
        start, end = phrase_bounds(sdoc, head, m.start)
        if any(c.start <= start and end <= c.end for c in out):
            continue                                         # "Deputy" inside "Deputy Foreign Minister"
        out = [c for c in out if not (start <= c.start and c.end <= end)]
        coding = coder.code(start, end, m)
        led = leader(sdoc, start, by_token, lex)
        if led is not None:
            start, coding = led_by(led, coding, when)
        cand = Candidate(start, end, head.i, coding, "agent")
        out.append(cand)
    for cand in out:
        phrase_of[cand.head] = cand

    # named people and organisations: dictionary hits, and capitalised runs spaCy or a title marks as names
    persons = person_spans(sdoc, names, by_token, taken, places, lex)
    surnames = SurnameIndex()
    for start, end, match in persons:
        title = title_before(start, phrase_of, known_name=match is not None) or body_title(sdoc, start, out, lex)
        appos = apposed_title(sdoc, start, end, phrase_of)
        span_start = title.start if title else start
        # a surname after the full name is that person, as the text described them earlier
        known = surnames.get(sdoc[start:end].text) or (name_coding(match, when) if match else None)
        text = None
        if title is not None and title.kind == "agent":
            text = coder.code(title.start, start, by_token[title.head])
        elif title is not None:
            text = dataclasses.replace(title.coding, sector_stated=True)
        if text is None and appos is not None:
            text = appos.coding
        if text is None:
            # "Egyptian President Hosni Mubarak" matched whole: the demonym before it still states the country
            stated = [m for m in coder.inside(left_modifiers(sdoc, start), start, None) if m.kind == "country"]
            if stated:
                text = Coding(country=stated[-1].country, country_stated=True, category="person")
                span_start = stated[0].start
        coding = merge(text, known) if text else known or Coding()
        named_body = title is not None and title.coding.category == "body"
        # "NATO", "Hamas": a dictionary body is an organisation whatever its name looks like
        known_body = match is not None and match.entry is not None and not is_person(match.entry)
        coding.category = "organisation" if named_body or known_body or looks_like_org(sdoc, start, end) else "person"
        coding.name = coding.name or sdoc[start:end].text
        kind = "organisation" if coding.category == "organisation" else "entity"
        cand = Candidate(span_start, end, end - 1, coding, kind)
        out.append(cand)
        if coding.category == "person":
            surnames.add(sdoc[start:end].text, coding)
        if title and title in out:
            out.remove(title)
        if appos is not None:
            appos.coding = cand.coding                       # "the President of Kazakhstan" is Tokayev

    titled_as(sdoc, out)

    # countries, demonyms, capitals and buildings outside the phrases above
    covered = {t for c in out for t in range(c.start, c.end)}
    for m in names:
        if m.kind == "name" or m.start in covered:
            continue
        tok = sdoc[m.end - 1]
        # "Moscow said", "accused Washington of", "talks with Beijing": a capital acting, not a location
        # "fired a missile at Riyadh", "lashed out at Beijing": "at" a capital is aimed at its government
        acting = tok.dep_ in ("nsubj", "nsubjpass", "dobj", "dative") \
            or tok.dep_ == "pobj" and (not locative(tok, lex) or tok.head.lower_ == "at")
        if m.kind == "capital" and not (is_metonymic(sdoc[m.start:m.end]) or acting):
            continue
        body = lex.capital_bodies.get(norm_key(sdoc[m.start:m.end].text)) if m.kind == "capital" else None
        coding = name_coding(dataclasses.replace(m, kind="name", entry=body) if body else m, when)
        if m.kind == "country" and ethnic(sdoc, m):
            coding.country = None           # "ethnic Albanian mayors" in Kosovo: a people, not a state
        if m.kind == "country" and tok.lower_.endswith("s") and tok.lower_[:-1] in lex.countries:
            coding.sector, coding.category, coding.plural = ["CVL"], "group", True     # "Palestinians threw stones"
        elif m.kind == "country" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            coding.sector, coding.category = ["CVL"], "person"                          # "a Briton was kidnapped"
        if m.kind == "country" and locative(tok, lex):
            coding.sector = []              # "landed forces in Kazakhstan": a participant perhaps, no government
        kind = {"country": "country", "capital": "metonym", "building": "metonym"}[m.kind]
        start, end = m.start, m.end
        if m.kind == "country" and tok.dep_ in ("amod", "compound") and tok.head.i == m.end \
                and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i not in covered and tok.head.i not in by_token:
            end = tok.head.i + 1                              # "Israeli negotiators": the demonym's people
            coding.sector, coding.category = [], "group"
            if tok.head.lemma_.lower() in lex.edge_nouns:     # "near the Venezuelan border": as often the other side
                coding.category = "place"
        out.append(Candidate(start, end, end - 1, coding, kind))
    out.sort(key=lambda c: (c.start, -c.end))
    return out


def leader(sdoc: Doc, start: int, by_token: dict[int, Match], lex: ActorDictionary) -> Match | None:
    """"NATO-led troops", "the U.S.-led coalition", "the Hamas-led government": the actor the phrase is led by."""
    if start == 0:
        return None
    led = sdoc[start - 1]
    if led.lower_.endswith("-led") and led.i not in by_token:      # "U.S.-led" is one token
        country = lex.countries.get(norm_key(led.text[:-4]))
        return Match(led.i, start, "country", country=country) if country else None
    if led.lower_ != "led" or start < 3 or sdoc[start - 2].text != "-" or sdoc[start - 2].whitespace_:
        return None
    m = by_token.get(start - 3)
    return m if m is not None and m.kind in ("name", "country") and m.end == start - 2 else None


def led_by(led: Match, coding: Coding, when: dt.date | None) -> tuple[int, Coding]:
    """The phrase is its leader's: a state's or a group's country ("the Saudi-led coalition" → SAU), and an
    international body's sector with no country ("NATO-led troops" → IGO)."""
    by = name_coding(led, when)
    coding = dataclasses.replace(coding, country=by.country, country_stated=True)
    if "IGO" in by.sector:
        coding.sector = sector_with(coding.sector, ["IGO"])
    return led.start, coding


def body_title(sdoc: Doc, start: int, cands: list[Candidate], lex: ActorDictionary) -> Candidate | None:
    """"UN envoy Lakhdar Brahimi", "U.N. Secretary-General Kofi Annan": a named body's title right before a name makes
    the person the body's (the matcher took the title noun into the body's name)."""
    last = sdoc[start - 1] if start > 0 else None
    if last is None or last.lemma_.lower() not in lex.agents:
        return None
    # a capitalised title ("U.N. Secretary-General Kofi Annan") only for an international body's own office
    return next((c for c in cands if c.end == start and c.kind in ("entity", "organisation")
                 and c.coding.country_stated and (not is_capitalised(last) or "IGO" in c.coding.sector)), None)


def titled_as(sdoc: Doc, cands: list[Candidate]) -> None:
    """"the election of Vojislav Kostunica as Yugoslav president", "Kostunica met ... on his first trip abroad as
    Yugoslav president": a title after "as" that states a country is the role of the nearest person before it in the
    sentence whom neither the text nor the dictionary gives a country."""
    for title in cands:
        if title.kind != "agent" or title.start == 0 or sdoc[title.start - 1].lower_ != "as" \
                or title.coding.category != "person" or not title.coding.country_stated:
            continue
        floor = sdoc[title.start].sent.start
        person = next((c for c in reversed(cands) if c.kind == "entity" and floor <= c.start and c.end < title.start
                       and c.coding.category == "person"), None)
        if person is not None and person.coding.country is None:
            person.coding = merge(title.coding, person.coding)
            person.coding.category = "person"


def place_not_person(sdoc: Doc, m: Match, places: frozenset[int], lex: ActorDictionary) -> bool:
    """"the Bali bombing", "the Delmas district", "the Sahel states": a word that is a known place and a
    dictionary person's bare surname names the place when it modifies a noun or follows a preposition of place;
    "the West" is a place only where the place stage found one ("the West region")."""
    tok = sdoc[m.end - 1]
    if m.kind != "name" or m.entry is None or m.end - m.start > 1 + (sdoc[m.start].lower_ == "the"):
        return False
    if tok.lower_ in lex.alone_names and tok.i in places:          # "the West region" of Cameroon
        return True
    return norm_key(m.entry.name) != tok.lower_ and is_person(m.entry) and names_place(tok, places, lex)


def names_place(tok: Token, places: frozenset[int], lex: ActorDictionary) -> bool:
    """A word of a place mention that modifies a noun ("the Sahel states"), follows a preposition of place or
    names a settlement ("the town of Goma")."""
    return tok.i in places and (tok.dep_ in ("compound", "amod") and tok.head.i > tok.i or locative(tok, lex)
                                or tok.dep_ == "pobj" and tok.head.lower_ == "of"
                                and tok.head.head.lemma_.lower() in lex.settlement_nouns)


def regional(sdoc: Doc, m: Match, home: str | None, lex: ActorDictionary) -> Match:
    """"The Taliban" in a story about Pakistan, "Kurdish rebels" in one about Iraq: a group or people of several
    countries is of the story's country when that is one of them, unless the name states its own ("Afghan Taliban")."""
    entry = m.entry if m.kind == "name" else None
    countries = lex.operates_in.get(norm_key(entry.name)) if entry else None
    if entry is None or not countries or home not in countries \
            or any(t.lower_ in lex.countries for t in sdoc[m.start:m.end]):
        return m
    undated = [c for c in entry.codes if not (c[2] or c[3])] or list(entry.codes[-1:])
    return Match(m.start, m.end, "name", entry=Entry(entry.name, ((home, undated[0][1], None, None),)))


def split_pairs(sdoc: Doc, names: list[Match], lex: ActorDictionary) -> list[Match]:
    """"North and South Korea", "East and West Germany": the first word of the pair names a country of its own."""
    out: list[Match] = []
    for m in names:
        first = m.start - 2
        if m.kind == "country" and m.end - m.start == 2 and first >= 0 and sdoc[m.start - 1].lower_ == "and" \
                and (not out or out[-1].end <= first):
            country = lex.countries.get(f"{sdoc[first].lower_} {sdoc[m.end - 1].lower_}")
            if country and country != m.country:
                out.append(Match(first, first + 1, "country", country=country))
        out.append(m)
    return out


def merge_branches(sdoc: Doc, names: list[Match]) -> list[Match]:
    """'Amnesty International Senegal': a known non-governmental body named with a country is its branch there."""
    out: list[Match] = []
    for m in names:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "name" and prev.entry is not None and m.kind == "country"
                and prev.end == m.start and sdoc[prev.end - 1].head.i in range(m.start, m.end)
                and any("NGO" in c[1] for c in prev.entry.codes)):
            branch = Entry(f"{prev.entry.name} {sdoc[m.start:m.end].text}", ((m.country, ("NGO",), None, None),))
            out[-1] = Match(prev.start, m.end, "name", entry=branch)
        else:
            out.append(m)
    return out


def person_spans(sdoc: Doc, names: list[Match], by_token: dict[int, Match], taken: set[int],
                 places: frozenset[int], lex: ActorDictionary) -> list[tuple[int, int, Match | None]]:
    """Named actors: dictionary names, and capitalised runs that spaCy tags or that follow a title; not a place
    the text puts something in ("met Bosnian Serb leaders in Banja Luka")."""
    spans: list[tuple[int, int, Match | None]] = [(m.start, m.end, m) for m in names if m.kind == "name"]
    used = set(taken) | {t for t, m in by_token.items() if m.kind == "agent"}
    for ent in sdoc.ents:
        if ent.label_ not in ("PERSON", "ORG") or names_place(ent.root, places, lex):
            continue
        if ent.label_ == "ORG" and any(t in used for t in range(ent.start, ent.end)):
            continue                      # "Health Ministry": the agent phrase codes it whole
        start = ent.start
        while start < ent.end and (start in used or not is_capitalised(sdoc[start])):
            start += 1
        if start == ent.start:
            start = first_name_before(sdoc, ent, used)
        end = start
        while end < ent.end and end not in used:
            end += 1
        if end > start and sdoc[start].pos_ == "PROPN":
            spans.append((start, end, None))
            used |= set(range(start, end))
    # "Ana Lopez, a spokeswoman for the army": a capitalised run with a title in apposition is a name
    for t, m in by_token.items():
        tok = sdoc[t]
        if m.kind != "agent" or t != m.end - 1 or tok.dep_ != "appos" or tok.head.pos_ != "PROPN":
            continue
        end = tok.head.i + 1
        start = tok.head.i
        while start - 1 >= 0 and sdoc[start - 1].dep_ == "compound" and sdoc[start - 1].pos_ == "PROPN":
            start -= 1
        if not used & set(range(start, end)) and is_capitalised(sdoc[start]):
            spans.append((start, end, None))
            used |= set(range(start, end))
    # "counterpart Mukhtar Tlioberdi": a capitalised run right after a title is a name whatever spaCy says
    for t, m in by_token.items():
        if m.kind != "agent" or t != m.end - 1 or t + 1 >= len(sdoc):
            continue
        nxt = sdoc[t + 1]
        if nxt.i in used or nxt.pos_ != "PROPN" or not is_capitalised(nxt):
            continue
        end = nxt.i
        while end < len(sdoc) and end not in used and sdoc[end].pos_ == "PROPN" and is_capitalised(sdoc[end]):
            end += 1
        spans.append((nxt.i, end, None))
        used |= set(range(nxt.i, end))
    return sorted(spans, key=lambda s: s[0])


def first_name_before(sdoc: Doc, ent: Span, used: set[int]) -> int:
    """'Attorney General Tarek William Saab': a first name the parser hangs on the name but leaves out of the entity."""
    start = ent.start
    while start - 1 >= 0 and start - 1 not in used and sdoc[start - 1].pos_ == "PROPN" \
            and sdoc[start - 1].dep_ == "compound" and ent.start <= sdoc[start - 1].head.i < ent.end \
            and is_capitalised(sdoc[start - 1]):
        start -= 1
    return start


def title_before(start: int, phrase_of: dict[int, Candidate], known_name: bool = False) -> Candidate | None:
    """The agent phrase that ends right before a name: 'Russian Deputy Foreign Minister' Alexander Grushko, 'the
    rights group' Foro Penal (a body's own name, where the dictionary does not know the name)."""
    cand = phrase_of.get(start - 1)
    if cand is None or cand.coding.category not in ("person", "group", *(() if known_name else ("body",))):
        return None
    return cand


def apposed_title(sdoc: Doc, start: int, end: int, phrase_of: dict[int, Candidate]) -> Candidate | None:
    """'the President of Kazakhstan, Kassym-Jomart Tokayev' / 'Tokayev, the President of Kazakhstan'."""
    root = sdoc[end - 1]
    if root.dep_ == "appos":
        for cand in phrase_of.values():          # the parser may hang the name on "Kazakhstan", not "President"
            if cand.start <= root.head.i < cand.end and cand.end <= start:
                return cand
    for child in root.children:
        if child.dep_ == "appos" and child.i in phrase_of:
            return phrase_of[child.i]
    return None
