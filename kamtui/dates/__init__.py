"""Lenient date parsing with an injectable "today".

Stored dates are ISO 8601. Input may be "today", "yesterday 15:00",
"last friday", "hace 3 días", "in 2 weeks", "next month", "end of june",
"el viernes", "la semana que viene", "fin de mes", "8 marzo",
"7 de marzo de 2025", "30 jun", "2025-03-07" or day-first "7/3/2025".
Whatever the text, the parsers return a date within MIN_DATE..MAX_DATE or
raise DateError (a ValueError) with a one-line message: every caller (CLI
options, the log form, importers) refuses the same dates.

Some text names a day without saying which side of today it is on: a
weekday ("friday", "el viernes", "this friday"), a day of a month without
a year ("30 jun", "8 marzo", "7/3"), the end of a period ("end of june",
"fin de mes", "end of the week" = Friday, "fin de año"). The caller says
what the date is for with `purpose`:

- PAST ("when did it happen"): the most recent such day, today included;
- FUTURE ("when is it due"): the next such day, today included (a step due
  "el viernes" said on a Friday is due today);
- ANY (the default; --today, absolute dates): this year's day, and for a
  weekday the next one, today included (dateutil's reading).

Text that says its direction ("next friday", "last friday" — never today —,
"in 2 weeks", "next week" = in 7 days, "next month" = same day next month,
"hace 3 días", a full date) means the same whatever the purpose.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta

from kamtui.dates.base import (
    _WEEKDAYS,
    ANY,
    FUTURE,
    MAX_DATE,
    MIN_DATE,
    PAST,
    RANGE_TEXT,
    DateError,
    Purpose,
    _dateutil_parse,
    _out_of_range,
    _quote,
    _shift,
    _time_of_day,
)

__all__ = [
    "ANY",
    "FUTURE",
    "MAX_DATE",
    "MIN_DATE",
    "PAST",
    "RANGE_TEXT",
    "DateError",
    "Purpose",
    "days_between",
    "display_date",
    "hint",
    "iso",
    "parse_date",
    "parse_datetime",
    "today",
]

_UNITS = r"(days?|d[ií]as?|weeks?|semanas?|months?|mes|meses|years?|a[nñ]os?)"
_AGO = re.compile(rf"^(\d+)\s+{_UNITS}\s+ago$|^hace\s+(\d+)\s+{_UNITS}$")
_AHEAD = re.compile(rf"^(?:in|dentro\s+de|en)\s+(\d+)\s+{_UNITS}$")
# The longest date anyone types ("el próximo miércoles a las 10:30") is far
# shorter; longer text is not handed to dateutil at all.
_MAX_LENGTH = 80
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


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


def parse_datetime(
    text: str, *, today: date, default_time: time | None = None, purpose: Purpose = ANY
) -> datetime:
    """Parse `text` leniently into a datetime within MIN_DATE..MAX_DATE.
    `purpose` (PAST, FUTURE or ANY) decides the side of today of a day named
    without one ("friday", "30 jun"; see the module's docstring).
    Raises DateError (a ValueError) with a readable message, nothing else."""
    if purpose not in (PAST, FUTURE, ANY):
        raise TypeError(f"purpose must be 'past', 'future' or 'any', not {purpose!r}")
    raw = " ".join(text.strip().split())
    if not raw:
        raise DateError("empty date")
    if len(raw) > _MAX_LENGTH:
        raise DateError(f"{_quote(text)} is too long to be a date")
    try:
        value = _parse(raw, text, today=today, default_time=default_time, purpose=purpose)
    except DateError:
        raise
    except (ArithmeticError, ValueError):  # a "today" itself near the ends of time
        raise _out_of_range(text) from None
    if not MIN_DATE <= value.date() <= MAX_DATE:
        raise _out_of_range(text)
    return value


def _parse(
    raw: str, text: str, *, today: date, default_time: time | None, purpose: Purpose
) -> datetime:
    low = raw.casefold()
    base: date | None = None
    rest = low
    for word, offset in (
        ("the day after tomorrow", 2),
        ("day after tomorrow", 2),
        ("the day before yesterday", -2),
        ("day before yesterday", -2),
        ("pasado mañana", 2),
        ("pasado manana", 2),
        ("anteayer", -2),
        ("antes de ayer", -2),
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
    # Imported here: `kamtui log --when "yesterday 15:00"` never needs it.
    from kamtui.dates.natural import _fold, _natural

    natural = _natural(_fold(low), text, today=today, purpose=purpose)
    if natural is not None:
        day, rest = natural
        if not rest:
            return datetime.combine(day, default_time or time())
        try:
            return datetime.combine(day, _time_of_day(rest, text))
        except DateError:
            pass  # not a time after the day ("30 jun 25"): dateutil reads it
    dayfirst = not _ISO.match(raw)
    try:
        parsed = _dateutil_parse(
            raw, dayfirst=dayfirst, default=datetime.combine(today, default_time or time())
        )
    except (ValueError, ArithmeticError):  # decimal.InvalidOperation for huge "N hours"
        raise DateError(f"cannot read {_quote(text)} as a date ({hint(today, purpose)})") from None
    return parsed.replace(tzinfo=None)


def hint(today: date, purpose: Purpose = ANY) -> str:
    """The examples an error suggests: today's date in both written forms and
    words that fit the purpose, so they are never a stale year."""
    words = {
        PAST: "yesterday, last friday, hace 3 días",
        FUTURE: "next friday, in 2 weeks, fin de mes",
        ANY: "yesterday, next friday",
    }[purpose]
    return f"try {today.isoformat()}, {today.day}/{today.month}/{today.year}, {words}"


def parse_date(text: str, *, today: date, purpose: Purpose = ANY) -> date:
    return parse_datetime(text, today=today, purpose=purpose).date()


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
