"""Stage 7: PLOVER events with roles, counts, factuality, attribution and evidence (`events[]`)."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..records import Actor, Document, Event, Sentence
from ..resources import read_json
from .attribution import Attribution
from .counts import counts_for
from .evidence import evidence_for
from .factuality import FactualityRules, discontinued, load_cues, refusal, scheduled
from .roles import Roles, code_actor
from .triggers import Lexicon, Trigger, word_class

# A participle that elaborates a statement ("expressed concern ..., calling for its rejection") is the same
# speech act, not a second event.
VERBAL_TYPES = {"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"}
# "vowed to retaliate": a promise of force is coded by what is promised (THREATEN, below), not as AGREE too.
COMMISSIVES = word_class("commissive")
# "vowed to crush the militants", "pledged to hunt down the attackers": a promise of force is a threat (CAMEO 13),
# however the dictionary codes the promised verb.
HOSTILE_VERBS = word_class("hostile")
# PLOVER: "Cooperative actions of types CONSULT, SUPPORT, COOPERATE, and AID reported in future tense are also
# taken to imply intentions and should be coded as AGREE."
# A bare future RETREAT or CONCEDE ("will leave as soon as its mission ends") stays a future event (see WISHABLE).
# A deployment announced for later ("would deploy 700 troops to Kosovo") is read as a commitment, like AID; a
# stated intention to use force or pressure is a threat (CAMEO 13), and a threat put in the future is still made.
# A meeting merely scheduled ("will host a summit", "are due to hold talks") is no event yet: it stays future;
# a stated wish to meet ("agreed to meet again", "ready to mediate", "offered to negotiate") is AGREE (CAMEO 036).
INTENDED = {**dict.fromkeys(("SUPPORT", "COOPERATE", "AID", "MOBILIZE"), "AGREE"),
            **dict.fromkeys(("ASSAULT", "COERCE", "SANCTION", "THREATEN"), "THREATEN")}
# A stated strike or protest ("the union said it would strike", "vowed to continue the protests") threatens (CAMEO 133).
DISSENT = {"PROTEST"}
OWN_CLAUSE_DEPS = {"conj", "cc", "parataxis", "relcl", "prep"}
PARTY_EDGES = {"nsubj", "nsubjpass", "dobj", "dative", "pobj", "prep", "agent", "conj", "appos"}
INTENT_WORDS = word_class("intent")
CONFLICT_TYPES = {"ASSAULT", "COERCE", "SANCTION", "THREATEN"}
# "police tried to arrest him", "attempted to storm the town": an attempt to use force is itself force, as "tried to
# assassinate" is.
FORCE_TYPES = {"ASSAULT", "COERCE"}
# A stated intention ("is ready to withdraw", "expressed readiness to cooperate", "said it would release") is AGREE
# for a meeting, withdrawal or concession too (CAMEO 035, 036); a bare future ("will leave as soon as ...") is not.
WISHABLE = {"AGREE", "CONSULT", "RETREAT", "CONCEDE", "SUPPORT", "COOPERATE", "AID", "MOBILIZE", "REJECT", "PROTEST"}
INTENT_NOUNS = word_class("intent_noun")
STATEMENT_VERBS = word_class("statement")
ENACTING = word_class("enacting")
WARNING_VERBS = word_class("warning") | {"threaten"}
# "detonated a bomb and opened fire ..., killing 32 people and wounding 63": the casualties of one attack.
CASUALTY_COUNTS = {"killed", "injured"}
# What protesters demand or denounce is the content of their protest, not a second (verbal) event.
PROTEST_CONTENT = {"REQUEST", "ACCUSE"}
# "the arrest sparked protests", "Pakistan confirmed the attack", "Kiev saw protests": the subject of these carriers of
# an event noun caused, saw, reported or confirmed the event; it did not do it.
OUTSIDE_CARRIERS = frozenset(read_json("events", "contexts.json")["outside_carriers"])


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
        at = {t.token.i for t in triggers if t.event_type in CONFLICT_TYPES | DISSENT}
        at |= {t.light.i for t in triggers if t.event_type in CONFLICT_TYPES | DISSENT and t.light is not None}
        triggers = [t for t in triggers if not _promises_event(t, at) and not _untold(t)]
        promised: set[int] = set()
        for trig in triggers:
            force = _promised_force(trig)
            if force:
                trig.event_type, trig.mode = "THREATEN", None
                promised.update(c.i for c in force)
        triggers = [t for t in triggers if t.token.i not in promised]
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
                same.source, same.target = _stated(same.source, event.source), _stated(same.target, event.target)
                same.mode = same.mode or event.mode
        kept = _without_protest_content(kept, anchor, self.factuality.implicative)
        return _main_events(kept, anchor, self.factuality.implicative)

    def attempted(self, trig: Trigger) -> bool:
        """Whether the trigger is force that someone is said to have tried ("police tried to arrest him")."""
        tok = trig.light or trig.token
        return (trig.event_type in FORCE_TYPES and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in self.factuality.attempt
                and self.factuality(Trigger(tok.head, trig.event_type, None, "verb")) == "asserted")

    def intent_stated(self, wisher: Token) -> bool:
        """Whether the word of intent is itself said to hold: "dismissed reports that Israel had agreed to withdraw"
        states no intention."""
        return self.factuality(Trigger(wisher, "AGREE", None, "verb")) in ("asserted", "future")

    def code_trigger(self, doc: Document, sentence: Sentence, sent: Span, trig: Trigger) -> list[Event]:
        factuality = self.factuality(trig)
        if (factuality == "future" and _enacted(trig)) or (factuality == "possible" and self.attempted(trig)):
            factuality = "asserted"
        wisher = _wisher(trig)
        if ((factuality == "future" and trig.event_type in INTENDED)
                or (factuality != "negated" and trig.event_type in WISHABLE and wisher is not None)) and (
                wisher is None or self.intent_stated(wisher)):
            trig.event_type, trig.mode, factuality = _intended_type(trig), None, "asserted"
        if factuality == "negated" and _warned(trig) and (discontinued(trig) or refusal(trig)):
            trig.event_type, trig.mode, factuality = "THREATEN", None, "asserted"   # "warned it would no longer ..."
        elif factuality == "negated" and discontinued(trig):     # "will no longer provide aid" reduces relations
            trig.event_type, trig.mode, factuality = "SANCTION", "discontinue", "asserted"
        elif factuality == "negated" and refusal(trig):
            trig.event_type, trig.mode, factuality = "REJECT", None, "asserted"
        elif factuality in ("possible", "future") and _threatened(trig):
            trig.event_type, trig.mode, factuality = "THREATEN", None, "asserted"
        if trig.event_type in PROTEST_CONTENT and self.lexicon.protest_agent(trig.token):
            trig.event_type, trig.mode = "PROTEST", "demo"
        reporter = code_actor(doc, self.attribution.reporter(trig, sent))
        evidence = evidence_for(doc, sentence, sent, trig.token)
        events = []
        if trig.light is not None and trig.light.lemma_.lower() in OUTSIDE_CARRIERS:
            trig = replace(trig, light=None)      # the parties are the noun's own
        for src, tgt in self.roles.pairs(trig, doc):
            confidence = trig.prior + 0.1 * (src is not None) + 0.1 * (tgt is not None)
            # a statement with no speaker in its clause is the reporter's ("..., Iraqi officials said")
            speaker = reporter if trig.event_type in VERBAL_TYPES else None
            source, target = self.roles.code(doc, trig, src, tgt, speaker)
            events.append(Event(
                event_id="", event_type=trig.event_type, mode=trig.mode, evidence=evidence,
                source=source, target=target, counts=counts_for(trig, src),
                reported_by=reporter, factuality=factuality, confidence=round(min(confidence, 0.95), 2)))
        return events


def _intended_type(trig: Trigger) -> str:
    """What a stated future act is coded as (CAMEO 03, 13): THREATEN for force, REJECT stays, else AGREE."""
    if trig.event_type in DISSENT:
        return "THREATEN"
    return trig.event_type if trig.event_type == "REJECT" else INTENDED.get(trig.event_type, "AGREE")


def _enacted(trig: Trigger) -> bool:
    """'decided / agreed / voted to impose sanctions': the decision is the sanction, not a threat of one; so is a
    reduction of relations announced with no condition ("announced it would expel the ambassador"), as "announced
    sanctions" is. "announced it would cut ties if the junta stays" threatens."""
    tok = trig.light or trig.token
    if trig.event_type != "SANCTION":
        return False
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() == "announce":
        return not any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                       for c in (*tok.children, *tok.head.children))
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ENACTING


