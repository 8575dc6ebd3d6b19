"""Evidence: the sentence that states an event, verbatim, cut to the clause around the trigger when too long."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .. import settings
from ..records import Document, Evidence, Sentence


def evidence_for(doc: Document, sentence: Sentence, sent: Span, trigger: Token) -> Evidence:
    start, end = sentence.start, sentence.end
    if end - start > settings.MAX_EVIDENCE_CHARS:
        start, end = _clause(sent, trigger)
    t_start, t_end = trigger.idx, trigger.idx + len(trigger.text)
    return Evidence(sentence=doc.text[start:end], start=start, end=end, trigger=trigger.text,
                    trigger_start=t_start, trigger_end=t_end)


def _clause(sent: Span, trigger: Token) -> tuple[int, int]:
    """The widest subtree above the trigger that still fits, else a window of the sentence around the trigger."""
    best = (trigger.idx, trigger.idx + len(trigger.text))
    tok = trigger
    while True:
        lo, hi = max(tok.left_edge.i, sent.start), min(tok.right_edge.i, sent.end - 1)
        a, b = sent.doc[lo].idx, sent.doc[hi].idx + len(sent.doc[hi].text)
        if b - a > settings.MAX_EVIDENCE_CHARS:
            break
        best = (a, b)
        if tok.head.i == tok.i or tok.dep_ == "ROOT":
            break
        tok = tok.head
    if best[1] - best[0] < 40:
        half = settings.MAX_EVIDENCE_CHARS // 2
        a = max(sent.start_char, trigger.idx - half)
        b = min(sent.end_char, a + settings.MAX_EVIDENCE_CHARS)
        lo_tok = sent.doc.char_span(a, b, alignment_mode="contract")
        if lo_tok is not None and len(lo_tok):
            best = (lo_tok.start_char, lo_tok.end_char)
    return best
