"""Words and numbers shared by the brief's formats (plain text; each format
escapes what it gets from here)."""

from __future__ import annotations

from kamtui.dates import display_date
from kamtui.formatting import money, percent

SPARK = "▁▂▃▄▅▆▇█"
SEVERITY_ORDER = ("critical", "high", "medium", "low")


def day(value: str | None) -> str:
    return display_date(value) if value else "—"


def when(value: str | None) -> str:
    """ "20/10/2026 09:30" from an ISO date-time (the day alone if no time)."""
    if not value:
        return "—"
    text = display_date(value)
    if len(value) >= 16 and value[10] in "T ":
        text += " " + value[11:16]
    return text


def days(n: int | None) -> str:
    if n is None:
        return "never"
    if n == 0:
        return "today"
    return f"{n} d ago" if n > 0 else f"in {-n} d"


def score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def signed(value: float | None, unit: str = "") -> str:
    return "" if value is None else f"{value:+.0f}{unit}"


def change(value: float | None) -> str:
    """A fraction as a signed percentage: +0.22 -> "+22 %"."""
    return "no trend" if value is None else f"{value * 100:+.0f} %"


def eur(value: float | None) -> str:
    return money(value)


def share(value: float | None) -> str:
    return percent(value)


def sparkline(values: list[float | None]) -> str:
    """Block characters for a row of numbers (gaps as spaces)."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    lo, hi = min(known), max(known)
    span = hi - lo or 1.0
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        else:
            out.append(SPARK[round((v - lo) / span * (len(SPARK) - 1))])
    return "".join(out)


def late(days_late: int | None) -> str:
    if days_late is None:
        return "no date"
    if days_late > 0:
        return f"{days_late} d overdue"
    if days_late == 0:
        return "due today"
    return f"due in {-days_late} d"
