"""Event triggers: PLOVER type and mode for verbs (curated rows, then the PETRARCH2-derived lexicon) and nouns."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.attrs import LEMMA, LOWER, POS  # type: ignore[import-not-found]
from spacy.parts_of_speech import NOUN, PROPN, VERB  # type: ignore[import-not-found]
from spacy.tokens import Span, Token

from ..errors import RuleError
from ..nlp import sentence_start
from ..resources import check_keys, read_json, read_jsonl


def word_class(name: str) -> frozenset[str]:
    """A named word class of data/events/classes.json (lemmas, lower case)."""
    return frozenset(read_json("events", "classes.json")[name])


VERB_KEYS = {"lemma", "type", "mode", "subject", "object", "not_object", "prep", "particle", "count", "actor",
             "object_actor", "bare", "from", "from_actor"}
NOUN_KEYS = {"lemma", "type", "mode", "with", "modifier", "count", "carrier", "of"}
OBJECT_DEPS = {"dobj", "dative", "attr", "oprd", "acomp", "npadvmod", "advmod", "prt", "ccomp", "xcomp"}
PARTICLES = {"out", "down", "up", "off", "back", "over", "away", "aside"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss"}
# Participles that only describe a noun ("a looted store", "an attempt backed from abroad") state no event.
DESCRIPTIVE_DEPS = {"amod", "compound", "nmod"}
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
NOT_PARTICIPANTS = {"DATE", "TIME", "MONEY", "PERCENT"}      # "asked on Wednesday": a date is no recipient
# "The UN said Israel must withdraw": a statement that another party must or should act is a demand (REQUEST).
SPEECH_VERBS = word_class("speech")
DEMAND_MODALS = {"must", "should"}
# "Washington wants Pakistan to hand over the suspects", "told the rebels to leave": a wish or order aimed at another.
WISH_VERBS = word_class("wish")
# "said the sanctions were illegal", "described the attack as a provocation": a judgement that condemns.
REPROACH_WORDS = word_class("reproach")


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
        elif c.dep_ == "acl" and c.lemma_ == "carry":    # "a plane carrying medical supplies", "convoys carrying food"
            out |= {w for g in c.children if g.dep_ == "dobj" for w in _phrase_words(g)}
    return out


def is_time(tok: Token) -> bool:
    """The head of a date or amount entity ("on Wednesday"); "Niger" in a mis-tagged "Niger last week" is not."""
    if tok.ent_type_ not in NOT_PARTICIPANTS:
        return False
    doc, start, end = tok.doc, tok.i, tok.i + 1
    # the entity around tok from its IOB marks: doc.ents would build every entity span of the document
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].root.i == tok.i


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


class Lexicon:
    """Verb and noun trigger rules, loaded once; `find` codes one sentence."""

    def __init__(self) -> None:
        classes = read_json("events", "classes.json")
        self.classes = {k: frozenset(v) for k, v in classes.items() if not k.startswith("_")}
        self.actor_words = frozenset().union(*(self.classes[k] for k in ("institution", "human", "military", "police",
                                                                          "protester")))
        # verbs of going and of naming fall through to their dictionary patterns only for a named doer: "soldiers
        # returned home", "bombers flew near Okinawa", "the minister called the walkout unjustified" are no events
        self.named_doer_only = self.classes["visit"] | self.classes["naming"]
        self.verb_rows: dict[str, list[dict[str, Any]]] = {}
        for n, row in enumerate(read_jsonl("events", "triggers.jsonl"), 1):
            check_keys(row, VERB_KEYS, {"lemma", "type"}, f"events/triggers.jsonl row {n}")
            self.verb_rows.setdefault(row["lemma"], []).append(self._compile(row))
        self.noun_rows: dict[str, list[dict[str, Any]]] = {}
        for n, row in enumerate(read_jsonl("events", "nominal.jsonl"), 1):
            check_keys(row, NOUN_KEYS, {"lemma", "type"}, f"events/nominal.jsonl row {n}")
            self.noun_rows.setdefault(row["lemma"], []).append({**row, "of": self._expand(row.get("of"))})
        petrarch = read_json("events", "petrarch_verbs.json")
        self.petrarch_verbs: dict[str, list[str]] = petrarch["verbs"]
        self.petrarch_phrasal: dict[str, dict[str, Any]] = petrarch["phrasal"]
        self.synsets: dict[str, dict[str, Any]] = {
            name: {"code": s["code"], "patterns": [self._compile_pattern(p) for p in s["patterns"]]}
            for name, s in petrarch["synsets"].items()}
        ctx = read_json("events", "contexts.json")
        # a verb and the words one of which it must also govern ("took place", "took effect"; none: any)
        self.occurrence: dict[str, frozenset[str]] = {
            k: frozenset(v.split("|")) if v else frozenset() for k, v in ctx["occurrence_verbs"].items()}
        self.passive_verbs = frozenset(ctx["passive_verbs"])
        self.light_verbs = frozenset(ctx["light_verbs"])
        self.with_preps = frozenset(ctx["with_preps"])
        self.copula_preps = frozenset(ctx["copula_preps"])
        self.outcome_preps: dict[str, str] = ctx["outcome_preps"]
        # every lemma verb_trigger can code: other verbs are passed over without a look at their parse
        self.verb_lemmas = frozenset({*SPEECH_VERBS, *WISH_VERBS, "charge", *self.verb_rows, *self.petrarch_verbs,
                                      *self.petrarch_phrasal, *self.classes["receiving"]})

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
                "not_object": self._expand(row.get("not_object")), "from": self._expand(row.get("from"))}

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
        kids = list(verb.children)             # spaCy builds the children anew on every access
        passive = is_passive(verb)
        undergone = causative(verb)
        doer = predicate_subject(verb)
        # "pulled out of the talks": the parser hangs "of" on the particle
        heads = [verb] + [c for c in kids if c.dep_ == "dobj" or (
            c.dep_ in ("prt", "prep", "advmod") and c.lower_ in PARTICLES and c.i == verb.i + 1)]
        if doer is not None and verb.dep_ == "amod":      # "Armenia ceded control of ...": the root noun is the object
            obj |= _phrase_words(verb.head)
            heads.append(verb.head)
        for c in kids:
            if doer is not None and c.i == doer.i:
                subj |= _phrase_words(c)
            elif c.dep_ == "prt" or (c.dep_ in ("advmod", "prep") and c.lower_ in PARTICLES and c.i == verb.i + 1) or (
                    c.dep_ == "advmod" and c.lower_ in ("back", "away") and c.i > verb.i):   # "pulled troops back"
                particles.add(c.lower_)   # "pulled out of the city": the parser often reads the particle as a prep
            elif c.dep_ == "nsubjpass" or c.dep_ in OBJECT_DEPS or (undergone and c.dep_ == "nsubj"):
                obj |= _phrase_words(c)
                if c.dep_ == "ccomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                    # "allowed the party to register": the subject of the infinitive is what is allowed
                    obj.update(w for g in c.children if g.dep_ == "nsubj" for w in _phrase_words(g))
            elif c.dep_ in SUBJECT_DEPS:
                subj |= _phrase_words(c)
            elif c.dep_ == "agent" and passive:
                for g in c.children:
                    if g.dep_ == "pobj":
                        subj |= _phrase_words(g)
            elif c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
                preps.setdefault("for", set()).update(   # "called for the election to be held"
                    w for g in c.children if g.dep_ in ("nsubj", "nsubjpass") for w in _phrase_words(g))
            elif c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                obj.add(c.lemma_.lower())        # the purpose: "flew to Damascus to meet", "sent troops to help"
        if not subj:
            subj = inherited_subject_words(verb)
        for h in heads:
            for c in (kids if h.i == verb.i else h.children):
                if c.dep_ not in ("prep", "dative") or c.pos_ != "ADP":
                    continue
                pobjs = [g for g in c.children if g.dep_ in ("pobj", "pcomp") and not is_time(g)]
                if pobjs:
                    words = preps.setdefault(c.lower_, set())
                    for g in pobjs:
                        words |= _phrase_words(g)
        return subj, obj, preps, particles

    def verb_trigger(self, verb: Token) -> Trigger | None:
        lemma = verb.lemma_.lower()
        if (lemma in SPEECH_VERBS and _demands(verb)) or (lemma in WISH_VERBS and _wants_other(verb)):
            return Trigger(verb, "REQUEST", None, "verb", prior=0.6)
        charges = lemma == "charge" and any(c.dep_ == "ccomp" for c in verb.children)     # "charged that ..."
        if charges or (lemma in SPEECH_VERBS and _blames(verb)):
            return Trigger(verb, "ACCUSE", "allege", "verb", prior=0.6)
        if lemma in SPEECH_VERBS and _reproaches(verb):
            return Trigger(verb, "ACCUSE", "disapprove", "verb", prior=0.6)
        if lemma in self.classes["naming"] and {"dobj", "oprd"} <= {c.dep_ for c in verb.children}:
            return None       # "called the strike political", "branded the protest illegal": a judgement, no act
        if lemma in self.classes["warning"] and _states_condition(verb):
            return None       # "warning that the army is not ready": an assessment, not a threat
        if lemma in self.classes["receiving"]:
            received = self._received(verb)
            if received:
                return received
        rows = self.verb_rows.get(lemma)
        petrarch = lemma in self.petrarch_verbs or lemma in self.petrarch_phrasal
        if not rows and not petrarch:
            return None
        subj, obj, preps, particles = self.arguments(verb)
        for row in rows or ():
            if self._row_matches(row, subj, obj, preps, particles) and self._row_parties(row, verb):
                if row["type"] is None:
                    return self._named_pattern(verb, lemma, row, subj, obj, preps, particles)
                if row["type"] == "PROTEST" and lemma == "protest" and self._state_subject(verb):
                    return Trigger(verb, "ACCUSE", "disapprove", "verb", prior=0.7)   # "Indonesia protested to ..."
                return Trigger(verb, row["type"], row.get("mode"), "verb", row.get("count"), prior=0.7)
        if lemma in self.light_verbs and any(c.dep_ == "dobj" and self._is_event_noun(c) for c in verb.children):
            return None           # "launched an offensive", "announced sanctions": the noun tells the event
        code, specific = self._petrarch_code(lemma, subj, obj, preps, particles)
        if code is None or not (specific or self._has_actor(verb)):
            return None
        return Trigger(verb, str(code[0]), code[1], "verb", prior=0.6)

    def _received(self, verb: Token) -> Trigger | None:
        """"Faced sanctions from the EU", "secured a loan from the IMF": the event of the noun, told by the verb so
        that the roles read the subject as the one it is done to and the one "from" names as the doer."""
        for c in verb.children:
            if c.dep_ == "dobj" and self._is_event_noun(c):
                trig = self.noun_trigger(c)
                if trig is not None and trig.light is not None and trig.light.i == verb.i:
                    return Trigger(verb, trig.event_type, trig.mode, "verb", trig.count, prior=0.7)
        return None

    def _named_pattern(self, verb: Token, lemma: str, row: dict[str, Any], subj: set[str], obj: set[str],
                       preps: dict[str, set[str]], particles: set[str]) -> Trigger | None:
        """A bare "type": null row keeps a common verb ("gave", "took", "went") from coding by the dictionary alone;
        a named party or an actor noun ("Denmark", "the troops") doing it with what a PETRARCH2 pattern names
        ("Denmark gave Ukraine F-16s") still codes."""
        constrained = any(v is not None for k, v in row.items() if k != "lemma")
        if constrained or lemma in self.light_verbs or lemma in self.classes["statement"] or any(
                c.dep_ in ("dobj", "nsubjpass") and self._is_event_noun(c) for c in verb.children):
            return None
        from .roles import subject_heads

        actor_noun_ok = lemma not in self.named_doer_only
        if not any(h.ent_type_ in ACTOR_ENTS or (h.pos_ == "PROPN" and h.ent_type_ not in NOT_PARTICIPANTS)
                   or (actor_noun_ok and h.lemma_.lower() in self.actor_words) for h in subject_heads(verb)):
            return None
        code, specific = self._petrarch_code(lemma, subj, obj, preps, particles)
        if code is None or not specific:
            return None
        return Trigger(verb, str(code[0]), code[1], "verb", prior=0.6)

    def protest_agent(self, verb: Token) -> bool:
        """Whether the doers are a crowd in the street ("demonstrators demanded ...")."""
        from .roles import subject_heads

        return any(h.lemma_.lower() in self.classes["crowd"] for h in subject_heads(verb))

    def _state_subject(self, verb: Token) -> bool:
        """Whether the doer is a state ("Indonesia protested to Australia"): a diplomatic protest, not a crowd's."""
        from .roles import subject_heads

        return any(h.ent_type_ == "GPE" for h in subject_heads(verb))

    def _has_actor(self, verb: Token) -> bool:
        """A verb coded only by its dictionary default needs someone doing it ("amassing wealth" is no meeting)."""
        from .roles import subject_heads

        heads = subject_heads(verb) or [c for c in verb.children if c.dep_ == "nsubjpass"]
        return any(h.ent_type_ in ACTOR_ENTS or h.pos_ in ("PROPN", "PRON") or h.lemma_.lower() in self.actor_words
                   or h.lower_ in self.actor_words for h in heads)

    def _row_parties(self, row: dict[str, Any], verb: Token) -> bool:
        """Who takes part and how: an actor as doer ("Russia backed ..."), a named party as object ("suspended
        Fiji"), no clause of the verb's own ("bare")."""
        if row.get("actor") and not self._has_actor(verb):
            return False
        if row["from"] is not None or row.get("from_actor"):
            givers = _from_party(verb)
            if row["from"] is not None and not any(row["from"] & _phrase_words(g) for g in givers):
                return False
            if row.get("from_actor") and not any(g.ent_type_ in ACTOR_ENTS or g.lemma_.lower() in self.actor_words
                                                 for g in givers):
                return False
        if row.get("bare") and any(c.dep_ in ("xcomp", "ccomp", "advcl") for c in verb.children):
            return False      # "called on the president to resign" asks; "called on the president" visits
        return not row.get("object_actor") or any(c.dep_ == "dobj" and (c.ent_type_ in ACTOR_ENTS or (
            c.pos_ == "PROPN" and c.ent_type_ not in NOT_PARTICIPANTS)) for c in verb.children)

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
        words = obj | particles | subj
        for name in self.petrarch_verbs.get(lemma, ()):
            for subject_items, after_items, code in self.synsets[name]["patterns"]:
                items = subject_items + after_items
                if items and len(items) > best[0] and all(self._item_matches(prep, alts, preps, words)
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
            if row.get("modifier") and not any(c.dep_ in MODIFIER_DEPS and c.lower_ in row["modifier"]
                                               for c in noun.children):
                continue      # "a hunger strike", "joint exercises", "air strikes"
            if row["of"] is not None and not any(row["of"] & _phrase_words(g) for c in noun.children
                                                 if c.dep_ == "prep" and c.lower_ == "of"
                                                 for g in c.children if g.dep_ == "pobj"):
                continue      # "the expulsion of diplomats", "the lifting of the curfew"
            if row["type"] is None:
                return None
            return Trigger(noun, row["type"], row.get("mode"), "noun", row.get("count"), light=carrier, prior=0.5)
        return None

    def _summary(self, verb: Token) -> bool:
        """'a conflict that has killed 10,000 people': a toll summed up in a relative clause, no event of its own."""
        return (verb.dep_ == "relcl" and verb.head.lemma_.lower() in self.classes["conflict"]
                and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children))

    def _noun_position(self, noun: Token) -> Token | None:
        """The verb that makes this noun an event mention, or None when the noun is merely mentioned."""
        counted = noun.head.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and counted.lemma_.lower() in self.classes["quantity"]:
            noun = counted      # "made dozens of arrests", "held a new round of talks"
        while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
        head = noun.head
        lemma = head.lemma_.lower()
        if noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
            if noun.dep_ == "nsubj" and lemma in self.occurrence:
                need = self.occurrence[lemma]
                if not need or any(c.lower_ in need for c in head.children):
                    return head
            if noun.dep_ == "nsubjpass" and lemma in self.passive_verbs:
                return head
        if noun.dep_ == "dobj" and lemma in self.light_verbs:
            return head
        if noun.dep_ == "dobj" and lemma in self.classes["receiving"] and any(
                c.dep_ == "prep" and c.lower_ == "from" for c in (*head.children, *noun.children)):
            return head           # "faced sanctions from the EU", "secured a loan from the IMF" (see _received)
        if noun.dep_ == "pobj" and self.outcome_preps.get(head.head.lemma_.lower()) == head.lower_:
            return head.head      # "the protest led to the arrest of 20 students"
        if noun.dep_ == "ROOT" and not any(t.pos_ in ("VERB", "AUX") for t in noun.sent):
            return noun           # a verbless line: "Fresh clashes between police and protesters in Caracas."
        if noun.dep_ == "pobj" and head.lower_ in self.with_preps and any(
                c.dep_ == "prep" and c.lower_ in ("with", "between", "to") for c in noun.children):
            return head.head      # "[the Secretary] in a call with ...", "[met] during talks with / a visit to ..."
        if noun.dep_ == "pobj" and head.lower_ in self.copula_preps and (head.head.lemma_ == "be" or (
                head.head.dep_ == "ROOT" and head.head.pos_ == "PROPN")):
            # "is on a three-day visit to Malaysia", "are on strike"; a headline "Clinton in Moscow for talks"
            return head.head
        return None

    def find(self, sent: Span) -> list[Trigger]:
        """Triggers of one sentence, in text order; a verb that is itself an event hides its event noun."""
        found: list[Trigger] = []
        verbs: set[int] = set()
        doc, strings = sent.doc, sent.doc.vocab.strings
        # candidates from the token arrays: a Token object is made only for a word the lexicon knows
        rows = doc.to_array([POS, LEMMA, LOWER])[sent.start:sent.end].tolist()
        verb_ids = [sent.start + k for k, (pos, lemma, _) in enumerate(rows)
                    if pos == VERB and strings[lemma].lower() in self.verb_lemmas]
        noun_ids = [sent.start + k for k, (pos, lemma, lower) in enumerate(rows) if pos in (NOUN, PROPN)
                    and (strings[lemma].lower() in self.noun_rows or strings[lower] in self.noun_rows)]
        for tok in (doc[i] for i in verb_ids):
            described = tok.dep_ in DESCRIPTIVE_DEPS or (
                tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(c.dep_ == "aux" for c in tok.children))
            descriptive = (described and predicate_subject(tok) is None) or self._summary(tok) or _record(tok)
            if not descriptive and not _imperative(tok):
                trig = self.verb_trigger(tok)
                if trig:
                    found.append(trig)
                    verbs.add(tok.i)
        for tok in (doc[i] for i in noun_ids):
            trig = self.noun_trigger(tok)
            if trig and trig.light is not None and (trig.light.i not in verbs or trig.light.pos_ != "VERB"):
                found.append(trig)
        return sorted(found, key=lambda t: t.token.i)


