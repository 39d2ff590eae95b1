"""Days named without their side of today ("el viernes", "30 jun", "fin de
mes", "next month"): read according to the caller's purpose (see
`kamtui.dates`)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from kamtui.dates.base import (
    _MONTHS,
    _WEEKDAYS,
    FUTURE,
    MAX_DATE,
    MIN_DATE,
    PAST,
    DateError,
    Purpose,
    _month_end,
    _out_of_range,
    _quote,
)

# Patterns as text, compiled on first use (re caches them): compiling them
# all costs ~8 ms, which `kamtui log --when "yesterday 15:00"` never needs.
_WORDS = r"[a-z]+"
_TIME_TAIL = r"(?:\s+(?P<rest>.+))?"
_DAY_MONTH = (
    r"^(?:el\s+|on\s+|the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th|º|o)?(?:\s+de|\s+of)?"
    rf"\s+(?P<month>{_WORDS})\.?(?:,?\s+(?:de\s+|del\s+)?(?P<year>\d{{4}}))?{_TIME_TAIL}$"
)
_MONTH_DAY = (
    rf"^(?P<month>{_WORDS})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<year>\d{{4}}))?{_TIME_TAIL}$"
)
_DAY_SLASH_MONTH = r"^(?P<day>\d{1,2})/(?P<month>\d{1,2})$"
_WEEKDAY = (
    rf"^(?:on\s+|this\s+|el\s+|este\s+|the\s+)?(?P<weekday>{_WORDS})"
    rf"(?:\s+(?P<side>que viene|proximo|pasado))?{_TIME_TAIL}$"
)
_END = (
    r"^(?:(?:at\s+|by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?"
    r"|(?:a\s+|al\s+|para\s+)?(?:el\s+)?(?:fin|final|finales)\s+(?:de\s+|del\s+)?(?:la\s+|este\s+|esta\s+)?)"
    r"(?P<period>[a-z]+)(?:,?\s+(?:de\s+|del\s+)?(?P<year>\d{4}))?$"
)
# Periods that say their direction.
_PERIODS = {
    "next week": (7, 0),
    "la semana que viene": (7, 0),
    "semana que viene": (7, 0),
    "la proxima semana": (7, 0),
    "proxima semana": (7, 0),
    "la semana proxima": (7, 0),
    "last week": (-7, 0),
    "la semana pasada": (-7, 0),
    "semana pasada": (-7, 0),
    "next month": (0, 1),
    "el mes que viene": (0, 1),
    "mes que viene": (0, 1),
    "el proximo mes": (0, 1),
    "proximo mes": (0, 1),
    "el mes proximo": (0, 1),
    "last month": (0, -1),
    "el mes pasado": (0, -1),
    "mes pasado": (0, -1),
    "next year": (0, 12),
    "el ano que viene": (0, 12),
    "ano que viene": (0, 12),
    "el proximo ano": (0, 12),
    "proximo ano": (0, 12),
    "last year": (0, -12),
    "el ano pasado": (0, -12),
    "ano pasado": (0, -12),
}


def _fold(text: str) -> str:
    """Lower-case text without accents ('próximo' -> 'proximo', 'año' ->
    'ano'), for matching the words above."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _natural(key: str, text: str, *, today: date, purpose: Purpose) -> tuple[date, str] | None:
    """The day `key` (folded) names and any text after it (a time of day), or
    None when it is none of these forms (dateutil reads it)."""
    if key in _PERIODS:
        days, months = _PERIODS[key]
        return (_add_months(today, months, text) + timedelta(days=days)), ""
    if m := re.match(_END, key, re.ASCII):
        return _end_of(m.group("period"), m.group("year"), text, today, purpose)
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        m = re.match(pattern, key, re.ASCII)
        if m and m.group("month") in _MONTHS:
            month = _MONTHS[m.group("month")]
            day = _day_of(int(m.group("day")), month, m.group("year"), text, today, purpose)
            return day, m.group("rest") or ""
    if m := re.match(_DAY_SLASH_MONTH, key, re.ASCII):
        month = int(m.group("month"))
        if 1 <= month <= 12:
            return _day_of(int(m.group("day")), month, None, text, today, purpose), ""
        return None
    m = re.match(_WEEKDAY, key, re.ASCII)
    if m and m.group("weekday") in _WEEKDAYS:
        target = _WEEKDAYS[m.group("weekday")]
        side = m.group("side")
        if side is None:
            day = _weekday(target, today, purpose)
        elif side == "pasado":
            day = today - timedelta(days=(today.weekday() - target) % 7 or 7)
        else:
            day = today + timedelta(days=(target - today.weekday()) % 7 or 7)
        return day, m.group("rest") or ""
    return None


