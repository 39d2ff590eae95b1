"""An account's health: the weighted mean of its components, the perception
gap and the needs-revitalisation rules."""

from __future__ import annotations

from datetime import date

from kamtui.config import HealthConfig
from kamtui.domain.health.model import (
    AT_RISK,
    BEHAVIOUR,
    COMPONENTS,
    INSUFFICIENT,
    AccountFacts,
    Component,
    Health,
    PerceptionGap,
    Revitalisation,
    band_of,
)
from kamtui.domain.health.scores import components, day_text, days_text
from kamtui.formatting import money


def weighted_mean(parts: list[Component], keys: tuple[str, ...] | None = None) -> float | None:
    """Mean over the components with data (and a weight); None when none has."""
    chosen = [
        p for p in parts if p.score is not None and p.weight > 0 and (keys is None or p.key in keys)
    ]
    total = sum(p.weight for p in chosen)
    if not total:
        return None
    return round(sum(p.score * p.weight for p in chosen if p.score is not None) / total, 1)


def perception_gap(
    f: AccountFacts, parts: list[Component], c: HealthConfig
) -> PerceptionGap | None:
    if f.mood_count == 0:
        return None
    behaviour = weighted_mean(parts, BEHAVIOUR)
    if behaviour is None:
        return None
    mean = f.mood_sum / f.mood_count
    mood_score = round((mean - 1.0) / 4.0 * 100.0, 1)
    gap = round(mood_score - behaviour, 1)
    flagged = abs(gap) >= c.perception_gap_threshold
    worst = min(
        (p for p in parts if p.key in BEHAVIOUR and p.score is not None),
        key=lambda p: p.score if p.score is not None else 100.0,
    )
    if gap > 0:
        reason = (
            f"meetings say {mean:.1f}/5 ({mood_score:.0f}), the numbers say {behaviour:.0f}: "
            f"{worst.reason}"
        )
    else:
        reason = (
            f"meetings feel worse ({mean:.1f}/5, {mood_score:.0f}) than the numbers "
            f"({behaviour:.0f})"
        )
    if flagged:
        reason += f"; gap {abs(gap):.0f} points ≥ {c.perception_gap_threshold:g}"
    return PerceptionGap(mean, f.mood_count, mood_score, behaviour, gap, flagged, reason)


# The suggestion when a component is the weakest link of an at-risk account.
_FIX_FOR = {
    "contact_recency": "new_channel",
    "conversation_level": "strategic_review",
    "map_strength": "broaden_map",
    "complaints": "satisfaction",
    "satisfaction": "satisfaction",
    "revenue_trend": "wallet_share",
    "purchase_cadence": "cross_sell",
    "cross_sell": "cross_sell",
    "wallet_share": "wallet_share",
    "goal_progress": "strategic_review",
    "data_quality": "broaden_map",
}


def revitalisation(
    f: AccountFacts,
    score: float | None,
    band: str | None,
    parts: list[Component],
    today: date,
    c: HealthConfig,
) -> list[Revitalisation]:
    out: list[Revitalisation] = []
    if band == AT_RISK and score is not None:
        weakest = min(
            (p for p in parts if p.score is not None and p.weight > 0),
            key=lambda p: p.score if p.score is not None else 100.0,
        )
        out.append(
            Revitalisation(
                "at_risk",
                f"at risk: health {score:.0f} < {c.watch_min:g}; weakest: "
                f"{weakest.label.lower()} {weakest.score:.0f} ({weakest.reason})",
                _FIX_FOR[weakest.key],
            )
        )
    if f.last_interaction is not None and f.first_interaction is not None:
        since_deep = (today - (f.last_deep or f.first_interaction)).days
        recent_talk = (today - f.last_interaction).days <= c.operational_only_days
        if since_deep > c.operational_only_days and recent_talk:
            last = (
                f"last strategic {day_text(f.last_deep)}"
                if f.last_deep
                else "no strategic conversation ever recorded"
            )
            out.append(
                Revitalisation(
                    "operational_only",
                    f"only operational conversations for {days_text(since_deep)} ({last}); "
                    f"threshold {c.operational_only_days} d",
                    "strategic_review",
                )
            )
    if f.last_interaction is not None:
        silent = (today - f.last_interaction).days
        cadence = f.cadence_days or c.default_cadence_days
        if silent > c.silence_factor * cadence:
            out.append(
                Revitalisation(
                    "silent",
                    f"losing touch: no contact for {days_text(silent)}, "
                    f"{silent / cadence:.1f}× the {cadence}-day cadence "
                    f"(threshold {c.silence_factor:g}×)",
                    "new_channel",
                )
            )
    m = f.map
    met = getattr(m, "shape_met", None) if m is not None else None
    if (
        m is not None
        and (m.shape == "bow-tie" or met == "bow-tie")
        and f.revenue_12m >= c.bow_tie_revenue_threshold
    ):
        if m.shape == "bow-tie":
            why = m.reasons[0] if m.reasons else "one person each side"
        else:
            n = len(getattr(m, "declared_pending", ()))
            why = f"as met in interactions; {n} declared link{'s' if n != 1 else ''} not yet met"
        out.append(
            Revitalisation(
                "bow_tie",
                f"bow-tie ({why}) with {money(f.revenue_12m)} in 12 months; threshold "
                f"{money(c.bow_tie_revenue_threshold)}",
                "broaden_map",
            )
        )
    return out


def assess(
    f: AccountFacts, today: date, c: HealthConfig, w: dict[str, float] | None = None
) -> Health:
    """One account's health; `w` is `weights(c)`, computed once for a portfolio."""
    parts = components(f, today, c, w)
    missing = insufficient_data(parts, c)
    if missing is None:
        score = weighted_mean(parts)
        band = band_of(score, c)
        rules = revitalisation(f, score, band, parts, today, c)
    else:
        score, band, rules = None, INSUFFICIENT, []
    return Health(
        account_id=f.account_id,
        account=f.name,
        score=score,
        band=band,
        components=parts,
        revitalisation=rules,
        perception_gap=perception_gap(f, parts, c),
        revenue_12m=f.revenue_12m,
        shape=f.map.shape if f.map is not None and f.map_people else None,
        wallet_share=f.revenue_12m / f.wallet_estimate if f.wallet_estimate else None,
        missing=missing,
    )


def insufficient_data(parts: list[Component], c: HealthConfig) -> str | None:
    """Why the account gets no band yet (None when it has enough data): fewer
    than `min_components_for_band` weighted components other than data
    quality have data. Names what is there and what is missing."""
    counted = [p for p in parts if p.weight > 0 and p.key != "data_quality"]
    have = [p for p in counted if p.score is not None]
    need = c.min_components_for_band
    if len(have) >= need:
        return None
    lacking = [p for p in counted if p.score is None]
    present = ", ".join(COMPONENTS[p.key].lower() for p in have) or "none"
    why = "; ".join(
        f"{COMPONENTS[p.key].lower()} ({p.reason.removeprefix('no data: ')})" for p in lacking
    )
    return (
        f"no data yet: {len(have)} of the {need} components a band needs have data "
        f"({present}); missing: {why}"
    )


def trend(scores: list[tuple[str, float | None]], current: float | None) -> float | None:
    """Change of the score against the oldest snapshot in `scores` (dated,
    oldest first); None without history."""
    past = [s for day_text, s in scores if s is not None]
    if current is None or not past:
        return None
    return round(current - past[0], 1)
