"""reported_by: who a claim is attributed to ("the Ministry said", "quoting the organization", "according to")."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .factuality import Cue
from .triggers import Trigger

# Speech verbs pass attribution to their complements; a subject or object of the speech verb is not reported.
SKIP_EDGES = {"nsubj", "nsubjpass", "dobj"}


class Attribution:
    """Finds the reporter's head token for a trigger from the attribution cue rows."""

    def __init__(self, cues: list[Cue]) -> None:
        rows = [c for c in cues if c.category == "attribution"]
        self.governors = {c.pattern: c.role for c in rows if c.scope == "governor"}
        self.sentence = {c.pattern: c.role for c in rows if c.scope == "sentence"}

    def reporter(self, trig: Trigger, sent: Span) -> Token | None:
        tok = trig.light if trig.light is not None else trig.token
        while tok.head.i != tok.i:  # spaCy makes a new Token on each access: `is` never matches
            edge, head = tok.dep_, tok.head
            if edge in SKIP_EDGES and head.lemma_.lower() in self.governors:
                return None        # the trigger is the speaker or what was seen, not the claim
            tok = head
            role = self.governors.get(tok.lemma_.lower())
            if role and tok.pos_ == "VERB" and tok.i != trig.token.i:
                found = self._quoted(tok) or self._argument(tok, role)
                if found is not None:
                    return found
        return self._according_to(sent)

    def _quoted(self, verb: Token) -> Token | None:
        """'reported – quoting the organization – that ...': the quoted source beats the outlet."""
        for c in verb.children:
            if c.dep_ in ("advcl", "xcomp", "prep") and self.sentence.get(c.lemma_.lower()) == "object":
                return self._argument(c, "object")
        return None

    @staticmethod
    def _argument(verb: Token, role: str) -> Token | None:
        deps = ("nsubj",) if role == "subject" else ("dobj",)
        for c in verb.children:
            if c.dep_ in deps:
                return c
            if role == "subject" and c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        return None

    def _according_to(self, sent: Span) -> Token | None:
        if self.sentence.get("according to") != "pobj" or "according" not in sent.text.lower():
            return None                    # one string search instead of a Token per word, for every trigger
        for tok in sent:
            if tok.lower_ == "according":
                for to in tok.children:
                    pobj = next((g for g in to.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
        return None
