"""Calendar arithmetic for timex mentions against explicit anchors: the publication day and the day the
narrative is on. Pure functions of their arguments; nothing here reads the clock."""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..records import Timex
from .find import Mention

Span = tuple[dt.date | None, dt.date | None, str | None]     # first day, last day (or None), precision
NOTHING: Span = (None, None, None)
DAY = dt.timedelta(days=1)
YEAR_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "start": (1, 1), "middle": (6, 7), "end": (12, 12),
               "first_half": (1, 6), "second_half": (7, 12)}
MONTH_DAYS = {"early": (1, 10), "start": (1, 10), "mid": (11, 20), "middle": (11, 20), "late": (21, 31),
              "end": (21, 31), "first_half": (1, 15), "second_half": (16, 31)}
WEEK_DAYS = {"early": (0, 2), "start": (0, 2), "mid": (1, 3), "middle": (1, 3), "late": (3, 6), "end": (3, 6),
             "first_half": (0, 3), "second_half": (3, 6)}
DECADE_YEARS = {"early": (0, 3), "start": (0, 3), "mid": (3, 6), "middle": (3, 6), "late": (7, 9), "end": (7, 9),
                "first_half": (0, 4), "second_half": (5, 9)}


def resolve_all(mentions: Sequence[Mention], published: dt.date | None) -> list[Timex]:
    """Resolve mentions in text order; each day-precise one becomes the narrative's reference day."""
    spans: list[Span] = []
    reference: dt.date | None = None
    year_said: tuple[int | None, int] | None = None        # (sentence, year) of the latest "in 2019"
    coarse: tuple[dt.date, str] | None = None               # the latest month or year stated after `reference`
    for m in mentions:
        if m.kind == "year" and m.year is not None and m.year2 is None and m.part is None:
            year_said = (m.sentence, m.year)
        elif (m.kind in ("month", "date") and m.year is None and m.direction is None and m.weekday is None
              and year_said is not None
              and m.sentence is not None and year_said[0] == m.sentence):
            m = replace(m, year=year_said[1])               # "In 2023, the RSF took Darfur … on April 15"
        if m.anchor == "object":
            spans.append(NOTHING)
            continue
        # "In 2023, … later that year": a year or month told after the narrative's day is what "that" means
        unit_said = coarse if m.kind == "period" and coarse is not None and m.unit in ("year", coarse[1]) else None
        span = resolve(m, published, unit_said[0] if unit_said else reference)
        spans.append(span)
        if span[2] == "day" and span[0] is not None:
            reference, coarse = span[1] or span[0], None
        elif span[2] in ("month", "year") and span[0] is not None and m.kind in ("month", "year"):
            coarse = (span[0], span[2])
    # "the day before Sunday's vote" counts from a date in its object, resolved in the first pass.
    for i, m in enumerate(mentions):
        if m.anchor == "object":
            base = next((s[0] for n, s in zip(mentions, spans)
                         if m.end <= n.start < (m.object_end or m.end) and s[2] == "day"), None)
            if base:
                spans[i] = resolve(m, published, base)
            elif i and mentions[i - 1].end + 2 >= m.start and spans[i - 1][2] == "day":
                spans[i] = spans[i - 1]         # "on Sunday, the day before the incident": Sunday restated
            else:
                spans[i] = NOTHING
    return [Timex(text=m.text, start=m.start, end=m.end, value=_iso(s[0]), end_value=_iso(s[1]), precision=s[2])
            for m, s in zip(mentions, spans)]


