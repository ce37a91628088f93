"""EDTF dates: parsing (by the `edtf` package), precision, sort keys and display text.

The precision an editor writes is the precision a reader sees: `2025-11` reads
"November 2025", never "1 November 2025".
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import functools
import io
import os
import re
from dataclasses import dataclass
from typing import Any

from generator.locales import key, strings

# The edtf package (its grammar takes a few tenths of a second to import) and babel.dates are
# imported where they are first needed: `check` on a story whose dates are all in the common
# forms (see _fast_parse) never needs either.

# For messages to editors (the command line speaks English); pages use generator/locales.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

Ymd = tuple[int, int, int]


class DateError(ValueError):
    """A date an editor wrote that we cannot use; the message is shown to them."""


@dataclass(frozen=True)
class Point:
    """One end of a date: year, optional month and day, and its qualifiers."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first(self) -> Ymd:
        return (self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> Ymd:
        return (self.year, self.month or 12, self.day or 31)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)


@dataclass(frozen=True)
class StoryDate:
    """A parsed EDTF date or interval, as written by the editor."""

    text: str
    start: Point
    end: Point | None = None

    @property
    def sort_key(self) -> tuple[Ymd, Ymd]:
        return (self.start.first, (self.end or self.start).last)

    @property
    def is_interval(self) -> bool:
        return self.end is not None

    def display(self, language: str = "en") -> str:
        return display(self, language)


@functools.lru_cache(maxsize=65536)
def parse_date(text: str) -> StoryDate:
    """Parse an EDTF string (level 0 and the level-1 qualifiers ~ ? %), or raise DateError."""
    text = text.strip()
    fast = _fast_parse(text)
    if fast is not None:
        return fast
    missing = _not_in_calendar(text)
    if missing:
        raise DateError(f'"{text}" is not a valid date: {missing}')
    from edtf import parse_edtf
    from edtf.parser.parser_classes import Interval as _EdtfInterval

    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the parser prints debug lines
            parsed = parse_edtf(text)
    except Exception as exc:  # the edtf package raises its own parse errors
        raise DateError(f'"{text}" is not a valid date') from exc
    if isinstance(parsed, _EdtfInterval):
        start, end = _point(parsed.lower, text), _point(parsed.upper, text)
        if end.last < start.first:
            raise DateError(f'"{text}" ends before it starts')
        return StoryDate(text, start, end)
    return StoryDate(text, _point(parsed, text))


_SIMPLE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)")


def _simple_point(text: str) -> Point | None:
    """A plain valid date (2025, 2025-11, 2025-11-07~); None for anything else."""
    match = _SIMPLE.fullmatch(text)
    if match is None:
        return None
    year, month, day = int(match[1]), _part(match[2]), _part(match[3])
    try:
        datetime.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        return None
    qual = match[4]
    return Point(year, month, day, qual in ("~", "%"), qual in ("?", "%"))


def _fast_parse(text: str) -> StoryDate | None:
    """The forms editors write almost always, parsed without the edtf grammar (slow: see
    benchmarks/README.md). Anything else,
    including every invalid date, goes to the edtf package, so results and errors are the same."""
    left, slash, right = text.partition("/")
    start = _simple_point(left)
    if start is None:
        return None
    if not slash:
        return StoryDate(text, start)
    end = _simple_point(right)
    if end is None or end.last < start.first:
        return None
    return StoryDate(text, start, end)


def _not_in_calendar(text: str) -> str:
    """For a date written in the right shape but missing from the calendar (2025-11-31, 2025-13),
    what is wrong with it; "" otherwise. An editor who wrote YYYY-MM-DD needs to hear that
    November has 30 days, not to be told to write YYYY-MM-DD."""
    for match in re.finditer(r"(?<!\d)(\d{4})-(\d{2})(?:-(\d{2}))?(?!\d)", text):
        year, month, day = int(match[1]), int(match[2]), match[3]
        if month >= 21 and day is None:  # an EDTF season (2025-21 is spring): edtf answers for those
            continue
        if not 1 <= month <= 12:
            return f"there is no month {month}; months run from 01 to 12"
        last = calendar.monthrange(year, month)[1]
        if day is not None and not 1 <= int(day) <= last:
            return f"{MONTHS[month - 1]} {year} has {last} days"
    return ""


