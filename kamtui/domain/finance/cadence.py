"""Purchase cadence: how often the client orders, and whether the next order
is late."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

OVERDUE_FACTOR = 1.5
OVERDUE_MIN_DAYS = 7
RECENT_GAPS = 5


@dataclass
class Cadence:
    orders: int  # distinct order days
    median_days: float | None
    recent_median_days: float | None  # the last RECENT_GAPS gaps
    last_order: str | None
    days_since_last: int | None
    expected_next: str | None
    overdue: bool
    overdue_days: int
    reason: str


def purchase_cadence(
    dates: Iterable[str],
    today: date,
    *,
    factor: float = OVERDUE_FACTOR,
    min_days: int = OVERDUE_MIN_DAYS,
) -> Cadence:
    """Median days between order days; an order is *overdue* when the days since
    the last one exceed `factor` × the median (and `min_days`, so a client who
    orders every other day is not overdue after a weekend). Several invoices on
    one day are one order. Says why in words."""
    limit = today.isoformat()
    days = sorted({d[:10] for d in dates if d[:10] <= limit})
    if not days:
        return Cadence(0, None, None, None, None, None, False, 0, "no orders yet")
    last = date.fromisoformat(days[-1])
    since = (today - last).days
    if len(days) < 2:
        return Cadence(
            1,
            None,
            None,
            days[-1],
            since,
            None,
            False,
            0,
            f"one order ({since} days ago): no cadence yet",
        )
    parsed = [date.fromisoformat(d) for d in days]
    gaps = [(b - a).days for a, b in pairwise(parsed)]
    median = float(statistics.median(gaps))
    recent = float(statistics.median(gaps[-RECENT_GAPS:]))
    threshold = max(factor * median, float(min_days))
    overdue = since > threshold
    expected = last + timedelta(days=round(median))
    usual = f"usually every {median:.0f} days (median of {len(gaps)} gaps)"
    if overdue:
        reason = (
            f"overdue: last order {since} days ago, {usual}; more than "
            f"{factor:g} × the median"
            + (f" ({threshold:.0f} days)" if threshold > min_days else f" and {min_days} days")
        )
    else:
        reason = f"last order {since} days ago, {usual}"
    return Cadence(
        len(days),
        median,
        recent,
        days[-1],
        since,
        expected.isoformat(),
        overdue,
        max(0, since - round(threshold)) if overdue else 0,
        reason,
    )