def _warned(trig: Trigger) -> bool:
    """'warned that it would no longer cooperate', 'warned he would not tolerate unrest': a refusal or a stop announced
    as a warning is the threat itself (CAMEO 13), not a second event beside it."""
    tok = trig.light or trig.token
    for _ in range(3):
        if tok.dep_ not in ("ccomp", "xcomp", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in WARNING_VERBS:
            return True
    return False


def _threatened(trig: Trigger) -> bool:
    """'said it could use force': a party stating it may use force or pressure threatens (CAMEO 13)."""
    tok = trig.light or trig.token
    return (trig.event_type in CONFLICT_TYPES | DISSENT and tok.dep_ == "ccomp"
            and tok.head.lemma_.lower() in STATEMENT_VERBS
            and any(c.dep_ == "aux" and c.lower_ in ("could", "might", "may", "can") for c in tok.children)
            and any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in tok.children))     # the speaker itself


def _wisher(trig: Trigger) -> Token | None:
    """The word of intent the event is the complement of ("agreed to meet", "is ready to mediate", "expressed
    readiness to cooperate"), or the statement verb of a stated plan of the speaker ("said it would release"); a
    date already set ("said the first officers would leave in the coming weeks", "will host a summit on Feb. 24, a
    spokesperson said") reports a schedule, not an intention."""
    tok = trig.light or trig.token
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in STATEMENT_VERBS and any(
            c.dep_ == "aux" and c.lower_ in ("would", "will") for c in tok.children) and not _dated(tok):
        return tok.head
    for _ in range(3):
        if tok.dep_ == "acl" and tok.head.lemma_.lower() in INTENT_NOUNS:
            return tok.head
        if tok.dep_ != "xcomp" or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.lemma_.lower() in INTENT_WORDS or tok.lower_ in INTENT_WORDS:
            return tok
    return None


