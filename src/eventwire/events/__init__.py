"""Stage 7: PLOVER events with roles, counts, factuality, attribution and evidence (`events[]`)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..records import Actor, Document, Event, Sentence
from .attribution import Attribution
from .counts import counts_for
from .evidence import evidence_for
from .factuality import FactualityRules, load_cues
from .roles import Roles, code_actor
from .triggers import Lexicon, Trigger

# A participle that elaborates a statement ("expressed concern ..., calling for its rejection") is the same
# speech act, not a second event.
VERBAL_TYPES = {"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"}
# "vowed to retaliate": a promise of force is coded by what is promised (THREATEN, below), not as AGREE too.
COMMISSIVES = {"vow", "pledge", "promise", "offer", "agree", "undertake", "threaten"}
# PLOVER: "Cooperative actions of types CONSULT, SUPPORT, COOPERATE, and AID reported in future tense are also
# taken to imply intentions and should be coded as AGREE."
# Only those four: a future RETREAT or CONCEDE ("will leave as soon as its mission ends") stays a future event.
# A deployment announced for later ("would deploy 700 troops to Kosovo") is read as a commitment, like AID; a
# stated intention to use force or pressure is a threat (CAMEO 13).
# A meeting merely scheduled ("will host a summit", "are due to hold talks") is no event yet: it stays future;
# a stated wish to meet ("agreed to meet again", "ready to mediate", "offered to negotiate") is AGREE (CAMEO 036).
INTENDED = {**dict.fromkeys(("SUPPORT", "COOPERATE", "AID", "MOBILIZE"), "AGREE"),
            **dict.fromkeys(("ASSAULT", "COERCE", "SANCTION"), "THREATEN")}
OWN_CLAUSE_DEPS = {"conj", "cc", "parataxis", "relcl", "prep"}
INTENT_WORDS = {"agree", "offer", "plan", "intend", "ready", "willing", "prepared", "want", "seek", "hope", "propose",
                "pledge", "promise", "vow", "decide"}
CONFLICT_TYPES = {"ASSAULT", "COERCE", "SANCTION", "THREATEN"}
# "detonated a bomb and opened fire ..., killing 32 people and wounding 63": the casualties of one attack.
CASUALTY_COUNTS = {"killed", "injured"}
# What protesters demand or denounce is the content of their protest, not a second (verbal) event.
PROTEST_CONTENT = {"REQUEST", "ACCUSE"}


class EventStage:
    name = "events"
    requires = ("spacy_doc", "sentences", "actors", "dates")
    provides = ("events",)

    def __init__(self) -> None:
        cues = load_cues()
        self.lexicon = Lexicon()
        self.roles = Roles(frozenset(self.lexicon.noun_rows))
        self.factuality = FactualityRules(cues)
        self.attribution = Attribution(cues)

    def __call__(self, doc: Document) -> Document:
        doc.events = []
        if doc.spacy_doc is None:
            return doc
        # A text that is all "heading" (one unpunctuated line: a headline or a record's single sentence) is the
        # report itself, not a section title above one.
        only_headings = all(s.heading for s in doc.sentences)
        for sentence in doc.sentences:
            if sentence.heading and not only_headings:
                continue
            sent = doc.spacy_doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if sent is None:
                continue
            doc.events += self.code_sentence(doc, sentence, sent)
        for n, event in enumerate(doc.events, 1):
            event.event_id = f"{doc.doc_id}-{n}"
        return doc

    def code_sentence(self, doc: Document, sentence: Sentence, sent: Span) -> list[Event]:
        """Every event one sentence states, one per source-target pair, duplicates merged."""
        triggers = self.lexicon.find(sent)
        verbal_at = {t.token.i for t in triggers if t.event_type in VERBAL_TYPES}
        at = {t.token.i for t in triggers if t.event_type in CONFLICT_TYPES}
        triggers = [t for t in triggers if not _promises_event(t, at)]
        kept: list[Event] = []
        by_token: dict[int, Event] = {}
        anchor: dict[int, Token] = {}        # id(event) -> the token that states it (a noun's carrier verb)
        for trig in triggers:
            if (trig.event_type in VERBAL_TYPES and trig.token.dep_ == "advcl" and trig.token.tag_ == "VBG"
                    and trig.token.head.i in verbal_at):
                continue
            events = self.code_trigger(doc, sentence, sent, trig)
            attack = by_token.get(trig.token.head.i)
            if (trig.count in CASUALTY_COUNTS and trig.token.dep_ in ("advcl", "conj") and attack is not None
                    and attack.event_type == "ASSAULT" and events and events[0].factuality == attack.factuality):
                attack.counts = {**events[0].counts, **attack.counts}
                by_token[trig.token.i] = attack
                continue
            if trig.event_type in PROTEST_CONTENT and any(k.event_type == "PROTEST" for k in kept):
                continue
            for event in events:
                same = next((k for k in kept if _same_event(k, event)), None)
                if same is None:
                    kept.append(event)
                    anchor[id(event)] = trig.token
                    by_token.setdefault(trig.token.i, event)
                    continue
                by_token.setdefault(trig.token.i, same)
                same.counts = {**event.counts, **same.counts}
                same.confidence = max(same.confidence, event.confidence)
                same.source, same.target = same.source or event.source, same.target or event.target
                same.mode = same.mode or event.mode
        return _main_events(kept, anchor)

    def code_trigger(self, doc: Document, sentence: Sentence, sent: Span, trig: Trigger) -> list[Event]:
        factuality = self.factuality(trig)
        if factuality == "future" and (trig.event_type in INTENDED or (trig.event_type == "CONSULT" and _wished(trig))):
            trig.event_type, trig.mode, factuality = INTENDED.get(trig.event_type, "AGREE"), None, "asserted"
        if trig.event_type in PROTEST_CONTENT and self.lexicon.protest_agent(trig.token):
            trig.event_type, trig.mode = "PROTEST", "demo"
        reporter = code_actor(doc, self.attribution.reporter(trig, sent))
        evidence = evidence_for(doc, sentence, sent, trig.token)
        events = []
        for src, tgt in self.roles.pairs(trig):
            confidence = trig.prior + 0.1 * (src is not None) + 0.1 * (tgt is not None)
            events.append(Event(
                event_id="", event_type=trig.event_type, mode=trig.mode, evidence=evidence,
                source=code_actor(doc, src), target=code_actor(doc, tgt), counts=counts_for(trig, src),
                reported_by=reporter, factuality=factuality, confidence=round(min(confidence, 0.95), 2)))
        return events


def _wished(trig: Trigger) -> bool:
    """Whether the event is the complement of a word of intent ("agreed to meet", "is ready to mediate")."""
    tok = trig.light or trig.token
    for _ in range(3):
        if tok.dep_ != "xcomp" or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in INTENT_WORDS or tok.lower_ in INTENT_WORDS:
            return True
    return False


def _main_events(kept: list[Event], anchor: dict[int, Token]) -> list[Event]:
    """One asserted event per clause: an asserted event of another type whose trigger sits inside the clause of an
    asserted trigger ("detained the opposition leader, accusing him of plotting a coup", "cracked down on
    smugglers, seizing weapons") is part of that event's telling, not a second claim. Coordinated clauses,
    clauses with their own subject and counted casualties keep their own events."""
    asserted = [e for e in kept if e.factuality == "asserted"]
    if len({e.event_type for e in asserted}) < 2:
        return kept
    inner = {id(e) for e in asserted for m in asserted
             if m.event_type != e.event_type and not e.counts and _inside(anchor[id(e)], anchor[id(m)])}
    return [e for e in kept if id(e) not in inner]


def _inside(tok: Token, governor: Token) -> bool:
    """Whether `tok` is in the clause of `governor`: a path up to it with no clause of its own on the way (a
    conjunct, a relative clause "at a time when ... canceled", an adjunct "in a call with ...")."""
    while tok.head.i != tok.i and tok.dep_ not in OWN_CLAUSE_DEPS and not any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children):
        tok = tok.head
        if tok.i == governor.i:
            return True
    return False


def _promises_event(trig: Trigger, trigger_at: set[int]) -> bool:
    return (trig.token.lemma_.lower() in COMMISSIVES and trig.event_type in ("AGREE", "CONCEDE")
            and any(c.dep_ in ("xcomp", "ccomp") and c.i in trigger_at for c in trig.token.children))


def _same_event(a: Event, b: Event) -> bool:
    """Two verbs of one sentence telling one event ("protests erupted ... protesters stormed ..., chanting"): same
    type and factuality, and no role that disagrees."""
    def agree(x: Actor | None, y: Actor | None) -> bool:
        return x is None or y is None or x.text == y.text
    return (a.event_type == b.event_type and a.factuality == b.factuality
            and agree(a.source, b.source) and agree(a.target, b.target))