def _point(node: Any, text: str) -> Point:
    from edtf.parser.parser_classes import Date as _EdtfDate
    from edtf.parser.parser_classes import UncertainOrApproximate as _EdtfQualified

    approximate = uncertain = False
    if isinstance(node, _EdtfQualified):
        approximate, uncertain = bool(node.is_approximate), bool(node.is_uncertain)
        if getattr(node, "is_uncertain_and_approximate", False):
            approximate = uncertain = True
        node = node.date
    unsupported = DateError(f'"{text}" uses an EDTF feature this site does not support')
    if type(node) is not _EdtfDate:  # seasons, unspecified digits, open ends...
        raise unsupported
    try:
        year, month, day = int(node.year), _part(node.month), _part(node.day)
    except (TypeError, ValueError, AttributeError) as exc:
        raise unsupported from exc
    if month and day and day > calendar.monthrange(year, month)[1]:  # the edtf grammar allows 29 February 2026
        raise DateError(f'"{text}" is not a valid date')
    return Point(year, month, day, approximate, uncertain)


def _part(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


@functools.lru_cache(maxsize=65536)  # the timeline's parts ask for each event's month heading
def _day(p: Point, pattern: str, language: str) -> str:
    """A point written with one of the table's CLDR date patterns (date.day, date.month...)."""
    from babel.dates import format_date

    s = strings(language)
    return format_date(datetime.date(*p.first), s.t(pattern), locale=s.locale)


def _point_text(p: Point, language: str, with_year: bool = True) -> str:
    """A point at its precision: 7 November 2025, November 2025, 2025 (or without the year)."""
    if p.precision == "year":
        return _day(p, key("date.year"), language)
    if p.precision == "month":
        return _day(p, key("date.month") if with_year else key("date.month_no_year"), language)
    return _day(p, key("date.day") if with_year else key("date.day_no_year"), language)


def _qualify(text: str, p: Point, language: str) -> str:
    s = strings(language)
    if p.approximate:
        text = s.t("date.about", date=text)
    if p.uncertain:
        text = s.t("date.uncertain", date=text)
    return text


@functools.lru_cache(maxsize=65536)
def display(d: StoryDate, language: str = "en") -> str:
    """Human text at the written precision, in the story's language (generator/locales):
    '7 November 2025', 'about November 2025', '17–22 November 2025'; '2025年11月7日'."""
    start, end = d.start, d.end
    if end is None:
        return _qualify(_point_text(start, language), start, language)
    s = strings(language)
    same_year = start.year == end.year
    same_month = same_year and start.month == end.month and start.precision == end.precision == "day"
    if same_month and not (start.approximate or start.uncertain):
        return _qualify(s.t("date.days_in_month", start=_point_text(start, language), end=_point_text(end, language),
                            start_day=_day(start, key("date.day_of_month"), language),
                            end_day=_day(end, key("date.day_of_month"), language)), end, language)
    full = _point_text(start, language)
    short = _point_text(start, language, with_year=not same_year or start.precision == "year")
    end_full = _point_text(end, language)
    end_short = _point_text(end, language, with_year=not same_year or end.precision == "year")
    return s.t("date.range", start=_qualify(full, start, language), start_short=_qualify(short, start, language),
               end=_qualify(end_full, end, language), end_short=_qualify(end_short, end, language))


def short_day(y: int, m: int, d: int, language: str = "en") -> str:
    """A day in the short form the key-moments strip prints: '7 Nov 2025', '2025年11月7日'."""
    from babel.dates import format_date

    s = strings(language)
    return format_date(datetime.date(y, m, d), s.t("date.short"), locale=s.locale)


def iso_day(d: StoryDate, end: bool = False) -> str:
    """A full ISO date for machines (feeds, JSON-LD): the first (or last) day the date covers."""
    p = (d.end or d.start) if end else d.start
    y, m, day = p.last if end else p.first
    if end and not p.day:
        day = calendar.monthrange(y, m)[1]
    return f"{y:04d}-{m:02d}-{day:02d}"


def month_heading(d: StoryDate, language: str = "en") -> str:
    """The month group an event is listed under on the timeline: 'November 2025', '2025年11月'."""
    if d.start.month is None:
        return _day(d.start, key("date.year"), language)
    return _day(Point(d.start.year, d.start.month), key("date.month"), language)


def today() -> Ymd:
    """The day content is checked against: today, or the planned publication day an editor names
    with `--as-of YYYY-MM-DD` (STORY_AS_OF) to prepare a story that goes out later."""
    planned = os.environ.get("STORY_AS_OF", "").strip()
    day = datetime.date.fromisoformat(planned) if planned else datetime.date.today()
    return (day.year, day.month, day.day)
