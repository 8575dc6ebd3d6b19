"""Each event's date: the timex its clause states, else the day the narrative is on, else the publication day.
The rules, and why a reported event does not take its report's date as stated, are in docs/time.md."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..records import Document, Event, Timex
from ..resources import read_json
from .find import Lexicon, clause_tense

# Dependencies that open another clause: a date inside one belongs to that clause, not to the trigger.
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "conj", "parataxis", "csubj", "csubjpass", "cc"}
NOUN_CLAUSE_DEPS = {"acl", "relcl"}          # … but "the talks scheduled for Monday" dates the talks
# Clauses with a time of their own even when the parser hangs the sentence's date inside them.
OWN_TIME_DEPS = {"ccomp", "advcl", "parataxis", "csubj", "csubjpass"}
DEADLINE_PREPOSITIONS = {"until", "till", "through", "by"}


@dataclass(frozen=True, slots=True)
class Anchored:
    """A resolved timex placed in the parse: its token range, governing token and tense."""

    timex: Timex
    first: int
    last: int
    governor: int
    future: bool
    since: bool                  # "has besieged the city since April": where a state began, not an episode


class EventTimeStage:
    name = "event_time"
    requires = ("events", "dates")
    provides = ("events.date",)

    def __init__(self) -> None:
        self.lex = Lexicon(read_json("dates", "lexicon.json"))

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        dater = EventDater(doc, self.lex)
        for event in doc.events:
            dater.date(event)
        return doc


class EventDater:
    """The timexes of one document, indexed for the clause of each event trigger."""

    def __init__(self, doc: Document, lex: Lexicon) -> None:
        self.doc, self.lex = doc, lex
        self.sdoc: Doc | None = doc.spacy_doc
        self.breaks = [m.start() for m in re.finditer("\n", doc.text)]
        self.anchored: list[Anchored] = []
        if self.sdoc is None:
            return
        for t in doc.dates:
            span = self.sdoc.char_span(t.start, t.end, alignment_mode="expand")
            if t.value is None or span is None or not len(span):
                continue
            gov = span.root
            while (span.start <= gov.i < span.end or gov.pos_ == "ADP") and gov.head.i != gov.i:
                if gov.pos_ == "ADP" and gov.lower_ in DEADLINE_PREPOSITIONS:
                    break               # "cancelled flights until Sunday": Sunday is not when they were cancelled
                gov = gov.head
            if gov.pos_ == "ADP" or _comparison(span.root):
                continue
            self.anchored.append(Anchored(t, span.start, span.end - 1, gov.i,
                                          clause_tense(span.root, lex) == "future", span.root.head.lower_ == "since"))
        self.by_token = {i: a for a in self.anchored for i in range(a.first, a.last + 1)}

    def date(self, event: Event) -> None:
        """Fill date, date_end, date_precision and date_source of one event."""
        trigger = None if event.from_caption else self._trigger(event)
        found, source = (self._stated(trigger) if trigger is not None else (None, None))
        future = trigger is not None and clause_tense(trigger, self.lex) == "future"
        if source == "context" and future:
            found = None                    # "reported on Thursday that the force will leave": not Thursday
        if found is None and trigger is not None and not future:
            found, source = self._narrative(trigger), "context"
        if found is not None:
            t = found.timex
            event.date, event.date_end, event.date_precision, event.date_source = (
                t.value, t.end_value, t.precision, source)
        elif self.doc.published is not None:
            event.date, event.date_end = self.doc.published.isoformat(), None
            event.date_precision, event.date_source = "day", "published"
        else:
            event.date = event.date_end = event.date_precision = event.date_source = None

    def _trigger(self, event: Event) -> Token | None:
        ev = event.evidence
        start = ev.trigger_start if ev.trigger_start is not None else ev.start
        end = ev.trigger_end if ev.trigger_end is not None else ev.end
        span = self.sdoc.char_span(start, end, alignment_mode="expand") if self.sdoc is not None else None
        return span.root if span is not None and len(span) else None

    def _stated(self, trigger: Token) -> tuple[Anchored | None, str | None]:
        """The timex of the trigger's own clause, or of a clause it hangs from; a speech verb above a
        reported clause gives only its date as context."""
        local = self._local(trigger)
        own = [a for a in self.anchored if a.governor in local]
        if own:
            return min(own, key=lambda a: abs(a.first - trigger.i)), "stated"
        # "detonated a bomb and opened fire ... on Friday night": a time closing the coordination dates it all
        closing = set().union(*(self._local(c) for c in trigger.conjuncts if c.i > trigger.i))
        later = [a for a in self.anchored if a.governor in closing]
        if later:
            return min(later, key=lambda a: a.first), "stated"
        # "rammed two boats on a mission to troops stationed on the shoal on Monday", "fired at protesters who
        # burned tyres on Friday": the parser hangs the sentence's closing date on a modifier of the object
        below = self._local(trigger, deep=True) if self.anchored else set()
        deep = [a for a in self.anchored if a.governor in below and a.first > trigger.i
                and a.timex.precision == "day" and not a.future]
        if deep:
            return deep[-1], "stated"
        node = trigger
        while node.head.i != node.i:
            dep, node = node.dep_, node.head
            if node.i in self.by_token:                 # "Wednesday, when protesters stormed …"
                return self.by_token[node.i], "stated"
            if dep in ("ccomp", "xcomp") and node.lemma_ in self.lex.speech:
                return self._report_day(trigger, node)
            governed = [a for a in self.anchored if a.governor == node.i]
            if governed:
                return min(governed, key=lambda a: abs(a.first - trigger.i)), "stated"
        return None, None

    def _report_day(self, trigger: Token, speech: Token) -> tuple[Anchored | None, str | None]:
        """The day of the report ("said in a statement on Wednesday"), as context; but a report tagged on
        after its event ("30 people were killed, an official said on Tuesday") goes on with the day an
        earlier sentence of the paragraph stated ("Gunmen attacked a village on Sunday.")."""
        local = self._local(speech)
        said = next((a for a in self.anchored if a.governor in local), None)
        if said is None:
            return None, None
        if speech.i > trigger.i:
            episode = self._narrative(trigger, same_paragraph=True)
            if (episode is not None and episode.timex.precision == "day" and episode.last < trigger.sent.start
                    and (episode.timex.end_value or episode.timex.value or "") <= (said.timex.value or "")):
                return episode, "context"
        return said, "context"

    def _local(self, trigger: Token, deep: bool = False) -> set[int]:
        """The trigger and what hangs from it without opening another clause (`deep`: without opening one
        with a time of its own, reported, adverbial or pluperfect); nouns joined by "and" stay in the clause
        ("a state of emergency and a curfew … on Sunday")."""
        if deep:
            skip = OWN_TIME_DEPS
        else:
            skip = CLAUSE_DEPS | (set() if trigger.pos_ in ("NOUN", "PROPN") else NOUN_CLAUSE_DEPS)
        seen, todo = {trigger.i}, [trigger]
        while todo:
            for child in todo.pop().children:
                noun_list = child.dep_ in ("conj", "cc") and child.head.pos_ in ("NOUN", "PROPN")
                if child.i in seen or child.dep_ in skip and not noun_list or deep and _pluperfect(child):
                    continue
                seen.add(child.i)
                todo.append(child)
        return seen

    def _narrative(self, trigger: Token, same_paragraph: bool = False) -> Anchored | None:
        """The latest stated, non-future date before the trigger in the same paragraph; else, for an event
        told in the past tense, the latest such day in the paragraphs above: a wire report goes on with the
        episode of its lead ("A second blast hit a restaurant" after "… on Friday night"), not the day a
        speaker "said on Saturday" something."""
        paragraph = bisect.bisect(self.breaks, trigger.idx)
        before = [a for a in self.anchored if a.timex.start < trigger.idx and not a.future and not a.since]
        here = [a for a in before if bisect.bisect(self.breaks, a.timex.start) == paragraph]
        if here or same_paragraph:
            return here[-1] if here else None
        days = [a for a in before if a.timex.precision == "day" and trigger.doc[a.governor].lemma_ not in self.lex.speech]
        return days[-1] if days and not _present(trigger) else None


def _pluperfect(verb: Token) -> bool:
    """A pluperfect clause ("protesters who had attacked a station on Monday") is earlier than the one above."""
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)


def _present(trigger: Token) -> bool:
    """A clause in the present or present perfect ("has cut internet access"): it is about now."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _comparison(timex: Token) -> bool:
    """A yardstick, not a date: "the deadliest attack since 2017", "the first such visit since 2019"."""
    measured = timex.head.head
    return timex.head.lower_ == "since" and any(
        t.tag_ == "JJS" or t.lower_ == "first" for t in (measured, *measured.children))
