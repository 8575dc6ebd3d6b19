"""Within-document coreference: surnames, spelling variants, pronouns and definite descriptions."""
from __future__ import annotations

import dataclasses
from difflib import SequenceMatcher

from spacy.tokens import Doc, Token

from ..nlp import sentence_start
from .dictionary import ActorDictionary
from .resolve import Candidate, Coding, locative

PERSON_PRONOUNS = frozenset({"he", "she", "him"})
THING_PRONOUNS = frozenset({"it"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
POSSESSIVES = frozenset({"his", "her", "its", "their"})
TRIGGERS = PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS | POSSESSIVES | {"the", "this", "that"}
MAX_SENTENCES_BACK = 3          # a pronoun's antecedent is this close, or the pronoun is left alone
MIN_FUZZY_RATIO = 0.8           # "Saki" after "Psaki"; short names must match exactly


class SurnameIndex:
    """People named in full so far, by surname: a later 'Tokayev' or 'Saki' is the same person."""

    def __init__(self) -> None:
        self.by_surname: dict[str, Coding] = {}

    def add(self, name: str, coding: Coding) -> None:
        words = name.replace("-", " ").split()
        if len(words) >= 2:
            self.by_surname[words[-1].lower()] = coding

    def get(self, name: str) -> Coding | None:
        words = name.replace("-", " ").split()
        if len(words) != 1:
            return None
        word = words[0].lower()
        if word in self.by_surname:
            return self.by_surname[word]
        if len(word) < 4:
            return None
        best = max(self.by_surname, key=lambda s: SequenceMatcher(None, word, s).ratio(), default=None)
        if best and SequenceMatcher(None, word, best).ratio() >= MIN_FUZZY_RATIO:
            return self.by_surname[best]
        return None


def expletive(tok: Token) -> bool:
    """'it is clear that …', 'it was reported': no antecedent to look for."""
    head = tok.head
    return head.lemma_ == "be" and any(c.dep_ in ("acomp", "attr", "ccomp", "xcomp") for c in head.children) \
        or tok.dep_ == "nsubjpass"


def antecedent(cands: list[Candidate], before: int, sent_floor: int, want: set[str], plural: bool | None,
               sdoc: Doc) -> Candidate | None:
    """The nearest earlier compatible mention in the pronoun's own sentence; in earlier sentences (back to
    `sent_floor`) the subject of the latest sentence that has one, else its nearest mention."""
    own_start = sentence_start(sdoc, before)

    def fits(c: Candidate) -> bool:
        return c.coding.category in want and (plural is None or c.coding.plural == plural) \
            and bool(c.coding.country or c.coding.sector)

    # "Iraq told the United Nations it would allow ...": the subject of a reported clause is the reporter
    tok = sdoc[before]
    if tok.dep_ == "nsubj" and tok.head.dep_ == "ccomp":
        reporter = {c.i for c in tok.head.head.children if c.dep_ == "nsubj"}
        said_by = next((c for c in cands if c.end <= before and c.start >= own_start and fits(c)
                        and reporter & set(range(c.start, c.end))), None)
        if said_by is not None:
            return said_by
    fallback: Candidate | None = None
    for c in reversed(cands):
        if c.end > before or c.start < sent_floor or not fits(c):
            continue
        if c.start >= own_start:
            return c
        if fallback is not None and sentence_start(sdoc, c.head) != sentence_start(sdoc, fallback.head):
            break                                        # only the latest earlier sentence competes
        if sdoc[c.head].dep_ in ("nsubj", "nsubjpass"):
            return c
        fallback = fallback or c
    return fallback


def resolve(sdoc: Doc, cands: list[Candidate], lex: ActorDictionary) -> list[Candidate]:
    """Add pronoun mentions and recode definite descriptions ('the ministry') from their antecedents."""
    sents = list(sdoc.sents)
    by_start = {c.start: c for c in cands}
    added: list[Candidate] = []
    dropped: set[int] = set()
    n = 0
    for tok in sdoc:
        low = tok.lower_
        if low not in TRIGGERS:
            continue
        while sents[n].end <= tok.i:
            n += 1
        floor = sents[max(0, n - MAX_SENTENCES_BACK)].start
        if low in PERSON_PRONOUNS and tok.pos_ == "PRON":
            ante = antecedent(cands, tok.i, floor, {"person"}, None, sdoc)
            if ante:
                added.append(Candidate(tok.i, tok.i + 1, tok.i, dataclasses.replace(ante.coding), "pronoun"))
        elif low in THING_PRONOUNS and tok.dep_ in ("nsubj", "dobj") and not expletive(tok):
            ante = antecedent(cands, tok.i, floor, {"organisation", "body", "country", "force"}, False, sdoc)
            if ante:
                added.append(Candidate(tok.i, tok.i + 1, tok.i, dataclasses.replace(ante.coding), "pronoun"))
        elif low in PLURAL_PRONOUNS and tok.pos_ == "PRON":
            # "the authorities said they ...": a plural body too
            ante = antecedent(cands, tok.i, floor, {"group", "force", "body"}, True, sdoc)
            if ante:
                added.append(Candidate(tok.i, tok.i + 1, tok.i, dataclasses.replace(ante.coding), "pronoun"))
        elif low in POSSESSIVES and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].lemma_ in ("country", "government"):
            # "his country" is the country of the person speaking
            want = {"person"} if low in ("his", "her") else {"organisation", "body", "country", "force", "group"}
            ante = antecedent(cands, tok.i, floor, want, None, sdoc)
            if ante and ante.coding.country:
                coding = Coding(country=ante.coding.country, sector=["GOV"], category="country",
                                country_stated=True, sector_stated=True)
                added.append(Candidate(tok.i, tok.i + 2, tok.i + 1, coding, "pronoun"))
                dropped.add(tok.i + 1)          # the bare "government" inside it
        elif low in POSSESSIVES and tok.dep_ == "poss" and tok.i + 1 in by_start:
            # "its citizens", "his supporters": people of the owner's country when the text names none
            cand = by_start[tok.i + 1]
            want = {"person"} if low in ("his", "her") else {"organisation", "body", "country", "force", "group"}
            ante = antecedent(cands, tok.i, floor, want, None, sdoc)
            if ante and ante.coding.country and not cand.coding.country_stated:
                cand.coding.country, cand.coding.country_stated = ante.coding.country, True
        elif low in ("the", "this", "that") and tok.i + 1 < len(sdoc):
            head = sdoc[tok.i + 1]
            want_kind = lex.definite_heads.get(head.lemma_.lower())
            cand = by_start.get(tok.i)
            if want_kind is None or want_kind == "country" or (cand is not None and cand.end != tok.i + 2):
                continue
            if cand is None and (head.dep_ == "compound" or locative(head, lex)):
                continue
            probe = cand or Candidate(tok.i, tok.i + 2, tok.i + 1, Coding(category=want_kind), "pronoun")
            ante = definite_antecedent(cands, probe, floor, head.lemma_.lower(), want_kind, sdoc)
            if ante and cand is not None:
                cand.coding = dataclasses.replace(ante.coding, category=cand.coding.category)
            elif ante:
                probe.coding = dataclasses.replace(ante.coding)
                added.append(probe)
    cands = [c for c in cands if not (c.start in dropped and c.end == c.start + 1)]
    return sorted([*cands, *added], key=lambda c: (c.start, -c.end))


def definite_antecedent(cands: list[Candidate], cand: Candidate, floor: int, lemma: str, kind: str, sdoc: Doc
                        ) -> Candidate | None:
    """'the ministry' → the last ministry named; 'the organization' → the last organisation; 'the force' …"""
    for c in reversed(cands):
        if c.end > cand.start or c is cand:
            continue
        if c.start < floor and kind != "organisation":
            break
        words = {t.lemma_.lower() for t in sdoc[c.start:c.end]}
        if kind == "organisation" and c.coding.category == "organisation":
            return c
        if kind == "force" and ("IGO" in c.coding.sector or c.coding.category == "force"):
            return c
        if kind in ("body", "person", "group") and lemma in words and c.end - c.start > 2:
            return c
    return None
