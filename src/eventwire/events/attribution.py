"""reported_by: who a claim is attributed to ("the Ministry said", "quoting the organization", "according to")."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .factuality import Cue
from .triggers import Trigger

# Speech verbs pass attribution to their complements; a subject or object of the speech verb is not reported.
SKIP_EDGES = {"nsubj", "nsubjpass", "dobj"}
# "X arrested Y, the ministry said" is often parsed with the speech verb beside the claim, not above it.
BESIDE_EDGES = {"conj", "parataxis"}
# A speech verb with a clause or object of its own reports that, not its neighbour ("... and said it would ...",
# "... and the city saw its worst violence"); "told" keeps its audience ("told reporters").
OWN_CLAUSE = {"ccomp", "xcomp", "dobj"}
AUDIENCE_VERBS = {"tell"}
# A quoted or cited party is the reporter only if it names someone ("citing preliminary reports" does not).
NAMING_ENTS = {"NORP", "GPE", "ORG", "PERSON"}
DASHES = ("-", "--", "\u2013", "\u2014")
BY = re.compile(r"\bby\b")
HEADLINE_TAIL = 60         # characters at a sentence's end searched for a dash
HEADLINE_CREDIT = 5       # words in a headline's closing credit ("-- Syrian state media")
PHRASE_WINDOW = 12         # tokens back to the comma that opens a speaker the parse left without a subject


class Attribution:
    """Finds the reporter's head token for a trigger from the attribution cue rows."""

    def __init__(self, cues: list[Cue]) -> None:
        rows = [c for c in cues if c.category == "attribution"]
        self.governors = {c.pattern: c.role for c in rows if c.scope == "governor"}
        self.sentence = {c.pattern: c.role for c in rows if c.scope == "sentence"}
        self.carriers = {p for p, role in self.sentence.items() if role == "agent"}
        self.headline = {c.pattern for c in rows if c.scope == "headline"}

    def reporter(self, trig: Trigger, sent: Span) -> Token | None:
        tok = trig.light if trig.light is not None else trig.token
        path = [tok]
        while tok.head.i != tok.i:  # spaCy makes a new Token on each access: `is` never matches
            edge, head = tok.dep_, tok.head
            if edge in SKIP_EDGES and head.lemma_.lower() in self.governors:
                return None        # the trigger is the speaker or what was seen, not the claim
            tok = head
            path.append(tok)
            role = self.governors.get(tok.lemma_.lower())
            if role and tok.pos_ == "VERB" and tok.i != trig.token.i:
                found = self._quoted(tok) or self._argument(tok, role)
                if found is not None:
                    return found
        text = sent.text               # built once: Span.text joins its tokens again on each call
        return (self._beside(path, trig) or self._according_to(sent, text) or self._carried(sent, text)
                or self._dash_tail(sent, text))

    def _beside(self, path: list[Token], trig: Trigger) -> Token | None:
        """'Police arrested 35 people, the ministry said in a statement' / 'The gunmen, police said, abducted ...':
        a speech verb joined to the claim's clause with nothing to report of its own."""
        for anc in path:
            for verb in anc.children:
                if (verb.dep_ in BESIDE_EDGES and verb.pos_ == "VERB" and verb.i != trig.token.i
                        and self.governors.get(verb.lemma_.lower()) == "subject"
                        and not any(c.dep_ in OWN_CLAUSE and not (c.dep_ == "dobj" and verb.lemma_ in AUDIENCE_VERBS)
                                    for c in verb.children)):
                    speaker = _subject(verb)
                    if speaker is not None:
                        return self._quoted(verb) or speaker
        return None

    def _quoted(self, verb: Token) -> Token | None:
        """'reported – quoting the organization – that ...', 'Tass, quoting security sources, said': the quoted
        source beats the outlet when it names someone."""
        speaker = _subject(verb)
        clauses = list(verb.children) + (list(speaker.children) if speaker is not None else [])
        for c in clauses:
            if c.dep_ in ("advcl", "xcomp", "prep", "acl") and self.sentence.get(c.lemma_.lower()) == "object":
                quoted = self._argument(c, "object")
                if quoted is not None and any(t.pos_ == "PROPN" or t.ent_type_ in NAMING_ENTS for t in quoted.subtree):
                    return quoted
        return None

    @staticmethod
    def _argument(verb: Token, role: str) -> Token | None:
        if role == "subject":
            return _subject(verb)
        return next((c for c in verb.children if c.dep_ == "dobj"), None)

    def _according_to(self, sent: Span, text: str) -> Token | None:
        if self.sentence.get("according to") != "pobj" or "according" not in text.lower():
            return None                    # one string search instead of a Token per word, for every trigger
        for tok in sent:
            if tok.lower_ == "according":
                for to in tok.children:
                    pobj = next((g for g in to.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
        return None

    def _carried(self, sent: Span, text: str) -> Token | None:
        """'..., in a statement carried by the official KCNA news agency': the outlet that carried it."""
        if not self.carriers or " by " not in text:
            return None
        for by in BY.finditer(text):           # only the "by" tokens, not a Token per word, for every trigger
            span = sent.char_span(by.start(), by.end())
            agent = span[0] if span is not None and len(span) == 1 else None
            if agent is not None and agent.dep_ == "agent" and agent.head.dep_ == "acl" \
                    and agent.head.lemma_.lower() in self.carriers:
                return next((g for g in agent.children if g.dep_ == "pobj"), None)
        return None

    def _dash_tail(self, sent: Span, text: str) -> Token | None:
        """A headline's closing credit: 'Myanmar junta arrests 50 protesters -- state media'."""
        ending = text[-HEADLINE_TAIL:]
        if not any(d in ending for d in DASHES):
            return None                    # a string search before any Token is made, for every trigger
        # a spaced dash, not the hyphen of "Guinea-Bissau" or "Hamas-run"
        dash = next((t.i for t in reversed(sent)
                     if t.text in DASHES and t.i > sent.start and t.nbor(-1).whitespace_), None)
        tail = sent.doc[dash + 1:sent.end] if dash is not None else None
        if tail is None or not 0 < len(tail) <= HEADLINE_CREDIT or any(t.pos_ in ("VERB", "AUX") for t in tail):
            return None
        head = next((t for t in reversed(tail) if t.pos_ in ("NOUN", "PROPN")), None)
        if head is not None and (head.pos_ == "PROPN" or head.lower_ in self.headline
                                 or head.lemma_.lower() in self.headline):
            return head
        return None


def _subject(verb: Token) -> Token | None:
    """The speaker of a speech verb: its subject nearest the verb, or its agent ("was reported by"); a subject
    the parse took from before the comma that opens the speaker's phrase gives way to that phrase."""
    for c in reversed(list(verb.lefts)):
        if c.dep_ == "nsubj":
            return _after_comma(verb, c.i) or c
    for c in verb.children:
        if c.dep_ == "nsubj":
            return c
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return _after_comma(verb, -1)


def _after_comma(verb: Token, subject: int) -> Token | None:
    """'..., the Hamas-run health ministry in Gaza said.' parsed as an apposition: the speaker is the noun phrase
    between the comma and the speech verb, when the parse's subject (index `subject`) lies before that comma."""
    doc = verb.doc
    start = next((j for j in range(verb.i - 1, max(verb.i - PHRASE_WINDOW, -1), -1) if doc[j].text == ","), None)
    if start is None or start + 1 >= verb.i or subject > start:
        return None
    phrase = range(start + 1, verb.i)
    heads = [t for t in doc[start + 1:verb.i] if t.head.i not in phrase]
    if len(heads) == 1 and heads[0].pos_ in ("NOUN", "PROPN"):
        return heads[0]
    return None
