"""Factuality (asserted / negated / future / possible) from ConText-style cue rows scoped by the parse."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..records import Factuality
from ..resources import check_keys, read_jsonl
from .triggers import Trigger, word_class

CUE_KEYS = {"category", "pattern", "direction", "scope", "role"}
CATEGORIES = ("negated", "possible", "future")          # the first that applies wins
# Edges along which a cue on a governing word reaches the trigger ("is not to suppress", "not participating in
# eliminating"); a conjunct after "but" escapes negation ("not to suppress ..., but rather to help").
# A gerund subject shares its clause's modality: "leaving the bloc could raise prices" is no withdrawal; an adjective's
# complement its copula's negation: "the army is not ready to take over".
CLAUSE_EDGES = {"xcomp", "pcomp", "prep", "pobj", "conj", "aux", "auxpass", "csubj", "acomp"}
GOVERNOR_EDGES = {"xcomp", "ccomp"}
WALK_EDGES = {"acl", "ccomp", "xcomp", "conj", "prep", "pcomp", "pobj", "dobj"}
# "agreed to talks after weeks of fighting": what a time adjunct names has happened; no governor reaches it.
TIME_PREPS = {"after", "before", "since", "during", "amid", "following", "despite"}
# A cue word that is itself an argument is no modifier: "accepted the peace plan" is no planned event.
NEGATIVE_PRONOUNS = {"nobody", "nothing", "none"}
AHEAD = {"next", "coming"}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "pobj", "csubj"}


@dataclass(frozen=True, slots=True)
class Cue:
    category: str
    pattern: str
    direction: str
    scope: str
    role: str | None = None


def load_cues() -> list[Cue]:
    cues = []
    for n, row in enumerate(read_jsonl("events", "cues.jsonl"), 1):
        check_keys(row, CUE_KEYS, {"category", "pattern", "direction", "scope"}, f"events/cues.jsonl row {n}")
        cues.append(Cue(**row))
    return cues


def _escapes_negation(conj: Token) -> bool:
    return any(c.dep_ == "cc" and c.lower_ in ("but", "instead") and c.i < conj.i for c in conj.head.children)


def _nobody(arg: Token) -> bool:
    """An argument that says none took part: "no one", "nobody", "no shots" (not "no fewer than 20 people")."""
    return arg.lower_ in NEGATIVE_PRONOUNS or any(d.dep_ == "det" and d.lower_ == "no" for d in arg.children)


def _anyone(arg: Token) -> bool:
    """A free-choice party ("anyone", "whoever", "any group that ..."): what it does is only supposed."""
    return arg.lower_ in ("anyone", "anybody", "whoever") or any(d.dep_ == "det" and d.lower_ == "any"
                                                                 for d in arg.children)


def scheduled(verb: Token) -> bool:
    """'after its board meets next week', 'will leave in the coming weeks': a time still ahead."""
    times = [c for c in verb.children if c.dep_ in ("npadvmod", "tmod")]
    times += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "within", "over")
              for g in c.children if g.dep_ == "pobj"]
    return any(m.dep_ == "amod" and m.lower_ in AHEAD for t in times for m in t.children)


def _passed_over(verb: Token) -> bool:
    """'instead of negotiating', 'withdrew rather than fight': the act not chosen."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "of":
        return any(t.lower_ == "instead" for t in (*verb.head.children, verb.head.head))
    return verb.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "than" and c.i < verb.i and c.i > 0
                                       and verb.doc[c.i - 1].lower_ == "rather" for c in verb.head.children)