def resolve(m: Mention, published: dt.date | None, reference: dt.date | None) -> Span:
    """One mention's span; `reference` is the narrative's day (or the object's, for "the day before X")."""
    base = published if m.anchor == "published" else (reference or (published if m.anchor == "reference" else None))
    if m.kind in ("date", "holiday"):
        return _date(m, published)
    if m.kind == "year":
        return _year(m)
    if m.kind == "month":
        return _month(m, published, reference)
    if base is None:
        return NOTHING
    if m.kind in ("deictic", "chained"):
        return base + dt.timedelta(days=m.offset or 0), None, "day"
    if m.kind == "weekday":
        return _weekday(m, base)
    if m.kind == "shift":
        return _shift(base, (m.count or 0) * (m.offset or 0), m.unit or "day")
    if m.kind == "period":
        return _period(m, base)
    if m.kind == "ordinal_day" and m.day:
        options = [d for d in (_safe_date(y, mo, m.day) for y, mo in
                               (_add_months(base.year, base.month, k) for k in (-2, -1, 0, 1, 2))) if d]
        return _pick(options, base, m.tense or "past"), None, "day"
    return NOTHING


def _date(m: Mention, published: dt.date | None) -> Span:
    if m.month is None or m.day is None:
        return NOTHING
    if m.year is not None:
        start = _safe_date(m.year, m.month, m.day)
    elif published is None:
        return NOTHING
    else:
        options = [d for d in (_safe_date(y, m.month, m.day) for y in range(published.year - 4, published.year + 5)) if d]
        # "Sunday, January 9": a stated weekday picks the year, if one near the anchor fits it
        fitting = [d for d in options if d.weekday() == m.weekday and abs(d.year - published.year) <= 1]
        mode = {"before": "strict_before", "after": "strict_after"}.get(m.direction or "", m.tense)
        start = _pick(fitting, published, None) if fitting else _pick(options, published, mode)
    if start is None:
        return NOTHING
    if m.day2 is None:
        return start, None, "day"
    end = _safe_date(m.year2 or start.year, m.month2 or start.month, m.day2)
    if end is not None and end < start and m.year2 is None:
        end = _safe_date(start.year + 1, end.month, end.day)
    return (start, end, "day") if end and end > start else (start, None, "day")


def _month(m: Mention, published: dt.date | None, reference: dt.date | None) -> Span:
    assert m.month is not None
    if m.year is not None:
        year = m.year
    else:
        base = reference if (m.direction or "").startswith("ref") else published
        if base is None:
            return NOTHING
        options = [dt.date(y, m.month, 1) for y in (base.year - 1, base.year, base.year + 1)]
        this_month = base.replace(day=1)
        mode = {"before": "strict_before", "ref_before": "strict_before", "after": "strict_after",
                "ref_after": "strict_after", "this": "same_year"}.get(m.direction or "", m.tense)
        year = (base.year if mode == "same_year" else _pick(options, this_month, mode).year)
    start, end = dt.date(year, m.month, 1), _month_end(year, m.month)
    if m.month2 is not None:
        end = _month_end(year + (m.month2 < m.month), m.month2)
    return _part(start, end, "month", m.part, published)


def _year(m: Mention) -> Span:
    if m.decade is not None:
        lo, hi = DECADE_YEARS.get(m.part or "", (0, 9))
        return dt.date(m.decade + lo, 1, 1), dt.date(m.decade + hi, 12, 31), "year"
    assert m.year is not None
    if m.year2 is not None:
        return (dt.date(m.year, 1, 1), dt.date(m.year2, 12, 31), "year") if m.year2 > m.year else NOTHING
    return _part(dt.date(m.year, 1, 1), dt.date(m.year, 12, 31), "year", m.part, None)


def _weekday(m: Mention, base: dt.date) -> Span:
    assert m.weekday is not None
    direction = m.direction or ""
    if direction in ("before", "ref_before"):
        start = on_or_before(base - DAY, m.weekday)
    elif direction in ("after", "ref_after"):
        start = on_or_after(base + DAY, m.weekday)
    elif m.tense == "future" or (direction == "this" and m.tense != "past"):
        start = on_or_after(base, m.weekday)
    else:                               # news convention: an unmarked weekday is the latest one, today included
        start = on_or_before(base, m.weekday)
    if m.weekday2 is None:
        return start, None, "day"
    return start, on_or_after(start + DAY, m.weekday2), "day"


