"""Transactions as the analytics see them, and revenue by month, quarter and
year with the 12-month summary."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol


class TxLike(Protocol):
    @property
    def date(self) -> str: ...
    @property
    def amount(self) -> float: ...
    @property
    def category(self) -> str: ...
    @property
    def margin(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class Sale:
    """A transaction for the analytics (tests and callers without storage rows)."""

    date: str
    amount: float
    category: str = ""
    margin: float | None = None


def quarter_key(d: date | str) -> str:
    text = d.isoformat() if isinstance(d, date) else d
    return f"{text[:4]}-Q{(int(text[5:7]) - 1) // 3 + 1}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def months_back(today: date, count: int) -> list[str]:
    """The `count` months ending with today's month, oldest first ('2026-11')."""
    out = []
    for k in range(count - 1, -1, -1):
        y, m = add_months(today.year, today.month, -k)
        out.append(f"{y:04d}-{m:02d}")
    return out


def revenue_by_month(
    txs: Iterable[TxLike], today: date, months: int | None = None
) -> list[tuple[str, float]]:
    """[('2026-01', 1234.5), …] with empty months as 0, up to today's month.
    `months` limits it to the last N months; otherwise from the first sale."""
    totals: dict[str, float] = defaultdict(float)
    limit = today.isoformat()
    for t in txs:
        if t.date[:10] <= limit:
            totals[t.date[:7]] += t.amount
    if months is None:
        if not totals:
            return []
        first = min(totals)
        y, m = int(first[:4]), int(first[5:7])
        months = (today.year - y) * 12 + today.month - m + 1
    return [(k, totals.get(k, 0.0)) for k in months_back(today, max(months, 0))]


def revenue_by_quarter(txs: Iterable[TxLike], today: date) -> list[tuple[str, float]]:
    """[('2025-Q1', …), …] from the first sale's quarter to today's, empty quarters as 0."""
    by_month = revenue_by_month(txs, today)
    totals: dict[str, float] = {}
    for month, amount in by_month:
        key = quarter_key(month + "-01")
        totals[key] = totals.get(key, 0.0) + amount
    return list(totals.items())


def revenue_by_year(txs: Iterable[TxLike], today: date) -> dict[int, float]:
    out: dict[int, float] = defaultdict(float)
    limit = today.isoformat()
    for t in txs:
        if t.date[:10] <= limit:
            out[int(t.date[:4])] += t.amount
    return dict(sorted(out.items()))


def window_sum(txs: Sequence[TxLike], start: date, end: date) -> float:
    """Sum over (start, end]: dates after `start`, up to and including `end`."""
    lo, hi = start.isoformat(), end.isoformat()
    return sum(t.amount for t in txs if lo < t.date[:10] <= hi)


def change(current: float, previous: float) -> float | None:
    """Relative change (0.25 = +25 %); None when there is nothing to compare with."""
    if previous <= 0:
        return None
    return (current - previous) / previous


@dataclass
class RevenueSummary:
    trailing_12m: float
    previous_12m: float
    trailing_change: float | None
    year_to_date: float
    same_period_last_year: float
    ytd_change: float | None
    by_year: dict[int, float]
    reason: str


def revenue_summary(txs: Iterable[TxLike], today: date) -> RevenueSummary:
    """Trailing 12 months vs the 12 before, and year to date vs the same days of
    last year (year on year)."""
    items = list(txs)
    year_ago = shift_year(today, -1)
    two_years = shift_year(today, -2)
    t12 = window_sum(items, year_ago, today)
    p12 = window_sum(items, two_years, year_ago)
    jan1 = date(today.year, 1, 1) - timedelta(days=1)
    ytd = window_sum(items, jan1, today)
    last_jan1 = date(today.year - 1, 1, 1) - timedelta(days=1)
    ly = window_sum(items, last_jan1, year_ago)
    tc = change(t12, p12)
    if tc is None:
        reason = (
            "no revenue in the 12 months before the last 12: no trend yet"
            if t12
            else "no revenue in the last 24 months"
        )
    else:
        reason = f"last 12 months {_pct(tc)} vs the 12 before"
    return RevenueSummary(
        t12, p12, tc, ytd, ly, change(ytd, ly), revenue_by_year(items, today), reason
    )


def shift_year(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _pct(value: float) -> str:
    return f"{value * 100:+.0f} %"