def _finite(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _purpose_infinitive(verb: Token) -> bool:
    """'summoned the ambassador to protest', 'nothing to discuss': an aim, not a deed."""
    return verb.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _stray_infinitive(conj: Token) -> bool:
    """'called on all parties to exercise restraint, avoid violence and encourage dialogue': a bare infinitive the
    parser conjoined to the finite governor belongs to its complement."""
    return (conj.tag_ == "VB" and conj.head.tag_ in ("VBD", "VBZ", "VBP", "VBN", "VBG")
            and not any(c.dep_ in ("nsubj", "aux", "nsubjpass") for c in conj.children))


# "would not accept", "will not negotiate", "cannot allow": a cooperative act negated under a modal (or a negated
# acceptance) is a refusal, coded REJECT (CAMEO 12).
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
REFUSAL_MODALS = {"will", "would", "wo", "shall", "can", "ca", "could"}
ACCEPTING = word_class("accepting")


def _no_longer(verb: Token) -> bool:
    """'will no longer provide aid', 'did not recognize it any longer', 'no longer recognizes': the act has stopped."""
    return any(c.lower_ == "anymore" or (c.lower_ == "longer" and any(
        g.lower_ in ("no", "any") for g in c.children)) for c in verb.children if c.dep_ in ("advmod", "npadvmod"))


def discontinued(trig: Trigger) -> bool:
    """Whether a cooperative act is said to have stopped: a reduction of relations (SANCTION), not a refusal."""
    return trig.event_type in COOPERATIVE and _no_longer(trig.light or trig.token)


def refusal(trig: Trigger) -> bool:
    """Whether a negated cooperative trigger is a refusal ("Israel said it would not accept the plan")."""
    verb = trig.light or trig.token
    kids = {c.lower_ for c in verb.children if c.dep_ in ("aux", "neg")}
    if trig.event_type not in COOPERATIVE or not kids & {"not", "n't", "never"}:
        return False
    return bool(kids & REFUSAL_MODALS) or verb.lemma_.lower() in ACCEPTING


class FactualityRules:
    """Decides the factuality of a trigger from the cue rows."""

    def __init__(self, cues: list[Cue]) -> None:
        self.governor = {c.pattern: c for c in cues if c.scope == "governor" and c.category in CATEGORIES}
        self.noun = {c.pattern: c for c in cues if c.scope == "noun" and c.category in CATEGORIES}
        self.modifier_words: dict[str, list[Cue]] = {}
        # verbs that assert their object's act ("prompting China to lodge a protest"); see events._inside
        self.implicative = frozenset(c.pattern for c in cues if c.category == "implicative")
        self.attempt = frozenset(c.pattern for c in cues if c.category == "attempt")       # "tried to arrest"
        for c in cues:
            if c.scope == "modifier" and c.category in CATEGORIES:
                self.modifier_words.setdefault(c.pattern, []).append(c)

    def __call__(self, trig: Trigger) -> Factuality:
        found = self._cues(trig)
        verb = trig.token
        if _no_longer(trig.light or verb) or _passed_over(trig.light or verb):
            found.add("negated")
        if _purpose_infinitive(verb) or (verb.dep_ == "conj" and _purpose_infinitive(verb.head)):
            found.add("possible")
        if scheduled(trig.light or verb):
            found.add("future")
        if verb.dep_ == "relcl" and _nobody(verb.head):
            found.add("negated")         # "there is nothing to discuss", "no one to negotiate with"
        carrier = trig.light or verb
        if carrier.dep_ == "relcl" and _anyone(carrier.head):
            found.add("possible")        # "will arrest anyone who joins the strike": whoever may do it
        for cat in CATEGORIES:
            if cat in found:
                return cat  # type: ignore[return-value]
        return "asserted"

    def _cues(self, trig: Trigger) -> set[str]:
        found: set[str] = set()
        anchor = trig.token
        chain = [(trig.token, True)]
        if trig.light is not None and trig.light.i != trig.token.i:
            chain.append((trig.light, True))
            anchor = trig.light
        tok, negatable = anchor, True
        while tok.dep_ in CLAUSE_EDGES and tok.head.i != tok.i:
            if tok.dep_ == "conj" and _finite(tok):
                break                  # "would not give up and called on the military": a clause of its own
            if tok.dep_ == "conj" and _escapes_negation(tok):
                negatable = False
            tok = tok.head
            chain.append((tok, negatable))
        for node, can_negate in chain:
            for child in node.children:
                if child.dep_ in ARGUMENT_DEPS:
                    continue
                words = {child.lower_, child.lemma_.lower()}
                for cue in (c for w in words for c in self.modifier_words.get(w, ())):
                    if cue.category == "negated" and not can_negate:
                        continue
                    if self._direction_ok(cue, child, trig.token):
                        found.add(cue.category)
        if any(_nobody(c) for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")):
            found.add("negated")         # "no direct measures were taken", "no one was arrested"
        found |= self._governed(anchor)
        return found

    def _governed(self, tok: Token) -> set[str]:
        """Cues on words that take the event as their complement: 'threatened to strike', 'called on all parties
        to exercise restraint', 'reports that ... sent troops'. A verb conjoined to the cue word is not governed."""
        complement = False
        for _ in range(8):
            edge, head = tok.dep_, tok.head
            if head.i == tok.i or edge not in WALK_EDGES or (edge == "conj" and _finite(tok)) or (
                    edge in ("pobj", "pcomp") and head.lower_ in TIME_PREPS):
                break
            stray = edge == "conj" and _stray_infinitive(tok)
            complement = complement or stray or edge in GOVERNOR_EDGES or edge == "pcomp" or (
                edge == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))
            lemma = head.lemma_.lower()
            if complement and (edge != "conj" or stray) and lemma in self.governor and head.pos_ in ("VERB", "ADJ", "AUX"):
                return {self.governor[lemma].category}
            if edge in ("acl", "ccomp") and head.pos_ == "NOUN" and lemma in self.noun:
                return {self.noun[lemma].category}
            tok = head
        return set()

    @staticmethod
    def _direction_ok(cue: Cue, cue_tok: Token, trigger: Token) -> bool:
        if cue.direction == "forward":
            return cue_tok.i < trigger.i or cue_tok.dep_ in ("neg", "aux")
        if cue.direction == "backward":
            return cue_tok.i > trigger.i
        return True
