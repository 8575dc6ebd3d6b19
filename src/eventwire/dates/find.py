"""Timex spans: the rules of data/dates/timex.jsonl, expanded from lexicon.json into one compiled scanner;
spaCy tags then reject look-alikes ("may leave", "in 2000 cases") and give each span the tense of its clause."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.attrs import LOWER, ORTH  # type: ignore[import-not-found]
from spacy.tokens import Doc, Token

from ..errors import RuleError
from ..resources import check_keys, read_json, read_jsonl

RULE_KEYS = {"id", "kind", "pattern"}
KINDS = {"date", "holiday", "deictic", "weekday", "chained", "shift", "period", "month", "year", "ordinal_day"}
# Per-rule boundaries: a timex never starts or ends inside a word or a number.
BEFORE, AFTER = r"(?<![\w])", r"(?![\w])"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d]|[,.:]\d)"
DAY_NTH = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)"
YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d]|[,.]\d)"
CONNECTOR = r"(?:[-–]| to | until | till | through | and )"
LOOKBACK_TOKENS = 6                  # a timex starts at most this many tokens before its key word
OBJECT_POS = {"DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ", "VERB", "AUX"}
NOT_AFTER_ORDINAL_DAY = {"NOUN", "PROPN", "NUM", "ADJ"}


@dataclass(frozen=True, slots=True)
class Mention:
    """A timex as written: its span, rule kind and the calendar fields read from it, not yet resolved."""

    text: str
    start: int
    end: int
    kind: str
    anchor: str | None = None        # what a relative mention counts from: published | reference | object
    tense: str | None = None         # "past" | "future" of the governing clause; None when unmarked
    day: int | None = None
    month: int | None = None
    year: int | None = None
    day2: int | None = None
    month2: int | None = None
    year2: int | None = None
    weekday: int | None = None       # Monday = 0
    weekday2: int | None = None
    offset: int | None = None        # days from the anchor (deictic, chained) or the shift sign
    count: int | None = None         # shift: how many units
    unit: str | None = None          # day | week | weekend | month | year
    direction: str | None = None     # lexicon "directions" / "period_directions" value
    part: str | None = None          # lexicon "period_parts" value
    decade: int | None = None
    object_end: int | None = None    # "the day before <the vote>": the anchor is a timex in [end, object_end)
    sentence: int | None = None      # where its sentence starts: "In 2019, … in March" is March 2019


def _words(words: Iterable[str], ignore_case: bool = True) -> str:
    alt = "|".join(re.escape(w).replace("'", "['’]") for w in sorted(words, key=len, reverse=True))
    return f"(?i:{alt})" if ignore_case else f"(?:{alt})"


def _names(words: Iterable[str], dot: bool = False) -> str:
    """Capitalised names, Title or UPPER case only: "march" and "may" are verbs."""
    forms = sorted({f for w in words for f in (w, w.upper())}, key=len, reverse=True)
    return "(?:" + "|".join(forms) + ")" + (r"\.?" if dot else "")


def _after_words(words: Iterable[str]) -> str:
    return "|".join(f"(?<=\\b{re.escape(f)} )" for w in words for f in {w, w.capitalize()})


class Lexicon:
    """The word lists of data/dates/lexicon.json, with lower-cased lookups and regex macros."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.weekdays: dict[str, int] = data["weekdays"]
        self.months: dict[str, int] = {**data["months"], **data["month_abbreviations"]}
        self.ordinals: dict[str, int] = data["ordinals"]
        self.numbers: dict[str, int] = data["numbers"]
        self.deictic: dict[str, int] = data["deictic_days"]
        self.chained: dict[str, int] = data["chained_days"]
        self.units: dict[str, str] = data["units"]
        self.shifts: dict[str, int] = data["shift_words"]
        self.directions: dict[str, str] = data["directions"]
        self.period_directions: dict[str, str] = data["period_directions"]
        self.parts: dict[str, str] = data["period_parts"]
        self.holidays: dict[str, list[int]] = {k.lower(): v for k, v in data["holidays"].items()}
        self.future_aux = set(data["future_auxiliaries"])
        self.intent = set(data["future_intent_lemmas"])
        self.postpone = set(data["postponement_lemmas"])
        self.request = set(data["request_lemmas"])
        self.speech = set(data["speech_lemmas"])
        names = {w.lower() for w in [*self.weekdays, *self.months, *self.ordinals]}
        self.key_words = {p.split()[-1] for p in [*self.deictic, *self.chained, *self.units, *self.holidays]} | names
        self.starter_words = {p.split()[0].lower() for p in [
            *self.deictic, *self.chained, *self.numbers, *self.directions, *self.period_directions, *self.parts,
            *self.holidays]} | names
        self.macros = {
            "WD": _names(self.weekdays),
            "MON": "(?:" + _names(data["month_abbreviations"], dot=True) + "|" + _names(data["months"]) + ")",
            "MONTH": _names(data["months"]),
            "DAY": DAY, "DAYNTH": DAY_NTH, "YEAR": YEAR, "CONN": CONNECTOR,
            "ORD": _words(self.ordinals),
            "NUM": "(?:" + _words(self.numbers) + r"|\d{1,2})",
            "DEICTIC": _words(self.deictic), "CHAINED": _words(self.chained),
            "DAYPART": _words(data["day_parts"]), "UNIT": _words(self.units),
            "PUNIT": _words(["week", "weekend", "month", "year"]),
            "SHIFT": _words(self.shifts), "DIR": _words(self.directions),
            "PDIR": _words(self.period_directions), "PART": _words(self.parts),
            "HOLIDAY": _words(data["holidays"], ignore_case=False),
            "BLOCK": "".join(f"(?<!{re.escape(w)} )" for w in data["weekday_blockers"]),
            "NAMEAFTER": f"(?! {_words(data['weekday_name_followers'], ignore_case=False)})",
            "MCUE": _after_words(data["month_cue_words"]), "YCUE": _after_words(data["year_cue_words"]),
            "WCUE": _after_words(data["weekend_cue_words"]),
        }

    def expand(self, pattern: str, where: str) -> str:
        def sub(m: re.Match[str]) -> str:
            if m.group(1) not in self.macros:
                raise RuleError(f"{where}: unknown macro {{{m.group(1)}}}")
            return self.macros[m.group(1)]
        return re.sub(r"\{([A-Z]+)\}", sub, pattern)

    def day(self, s: str) -> int:
        s = s.lower()
        return self.ordinals[s] if s in self.ordinals else int(re.sub(r"\D", "", s))

    def month(self, s: str) -> int:
        return int(s) if s.isdigit() else self.months[s.rstrip(".").title()]

    def number(self, s: str) -> int:
        return int(s) if s.isdigit() else self.numbers[s.lower()]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    regex: re.Pattern[str]


