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

import calendar
import os
import re
from collections.abc import Callable
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


# -- days named without their side of today ------------------------------------------

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
