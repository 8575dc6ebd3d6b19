"""Two of the English model's components, rewritten to give the same annotations in less time.

`nlp.load` swaps them in (`speed_up`); `tests/test_nlp.py` checks, token by token on real articles, that
the model gives every token the same tag, part of speech, morphology, lemma and dependency either way.

**The attribute ruler, matched with array operations** (6 → 2 ms per news article). The English model's `attribute_ruler` maps every tagger tag to a part of speech and morphology, plus
exceptions by word ("'s", "gon na"), with 179 Matcher patterns. spaCy's Matcher tries every pattern at
every token, which costs more than the parser (about 5 of 38 ms per news article). Most of these patterns
are one token tested for equality (a tag; a word and a tag): those become one table lookup per token,
on the tokens whose first tested value is in the table. The few others (two tokens, sets, a regex) are
tested on the whole document at once as arrays. The matches are applied by spaCy's own
`set_annotations`, in spaCy's order. A model whose patterns use any other test keeps spaCy's ruler
(`supports`).

**The rule lemmatizer, memoised** (2.5 → 0.5 ms). spaCy's English lemmatizer caches only the words it
inflects and recomputes the rest (every singular noun, every base-form verb) from the morphology on
every token; a lemma depends only on the word, its part of speech and its morphology, so each such triple
is lemmatised once per process, and a document's lemmas are set from one array.
"""

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from . import settings

COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}    # columns of Doc.to_array(ARRAY_ATTRS)
ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
Match = tuple[int, int, int, int]                            # attribute id, match id, start, end
Test = Callable[[numpy.ndarray, numpy.ndarray], numpy.ndarray]   # (token rows, still matching) -> which pass


def supports(patterns: Iterable[dict[str, Any]]) -> bool:
    """True when every token test is one this ruler implements."""
    def known(attr: str, value: Any) -> bool:
        if attr == "IS_SPACE":
            return isinstance(value, bool)
        if isinstance(value, str):
            return True
        return isinstance(value, dict) and len(value) == 1 and (
            "IN" in value or "NOT_IN" in value or ("REGEX" in value and attr == "LOWER"))
    return all(attr in COLUMNS and known(attr, value)
               for p in patterns for seq in p["patterns"] for spec in seq for attr, value in spec.items())