class TimexFinder:
    """Built once: the lexicon, each rule compiled alone, and one scanner that tries them all in order."""

    def __init__(self) -> None:
        self.lex = Lexicon(read_json("dates", "lexicon.json"))
        self.rules: list[Rule] = []
        for n, row in enumerate(read_jsonl("dates", "timex.jsonl"), 1):
            where = f"data/dates/timex.jsonl rule {n}"
            check_keys(row, RULE_KEYS, RULE_KEYS, where)
            if row["kind"] not in KINDS:
                raise RuleError(f"{where}: unknown kind {row['kind']!r}")
            try:
                regex = re.compile(BEFORE + self.lex.expand(row["pattern"], where) + AFTER)
            except re.error as e:
                raise RuleError(f"{where}: bad pattern: {e}") from None
            self.rules.append(Rule(row["id"], row["kind"], regex))
        # In the scanner each rule is one named group; its own named groups would clash, so they are dropped.
        self.scanner = re.compile("|".join(
            f"(?P<r{i}>{re.sub(r'[(][?]P<[a-z0-9]+>', '(?:', r.regex.pattern)})" for i, r in enumerate(self.rules)))

    def find(self, sdoc: Doc, text: str | None = None) -> list[Mention]:
        """All timex mentions of a parsed text (`text` is sdoc.text, when the caller has it), in order."""
        text, found, done = text if text is not None else sdoc.text, [], 0
        keys, starters = self.lex.key_words, self.lex.starter_words
        # Every timex holds a key word or a number, and starts with a starter word a few tokens before it:
        # only those places are handed to the scanner.
        strings = sdoc.vocab.strings
        lower, orth = sdoc.to_array([LOWER, ORTH]).T.tolist()         # plain strings: no Token per token
        for i in [i for i, (low, word) in enumerate(zip(lower, orth))
                  if strings[low].rstrip(".") in keys or strings[word][0].isdigit()]:
            tok = sdoc[i]
            if tok.idx < done:
                continue
            for prev in sdoc[max(tok.i - LOOKBACK_TOKENS, 0):tok.i + 1]:
                if prev.idx < done or not (prev.i == tok.i or prev.lower_ in starters or prev.text[0].isdigit()):
                    continue
                if (m := self.scanner.match(text, prev.idx)) is None:
                    continue
                mention = self._first_accepted(sdoc, text, prev.idx, int(str(m.lastgroup)[1:]))
                if mention is not None:
                    found.append(mention)
                    done = mention.end
                    if done > tok.idx:
                        break
        return found

    def _first_accepted(self, sdoc: Doc, text: str, start: int, first_rule: int) -> Mention | None:
        """The first rule from `first_rule` on that matches at `start` and passes the spaCy checks."""
        for rule in self.rules[first_rule:]:
            m = rule.regex.match(text, start)
            if m is not None and (mention := self._read(sdoc, rule, m)) is not None:
                return mention
        return None

    def _read(self, sdoc: Doc, rule: Rule, m: re.Match[str]) -> Mention | None:
        g = {k: v for k, v in m.groupdict().items() if v is not None}
        lex = self.lex
        if not self._plausible(sdoc, m, g):
            return None
        fields: dict[str, Any] = {}
        for key in ("day", "day2"):
            if key in g:
                fields[key] = lex.day(g[key])
        for key in ("month", "month2"):
            if key in g:
                fields[key] = lex.month(g[key])
        for key in ("year", "year2", "decade"):
            if key in g:
                fields[key] = int(g[key])
        for key in ("weekday", "weekday2"):
            if key in g:
                fields[key] = lex.weekdays[g[key].title()]
        if "part" in g:
            fields["part"] = lex.parts[g["part"].lower()]
        if "unit" in g:
            fields["unit"] = lex.units.get(g["unit"].lower(), g["unit"].lower())
        anchor = "published"
        if "dir" in g:
            fields["direction"] = lex.directions[g["dir"].lower()]
            anchor = "reference" if fields["direction"].startswith("ref") else anchor
        if "pdir" in g:
            fields["direction"] = lex.period_directions[g["pdir"].lower()]
            anchor = "reference" if fields["direction"].startswith("ref") else anchor
        if "deictic" in g:
            fields["offset"] = lex.deictic[g["deictic"].lower()]
        if "chained" in g:
            fields["offset"], anchor = lex.chained[g["chained"].lower()], "reference"
        if "shift" in g:
            fields["count"], fields["offset"] = lex.number(g["n"]), lex.shifts[g["shift"].lower()]
            anchor = "published" if g["shift"].lower() == "ago" else "reference"
        if "holiday" in g:
            fields["month"], fields["day"] = lex.holidays[g["holiday"].lower().replace("’", "'")]
        object_end = self._object_end(sdoc, m) if rule.kind in ("chained", "shift") else None
        if object_end is not None:
            anchor = "object"
        root = _root(sdoc, m.start(), m.end())
        return Mention(text=m.group(), start=m.start(), end=m.end(), kind=rule.kind, anchor=anchor,
                       tense=clause_tense(root, lex), object_end=object_end,
                       sentence=root.sent.start_char if root is not None else None, **fields)

    def _plausible(self, sdoc: Doc, m: re.Match[str], g: dict[str, str]) -> bool:
        """spaCy's view of the words the regex took for a date."""
        text = m.string
        if g.get("conn", "").strip() == "and" and not text[:m.start()].rstrip().lower().endswith("between"):
            return False                                    # "Monday and Tuesday" are two days, not a range
        if g.get("pdir", "").lower() == "the" and "part" not in g:
            return False                                    # "the week" alone is not a date
        for key in ("month", "month2"):
            if key in g and not g[key].isdigit():
                for tok in _tokens(sdoc, m.start(key), m.end(key)):
                    if tok.tag_ == "MD" or tok.tag_.startswith("VB") or tok.ent_type_ == "PERSON":
                        return False                        # "May" the modal or the prime minister
        for key in ("year", "year2"):
            if key in g and "month" not in g and "day" not in g:
                for tok in _tokens(sdoc, m.start(key), m.end(key)):
                    if tok.dep_ == "nummod" and not m.start() <= tok.head.idx < m.end():
                        return False                        # "in 2000 cases"
                nxt = _next_token(sdoc, m.end())
                if nxt is not None and nxt.pos_ == "NOUN":
                    return False
        if "day" in g and "month" not in g and "n" not in g and "holiday" not in g:
            nxt = _next_token(sdoc, m.end())
            if nxt is not None and (nxt.pos_ in NOT_AFTER_ORDINAL_DAY or nxt.lower_ == "of"):
                return False                                # "on the 5th floor"
        return True

    def _object_end(self, sdoc: Doc, m: re.Match[str]) -> int | None:
        """Where "the day before <the vote>" ends its object; None when it counts from the narrative."""
        if m.group().split()[-1].lower() not in ("before", "after", "prior"):
            return None
        nxt = _next_token(sdoc, m.end())
        if nxt is None or not (nxt.pos_ in OBJECT_POS or nxt.lower_ == "to"):
            return None
        sent_end = nxt.sent.end_char
        stop = re.search(r"[,;:–—]", m.string[m.end():sent_end])
        return m.end() + stop.start() if stop else sent_end


