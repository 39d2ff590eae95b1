"""Lifetime value: revenue and margin since the first order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kamtui.domain.finance.revenue import TxLike, shift_year, window_sum


@dataclass
class LifetimeValue:
    historical_revenue: float
    historical_margin: float | None  # gross margin in money, where margins are known
    margin_coverage: float  # share of revenue whose margin is known
    first_order: str | None
    years_as_client: float
    average_yearly_revenue: float
    projected_revenue: float
    assumption: str
    years: int = 3
    retention: float = 0.9
    yearly_basis: float = 0.0  # the last 12 months' revenue the projection repeats


def lifetime_value(
    txs: Iterable[TxLike],
    today: date,
    *,
    years: int = 3,
    retention: float = 0.9,
) -> LifetimeValue:
    """Historical value (revenue and known gross margin) and a simple projection:
    the last 12 months' revenue repeated for `years` more years, each year kept
    with probability `retention`. The assumption is returned in words."""
    items = [t for t in txs if t.date[:10] <= today.isoformat()]
    total = sum(t.amount for t in items)
    with_margin = [t for t in items if t.margin is not None]
    margin_money = sum(t.amount * (t.margin or 0.0) for t in with_margin) if with_margin else None
    covered = sum(t.amount for t in with_margin)
    coverage = covered / total if total > 0 else 0.0
    first = min((t.date[:10] for t in items), default=None)
    span = (today - date.fromisoformat(first)).days / 365.25 if first else 0.0
    average = total / max(span, 1.0) if first else 0.0
    t12 = window_sum(items, shift_year(today, -1), today)
    factor = sum(retention**k for k in range(1, years + 1))
    projected = t12 * factor
    assumption = (
        f"{years} more years at the last 12 months' revenue ({t12:,.0f}/yr), "
        f"{retention:.0%} chance of keeping the client each year"
    )
    return LifetimeValue(
        total,
        margin_money,
        coverage,
        first,
        span,
        average,
        projected,
        assumption,
        years,
        retention,
        t12,
    )
