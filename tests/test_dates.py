"""Dates are shown at the precision the editor wrote, and sorted by what they cover."""

from __future__ import annotations

import pytest

from generator.dates import DateError, iso_day, parse_date


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2025", "2025"),
        ("2025-11", "November 2025"),
        ("2025-11-07", "7 November 2025"),
        ("2025-11~", "about November 2025"),
        ("2025-11-07?", "7 November 2025 (date uncertain)"),
        ("2025-11-24/2025-11-26", "24–26 November 2025"),
        ("2025-11-17/2025-12-02", "17 November – 2 December 2025"),
        ("2025-12/2026-05", "December 2025 – May 2026"),
    ],
)
def test_display_keeps_the_written_precision(text: str, shown: str) -> None:
    assert parse_date(text).display() == shown


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", '"2025-02-30" is not a valid date: February 2025 has 28 days'),
        ("2025-11-31", '"2025-11-31" is not a valid date: November 2025 has 30 days'),
        ("2025-11-24/2025-11-31", '"2025-11-24/2025-11-31" is not a valid date: November 2025 has 30 days'),
        ("2025-13-01", '"2025-13-01" is not a valid date: there is no month 13; months run from 01 to 12'),
        ("2025-00", '"2025-00" is not a valid date: there is no month 0; months run from 01 to 12'),
        ("2025-21", '"2025-21" uses an EDTF feature this site does not support'),  # a season, not month 21
        ("2025-11-26/2025-11-24", '"2025-11-26/2025-11-24" ends before it starts'),
        ("2025-11-XX", '"2025-11-XX" uses an EDTF feature this site does not support'),
        ("next week", '"next week" is not a valid date'),
    ],
)
def test_bad_dates_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(DateError, match="^" + message.replace("?", r"\?") + "$"):
        parse_date(text)


def test_month_sorts_before_a_day_in_that_month_and_after_the_previous_month() -> None:
    keys = sorted(["2025-11-07", "2025-11", "2025-10-31"], key=lambda t: parse_date(t).sort_key)
    assert keys == ["2025-10-31", "2025-11", "2025-11-07"]


def test_iso_day_gives_first_and_last_days_covered() -> None:
    d = parse_date("2025-02")
    assert (iso_day(d), iso_day(d, end=True)) == ("2025-02-01", "2025-02-28")
