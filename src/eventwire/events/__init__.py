"""Stage 7: PLOVER events with roles, counts, factuality, attribution and evidence (`events[]`)."""
from __future__ import annotations

from spacy.tokens import Span

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
        for sentence in doc.sentences:
            if sentence.heading:
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
        kept: list[Event] = []
        for trig in triggers:
            if (trig.event_type in VERBAL_TYPES and trig.token.dep_ == "advcl" and trig.token.tag_ == "VBG"
                    and trig.token.head.i in verbal_at):
                continue
            for event in self.code_trigger(doc, sentence, sent, trig):
                same = next((k for k in kept if _same_event(k, event)), None)
                if same is None:
                    kept.append(event)
                    continue
                same.counts = {**event.counts, **same.counts}
                same.confidence = max(same.confidence, event.confidence)
                same.source, same.target = same.source or event.source, same.target or event.target
                same.mode = same.mode or event.mode
        return kept

    def code_trigger(self, doc: Document, sentence: Sentence, sent: Span, trig: Trigger) -> list[Event]:
        factuality = self.factuality(trig)
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


def _same_event(a: Event, b: Event) -> bool:
    """Two verbs of one sentence telling one event ("protests erupted ... protesters stormed ..., chanting"): same
    type and factuality, and no role that disagrees."""
    def agree(x: Actor | None, y: Actor | None) -> bool:
        return x is None or y is None or x.text == y.text
    return (a.event_type == b.event_type and a.factuality == b.factuality
            and agree(a.source, b.source) and agree(a.target, b.target))
