"""The product categories a client bought, over time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kamtui.domain.finance.revenue import TxLike, shift_year
from kamtui.textsafe import fold


@dataclass
class CategoryHistory:
    category: str
    first: str
    last: str
    total: float
    orders: int
    by_year: dict[int, float]
    active_12m: bool


def categories_over_time(txs: Iterable[TxLike], today: date) -> list[CategoryHistory]:
    """Each category bought: first and last purchase, revenue per year and whether
    it was bought in the last 12 months. Biggest first."""
    limit = today.isoformat()
    year_ago = shift_year(today, -1).isoformat()
    acc: dict[str, CategoryHistory] = {}
    for t in txs:
        d = t.date[:10]
        if d > limit:
            continue
        h = acc.get(t.category)
        if h is None:
            h = acc[t.category] = CategoryHistory(t.category, d, d, 0.0, 0, {}, False)
        h.first = min(h.first, d)
        h.last = max(h.last, d)
        h.total += t.amount
        h.orders += 1
        y = int(d[:4])
        h.by_year[y] = h.by_year.get(y, 0.0) + t.amount
        if d > year_ago:
            h.active_12m = True
    out = sorted(acc.values(), key=lambda h: (-h.total, fold(h.category)))
    for h in out:
        h.by_year = dict(sorted(h.by_year.items()))
    return out


def categories_by_year(txs: Iterable[TxLike], today: date) -> dict[int, list[str]]:
    """{year: categories bought that year}: breadth over time (cross-sell)."""
    out: dict[int, set[str]] = defaultdict(set)
    limit = today.isoformat()
    for t in txs:
        if t.date[:10] <= limit:
            out[int(t.date[:4])].add(t.category)
    return {y: sorted(c, key=fold) for y, c in sorted(out.items())}


def categories_bought(txs: Iterable[TxLike], since: date, until: date) -> set[str]:
    """Categories with a positive net purchase in (since, until]."""
    lo, hi = since.isoformat(), until.isoformat()
    totals: dict[str, float] = defaultdict(float)
    for t in txs:
        if lo < t.date[:10] <= hi:
            totals[t.category] += t.amount
    return {c for c, v in totals.items() if v > 0}