def _dated(verb: Token) -> bool:
    """A future act whose time is set: "in the coming weeks", "on Feb. 24"."""
    return scheduled(verb) or any(c.dep_ == "prep" and c.lower_ == "on" and any(g.ent_type_ == "DATE" for g in c.children)
                                  for c in verb.children)


def _main_events(kept: list[Event], anchor: dict[int, Token], implicative: frozenset[str]) -> list[Event]:
    """One asserted event per clause: an asserted event of another type whose trigger sits inside the clause of an
    asserted trigger ("detained the opposition leader, accusing him of plotting a coup", "cracked down on
    smugglers, seizing weapons") is part of that event's telling, not a second claim. Coordinated clauses,
    clauses with their own subject, acts an implicative verb asserts of its object ("shelled a village, prompting
    Baghdad to lodge a protest") and counted casualties keep their own events."""
    asserted = [e for e in kept if e.factuality == "asserted"]
    if len({e.event_type for e in asserted}) < 2:
        return kept
    inner = {id(e) for e in asserted for m in asserted
             if m.event_type != e.event_type and not e.counts
             and (_inside(anchor[id(e)], anchor[id(m)], implicative, reason=m.event_type in VERBAL_TYPES)
                  or _describes_party(anchor[id(e)], anchor[id(m)]))}
    return [e for e in kept if id(e) not in inner]


def _without_protest_content(kept: list[Event], anchor: dict[int, Token], implicative: frozenset[str]) -> list[Event]:
    """What protesters demand or denounce is the content of their protest ("rallied outside parliament, demanding the
    minister's resignation", "marched and denounced the president"), not a second event; a demand by someone else
    ("marched as the opposition leader called for a general strike") is its own."""
    protests = [e for e in kept if e.event_type == "PROTEST"]
    if not protests:
        return kept

    def content(e: Event) -> bool:
        return e.event_type in PROTEST_CONTENT and any(
            _inside(anchor[id(e)], anchor[id(p)], implicative)
            or (e.source is not None and p.source is not None and not e.source.inferred and e.source.text
                and e.source.text == p.source.text)
            for p in protests)
    return [e for e in kept if not content(e)]


def _describes_party(tok: Token, governor: Token) -> bool:
    """'clashes between security forces and demonstrators protesting against the delay', 'fired tear gas at students
    protesting against the government': a participle that says who a party of another event is tells no event of
    its own; nor does a relative clause in a description of a place or party ("near Kidal, a northern town that the
    army recaptured in November", "the three states, all led by juntas that seized power in coups")."""
    if tok.dep_ == "relcl" and _in_description(tok.head):
        return True
    if tok.dep_ != "acl" or tok.tag_ != "VBG":
        return False
    tok = tok.head
    while tok.dep_ in PARTY_EDGES and tok.head.i != tok.i:
        tok = tok.head
        if tok.i == governor.i:
            return True
    return False


