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
        if not dates.MIN_DATE <= expected.date() <= dates.MAX_DATE:  # type: ignore[attr-defined]
            expected = ValueError
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


@pytest.mark.parametrize(
    "text",
    [
        "999999 days ago",
        "hace 9999999999 días",
        "99999999999 weeks ago",
        "hace 99999999999999999999 semanas",
        "hace " + "9" * 60 + " días",
        "in 999999999 days",
        "dentro de 9999999 meses",
        "hace 300 años",
        "in 175 years",
        "9999-12-31",
        "0001-01-01",
        "1899-12-31",
        "2201-01-01",
        "31/12/2201",
    ],
)
def test_dates_outside_1900_2200_are_refused_with_the_range(text: str) -> None:
    with pytest.raises(dates.DateError, match="outside the accepted dates") as info:
        dates.parse_datetime(text, today=TODAY)
    message = str(info.value)
    assert "1900-01-01 to 2200-12-31" in message
    assert "\n" not in message and len(message) < 200


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "31/02/2026",
        "0/0/0",
        "99999",
        "12345678",
        "in 10**30 days",
        "1e30",
        "yesterday 99999:00",
        "tomorrow 999999999999999999999",
        "ayer ١٥:٠٠:٠٠:٠٠",
        "хорошо 3/3/2025",
        # dateutil raises decimal.InvalidOperation (not a ValueError) for these
        "99999999999999999999999999999 hours ago",
        "999999999999999999999999999999 minutes",
        "today " + "9" * 30 + " minutes",
        "hace " + "9" * 5000 + " días",  # int() itself refuses > 4300 digits
        "\x1f" * 30 + "\U0001b2fc" * 30,
    ],
)
def test_unreadable_text_raises_the_parsers_own_error(text: str) -> None:
    with pytest.raises(dates.DateError) as info:
        dates.parse_datetime(text, today=TODAY)
    message = str(info.value)
    assert "\n" not in message and len(message) < 200


@pytest.mark.parametrize("today", [date(9999, 12, 31), date(1, 1, 1), date(2200, 12, 31)])
@pytest.mark.parametrize(
    "text",
    [
        "tomorrow",
        "yesterday 10:00",
        "next friday",
        "last monday",
        "in 3 months",
        "hace 3 días",
        "en 2 años",
    ],
)
def test_a_today_at_the_ends_of_time_gives_the_range_error(today: date, text: str) -> None:
    """KAMTUI_TODAY or --today is the only input not checked by the parser."""
    try:
        value = dates.parse_datetime(text, today=today)
    except dates.DateError as exc:
        assert "outside the accepted dates" in str(exc)
    else:
        assert dates.MIN_DATE <= value.date() <= dates.MAX_DATE


def test_the_bounds_themselves_are_dates() -> None:
    assert dates.parse_date("2200-12-31", today=TODAY) == date(2200, 12, 31)
    assert dates.parse_date("1/1/1900", today=TODAY) == date(1900, 1, 1)
    assert dates.parse_date("in 174 years", today=TODAY) == date(2200, 11, 15)


def test_relative_weeks_months_years_both_languages() -> None:
    assert dates.parse_date("3 weeks ago", today=TODAY) == date(2026, 10, 25)
    assert dates.parse_date("hace 3 meses", today=TODAY) == date(2026, 8, 15)
    assert dates.parse_date("2 years ago", today=TODAY) == date(2024, 11, 15)
    assert dates.parse_date("in 5 days", today=TODAY) == date(2026, 11, 20)
    assert dates.parse_date("en 2 semanas", today=TODAY) == date(2026, 11, 29)
    assert dates.parse_date("dentro de 1 año", today=TODAY) == date(2027, 11, 15)
    # 31 March - 1 month is the last day of February, not an error.
    assert dates.parse_date("1 month ago", today=date(2026, 3, 31)) == date(2026, 2, 28)


def test_a_date_after_a_day_word_is_refused_not_read_as_midnight() -> None:
    for text in ("yesterday 1500", "ayer 5 de marzo", "yesterday 2020-01-01"):
        with pytest.raises(dates.DateError, match="cannot read the time"):
            dates.parse_datetime(text, today=TODAY)
    assert dates.parse_datetime("ayer a las 9", today=TODAY) == datetime(2026, 11, 14, 9, 0)
