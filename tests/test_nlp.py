"""The parse: eventwire's model must annotate every token exactly as the stock spaCy model does."""
from __future__ import annotations

import pytest
import spacy
from conftest import DEV_DOC, ROOT, SAMPLES

import eventwire.nlp  # noqa: F401 - registers the "eventwire_paragraphs" component
from eventwire import settings
from eventwire.fast_pipes import ArrayAttributeRuler, MemoLemmatizer, supports

# the attribute ruler's exceptions: contractions, "gon na", "'s" after "let", expletive "there"
EXCEPTIONS = ("Y'all gonna see it, ain't it? Let's go, c'mon. There's a curfew; there were troops. "
              "He gets it and she got it. We gotta leave, y' all said.")


@pytest.fixture(scope="module")
def stock():
    """The model as spaCy ships it, with our paragraph rule: only the attribute ruler differs from ours."""
    model = spacy.load(settings.SPACY_MODEL)
    model.add_pipe("eventwire_paragraphs", before="parser")
    return model


def _annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_nlp_uses_the_faster_components(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), ArrayAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), MemoLemmatizer)


def test_nlp_annotates_as_spacy_does(nlp, stock):
    texts = [p.read_text() for p in sorted(SAMPLES.glob("*.txt"))]
    texts += [p.read_text() for p in sorted((ROOT / "tests" / "gold").glob("*.txt"))]
    texts += [DEV_DOC.read_text(), EXCEPTIONS]
    for text, ours, theirs in zip(texts, nlp.pipe(texts), stock.pipe(texts)):
        assert _annotations(ours) == _annotations(theirs), text[:60]


def test_nlp_ruler_declines_patterns_it_cannot_match():
    assert supports([{"patterns": [[{"LOWER": "gon"}, {"LOWER": {"REGEX": "^na$"}}]], "attrs": {}, "index": 0}])
    assert not supports([{"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {}, "index": 0}])
    assert not supports([{"patterns": [[{"LOWER": "a", "OP": "?"}]], "attrs": {}, "index": 0}])


def test_nlp_sentence_start_matches_spacy(nlp):
    from eventwire.nlp import sentence_start

    doc = nlp(DEV_DOC.read_text())
    assert [sentence_start(doc, t.i) for t in doc] == [t.sent.start for t in doc]
