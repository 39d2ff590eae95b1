"""Natural dates in English and Spanish, read for a purpose: a day named
without its side of today ("friday", "30 jun", "fin de mes") is the most
recent one for something that happened (PAST) and the next one for a due
date (FUTURE), today included either way."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamtui import dates
from kamtui.dates import natural

TODAY = date(2026, 11, 15)  # a Sunday
PAST, FUTURE = dates.PAST, dates.FUTURE


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        ("in 2 weeks", "2026-11-29", "2026-11-29"),
        ("en 3 días", "2026-11-18", "2026-11-18"),
        ("next week", "2026-11-22", "2026-11-22"),
        ("la semana que viene", "2026-11-22", "2026-11-22"),
        ("la próxima semana", "2026-11-22", "2026-11-22"),
        ("last week", "2026-11-08", "2026-11-08"),
        ("la semana pasada", "2026-11-08", "2026-11-08"),
        ("next month", "2026-12-15", "2026-12-15"),
        ("el mes que viene", "2026-12-15", "2026-12-15"),
        ("el mes pasado", "2026-10-15", "2026-10-15"),
        ("el año que viene", "2027-11-15", "2027-11-15"),
        ("end of june", "2026-06-30", "2027-06-30"),
        ("fin de junio", "2026-06-30", "2027-06-30"),
        ("end of the month", "2026-10-31", "2026-11-30"),
        ("fin de mes", "2026-10-31", "2026-11-30"),
        ("a fin de mes", "2026-10-31", "2026-11-30"),
        ("fin de año", "2025-12-31", "2026-12-31"),
        ("end of the week", "2026-11-13", "2026-11-20"),
        ("el viernes", "2026-11-13", "2026-11-20"),
        ("viernes", "2026-11-13", "2026-11-20"),
        ("friday", "2026-11-13", "2026-11-20"),
        ("this friday", "2026-11-13", "2026-11-20"),
        ("el miércoles", "2026-11-11", "2026-11-18"),
        ("el domingo", "2026-11-15", "2026-11-15"),  # today counts
        ("el viernes que viene", "2026-11-20", "2026-11-20"),
        ("el viernes pasado", "2026-11-13", "2026-11-13"),
        ("next friday", "2026-11-20", "2026-11-20"),
        ("last friday", "2026-11-13", "2026-11-13"),
        ("8 marzo", "2026-03-08", "2027-03-08"),
        ("8 de marzo", "2026-03-08", "2027-03-08"),
        ("el 8 de marzo", "2026-03-08", "2027-03-08"),
        ("30 jun", "2026-06-30", "2027-06-30"),
        ("30 june", "2026-06-30", "2027-06-30"),
        ("june 30", "2026-06-30", "2027-06-30"),
        ("3 dic", "2025-12-03", "2026-12-03"),
        ("1 ENE", "2026-01-01", "2027-01-01"),
        ("15 nov", "2026-11-15", "2026-11-15"),  # today counts
        ("7/3", "2026-03-07", "2027-03-07"),
        ("29 feb", "2024-02-29", "2028-02-29"),
        ("7 de marzo de 2025", "2025-03-07", "2025-03-07"),
        ("7 marzo 2025", "2025-03-07", "2025-03-07"),
        ("March 7, 2025", "2025-03-07", "2025-03-07"),
        ("end of june 2030", "2030-06-30", "2030-06-30"),
        ("pasado mañana", "2026-11-17", "2026-11-17"),
        ("anteayer", "2026-11-13", "2026-11-13"),
    ],
)
def test_phrases_for_each_purpose(text: str, past: str, future: str) -> None:
    assert dates.parse_date(text, today=TODAY, purpose=PAST).isoformat() == past
    assert dates.parse_date(text, today=TODAY, purpose=FUTURE).isoformat() == future


def test_a_time_after_the_day() -> None:
    got = dates.parse_datetime("el viernes a las 10:30", today=TODAY, purpose=PAST)
    assert got.isoformat() == "2026-11-13T10:30:00"
    got = dates.parse_datetime("8 marzo 15:00", today=TODAY, purpose=FUTURE)
    assert got.isoformat() == "2027-03-08T15:00:00"


def test_without_a_purpose_a_day_of_the_year_is_this_years() -> None:
    assert dates.parse_date("30 jun", today=TODAY) == date(2026, 6, 30)
    assert dates.parse_date("friday", today=TODAY) == date(2026, 11, 20)


@pytest.mark.parametrize("text", ["31 feb", "30 de febrero", "31/4", "32 marzo"])
def test_days_not_in_the_calendar_are_refused(text: str) -> None:
    with pytest.raises(dates.DateError):
        dates.parse_date(text, today=TODAY, purpose=FUTURE)


def test_a_bad_purpose_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        dates.parse_date("friday", today=TODAY, purpose="soon")  # type: ignore[arg-type]


def test_at_the_ends_of_time_the_next_day_is_out_of_range() -> None:
    with pytest.raises(dates.DateError, match="outside"):
        dates.parse_date("30 jun", today=date(2200, 12, 31), purpose=FUTURE)
    with pytest.raises(dates.DateError, match="outside"):
        dates.parse_date("fin de junio", today=date(1900, 1, 1), purpose=PAST)
    assert dates.parse_date("31 dic", today=date(2200, 12, 31), purpose=FUTURE) == date(
        2200, 12, 31
    )


@pytest.mark.parametrize("today", [date(2026, 11, 15), date(2031, 2, 3)])
def test_error_hints_use_todays_dates(today: date) -> None:
    for purpose in (PAST, FUTURE, dates.ANY):
        with pytest.raises(dates.DateError) as info:
            dates.parse_date("whenever", today=today, purpose=purpose)
        message = str(info.value)
        assert today.isoformat() in message
        assert f"{today.day}/{today.month}/{today.year}" in message
        assert "2025" not in message or today.year == 2025


# -- properties ---------------------------------------------------------------------

# 29 February comes back within 8 years: keep that far from the ends.
TODAYS = st.dates(date(1901, 1, 1), date(2191, 12, 31))
EN_MONTHS = [
    ["january", "jan"],
    ["february", "feb"],
    ["march", "mar"],
    ["april", "apr"],
    ["may"],
    ["june", "jun"],
    ["july", "jul"],
    ["august", "aug"],
    ["september", "sep", "sept"],
    ["october", "oct"],
    ["november", "nov"],
    ["december", "dec"],
]
ES_MONTHS = [
    ["enero", "ene"],
    ["febrero", "feb"],
    ["marzo", "mar"],
    ["abril", "abr"],
    ["mayo"],
    ["junio", "jun"],
    ["julio", "jul"],
    ["agosto", "ago"],
    ["septiembre", "setiembre", "sep"],
    ["octubre", "oct"],
    ["noviembre", "nov"],
    ["diciembre", "dic"],
]
EN_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ES_DAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]


def _case(draw: st.DrawFn, text: str) -> str:
    return draw(st.sampled_from([text, text.upper(), text.capitalize(), f"  {text} "]))


@st.composite
def weekday_phrase(draw: st.DrawFn) -> tuple[str, int]:
    index = draw(st.integers(0, 6))
    if draw(st.booleans()):
        prefix = draw(st.sampled_from(["", "this ", "on "]))
        text = prefix + EN_DAYS[index]
    else:
        prefix = draw(st.sampled_from(["", "el ", "este "]))
        text = prefix + draw(st.sampled_from([ES_DAYS[index], natural._fold(ES_DAYS[index])]))
    return _case(draw, text), index


@st.composite
def day_month_phrase(draw: st.DrawFn) -> tuple[str, int, int]:
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(2000, month)[1]))
    if draw(st.booleans()):
        name = draw(st.sampled_from(EN_MONTHS[month - 1]))
        form = draw(st.sampled_from(["{d} {m}", "{m} {d}", "the {d} of {m}", "{m}. {d}"]))
    else:
        name = draw(st.sampled_from(ES_MONTHS[month - 1]))
        form = draw(st.sampled_from(["{d} {m}", "{d} de {m}", "el {d} de {m}", "{d}/{n}"]))
    return _case(draw, form.format(d=day, m=name, n=month)), month, day


@st.composite
def end_phrase(draw: st.DrawFn) -> tuple[str, int | None]:
    month = draw(st.integers(1, 12))
    if draw(st.booleans()):
        text = draw(
            st.sampled_from(
                [
                    f"end of {draw(st.sampled_from(EN_MONTHS[month - 1]))}",
                    "end of the month",
                    "end of month",
                    "end of the year",
                ]
            )
        )
    else:
        text = draw(
            st.sampled_from(
                [
                    f"fin de {draw(st.sampled_from(ES_MONTHS[month - 1]))}",
                    f"a finales de {ES_MONTHS[month - 1][0]}",
                    "fin de mes",
                    "a fin de mes",
                    "fin del mes",
                    "fin de año",
                ]
            )
        )
    named = month if not text.endswith(("month", "mes", "year", "año")) else None
    return _case(draw, text), named


@given(TODAYS, st.sampled_from([PAST, FUTURE]), weekday_phrase())
def test_a_weekday_is_within_the_week_on_the_purposes_side(
    today: date, purpose: dates.Purpose, phrase: tuple[str, int]
) -> None:
    text, index = phrase
    got = dates.parse_date(text, today=today, purpose=purpose)
    assert got.weekday() == index
    assert dates.MIN_DATE <= got <= dates.MAX_DATE
    assert 0 <= (today - got if purpose == PAST else got - today).days <= 6


@given(TODAYS, st.sampled_from([PAST, FUTURE]), day_month_phrase())
def test_a_day_of_a_month_is_the_nearest_on_the_purposes_side(
    today: date, purpose: dates.Purpose, phrase: tuple[str, int, int]
) -> None:
    text, month, day = phrase
    got = dates.parse_date(text, today=today, purpose=purpose)
    assert (got.month, got.day) == (month, day)
    assert dates.MIN_DATE <= got <= dates.MAX_DATE
    distance = (today - got if purpose == PAST else got - today).days
    assert 0 <= distance <= (366 * 8 if (month, day) == (2, 29) else 365)


@given(TODAYS, st.sampled_from([PAST, FUTURE]), end_phrase())
def test_the_end_of_a_period_is_on_the_purposes_side(
    today: date, purpose: dates.Purpose, phrase: tuple[str, int | None]
) -> None:
    text, month = phrase
    got = dates.parse_date(text, today=today, purpose=purpose)
    assert dates.MIN_DATE <= got <= dates.MAX_DATE
    assert (got <= today) if purpose == PAST else (got >= today)
    assert (got + timedelta(days=1)).day == 1  # the last day of a month
    if month is not None:
        assert got.month == month
    assert abs((got - today).days) <= 366


@given(
    st.dates(date(1906, 1, 1), date(2191, 12, 31)),  # 60 months from the ends
    st.sampled_from([PAST, FUTURE, dates.ANY]),
    st.integers(1, 60),
    st.sampled_from(
        [
            ("in {n} days", 1),
            ("in {n} weeks", 1),
            ("in {n} months", 1),
            ("en {n} días", 1),
            ("dentro de {n} semanas", 1),
            ("en {n} meses", 1),
            ("{n} days ago", -1),
            ("hace {n} semanas", -1),
            ("hace {n} meses", -1),
            ("next week", 1),
            ("la semana que viene", 1),
            ("next month", 1),
            ("el mes que viene", 1),
            ("last week", -1),
            ("la semana pasada", -1),
            ("el mes pasado", -1),
            ("next friday", 1),
            ("el próximo lunes", 1),
            ("el viernes que viene", 1),
            ("last friday", -1),
            ("el martes pasado", -1),
        ]
    ),
)
def test_phrases_that_say_their_direction_keep_it_whatever_the_purpose(
    today: date, purpose: dates.Purpose, n: int, form: tuple[str, int]
) -> None:
    text, sign = form
    got = dates.parse_date(text.format(n=n), today=today, purpose=purpose)
    assert dates.MIN_DATE <= got <= dates.MAX_DATE
    assert (got > today) if sign > 0 else (got < today)


def test_the_goal_form_reads_due_dates_ahead() -> None:
    from kamtui.ui.screens.forms.goal_form import parse_actions

    assert parse_actions("Llamar a Ana @ el viernes\nVisita @ 30 jun", TODAY) == [
        ("Llamar a Ana", "2026-11-20"),
        ("Visita", "2027-06-30"),
    ]


def test_complaint_dates_are_read_as_past() -> None:
    from kamtui.services.complaints import _day

    assert _day("el viernes", TODAY, "opened") == "2026-11-13"