def _weekday(target: int, today: date, purpose: Purpose) -> date:
    """The weekday `target` on today's side for `purpose` (today counts)."""
    if purpose == PAST:
        return today - timedelta(days=(today.weekday() - target) % 7)
    return today + timedelta(days=(target - today.weekday()) % 7)


def _add_months(today: date, months: int, text: str) -> date:
    index = today.year * 12 + today.month - 1 + months
    year, month = divmod(index, 12)
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise _out_of_range(text)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(today.day, last))


def _on_side(day: date, today: date, purpose: Purpose) -> bool:
    if purpose == PAST:
        return day <= today
    if purpose == FUTURE:
        return day >= today
    return True


def _year_of(
    make: Callable[[int], date | None], year: str | None, text: str, today: date, purpose: Purpose
) -> date:
    """`make(year)` for the year written, else for the nearest year (this
    one, then back for PAST or on for FUTURE) whose day is on the purpose's
    side of today. `make` returns None for a year without that day (29 Feb)."""
    if year is not None:
        value = make(int(year))
        if value is None:
            raise DateError(f"{_quote(text)} is not a day of the calendar")
        return value
    step = -1 if purpose == PAST else 1
    for n in range(9):  # 29 February comes back within 8 years
        y = today.year + n * step
        if not MIN_DATE.year <= y <= MAX_DATE.year:
            break
        value = make(y)
        if value is not None and _on_side(value, today, purpose):
            return value
    raise _out_of_range(text)


def _day_of(
    day: int, month: int, year: str | None, text: str, today: date, purpose: Purpose
) -> date:
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:  # 2000: a leap year
        raise DateError(f"{_quote(text)} is not a day of the calendar")

    def make(y: int) -> date | None:
        if not MIN_DATE.year <= y <= MAX_DATE.year:
            raise _out_of_range(text)
        try:
            return date(y, month, day)
        except ValueError:
            return None

    return _year_of(make, year, text, today, purpose)


def _end_of(
    period: str, year: str | None, text: str, today: date, purpose: Purpose
) -> tuple[date, str] | None:
    """The last day of a month, the week (its Friday: a working week) or the
    year; a period without a name ("fin de mes") is the current one, or for
    PAST the last one ended."""
    if period == "week":  # not "fin de semana": that is the weekend
        if year is not None:
            return None
        return _weekday(4, today, purpose), ""
    if period in ("month", "mes"):
        if year is not None:
            return None
        end = _month_end(today.year, today.month)
        if purpose == PAST and end > today:
            end = today.replace(day=1) - timedelta(days=1)
        return end, ""
    if period in ("year", "ano"):
        if year is not None:
            y = int(year)
        else:
            y = (
                today.year - 1
                if purpose == PAST and (today.month, today.day) != (12, 31)
                else today.year
            )
        if not MIN_DATE.year <= y <= MAX_DATE.year:
            raise _out_of_range(text)
        return date(y, 12, 31), ""
    if period not in _MONTHS:
        return None
    month = _MONTHS[period]

    def make(y: int) -> date | None:
        if not MIN_DATE.year <= y <= MAX_DATE.year:
            raise _out_of_range(text)
        return _month_end(y, month)

    return _year_of(make, year, text, today, purpose), ""