class ArrayAttributeRuler(AttributeRuler):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # one-token equality patterns: tested columns -> their values -> the rules they trigger
        self.tables: dict[tuple[int, ...], dict[tuple[int, ...], list[tuple[int, int]]]] = {}
        self.first_values: dict[tuple[int, ...], numpy.ndarray] = {}     # a table's values in its first column
        self.others: list[tuple[int, int, list[list[Test]]]] = []    # (attribute id, match id, tests per token)

    def add(self, patterns: Iterable[list[dict[str, Any]]], attrs: dict, index: int = 0) -> None:
        patterns = list(patterns)
        attr_id = len(self.attrs)
        super().add(patterns, attrs, index)
        match_id = self.vocab.strings[str(attr_id)]
        for seq in patterns:
            if len(seq) == 1 and all(isinstance(v, str | bool) for v in seq[0].values()):
                spec = sorted((COLUMNS[a], self._value(v)) for a, v in seq[0].items())
                cols = tuple(c for c, _ in spec)
                table = self.tables.setdefault(cols, {})
                table.setdefault(tuple(v for _, v in spec), []).append((attr_id, match_id))
                self.first_values[cols] = numpy.array([k[0] for k in table], dtype=numpy.uint64)
                continue
            # regexes last: they run in Python, on what the array tests leave
            tests = [[self._test(a, v) for a, v in sorted(spec.items(), key=lambda av: _is_regex(av[1]))]
                     for spec in seq]
            self.others.append((attr_id, match_id, tests))

    def _value(self, value: str | bool) -> int:
        return int(value) if isinstance(value, bool) else self.vocab.strings.add(value)

    def _test(self, attr: str, value: Any) -> Test:
        col = COLUMNS[attr]
        if not isinstance(value, dict):
            h = self._value(value)
            return lambda rows, mask: rows[:, col] == h
        if "REGEX" in value:
            search, strings = re.compile(value["REGEX"]).search, self.vocab.strings

            @functools.lru_cache(maxsize=65536)      # by word: a text repeats most of its words
            def matches(h: int) -> bool:
                return bool(search(strings[h]))

            def regex_test(rows: numpy.ndarray, mask: numpy.ndarray) -> numpy.ndarray:
                out = numpy.zeros(len(rows), dtype=bool)
                for i in numpy.flatnonzero(mask).tolist():
                    out[i] = matches(int(rows[i, col]))
                return out
            return regex_test
        hashes = numpy.array([self._value(v) for v in value.get("IN", value.get("NOT_IN"))], dtype=numpy.uint64)
        if "IN" in value:
            return lambda rows, mask: numpy.isin(rows[:, col], hashes)
        return lambda rows, mask: ~numpy.isin(rows[:, col], hashes)

    def match(self, doc: Doc) -> list[Match]:
        rows = doc.to_array(ARRAY_ATTRS)
        values = rows.tolist()
        found: set[Match] = set()
        for cols, table in self.tables.items():
            for i in numpy.flatnonzero(numpy.isin(rows[:, cols[0]], self.first_values[cols])).tolist():
                row = values[i]
                for attr_id, match_id in table.get(tuple(row[c] for c in cols), ()):
                    found.add((attr_id, match_id, i, i + 1))
        n = len(rows)
        for attr_id, match_id, seq in self.others:
            width = n - len(seq) + 1
            if width <= 0:
                continue
            mask = numpy.ones(width, dtype=bool)
            for k, tests in enumerate(seq):   # token k of the pattern against tokens k .. k + width
                for test in tests:
                    mask &= test(rows[k:k + width], mask)
            found.update((attr_id, match_id, i, i + len(seq)) for i in numpy.flatnonzero(mask).tolist())
        return sorted(found)       # by attribute id: later rules take precedence, as in spaCy


def _is_regex(value: Any) -> bool:
    return isinstance(value, dict) and "REGEX" in value


@Language.factory("eventwire_attribute_ruler", default_config={"validate": False})
def make_array_ruler(nlp: Language, name: str, validate: bool) -> ArrayAttributeRuler:
    return ArrayAttributeRuler(nlp.vocab, name, validate=validate)


class MemoLemmatizer(EnglishLemmatizer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.memo: dict[tuple[int, int, int], int] = {}       # (word, part of speech, morphology) -> lemma

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule":
            return super().__call__(doc)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        if len(self.memo) > settings.LEMMA_MEMO_SIZE:
            self.memo.clear()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not self.overwrite:               # set by the attribute ruler ("gon" -> "go")
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            if key not in self.memo:
                self.memo[key] = self.vocab.strings.add(self.lemmatize(doc[i])[0])
            lemmas.append(self.memo[key])
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64).reshape(-1, 1))
        return doc


@Language.factory("eventwire_lemmatizer", default_config={"mode": "rule", "overwrite": False})
def make_memo_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> MemoLemmatizer:
    return MemoLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)


def speed_up(nlp: Language) -> None:
    """Swap the model's attribute ruler and lemmatizer for the ones above, with the same rules and tables."""
    if "attribute_ruler" in nlp.pipe_names:
        patterns = nlp.get_pipe("attribute_ruler").patterns
        if supports(patterns):
            nlp.replace_pipe("attribute_ruler", "eventwire_attribute_ruler")
            nlp.get_pipe("attribute_ruler").add_patterns(patterns)
    stock = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if type(stock) is EnglishLemmatizer:
        nlp.replace_pipe("lemmatizer", "eventwire_lemmatizer",
                         config={"mode": stock.mode, "overwrite": stock.overwrite})
        memo = nlp.get_pipe("lemmatizer")
        memo.lookups = stock.lookups
