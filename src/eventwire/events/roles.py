"""Source and target of an event from the dependency parse, coded through the actor mentions."""
from __future__ import annotations

from itertools import product

from spacy.tokens import Token

from ..records import Actor, Document
from ..resources import read_json
from .triggers import Trigger, is_passive, is_time

RELATIVE_PRONOUNS = {"that", "which", "who", "whom", "whose"}
RELATIVE_ADVERBS = {"where", "when", "why", "how"}
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
# Parts of a phrase that are not the participant itself: other conjuncts, clauses about it, punctuation.
AUTHOR_PREPS = {"by", "from"}
PHRASE_CUT = {"conj", "cc", "relcl", "acl", "punct", "advcl", "preconj"}
# Types whose recipient is named by a preposition even when the verb has an object: "landed forces in X",
# "renewed support for X", "expressed concern about X", "called on X to ...".
RECIPIENT_BY_PREP = {"AID", "MOBILIZE", "REQUEST", "SUPPORT", "ACCUSE", "CONSULT", "SANCTION", "CONCEDE"}


def _antecedent(tok: Token) -> Token:
    """'the force that Tokayev had requested': a relative pronoun stands for the noun its clause modifies."""
    if tok.lower_ in RELATIVE_PRONOUNS:
        clause = tok.head
        while clause.dep_ != "relcl" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "relcl":
            return clause.head
    return tok


def _author(thing: Token) -> Token:
    """"rejected the proposal by NATO": a statement or plan stands for the one who made it."""
    for prep in thing.children:
        if prep.dep_ == "prep" and prep.lower_ in AUTHOR_PREPS and thing.pos_ == "NOUN":
            for g in prep.children:
                if g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_):
                    return g
    return thing


