"""Wallet share: what the client buys from us against what it spends on each
category (the wallet estimates)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from kamtui.domain.finance.revenue import TxLike, shift_year
from kamtui.textsafe import fold


@dataclass
class CategoryShare:
    category: str
    revenue: float
    wallet: float | None
    share: float | None  # revenue / wallet; None without an estimate


@dataclass
class WalletShare:
    categories: list[CategoryShare]
    revenue: float  # in categories with an estimate
    wallet: float
    share: float | None
    uncovered_revenue: float  # revenue in categories without an estimate
    notes: list[str] = field(default_factory=list)


def wallet_share(
    revenue_by_category: Mapping[str, float],
    wallet_by_category: Mapping[str, float],
    *,
    period: str = "",
) -> WalletShare:
    """Share of wallet per category and overall. Categories match case- and
    accent-insensitively. The overall share counts only categories that have an
    estimate; revenue elsewhere is reported, not silently mixed in."""
    wallet_f = {fold(c): (c, v) for c, v in wallet_by_category.items()}
    revenue_f: dict[str, tuple[str, float]] = {}
    for c, v in revenue_by_category.items():
        name, total = revenue_f.get(fold(c), (c, 0.0))
        revenue_f[fold(c)] = (name, total + v)
    rows: list[CategoryShare] = []
    covered = uncovered = wallet_total = 0.0
    for key in sorted(set(wallet_f) | set(revenue_f)):
        name = wallet_f[key][0] if key in wallet_f else revenue_f[key][0]
        rev = revenue_f.get(key, (name, 0.0))[1]
        est = wallet_f[key][1] if key in wallet_f else None
        if est is None:
            uncovered += rev
            rows.append(CategoryShare(name, rev, None, None))
            continue
        wallet_total += est
        covered += rev
        rows.append(CategoryShare(name, rev, est, rev / est if est > 0 else None))
    rows.sort(key=lambda r: (-(r.wallet or 0), -r.revenue, fold(r.category)))
    notes = []
    if period:
        notes.append(period)
    over = [r.category for r in rows if r.share is not None and r.share > 1]
    if over:
        notes.append(
            "more than 100 % of the estimate in "
            + ", ".join(over)
            + ": the wallet estimate is probably too low"
        )
    missing = [r.category for r in rows if r.wallet is None and r.revenue]
    if missing:
        notes.append(
            "no wallet estimate for " + ", ".join(missing) + " (left out of the overall share)"
        )
    share = covered / wallet_total if wallet_total > 0 else None
    if share is None:
        notes.append("no wallet estimates: share of wallet unknown")
    return WalletShare(rows, covered, wallet_total, share, uncovered, notes)


def wallet_share_by_year(
    txs: Iterable[TxLike], estimates: Iterable[tuple[str, int, float]], today: date
) -> dict[int, float | None]:
    """Overall share per calendar year that has estimates (the trend); the
    current year compares its revenue so far with the whole year's estimate."""
    items = list(txs)
    by_year: dict[int, dict[str, float]] = defaultdict(dict)
    for category, year, amount in estimates:
        by_year[year][category] = amount
    out: dict[int, float | None] = {}
    for year in sorted(by_year):
        if year > today.year:
            continue
        start, end = date(year - 1, 12, 31), min(date(year, 12, 31), today)
        revenue: dict[str, float] = defaultdict(float)
        lo, hi = start.isoformat(), end.isoformat()
        for t in items:
            if lo < t.date[:10] <= hi:
                revenue[t.category] += t.amount
        out[year] = wallet_share(revenue, by_year[year]).share
    return out


def estimates_for_year(
    estimates: Iterable[tuple[str, int, float]], year: int
) -> tuple[dict[str, float], dict[str, int]]:
    """Per category, the estimate for `year`, else the latest earlier one;
    with the year each one comes from."""
    best: dict[str, tuple[int, float]] = {}
    for category, y, amount in estimates:
        if y <= year and (category not in best or y > best[category][0]):
            best[category] = (y, amount)
    return {c: v[1] for c, v in best.items()}, {c: v[0] for c, v in best.items()}


def current_wallet_share(
    txs: Iterable[TxLike], estimates: Iterable[tuple[str, int, float]], today: date
) -> WalletShare:
    """Our last 12 months against the client's estimated yearly spend (this
    year's estimate, else the latest earlier one) — the assumption is in the notes."""
    items = list(txs)
    year_ago = shift_year(today, -1)
    revenue: dict[str, float] = defaultdict(float)
    lo, hi = year_ago.isoformat(), today.isoformat()
    for t in items:
        if lo < t.date[:10] <= hi:
            revenue[t.category] += t.amount
    wallet, years = estimates_for_year(estimates, today.year)
    used = sorted(set(years.values()))
    period = "our revenue in the last 12 months / the client's estimated yearly spend"
    if used:
        period += f" ({', '.join(str(y) for y in used)} estimate{'s' if len(used) > 1 else ''})"
    return wallet_share(revenue, wallet, period=period)
