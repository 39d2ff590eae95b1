"""How numbers and dates look on screen. Thin-space thousands separators read
the same to Spanish- and English-speaking users (no 1.234 vs 1,234 trap)."""

from __future__ import annotations

from datetime import date

from kamtui.dates import display_date

THIN = "\u202f"


def money(value: float | None, *, currency: str = "€") -> str:
    if value is None:
        return "—"
    whole = f"{round(value):,}".replace(",", THIN)
    return f"{whole} {currency}" if currency else whole


def percent(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.{digits}f} %"


def ago(iso_value: str | None, today: date) -> str:
    """ "12/11/2026 · 10 d" — the date and how long ago, for scanning a table."""
    if not iso_value:
        return "never"
    try:
        days = (today - date.fromisoformat(iso_value[:10])).days
    except ValueError:
        return iso_value
    return f"{display_date(iso_value)} · {days} d"


def days_ago(iso_value: str | None, today: date) -> str:
    """ "17 d ago" — compact, for table columns."""
    if not iso_value:
        return "never"
    try:
        days = (today - date.fromisoformat(iso_value[:10])).days
    except ValueError:
        return iso_value
    if days == 0:
        return "today"
    return f"{days} d ago" if days > 0 else f"in {-days} d"


def count(n: int, word: str, plural: str | None = None) -> str:
    """ "1 goal", "3 goals" ("1 more reason", not "1 more reasons")."""
    return f"{n} {word if n == 1 else plural or word + 's'}"
