"""What every date reader shares: the accepted range and its error, the
purpose a caller gives, the weekday and month names in English and Spanish,
and the small readers (a clock time, a shift by N units, the time after a
day word) that both `kamtui.dates` and `kamtui.dates.natural` use."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

Purpose = Literal["past", "future", "any"]
PAST: Purpose = "past"
FUTURE: Purpose = "future"
ANY: Purpose = "any"

_WEEKDAYS = {
    "monday": 0,
    "lunes": 0,
    "tuesday": 1,
    "martes": 1,
    "wednesday": 2,
    "miercoles": 2,
    "miércoles": 2,
    "thursday": 3,
    "jueves": 3,
    "friday": 4,
    "viernes": 4,
    "saturday": 5,
    "sabado": 5,
    "sábado": 5,
    "sunday": 6,
    "domingo": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
# Month names and abbreviations, English and Spanish, without accents
# ("mar" is March and marzo alike).
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "january jan enero ene",
            "february feb febrero",
            "march mar marzo",
            "april apr abril abr",
            "may mayo",
            "june jun junio",
            "july jul julio",
            "august aug agosto ago",
            "september sep sept septiembre setiembre set",
            "october oct octubre",
            "november nov noviembre",
            "december dec diciembre dic",
        ],
        start=1,
    )
    for name in names.split()
}
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2200, 12, 31)
RANGE_TEXT = f"{MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}"


class DateError(ValueError):
    """Text that is not a date, or a date outside MIN_DATE..MAX_DATE; str() is
    a one-line message for the user (the text is quoted with repr)."""


def _quote(text: str) -> str:
    """The user's text for a message: quoted, one line, and short (a pasted
    page or a 5,000-digit number must not fill the terminal)."""
    quoted = repr(text)
    cut = min(len(text), 57)
    while len(quoted) > 60:  # escapes such as \U0001b2fc count as they print
        cut -= 1
        quoted = repr(text[:cut]) + "..."
    return quoted


def _out_of_range(text: str) -> DateError:
    return DateError(f"{_quote(text)} is outside the accepted dates ({RANGE_TEXT})")


# "3 days ago", "hace 2 semanas", "in 4 months", "dentro de 1 año", "en 3 días".


# No offset that lands inside the range is longer than the range itself: a
# bigger number is refused before any arithmetic can overflow.
_MAX_SPAN_DAYS = (MAX_DATE - MIN_DATE).days
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$", re.ASCII)


def _dateutil_parse(text: str, **kwargs: Any) -> datetime:
    """dateutil's lenient parser, imported on first use: the common forms
    (a clock time, an ISO day) are read without it, which keeps `kamtui log`
    from paying ~12 ms of imports."""
    from dateutil import parser

    parsed: datetime = parser.parse(text, **kwargs)
    return parsed


def _clock(text: str) -> time | None:
    """'15:00', '9:05' -> time; None for anything else (dateutil reads it)."""
    m = _CLOCK.match(text)
    if m is None:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift(today: date, sign: int, number: str, unit: str, text: str) -> date:
    """`today` moved by `number` units; DateError when that leaves the range.
    The number is bounded before int(): a 5,000-digit one would raise int()'s
    own ValueError, a big one OverflowError in timedelta."""
    if len(number) > 6:
        raise _out_of_range(text)
    n = int(number)
    if unit.startswith(("week", "semana")):
        n *= 7
    if unit.startswith(("month", "mes", "year", "año", "ano")):
        months = n * 12 if unit.startswith(("year", "año", "ano")) else n
        if months > _MAX_SPAN_DAYS // 28:
            raise _out_of_range(text)
        index = today.year * 12 + today.month - 1 + sign * months
        year, month = divmod(index, 12)
        if not MIN_DATE.year <= year <= MAX_DATE.year:
            raise _out_of_range(text)
        # 31 January + 1 month is the last day of February.
        last = calendar.monthrange(year, month + 1)[1]
        return date(year, month + 1, min(today.day, last))
    if n > _MAX_SPAN_DAYS:
        raise _out_of_range(text)
    return today + timedelta(days=sign * n)


def _time_of_day(rest: str, text: str) -> time:
    """The time after a day word: '15:00', 'at 3pm', 'a las 9', '9:30h'.
    Anything naming a date ('yesterday 5 March') is refused rather than read
    as midnight of the day word."""
    rest = rest.removeprefix("at ").removeprefix("a las ").strip()
    clock = _clock(rest)
    if clock is not None:
        return clock
    if rest.isascii() and rest.isdigit() and int(rest) <= 23:
        return time(int(rest))  # "a las 9": dateutil would read 9 as a day
    problem = DateError(f"cannot read the time in {_quote(text)}")
    # Two defaults that differ in year, month and day: a date part in `rest`
    # shows as a result that is not its default's day.
    for default in (datetime(2000, 1, 1), datetime(2001, 2, 2)):
        try:
            value = _dateutil_parse(rest, default=default)
        except (ValueError, ArithmeticError):
            raise problem from None
        if value.date() != default.date():
            raise problem
    return value.time()
