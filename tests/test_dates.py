"""Lenient dates: the common forms are read without dateutil and must give
exactly what dateutil gives."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from dateutil import parser as dateutil_parser

from kamtui import dates

TODAY = date(2026, 11, 15)


@pytest.mark.parametrize(
    "clock",
    [
        "15:00",
        "9:05",
        "09:05",
        "0:00",
        "23:59",
        "12:30",
        "7:00",
        "24:00",
        "9:60",
        "15:0",
        "1500",
        "١٥:٠٠",
    ],
)
def test_time_after_a_day_word_matches_dateutil(clock: str) -> None:
    try:
        expected: object = datetime.combine(
            date(2026, 11, 14),
            dateutil_parser.parse(
                clock, default=datetime.combine(date(2026, 11, 14), time())
            ).time(),
        )
    except (ValueError, OverflowError):
        expected = ValueError
    try:
        got: object = dates.parse_datetime(f"yesterday {clock}", today=TODAY)
    except ValueError:
        got = ValueError
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-07",
        "2024-02-29",
        "2025-02-29",
        "2025-13-01",
        "2025-3-7",
        "2025-03-07 10:15",
        "0001-01-01",
    ],
)
@pytest.mark.parametrize("default_time", [None, time(9, 30)])
def test_iso_days_match_dateutil(text: str, default_time: time | None) -> None:
    try:
        expected: object = dateutil_parser.parse(
            text, dayfirst=False, default=datetime.combine(TODAY, default_time or time())
        ).replace(tzinfo=None)
    except (ValueError, OverflowError):
        expected = ValueError
    try:
        got: object = dates.parse_datetime(text, today=TODAY, default_time=default_time)
    except ValueError:
        got = ValueError
    assert got == expected


def test_other_forms_still_lenient() -> None:
    assert dates.parse_datetime("7/3/2025 10:15", today=TODAY) == datetime(2025, 3, 7, 10, 15)
    assert dates.parse_datetime("ayer a las 9:30", today=TODAY) == datetime(2026, 11, 14, 9, 30)
    assert dates.parse_datetime("today 3pm", today=TODAY) == datetime(2026, 11, 15, 15, 0)
    assert dates.parse_date("March 7, 2025", today=TODAY) == date(2025, 3, 7)
    with pytest.raises(ValueError, match="cannot read the time"):
        dates.parse_datetime("yesterday 25:00", today=TODAY)
