"""Cleaning stage: furniture, captions, headlines, headings, datelines, language; HTML pages."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import DEV_DOC, read_cases

from eventwire.clean import clean
from eventwire.clean.html import find_captions
from eventwire.clean.patterns import load_rules
from eventwire.clean.text import split_paragraphs
from eventwire.errors import InputError
from eventwire.records import Document, RawInput

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASES = read_cases("clean.jsonl")


def _clean(text: str, published: str | None = None, **kw) -> Document:
    pub = dt.date.fromisoformat(published) if published else None
    return clean(RawInput(doc_id="t", origin="t", text=text, published=pub, **kw))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_clean_cases(case):
    doc = _clean(case["text"], case.get("published"))
    if "text_out" in case:
        assert doc.text == case["text_out"]
    if "title" in case:
        assert doc.title == case["title"]
    if "captions" in case:
        assert doc.captions == case["captions"]
    if "headings" in case:
        assert [doc.text[h.start:h.end] for h in doc.headings] == case["headings"]
    if "dateline" in case:
        if case["dateline"]:
            assert {k: doc.dateline.get(k) for k in case["dateline"]} == case["dateline"]
        else:
            assert doc.dateline == {}
    for kept in case.get("kept", []):
        assert kept in doc.text
    for removed in case.get("removed", []):
        assert removed not in doc.text
    if "published_out" in case:
        assert (doc.published.isoformat() if doc.published else None) == case["published_out"]


def test_clean_dev_document_paragraphs_and_offsets():
    doc = _clean(DEV_DOC.read_text(encoding="utf-8"), "2022-01-07")
    assert doc.title.startswith("After bloody confrontations")
    assert doc.captions == [p for p in DEV_DOC.read_text(encoding="utf-8").split("\n\n") if p.endswith("(Reuters)")]
    assert [doc.text[h.start:h.end] for h in doc.headings] == ["spark confrontations", "international positions"]
    assert doc.text.startswith("State television quoted") and doc.text.endswith("calling for its rejection.")
    assert "\n\n\n" not in doc.text and "Leave a Reply" not in doc.text
    assert doc.language == "en" and doc.warnings == []


def test_clean_html_page_matches_text():
    """The same article inside a news-page template cleans to the same text, plus title and caption."""
    html = (FIXTURES / "kazakhstan_page.html").read_text(encoding="utf-8")
    page = clean(RawInput(doc_id="k", origin="k", html=html))
    plain = _clean(DEV_DOC.read_text(encoding="utf-8"), "2022-01-07")
    assert page.text.split("\n\n") == plain.text.split("\n\n")
    assert page.title == plain.title
    assert page.captions == plain.captions
    assert page.headings == plain.headings
    assert page.published == dt.date(2022, 1, 7)      # from the page's metadata


def test_clean_html_captions_skip_sidebars_and_short_alts():
    html = (FIXTURES / "kazakhstan_page.html").read_text(encoding="utf-8")
    captions = find_captions(html)
    assert len(captions) == 1 and captions[0].endswith("witnessing for days (Reuters)")
    page = ("<html><body><article><p>Body text of the story that is long enough to be the article.</p>"
            "<div class='wp-caption'><img src='a.jpg' alt='x'><p class='wp-caption-text'>Troops in Kabul "
            "on Monday. (AP Photo/Rahmat Gul)</p></div>"
            "<img src='b.jpg' alt='Supporters of the president gather outside the palace in Tunis on Sunday'>"
            "</article></body></html>")
    assert find_captions(page) == ["Troops in Kabul on Monday. (AP Photo/Rahmat Gul)",
                                   "Supporters of the president gather outside the palace in Tunis on Sunday"]
    xhtml = '<?xml version="1.0" encoding="utf-8"?><html><body><figure><figcaption>Troops in Kabul (AP)</figcaption></figure></body></html>'
    assert find_captions(xhtml) == ["Troops in Kabul (AP)"]


def test_clean_html_without_date_has_no_published():
    html = ("<html><head><title>Clashes in Tripoli</title></head><body><article><h1>Clashes in Tripoli</h1>"
            + "".join(f"<p>Armed groups clashed in the Libyan capital overnight, residents said, paragraph {i}.</p>"
                      for i in range(5)) + "</article></body></html>")
    doc = clean(RawInput(doc_id="t", origin="t", html=html))
    assert doc.published is None and doc.title == "Clashes in Tripoli"
    assert doc.text.count("\n\n") == 4


@pytest.mark.parametrize("published, expected", [(None, None), ("2022-01-07", "2021-12-30"), ("2022-12-31", "2022-12-30")])
def test_clean_dateline_year_comes_from_publication(published, expected):
    doc = _clean("MOSCOW, Dec 30 (Reuters) - Russia said its troops had left the city.", published)
    assert doc.dateline["date"] == expected
    assert doc.published == (dt.date.fromisoformat(published) if published else None)


def test_clean_published_from_input_beats_page_metadata():
    html = (FIXTURES / "kazakhstan_page.html").read_text(encoding="utf-8")
    doc = clean(RawInput(doc_id="k", origin="k", html=html, published=dt.date(2022, 1, 8)))
    assert doc.published == dt.date(2022, 1, 8)


def test_clean_language_non_english_warns():
    doc = _clean("La police a arrêté douze manifestants à Lagos lundi, selon des témoins interrogés par l'agence.")
    assert doc.language == "fr"
    assert doc.warnings == ["language 'fr' is not English: no events coded"]


@pytest.mark.parametrize("text", ["Gunmen killed 12 villagers in Zamfara state.", "Police arrested 12 protesters in Lagos on Monday."])
def test_clean_language_short_english_stays_english(text):
    assert _clean(text).language == "en"


@pytest.mark.parametrize("text, reason", [("  \n\n ", "empty document"),
                                          ("Advertisement\n\nShare\n\nLeave a Reply", "no article text left")])
def test_clean_empty_results_raise(text, reason):
    with pytest.raises(InputError, match=reason):
        _clean(text)


def test_clean_html_without_article_raises():
    with pytest.raises(InputError, match="no article text"):
        clean(RawInput(doc_id="t", origin="t", html="<html><body><nav><a href='/'>Home</a></nav></body></html>"))


def test_clean_split_paragraphs_keeps_lists_of_lines_apart():
    assert split_paragraphs("Headline here\nThe first sentence.\n\n\nSecond block.") == [
        "Headline here", "The first sentence.", "Second block."]


def test_clean_rules_load_and_have_labels():
    for name in ("furniture.jsonl", "captions.jsonl"):
        assert all(rule.label for rule in load_rules(name))


def test_clean_given_title_is_removed_from_text_only_when_repeated():
    repeated = _clean("Troops deployed to Almaty\n\nTroops were deployed on Friday.", title="Troops deployed to Almaty")
    assert repeated.title == "Troops deployed to Almaty" and repeated.text == "Troops were deployed on Friday."
    other = _clean("Kazakhstan unrest\n\nTroops were deployed on Friday.", title="Troops deployed to Almaty")
    assert other.title == "Troops deployed to Almaty" and other.text.startswith("Kazakhstan unrest")
    assert [other.text[h.start:h.end] for h in other.headings] == ["Kazakhstan unrest"]