def _tokens(sdoc: Doc, start: int, end: int) -> list[Token]:
    span = sdoc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _root(sdoc: Doc, start: int, end: int) -> Token | None:
    span = sdoc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _next_token(sdoc: Doc, end: int) -> Token | None:
    """The first token starting at or after `end` in the same sentence."""
    tokens = _tokens(sdoc, max(end - 1, 0), end)
    if not tokens:
        return None
    last = tokens[-1]
    i = last.i + 1
    while i < len(sdoc) and sdoc[i].is_space:
        i += 1
    if i >= len(sdoc) or sdoc[i].is_sent_start:
        return None
    return sdoc[i]


def clause_tense(token: Token | None, lex: Lexicon) -> str | None:
    """Tense of the clause governing `token`: climb to its verb, then read the verb and its auxiliaries."""
    if token is None:
        return None
    for _ in range(8):
        if token.lemma_ in lex.intent and token.tag_ in ("VBN", "JJ"):
            return "future"                                 # "scheduled for next Monday", "due on Friday"
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        head = token.head
        if token.dep_ == "pobj" and head.dep_ == "prep":
            verb = head.head.head if head.head.dep_ in ("advmod", "prt") else head.head     # "push it back to"
            if (head.lower_ in ("to", "until", "till") and verb.lemma_ in lex.postpone
                    or head.lower_ == "for" and verb.lemma_ in lex.request):
                return "future"            # "pushed the vote back to December 15", "called for a strike on Monday"
        token = head
    return verb_tense(token, lex)


def verb_tense(verb: Token, lex: Lexicon) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in lex.future_aux for a in auxes):
        return "future"
    if any(a.tag_ == "TO" for a in auxes) and (verb.head.lemma_ in lex.intent or verb.head.lower_ == "going"):
        return "future"                                     # "expected to arrive on Friday"
    if verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"                                     # "is meeting on Friday": a plan
    if verb.lemma_ in lex.intent and verb.tag_ in ("VBP", "VBZ"):
        return "future"                                     # "activists who plan to march … on Saturday"
    if (verb.lemma_ in lex.request and any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes)
            and any(c.lower_ == "for" for c in verb.children)):
        return "future"                                     # "has called for a march on Tuesday": the march
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and (not auxes or any(a.lemma_ == "have" for a in auxes)):
        return "past"
    return None