def _shift(base: dt.date, amount: int, unit: str) -> Span:
    if unit == "day":
        return base + dt.timedelta(days=amount), None, "day"
    if unit in ("week", "weekend"):
        return week_of(base + dt.timedelta(weeks=amount)) + ("week",)
    if unit == "month":
        y, mo = _add_months(base.year, base.month, amount)
        return dt.date(y, mo, 1), _month_end(y, mo), "month"
    return dt.date(base.year + amount, 1, 1), dt.date(base.year + amount, 12, 31), "year"


def _period(m: Mention, base: dt.date) -> Span:
    unit, direction = m.unit or "week", (m.direction or "0").removeprefix("ref")
    if direction in ("past", "coming"):         # "the past week": a window that ends (or starts) on the anchor
        far = _same_day(base, -1 if direction == "past" else 1, unit)
        window = (far + DAY, base) if direction == "past" else (base, far - DAY)
        return *window, "week" if unit == "weekend" else unit
    if unit == "weekend":
        if m.direction is None:                 # "over the weekend": the last one, or the next in a future clause
            saturday = on_or_after(base - DAY, 5) if m.tense == "future" else on_or_before(base, 5)
        else:
            saturday = week_of(base)[0] + dt.timedelta(days=5 + 7 * int(direction))
        return saturday, saturday + DAY, "day"
    start, end, _ = _shift(base, int(direction), unit)
    assert start is not None and end is not None
    return _part(start, end, unit, m.part, base)


def _same_day(base: dt.date, amount: int, unit: str) -> dt.date:
    """The same day `amount` weeks, months or years away ("the past month" of March 7 starts on February 8)."""
    if unit in ("week", "weekend"):
        return base + dt.timedelta(weeks=amount)
    y, mo = _add_months(base.year, base.month, amount * (12 if unit == "year" else 1))
    return dt.date(y, mo, min(base.day, calendar.monthrange(y, mo)[1]))


def _part(start: dt.date, end: dt.date, unit: str, part: str | None, anchor: dt.date | None) -> Span:
    """Narrow a week/month/year to "early", "mid", "the end of", "earlier this" … (docs/time.md)."""
    if part is None:
        return start, end, unit
    if part in ("until_anchor", "from_anchor"):
        if anchor is None or not start <= anchor <= end:
            return start, end, unit
        return (start, anchor, unit) if part == "until_anchor" else (anchor, end, unit)
    if unit == "year":
        lo, hi = YEAR_THIRDS[part]
        precision = "month" if part in ("start", "middle", "end") else "year"
        return dt.date(start.year, lo, 1), _month_end(start.year, hi), precision
    if unit == "month":
        lo, hi = MONTH_DAYS[part]
        return start.replace(day=lo), min(end, start.replace(day=min(hi, end.day))), "month"
    lo, hi = WEEK_DAYS[part]
    return start + dt.timedelta(days=lo), start + dt.timedelta(days=hi), "week"


def week_of(d: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ISO week of `d`."""
    monday = d - dt.timedelta(days=d.weekday())
    return monday, monday + dt.timedelta(days=6)


def on_or_before(d: dt.date, weekday: int) -> dt.date:
    return d - dt.timedelta(days=(d.weekday() - weekday) % 7)


def on_or_after(d: dt.date, weekday: int) -> dt.date:
    return d + dt.timedelta(days=(weekday - d.weekday()) % 7)


def _pick(options: Iterable[dt.date], anchor: dt.date, mode: str | None) -> dt.date:
    """The option a clause of this tense means: past → latest on or before, future → first on or after,
    unmarked → nearest (ties go to the past); strict_* exclude the anchor itself."""
    opts = sorted(options)
    tests = {"past": lambda d: d <= anchor, "before": lambda d: d <= anchor, "strict_before": lambda d: d < anchor,
             "future": lambda d: d >= anchor, "after": lambda d: d >= anchor, "strict_after": lambda d: d > anchor}
    if mode in tests:
        hits = [d for d in opts if tests[mode](d)]
        if hits:
            return hits[-1] if mode in ("past", "before", "strict_before") else hits[0]
    return min(opts, key=lambda d: (abs((d - anchor).days), d > anchor))


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + month - 1 + n
    return k // 12, k % 12 + 1


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None
