"""Datelines that open wire copy: "ALMATY, Jan 7 (Reuters) -", "KYIV, Ukraine (AP) —", "Almaty (AFP) -".

The dateline is cut from the paragraph and kept as metadata {place, region, date, agency}. A date
without a year takes the year from the publication date when one is known, else stays null.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from ..resources import read_words
from .patterns import agency_alternation

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_NAME = r"[A-Z][\w.'’/-]*(?:[ -][A-Z][\w.'’/-]*){0,3}"
_LATEST_DATELINE_DAYS = 7         # a dateline day this far after publication belongs to the year before


@functools.cache
def _pattern() -> re.Pattern[str]:
    date = (rf"(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?"
            rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\.?(?:,?\s+(?P<year2>\d{{4}}))?")
    return re.compile(
        rf"^(?:(?!{_MONTH}\b)(?P<place>{_NAME})(?:,\s+(?!{_MONTH}\b)(?P<region>{_NAME}))?,?\s*)?"
        rf"(?:(?:{date})\s*)?"
        rf"(?:\((?P<agency>{agency_alternation()})\)\s*)?"
        r"(?P<dash>[-–—]{1,2}|:)(?:\s+(?=\S)|\s*$)")


@functools.cache
def _stamp_pattern() -> re.Pattern[str]:
    """A paragraph that is only a date, perhaps with a time: "April 18, 2024 7:12 PM GMT+0 Updated 4 min ago"."""
    date = (rf"(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
            rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\.?,?\s+(?P<year2>\d{{4}})")
    return re.compile(rf"^(?:(?:published|updated|posted|last updated)(?: on)?:?\s+)?(?:[A-Z][a-z]+day,?\s+)?"
                      rf"(?:{date})(?:[\s,|]+[^.!?]{{0,50}})?$", re.IGNORECASE)


def find_stamp(paragraph: str) -> dt.date | None:
    """The date of a paragraph that is nothing but a (publication) date stamp."""
    m = _stamp_pattern().match(paragraph)
    return _date(m, None)[0] if m else None


def find_dateline(paragraph: str, published: dt.date | None) -> tuple[dict[str, Any], str, bool] | None:
    """(dateline, the paragraph without it, whether its date gave a year), or None when it has none.

    The rest of the paragraph is empty when the dateline stands on a line of its own."""
    m = _pattern().match(paragraph)
    if m is None:
        return None
    place, agency = m["place"], m["agency"]
    if place in read_words("clean", "kickers.txt"):      # "BREAKING -" opens like a place would
        return None
    # without an agency only the all-caps place of house style makes a dateline ("WASHINGTON —")
    if agency is None and (place is None or place != place.upper() or len(place) < 3):
        return None
    date, has_year = _date(m, published)
    rest = paragraph[m.end():]
    if date is None and (stamp := find_stamp(rest)) is not None:
        date, has_year, rest = stamp, True, ""      # AFP puts the date after the dash: "Paris (AFP) - 7 March 2023"
    dateline = {"place": place, "region": m["region"], "date": date.isoformat() if date else None, "agency": agency}
    return dateline, rest, has_year


def _date(m: re.Match[str], published: dt.date | None) -> tuple[dt.date | None, bool]:
    month_name, day, year = (m["month"], m["day"], m["year"]) if m["month"] else (m["month2"], m["day2"], m["year2"])
    if not month_name:
        return None, False
    month = _MONTHS[month_name[:3].lower()]
    try:
        if year:
            return dt.date(int(year), month, int(day)), True
        if published is None:
            return None, False
        date = dt.date(published.year, month, int(day))
        if date > published + dt.timedelta(days=_LATEST_DATELINE_DAYS):
            date = dt.date(published.year - 1, month, int(day))
        return date, False
    except ValueError:            # "Feb 30", or Feb 29 in a year without one
        return None, False
