"""Event triggers: PLOVER type and mode for verbs (curated rows, then the PETRARCH2-derived lexicon) and nouns."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from ..errors import RuleError
from ..resources import check_keys, read_json, read_jsonl

VERB_KEYS = {"lemma", "type", "mode", "subject", "object", "not_object", "prep", "particle", "count"}
NOUN_KEYS = {"lemma", "type", "mode", "with", "count", "carrier"}
OBJECT_DEPS = {"dobj", "dative", "attr", "oprd", "acomp", "npadvmod", "advmod", "prt", "ccomp", "xcomp"}
PARTICLES = {"out", "down", "up", "off", "back", "over", "away"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss"}
# Participles that only describe a noun ("a looted store", "an attempt backed from abroad") state no event.
DESCRIPTIVE_DEPS = {"amod", "compound", "nmod"}
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
NOT_PARTICIPANTS = {"DATE", "TIME", "MONEY", "PERCENT"}      # "asked on Wednesday": a date is no recipient


@dataclass(slots=True)
class Trigger:
    token: Token
    event_type: str
    mode: str | None
    kind: str                 # verb | noun
    count: str | None = None  # counts key a number on the patient fills (killed, arrested, ...)
    light: Token | None = None  # for nouns: the verb that carries the event noun
    prior: float = 0.5        # confidence before roles: curated verbs > derived verbs > nouns


def _words(tok: Token) -> set[str]:
    return {tok.lemma_.lower(), tok.lower_}


def _phrase_words(tok: Token) -> set[str]:
    """The head word of an argument and its modifiers ("Internet services", "peacekeeping forces")."""
    out = _words(tok)
    for c in tok.children:
        if c.dep_ in MODIFIER_DEPS:
            out |= _words(c)
        elif c.dep_ == "prep" and c.lower_ == "of":      # "a state of emergency", "thousands of troops"
            out |= {w for g in c.children if g.dep_ == "pobj" for w in _words(g)}
    return out


def is_time(tok: Token) -> bool:
    """The head of a date or amount entity ("on Wednesday"); "Niger" in a mis-tagged "Niger last week" is not."""
    if tok.ent_type_ not in NOT_PARTICIPANTS:
        return False
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent is not None and ent.root.i == tok.i


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


class Lexicon:
    """Verb and noun trigger rules, loaded once; `find` codes one sentence."""

    def __init__(self) -> None:
        classes = read_json("events", "classes.json")
        self.classes = {k: frozenset(v) for k, v in classes.items() if not k.startswith("_")}
        self.actor_words = frozenset().union(*(self.classes[k] for k in ("institution", "human", "military", "police",
                                                                          "protester")))
        self.verb_rows: dict[str, list[dict[str, Any]]] = {}
        for n, row in enumerate(read_jsonl("events", "triggers.jsonl"), 1):
            check_keys(row, VERB_KEYS, {"lemma", "type"}, f"events/triggers.jsonl row {n}")
            self.verb_rows.setdefault(row["lemma"], []).append(self._compile(row))
        self.noun_rows: dict[str, list[dict[str, Any]]] = {}
        for n, row in enumerate(read_jsonl("events", "nominal.jsonl"), 1):
            check_keys(row, NOUN_KEYS, {"lemma", "type"}, f"events/nominal.jsonl row {n}")
            self.noun_rows.setdefault(row["lemma"], []).append(row)
        petrarch = read_json("events", "petrarch_verbs.json")
        self.petrarch_verbs: dict[str, list[str]] = petrarch["verbs"]
        self.petrarch_phrasal: dict[str, dict[str, Any]] = petrarch["phrasal"]
        self.synsets: dict[str, dict[str, Any]] = {
            name: {"code": s["code"], "patterns": [self._compile_pattern(p) for p in s["patterns"]]}
            for name, s in petrarch["synsets"].items()}
        ctx = read_json("events", "contexts.json")
        self.occurrence: dict[str, str] = ctx["occurrence_verbs"]
        self.passive_verbs = frozenset(ctx["passive_verbs"])
        self.light_verbs = frozenset(ctx["light_verbs"])
        self.with_preps = frozenset(ctx["with_preps"])

    def _expand(self, words: list[str] | None) -> frozenset[str] | None:
        if words is None:
            return None
        out: set[str] = set()
        for w in words:
            if w.startswith("@"):
                if w[1:] not in self.classes:
                    raise RuleError(f"events/triggers.jsonl: unknown class {w}")
                out |= self.classes[w[1:]]
            else:
                out.add(w)
        return frozenset(out)

    def _compile(self, row: dict[str, Any]) -> dict[str, Any]:
        return {**row, "subject": self._expand(row.get("subject")), "object": self._expand(row.get("object")),
                "not_object": self._expand(row.get("not_object"))}

    @staticmethod
    def _compile_pattern(p: dict[str, Any]) -> tuple[tuple, tuple, Any]:
        def items(xs: list[dict[str, Any]]) -> tuple:
            return tuple((x.get("p"), frozenset(x.get("w") or ())) for x in xs)
        return items(p["subject"]), items(p["after"]), p["code"]

    # ------------------------------------------------------------------ verbs

    @staticmethod
    def arguments(verb: Token) -> tuple[set[str], set[str], dict[str, set[str]], set[str]]:
        """Words of the verb's subject, its objects, the objects of each preposition, and its particles."""
        subj: set[str] = set()
        obj: set[str] = set()
        preps: dict[str, set[str]] = {}
        particles: set[str] = set()
        passive = is_passive(verb)
        heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
        for c in verb.children:
            if c.dep_ == "prt" or (c.dep_ in ("advmod", "prep") and c.lower_ in PARTICLES and c.i == verb.i + 1):
                particles.add(c.lower_)   # "pulled out of the city": the parser often reads the particle as a prep
            elif c.dep_ == "nsubjpass" or c.dep_ in OBJECT_DEPS:
                obj |= _phrase_words(c)
            elif c.dep_ in SUBJECT_DEPS:
                subj |= _phrase_words(c)
            elif c.dep_ == "agent" and passive:
                for g in c.children:
                    if g.dep_ == "pobj":
                        subj |= _phrase_words(g)
            elif c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
                preps.setdefault("for", set()).update(   # "called for the election to be held"
                    w for g in c.children if g.dep_ in ("nsubj", "nsubjpass") for w in _phrase_words(g))
        if not subj:
            subj = inherited_subject_words(verb)
        for h in heads:
            for c in h.children:
                pobjs = [g for g in c.children if g.dep_ in ("pobj", "pcomp") and not is_time(g)]
                if c.dep_ in ("prep", "dative") and c.pos_ == "ADP" and pobjs:
                    words = preps.setdefault(c.lower_, set())
                    for g in pobjs:
                        words |= _phrase_words(g)
        return subj, obj, preps, particles

    def verb_trigger(self, verb: Token) -> Trigger | None:
        lemma = verb.lemma_.lower()
        rows = self.verb_rows.get(lemma)
        petrarch = lemma in self.petrarch_verbs or lemma in self.petrarch_phrasal
        if not rows and not petrarch:
            return None
        subj, obj, preps, particles = self.arguments(verb)
        for row in rows or ():
            if self._row_matches(row, subj, obj, preps, particles):
                if row["type"] is None:
                    return None
                return Trigger(verb, row["type"], row.get("mode"), "verb", row.get("count"), prior=0.7)
        if lemma in self.light_verbs and any(c.dep_ == "dobj" and self._is_event_noun(c) for c in verb.children):
            return None           # "launched an offensive", "announced sanctions": the noun tells the event
        code, specific = self._petrarch_code(lemma, subj, obj, preps, particles)
        if code is None or not (specific or self._has_actor(verb)):
            return None
        return Trigger(verb, str(code[0]), code[1], "verb", prior=0.6)

    def protest_agent(self, verb: Token) -> bool:
        """Whether the doers are a crowd in the street ("demonstrators demanded ...")."""
        from .roles import subject_heads

        return any(h.lemma_.lower() in self.classes["crowd"] for h in subject_heads(verb))

    def _has_actor(self, verb: Token) -> bool:
        """A verb coded only by its dictionary default needs someone doing it ("amassing wealth" is no meeting)."""
        from .roles import subject_heads

        heads = subject_heads(verb) or [c for c in verb.children if c.dep_ == "nsubjpass"]
        return any(h.ent_type_ in ACTOR_ENTS or h.pos_ in ("PROPN", "PRON") or h.lemma_.lower() in self.actor_words
                   or h.lower_ in self.actor_words for h in heads)

    @staticmethod
    def _row_matches(row: dict[str, Any], subj: set[str], obj: set[str], preps: dict[str, set[str]],
                     particles: set[str]) -> bool:
        if row.get("particle") and row["particle"] not in particles:
            return False
        objects = obj
        if row.get("prep"):
            if row["prep"] not in preps:
                return False
            objects = preps[row["prep"]] | obj
        if row["object"] is not None and not (row["object"] & objects):
            return False
        if row["not_object"] is not None and row["not_object"] & objects:
            return False
        return row["subject"] is None or bool(row["subject"] & subj)

    @staticmethod
    def _item_matches(prep: str | None, alts: frozenset[str], preps: dict[str, set[str]], words: set[str]) -> bool:
        if prep:
            return prep in preps and (not alts or bool(alts & preps[prep]))
        return bool(alts & words)

    def _petrarch_code(self, lemma: str, subj: set[str], obj: set[str], preps: dict[str, set[str]],
                       particles: set[str]) -> tuple[list[str | None] | None, bool]:
        """The most specific PETRARCH2 pattern that matches (specific=True), else the phrasal or default code."""
        best: tuple[int, Any] = (0, None)
        words = obj | particles
        for name in self.petrarch_verbs.get(lemma, ()):
            for subject_items, after_items, code in self.synsets[name]["patterns"]:
                items = subject_items + after_items
                if items and len(items) > best[0] and all(self._item_matches(prep, alts, preps, words | subj)
                                                          for prep, alts in items):
                    best = (len(items), code)
        if best[0]:
            return best[1], True
        phrasal = self.petrarch_phrasal.get(lemma, {})
        for part in [*sorted(particles), *preps]:       # particles first, then prepositions in text order
            if part in phrasal:
                return phrasal[part], True
        if "" in phrasal:
            return phrasal[""], False
        codes = [self.synsets[n]["code"] for n in self.petrarch_verbs.get(lemma, ())]
        return next((c for c in codes if c), None), False

    # ------------------------------------------------------------------ nouns

    def _is_event_noun(self, tok: Token) -> bool:
        return tok.lemma_.lower() in self.noun_rows or tok.lower_ in self.noun_rows

    def noun_trigger(self, noun: Token) -> Trigger | None:
        rows = self.noun_rows.get(noun.lemma_.lower()) or self.noun_rows.get(noun.lower_) or []
        carrier = self._noun_position(noun) if rows else None
        if carrier is None:
            return None
        for row in rows:      # in file order; a row with "carrier" needs that verb ("declared a ceasefire")
            if row.get("with") and not any(c.dep_ == "prep" and c.lower_ == row["with"] for c in noun.children):
                continue
            if row.get("carrier") and carrier.lemma_.lower() not in row["carrier"]:
                continue
            if row["type"] is None:
                return None
            return Trigger(noun, row["type"], row.get("mode"), "noun", row.get("count"), light=carrier, prior=0.5)
        return None

    def _noun_position(self, noun: Token) -> Token | None:
        """The verb that makes this noun an event mention, or None when the noun is merely mentioned."""
        while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
        head = noun.head
        lemma = head.lemma_.lower()
        if noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
            if noun.dep_ == "nsubj" and lemma in self.occurrence:
                need = self.occurrence[lemma]
                if not need or any(c.lower_ == need for c in head.children):
                    return head
            if noun.dep_ == "nsubjpass" and lemma in self.passive_verbs:
                return head
        if noun.dep_ == "dobj" and lemma in self.light_verbs:
            return head
        if noun.dep_ == "pobj" and head.lower_ in self.with_preps and any(
                c.dep_ == "prep" and c.lower_ in ("with", "between") for c in noun.children):
            return head.head      # "[the Secretary] in a call with ...", "[met] during talks with ..."
        return None

    def find(self, sent: Span) -> list[Trigger]:
        """Triggers of one sentence, in text order; a verb that is itself an event hides its event noun."""
        found: list[Trigger] = []
        verbs: set[int] = set()
        for tok in sent:
            descriptive = tok.dep_ in DESCRIPTIVE_DEPS or (
                tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(c.dep_ == "aux" for c in tok.children))
            if tok.pos_ == "VERB" and not descriptive and not _imperative(tok):
                trig = self.verb_trigger(tok)
                if trig:
                    found.append(trig)
                    verbs.add(tok.i)
        for tok in sent:
            if tok.pos_ in ("NOUN", "PROPN") and self._is_event_noun(tok):
                trig = self.noun_trigger(tok)
                if trig and trig.light is not None and (trig.light.i not in verbs or trig.light.pos_ != "VERB"):
                    found.append(trig)
        return sorted(found, key=lambda t: t.token.i)


def inherited_subject_words(verb: Token) -> set[str]:
    """Subject words a conjoined or controlled verb shares with its head ("stormed ... and set them on fire")."""
    from .roles import subject_heads

    out: set[str] = set()
    for h in subject_heads(verb):
        out |= _phrase_words(h)
    return out


def _imperative(verb: Token) -> bool:
    """'Leave a Reply', 'Read more': a bare sentence-initial verb with no subject is page furniture, not news."""
    return (verb.dep_ == "ROOT" and verb.tag_ == "VB" and verb.i == verb.sent.start
            and not any(c.dep_ in SUBJECT_DEPS for c in verb.children))
