"""Lenient date parsing with an injectable "today".

Stored dates are ISO 8601. Input may be "today", "yesterday 15:00",
"last friday", "hace 3 días", "in 2 weeks", "2025-03-07" or day-first
"7/3/2025". Whatever the text, the parsers return a date within
MIN_DATE..MAX_DATE or raise DateError (a ValueError) with a one-line message:
every caller (CLI options, the log form, importers) refuses the same dates.
"""

from __future__ import annotations

import calendar
import os
import re
from datetime import date, datetime, time, timedelta
from typing import Any

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
_UNITS = r"(days?|d[ií]as?|weeks?|semanas?|months?|mes|meses|years?|a[nñ]os?)"
_AGO = re.compile(rf"^(\d+)\s+{_UNITS}\s+ago$|^hace\s+(\d+)\s+{_UNITS}$")
_AHEAD = re.compile(rf"^(?:in|dentro\s+de|en)\s+(\d+)\s+{_UNITS}$")
# No offset that lands inside the range is longer than the range itself: a
# bigger number is refused before any arithmetic can overflow.
_MAX_SPAN_DAYS = (MAX_DATE - MIN_DATE).days
# The longest date anyone types ("el próximo miércoles a las 10:30") is far
# shorter; longer text is not handed to dateutil at all.
_MAX_LENGTH = 80
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
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


def _iso_day(text: str) -> date | None:
    """'2025-03-07' -> date; None for anything else (dateutil reads it)."""
    if not _ISO_DAY.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def today() -> date:
    """Today, or $KAMTUI_TODAY (ISO) so tests and demos are deterministic.
    Code below the entry points takes the date as a parameter."""
    fixed = os.environ.get("KAMTUI_TODAY")
    if fixed:
        try:
            day = date.fromisoformat(fixed.strip())
        except ValueError:
            raise DateError(f"KAMTUI_TODAY={_quote(fixed)} is not a date like 2026-11-15") from None
        if not MIN_DATE <= day <= MAX_DATE:
            raise DateError(f"KAMTUI_TODAY={_quote(fixed)} is outside {RANGE_TEXT}")
        return day
    return date.today()


def parse_datetime(text: str, *, today: date, default_time: time | None = None) -> datetime:
    """Parse `text` leniently into a datetime within MIN_DATE..MAX_DATE.
    Raises DateError (a ValueError) with a readable message, nothing else."""
    raw = " ".join(text.strip().split())
    if not raw:
        raise DateError("empty date")
    if len(raw) > _MAX_LENGTH:
        raise DateError(f"{_quote(text)} is too long to be a date")
    try:
        value = _parse(raw, text, today=today, default_time=default_time)
    except DateError:
        raise
    except (ArithmeticError, ValueError):  # a "today" itself near the ends of time
        raise _out_of_range(text) from None
    if not MIN_DATE <= value.date() <= MAX_DATE:
        raise _out_of_range(text)
    return value


def _parse(raw: str, text: str, *, today: date, default_time: time | None) -> datetime:
    low = raw.casefold()
    base: date | None = None
    rest = low
    for word, offset in (
        ("today", 0),
        ("hoy", 0),
        ("yesterday", -1),
        ("ayer", -1),
        ("tomorrow", 1),
        ("mañana", 1),
        ("manana", 1),
    ):
        if low == word or low.startswith(word + " "):
            base = today + timedelta(days=offset)
            rest = low[len(word) :].strip()
            break
    if base is None:
        m = re.match(
            r"^(last|next|el pasado|pasado|el proximo|proximo|el próximo|próximo)\s+(\w+)(.*)$", low
        )
        if m and m.group(2) in _WEEKDAYS:
            target = _WEEKDAYS[m.group(2)]
            if m.group(1) in ("last", "el pasado", "pasado"):
                delta = (today.weekday() - target) % 7 or 7
                base = today - timedelta(days=delta)
            else:
                delta = (target - today.weekday()) % 7 or 7
                base = today + timedelta(days=delta)
            rest = m.group(3).strip()
        elif m := _AGO.match(low) or _AHEAD.match(low):
            number, unit = [g for g in m.groups() if g is not None]
            sign = 1 if m.re is _AHEAD else -1
            return datetime.combine(_shift(today, sign, number, unit, text), default_time or time())
    if base is not None:
        if rest:
            return datetime.combine(base, _time_of_day(rest, text))
        return datetime.combine(base, default_time or time())
    day = _iso_day(raw)
    if day is not None:
        return datetime.combine(day, default_time or time())
    dayfirst = not _ISO.match(raw)
    try:
        parsed = _dateutil_parse(
            raw, dayfirst=dayfirst, default=datetime.combine(today, default_time or time())
        )
    except (ValueError, ArithmeticError):  # decimal.InvalidOperation for huge "N hours"
        raise DateError(
            f"cannot read {_quote(text)} as a date (try 2025-03-07, 7/3/2025, yesterday)"
        ) from None
    return parsed.replace(tzinfo=None)


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


def parse_date(text: str, *, today: date) -> date:
    return parse_datetime(text, today=today).date()


def iso(d: date | datetime | None) -> str | None:
    if d is None:
        return None
    if isinstance(d, datetime):
        return d.replace(second=0, microsecond=0).isoformat(timespec="minutes")
    return d.isoformat()


def display_date(value: str | None) -> str:
    """ISO date -> day-first display, as Spanish-speaking users read it."""
    if not value:
        return ""
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return d.strftime("%d/%m/%Y")


def days_between(earlier: str | None, today: date) -> int | None:
    if not earlier:
        return None
    try:
        return (today - date.fromisoformat(earlier[:10])).days
    except ValueError:
        return None
