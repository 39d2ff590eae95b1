"""One account's story, drawn when the account is and used by every later
section (how much it buys, how often we meet, which links carry the talk), and
the small helpers the sections share."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from kamtui.demo.large.size import LargeDemoError
from kamtui.textsafe import fold


@dataclass(slots=True)
class Acc:
    id: int
    lang: str
    tier: str
    weight: float
    owner: str
    domain: str
    city: str
    industry: str
    trend: float  # -0.7..0.7: orders falling or growing over the history
    contact_trend: float
    quiet_days: int  # days since the last interaction
    lapsed_orders: int  # days since the last order (0: buying normally)
    op_only_after: float  # fraction of history after which talk is operational only (2 = never)
    deep_share: float
    mood_mean: float
    mood_drift: float
    complaint_rate: float
    size: float
    categories: list[str] = field(default_factory=list)
    cat_cum: list[float] = field(default_factory=list)
    ours: list[int] = field(default_factory=list)
    theirs: list[int] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)
    links: list[tuple[int, int]] = field(default_factory=list)
    link_cum: list[float] = field(default_factory=list)


def allocate(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split `total` in proportion to `weights` (each at least `minimum`),
    exactly, deterministically (largest remainders first)."""
    n = len(weights)
    rest = total - minimum * n
    if rest < 0:
        raise LargeDemoError(f"cannot give {n} accounts at least {minimum} of {total}")
    s = sum(weights)
    raw = [rest * w / s for w in weights]
    floor = [int(r) for r in raw]
    left = rest - sum(floor)
    order = sorted(range(n), key=lambda i: (floor[i] - raw[i], i))
    for i in order[:left]:
        floor[i] += 1
    return [minimum + f for f in floor]


def trend_x(u: float, t: float) -> float:
    """Inverse CDF of the density 1 + t(2x - 1) on [0, 1]: t > 0 crowds the
    draws towards the end (growing), t < 0 towards the start (falling)."""
    if abs(t) < 1e-6:
        return u
    return (-(1 - t) + math.sqrt((1 - t) ** 2 + 4 * t * u)) / (2 * t)


def weekday(d: int) -> int:
    """An ordinal day moved off the weekend (Saturday to Friday, Sunday to Monday)."""
    wd = (d - 1) % 7  # date.fromordinal(1) is a Monday
    if wd == 5:
        return d - 1
    if wd == 6:
        return d + 1
    return d


def cumsum(values: list[float]) -> Iterator[float]:
    acc = 0.0
    for v in values:
        acc += v
        yield acc


def email_for(name: str, domain: str) -> str:
    parts = fold(name).replace("'", "").split()
    return f"{parts[0]}.{parts[-1]}@{domain}"
