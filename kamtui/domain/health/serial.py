"""A Health as plain JSON values and back, exactly: the stored health of an
account (storage/health_cache) is reloaded without computing it again.
Floats survive JSON unchanged (shortest repr), so a reloaded Health equals
the one computed."""

from __future__ import annotations

from typing import Any

from kamtui.domain.health.model import Component, Health, PerceptionGap, Revitalisation


def to_record(h: Health) -> list[Any]:
    gap = h.perception_gap
    return [
        h.account_id,
        h.account,
        h.score,
        h.band,
        [[c.key, c.score, c.weight, c.reason] for c in h.components],
        [[r.rule, r.reason, r.suggestion] for r in h.revitalisation],
        None
        if gap is None
        else [
            gap.mood_mean,
            gap.mood_count,
            gap.mood_score,
            gap.behaviour_score,
            gap.gap,
            gap.flagged,
            gap.reason,
        ],
        h.revenue_12m,
        h.shape,
        h.wallet_share,
        h.missing,
    ]


def from_record(r: list[Any]) -> Health:
    gap = r[6]
    return Health(
        account_id=r[0],
        account=r[1],
        score=r[2],
        band=r[3],
        components=[Component(*c) for c in r[4]],
        revitalisation=[Revitalisation(*x) for x in r[5]],
        perception_gap=None if gap is None else PerceptionGap(*gap),
        revenue_12m=r[7],
        shape=r[8],
        wallet_share=r[9],
        missing=r[10],
    )
