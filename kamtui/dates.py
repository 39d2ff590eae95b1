"""Lenient date parsing with an injectable "today".

Stored dates are ISO 8601. Input may be "today", "yesterday 15:00",
"last friday", "2025-03-07" or day-first "7/3/2025".
"""

from __future__ import annotations

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
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$", re.ASCII)


def _dateutil_parse(text: str, **kwargs: Any) -> datetime:
    """dateutil's lenient parser, imported on first use: the common forms
    (a clock time, an ISO day) are read without it, which keeps `kamtui log`
    from paying ~12 ms of imports."""
    from dateutil import parser

    return parser.parse(text, **kwargs)


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
        return date.fromisoformat(fixed)
    return date.today()


def parse_datetime(text: str, *, today: date, default_time: time | None = None) -> datetime:
    """Parse `text` leniently. Raises ValueError with a readable message."""
    raw = " ".join(text.strip().split())
    if not raw:
        raise ValueError("empty date")
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
        else:
            m = re.match(r"^(\d+)\s+(days?|días?|dias?|weeks?|semanas?)\s+(ago)$", low) or re.match(
                r"^(hace)\s+(\d+)\s+(días?|dias?|semanas?)$", low
            )
            if m:
                groups = m.groups()
                n = int(groups[0] if groups[0].isdigit() else groups[1])
                unit = groups[1] if groups[0].isdigit() else groups[2]
                days = n * 7 if unit.startswith(("week", "semana")) else n
                base = today - timedelta(days=days)
                rest = ""
    if base is not None:
        if rest:
            rest = rest.removeprefix("at ").removeprefix("a las ").strip()
            clock = _clock(rest)
            if clock is not None:
                return datetime.combine(base, clock)
            try:
                parsed = _dateutil_parse(rest, default=datetime.combine(base, time()))
            except (ValueError, OverflowError):
                raise ValueError(f"cannot read the time in {text!r}") from None
            return datetime.combine(base, parsed.time())
        return datetime.combine(base, default_time or time())
    day = _iso_day(raw)
    if day is not None:
        return datetime.combine(day, default_time or time())
    dayfirst = not _ISO.match(raw)
    try:
        parsed = _dateutil_parse(
            raw, dayfirst=dayfirst, default=datetime.combine(today, default_time or time())
        )
    except (ValueError, OverflowError):
        raise ValueError(
            f"cannot read {text!r} as a date (try 2025-03-07, 7/3/2025, yesterday)"
        ) from None
    return parsed.replace(tzinfo=None)


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