def _inside(tok: Token, governor: Token, implicative: frozenset[str], reason: bool = False) -> bool:
    """Whether `tok` is in the clause of `governor`: a path up to it with no clause of its own on the way (a
    conjunct, a relative clause "at a time when ... canceled", an adjunct "in a call with ...", the act of another
    party an implicative verb asserts: "prompting Baghdad to lodge a protest"). For a verbal act the gerund that
    gives its reason is inside too ("condemned Israel for demolishing homes")."""
    while tok.head.i != tok.i and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children) and not (
            tok.dep_ == "xcomp" and tok.head.lemma_.lower() in implicative
            and any(c.dep_ == "dobj" for c in tok.head.children)) and (
            tok.dep_ not in OWN_CLAUSE_DEPS or (reason and tok.dep_ == "prep" and tok.lower_ in ("for", "over")
                                                and any(c.dep_ == "pcomp" for c in tok.children))):
        tok = tok.head
        if tok.i == governor.i:
            return True
    return False


def _in_description(noun: Token) -> bool:
    """Whether a noun is part of an apposition or of a participle that only describes ("Kidal, a northern town",
    "states all led by juntas")."""
    for _ in range(6):
        if noun.dep_ == "appos" or (noun.dep_ == "acl" and noun.tag_ == "VBN"
                                    and not any(c.dep_ in ("aux", "auxpass") for c in noun.children)):
            return True
        if noun.dep_ not in ("pobj", "prep", "agent", "conj") or noun.head.i == noun.i:
            return False
        noun = noun.head
    return False


def _promised_force(trig: Trigger) -> list[Token]:
    """The hostile act a promise names ("vowed to crush the militants"), which makes the promise a threat."""
    if trig.token.lemma_.lower() not in COMMISSIVES or trig.event_type not in ("AGREE", "CONCEDE"):
        return []
    return [c for c in trig.token.children if c.dep_ == "xcomp" and c.lemma_.lower() in HOSTILE_VERBS]


def _untold(trig: Trigger) -> bool:
    """An event noun whose carrier does not tell it as news: what a thing caused, in a relative clause on it ("revoked
    the decree that had triggered the protests"); a relative clause that describes a party ("the three states, all led
    by juntas that seized power in coups"); a judgement of the event ("analysts see the talks as a breakthrough")."""
    if trig.kind != "noun" or trig.light is None:
        return False
    outside = trig.light.lemma_.lower() in OUTSIDE_CARRIERS
    if outside and any(c.dep_ == "prep" and c.lower_ == "as" for c in trig.light.children):
        return True
    verb = trig.light            # "seized power in coups": the carrier may be the verb's object
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "relcl" and ((outside and verb.i == trig.light.i) or _in_description(verb.head))


def _promises_event(trig: Trigger, trigger_at: set[int]) -> bool:
    """'vowed to retaliate', 'vowed to continue fighting': a promise of force is coded by what is promised."""
    if trig.token.lemma_.lower() not in COMMISSIVES or trig.event_type not in ("AGREE", "CONCEDE"):
        return False
    told = [c for c in trig.token.children if c.dep_ in ("xcomp", "ccomp")]
    told += [g for c in told if c.lemma_.lower() in ("continue", "resume", "keep")
             for g in c.children if g.dep_ == "xcomp"]
    return any(c.i in trigger_at for c in told)


def _same_event(a: Event, b: Event) -> bool:
    """Two verbs of one sentence telling one event ("protests erupted ... protesters stormed ..., chanting"): same
    type and factuality, and no role that disagrees: the same words, or the same country and kind of actor
    ("protests erupted in Almaty" by its people, "protesters stormed" the same crowd)."""
    def agree(x: Actor | None, y: Actor | None) -> bool:
        return x is None or y is None or x.inferred or y.inferred or x.text == y.text or (
            x.country is not None and x.country == y.country and bool(set(x.sector) & set(y.sector)))
    return (a.event_type == b.event_type and a.factuality == b.factuality
            and agree(a.source, b.source) and agree(a.target, b.target))


def _stated(kept: Actor | None, other: Actor | None) -> Actor | None:
    """A merged event's role: the one a phrase names over one inferred (docs/event-roles.md)."""
    return other if kept is None or (kept.inferred and other is not None and not other.inferred) else kept