def subject_heads(verb: Token) -> list[Token]:
    """Head tokens of the doer: the subject, the passive agent, or the subject a controlled or conjoined verb shares."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            return [_antecedent(c)]
        if c.dep_ == "agent":
            return [_antecedent(g) for g in c.children if g.dep_ == "pobj"]
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    head = verb.head
    if head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return []
    if verb.dep_ == "conj":
        return subject_heads(head)
    if verb.dep_ == "xcomp":
        controller = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        return controller[:1] if controller else subject_heads(head)
    if verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN"):
        return subject_heads(head)
    return []


class Roles:
    """Finds source/target heads for a trigger and codes them as Actors."""

    def __init__(self, event_nouns: frozenset[str]) -> None:
        self.event_nouns = event_nouns          # "the protests ... chanting": an event is not its own doer
        ctx = read_json("events", "contexts.json")
        self.weapons = frozenset(read_json("events", "classes.json")["weapon"])
        self.target_preps: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in ctx["target_preps"].items()}
        self.noun_source_preps = frozenset(ctx["noun_source_preps"])
        self.noun_target_preps = frozenset(ctx["noun_target_preps"])

    def heads(self, trig: Trigger) -> tuple[list[Token], list[Token]]:
        return self._noun_heads(trig) if trig.kind == "noun" else self._verb_heads(trig)

    def _verb_heads(self, trig: Trigger) -> tuple[list[Token], list[Token]]:
        verb = trig.token
        sources = subject_heads(verb)
        if verb.dep_ == "conj" and sources and all(t.lemma_.lower() in self.event_nouns for t in sources):
            sources = self._nearer_doer(verb) or sources
        targets: list[Token] = []
        if is_passive(verb):
            targets = [_antecedent(c) for c in verb.children if c.dep_ == "nsubjpass"]
        if not targets:
            objects = [c for c in verb.children if c.dep_ == "dative"] or [c for c in verb.children if c.dep_ == "dobj"]
            targets = [_antecedent(c) for c in objects[:1]]
        if not targets and verb.dep_ == "conj" and is_passive(verb.head) and not sources:
            targets = self._verb_heads(Trigger(verb.head, trig.event_type, None, "verb"))[1]   # "killed and wounded"
        preps = self.target_preps.get(trig.event_type, frozenset())
        holders = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
        found = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps
                 for g in c.children if g.dep_ == "pobj" and not is_time(g)]
        if trig.event_type == "ASSAULT":      # "detonated a bomb", "opened fire", "with rockets": the weapon is no target
            targets = [t for t in targets if t.lemma_.lower() not in self.weapons]
            found = [t for t in found if t.lemma_.lower() not in self.weapons]
        if found and (trig.event_type in RECIPIENT_BY_PREP or not targets):
            targets = found[:1]
        if not targets and verb.dep_ == "relcl" and not any(c.lower_ in RELATIVE_ADVERBS for c in verb.children):
            targets = [verb.head]             # "the force that Tokayev had requested"
        if not targets:                       # "threatened to retaliate against India": the act's recipient
            for comp in (c for c in verb.children if c.dep_ == "xcomp"):
                targets = self._verb_heads(Trigger(comp, trig.event_type, None, "verb"))[1][:1]
        return sources, [_author(t) for t in targets]

    def _nearer_doer(self, verb: Token) -> list[Token]:
        """The parser often joins "protests escalated when protesters stormed … and set them on fire" at the
        wrong verb: when the shared subject is an event, the doer of the nearest verb between the two is meant."""
        for tok in reversed(verb.doc[verb.head.i + 1:verb.i]):
            if tok.pos_ == "VERB":
                doers = [c for c in tok.children if c.dep_ == "nsubj" and c.lemma_.lower() not in self.event_nouns]
                if doers:
                    return [_antecedent(doers[0])]
        return []

    def _noun_heads(self, trig: Trigger) -> tuple[list[Token], list[Token]]:
        noun = trig.token
        sources: list[Token] = []
        targets: list[Token] = []
        for c in noun.children:
            if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN") or (c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE")):
                sources.append(c)
            elif c.dep_ == "prep" and c.lower_ == "between":
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                if pobj:
                    sources, targets = pobj[:1], [g for g in pobj[0].conjuncts][:1]
            elif (c.dep_ == "prep" and c.lower_ in self.noun_source_preps and not sources
                  and (c.lower_ != "of" or trig.event_type == "PROTEST")):   # "the withdrawal of its soldiers"
                sources += [g for g in c.children if g.dep_ == "pobj"]
            elif c.dep_ == "prep" and c.lower_ in self.noun_target_preps:
                targets += [g for g in c.children if g.dep_ == "pobj"]
        carrier = trig.light
        if not sources and carrier is not None and noun.dep_ != "nsubj":
            sources = [carrier] if carrier.pos_ in ("NOUN", "PROPN") else subject_heads(carrier)
        return sources, targets

    @staticmethod
    def expand(heads: list[Token]) -> list[Token]:
        """One participant per named conjunct ("Jordan and Britain"); "his family and allies" or a group a number
        counts as one ("18 police and National Guard personnel") stays one participant."""
        out: list[Token] = []
        for h in heads:
            named = [c for c in (h, *h.conjuncts) if c.ent_type_ in ACTOR_ENTS or c.pos_ == "PROPN"]
            if any(c.dep_ == "nummod" for c in h.children) or len(named) < 1 + len(h.conjuncts):
                out.append(h)
            else:
                out += [h, *[c for c in h.conjuncts if c.i > h.i]]
        return out

    def pairs(self, trig: Trigger) -> list[tuple[Token | None, Token | None]]:
        sources, targets = self.heads(trig)
        src: list[Token | None] = [s for s in self.expand(sources) if s.lemma_.lower() not in self.event_nouns
                                   and not is_time(s)] or [None]
        tgt: list[Token | None] = [t for t in self.expand(targets) if not is_time(t)] or [None]
        return [(s, t) for s, t in product(src, tgt) if s is None or t is None or s.i != t.i]


def phrase_bounds(head: Token) -> tuple[int, int]:
    """Character span of the participant phrase: the head with its modifiers, without conjuncts and clauses."""
    lo, hi = head.i, head.i
    doc = head.doc
    for c in head.children:
        aside = c.i > head.i and doc[c.left_edge.i - 1].text in ("–", "—", "(", ",") and c.dep_ == "prep"
        if c.dep_ in PHRASE_CUT or aside:      # "the US Secretary of State – in a call with ... –"
            continue
        lo, hi = min(lo, c.left_edge.i), max(hi, c.right_edge.i)
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    while lo < hi and doc[lo].is_punct:
        lo += 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def code_actor(doc: Document, head: Token | None) -> Actor | None:
    """An Actor for the phrase headed by `head`: the mention covering the head, else the longest inside the phrase."""
    if head is None:
        return None
    start, end = phrase_bounds(head)
    inside = doc.actors_in(start, end)
    covering = [m for m in inside if m.start <= head.idx < m.end]
    mention = covering[0] if covering else (inside[0] if inside else None)
    if mention is None:
        return Actor(text=doc.text[start:end], country=None, sector=[], start=start, end=end)
    a = mention.actor
    return Actor(text=doc.text[start:end], country=a.country, sector=list(a.sector), name=a.name,
                 start=start, end=end)