def _from_party(verb: Token) -> list[Token]:
    """Who a "from" names, on the verb or on its prepositional object: "came under fire from rebels"."""
    holders = [verb, *(g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")]
    return [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
            for g in c.children if g.dep_ == "pobj"]


def causative(verb: Token) -> bool:
    """'Walf TV had its licence withdrawn': a participle under "have" or "get" tells what was done to its subject's
    thing; the participle's own subject is what was acted on, and no doer is named."""
    return (verb.tag_ == "VBN" and verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_ in ("have", "get")
            and any(c.dep_ == "nsubj" for c in verb.children))


def predicate_subject(verb: Token) -> Token | None:
    """The doer of a main verb the parser hung on a noun of the sentence: 'The government and the opposition
    negotiated in Mexico City', 'Militants massed near the town, residents said' (a participle after a noun that is
    the sentence root, with no verb above it, or a loose "dep": that noun), 'Armenia ceded control of the district'
    (in a sentence with no other verb, a participle before the root noun: the nearest noun before it)."""
    head = verb.head
    if head.pos_ not in ("NOUN", "PROPN") or verb.i == head.i:
        return None
    if verb.dep_ == "acl" and head.i < verb.i and not verb.nbor(-1).is_punct and not any(
            c.dep_ == "agent" for c in verb.children):      # "forces backed by tanks": a reduced relative
        while head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head
        return head if head.dep_ in ("ROOT", "dep") else None
    if verb.dep_ == "amod" and head.dep_ == "ROOT" and verb.i < head.i and verb.tag_ in ("VBD", "VBN"):
        sent = verb.sent
        if any(t.pos_ in ("VERB", "AUX") and t.i != verb.i for t in sent):
            return None
        names = [t for t in sent if t.i < verb.i and t.pos_ in ("NOUN", "PROPN")]
        return names[-1] if names else None
    return None


def inherited_subject_words(verb: Token) -> set[str]:
    """Subject words a conjoined or controlled verb shares with its head ("stormed ... and set them on fire")."""
    from .roles import subject_heads

    out: set[str] = set()
    for h in subject_heads(verb):
        out |= _phrase_words(h)
    return out


def _demands(verb: Token) -> bool:
    """'said Israel must withdraw': a complement with must/should whose subject is another party (not a pronoun)."""
    speaker = {t.i for c in verb.children if c.dep_ == "nsubj" for t in c.subtree}
    for c in verb.children:
        if c.dep_ != "ccomp" or not any(g.dep_ == "aux" and g.lower_ in DEMAND_MODALS for g in c.children):
            continue
        subjects = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
        if subjects and all(g.pos_ != "PRON" and g.i not in speaker for g in subjects):
            return True
    return False


def _blames(verb: Token) -> bool:
    """'said Iran was behind the attack', 'said Syria was responsible for the bombing'."""
    for c in verb.children:
        if c.dep_ == "ccomp" and c.lemma_ == "be" and any(
                (g.dep_ == "acomp" and g.lower_ in ("responsible", "guilty", "culpable"))
                or (g.dep_ == "prep" and g.lower_ == "behind") for g in c.children):
            return True
    return False


def _reproaches(verb: Token) -> bool:
    """'said the sanctions were illegal', 'said the raid was a violation of international law'."""
    for c in verb.children:
        if c.dep_ == "ccomp" and c.lemma_ == "be" and not any(g.dep_ == "neg" for g in c.children):
            told = [g for g in c.children if g.dep_ in ("acomp", "attr", "conj")]
            told += [g for t in told for g in t.children if g.dep_ == "conj"]
            if any(g.lemma_.lower() in REPROACH_WORDS or g.lower_ in REPROACH_WORDS for g in told):
                return True
    return False


def _wants_other(verb: Token) -> bool:
    """'wants Pakistan to hand over', 'hopes the two sides will resume talks', 'told the rebels to leave'."""
    for c in verb.children:
        if c.dep_ == "ccomp" and verb.lemma_.lower() != "tell" and any(
                g.dep_ == "aux" and g.lower_ in ("to", "will", "would") for g in c.children) and any(
                g.dep_ == "nsubj" and g.pos_ != "PRON" for g in c.children):
            return True
        if c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) and any(
                d.dep_ in ("dobj", "dative") and d.pos_ != "PRON" for d in verb.children):
            return True
    return False


def _states_condition(verb: Token) -> bool:
    """'warned that the army is not ready': the warning's only content is a present state (a copula with no modal
    and no "there": "there would be consequences" threatens), and no one is warned."""
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    return bool(comps) and not any(c.dep_ in ("dobj", "dative") for c in verb.children) and all(
        c.lemma_ == "be" and any(g.dep_ in ("acomp", "attr") for g in c.children)
        and not any(g.dep_ == "expl" or (g.dep_ == "aux" and g.tag_ == "MD") for g in c.children) for c in comps)


def _record(verb: Token) -> bool:
    """'Washington, which has backed Kosovo's independence, ...': a relative clause in the present perfect on a named
    actor tells its record, not the news; one in the simple present ("labour changes that unions oppose") a standing
    state of affairs."""
    if verb.dep_ != "relcl":
        return False
    if verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return True
    return (verb.head.pos_ == "PROPN"
            and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "have" for c in verb.children)
            and any(c.dep_ == "nsubj" and c.lower_ in ("which", "who") for c in verb.children))


def _imperative(verb: Token) -> bool:
    """'Leave a Reply', 'Read more': a bare sentence-initial verb with no subject is page furniture, not news."""
    return (verb.dep_ == "ROOT" and verb.tag_ == "VB" and verb.i == sentence_start(verb.doc, verb.i)
            and not any(c.dep_ in SUBJECT_DEPS for c in verb.children))
