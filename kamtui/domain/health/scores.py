"""The health components: each scores 0-100 from an account's facts with a
one-line reason, or says it has no data (None)."""

from __future__ import annotations

from datetime import date

from kamtui.config import HealthConfig
from kamtui.dates import display_date
from kamtui.domain.health.model import COMPONENTS, AccountFacts, Component, graded
from kamtui.formatting import money, percent


def day_text(value: date | None) -> str:
    return display_date(value.isoformat()) if value else "?"


def days_text(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _signed_pct(x: float) -> str:
    text = percent(abs(x))
    return f"+{text}" if x >= 0 else f"−{text}"


def past(c: HealthConfig) -> float:
    """The most a figure past its target can score: just under the healthy line."""
    return max(0.0, c.healthy_min - 1.0)


_SHAPE_SCORE = {"none": 0.0, "bow-tie": 25.0, "developing": 60.0, "diamond": 100.0}


def _contact_recency(f: AccountFacts, today: date, c: HealthConfig) -> tuple[float | None, str]:
    if f.last_interaction is None:
        return None, "no data: no interactions recorded"
    days = (today - f.last_interaction).days
    cadence = f.cadence_days or c.default_cadence_days
    own = "" if f.cadence_days else " (default cadence)"
    score = graded(days, cadence, cadence * c.recency_zero_factor, past(c))
    return score, f"last contact {days_text(days)} ago; target ≤ {cadence}{own}"


def _conversation_level(f: AccountFacts, today: date, c: HealthConfig) -> tuple[float | None, str]:
    if f.last_interaction is None:
        return None, "no data: no interactions recorded"
    if f.last_deep is None:
        recency = 0.0
        first = f"no strategic conversation recorded since {day_text(f.first_interaction)}"
    else:
        days = (today - f.last_deep).days
        recency = graded(days, c.strategic_target_days, c.strategic_zero_days, past(c))
        first = (
            f"last strategic conversation {days_text(days)} ago; target ≤ {c.strategic_target_days}"
        )
    if f.interactions_window == 0:
        return recency, first + f"; no conversations in the last {c.conversation_window_days} d"
    share = f.deep_window / f.interactions_window
    share_score = graded(share, c.strategic_share_target, 0.0, past(c))
    score = round(0.6 * recency + 0.4 * share_score, 1)
    if min(recency, share_score) < 100.0:  # a figure past its target: never healthy
        score = min(score, past(c))
    return score, (
        f"{first}; {f.deep_window} of {f.interactions_window} conversations strategic in "
        f"{c.conversation_window_days} d ({percent(share)}, target ≥ "
        f"{percent(c.strategic_share_target)})"
    )


def _map_strength(f: AccountFacts, c: HealthConfig) -> tuple[float | None, str]:
    m = f.map
    if m is None or f.map_people == 0:
        return None, "no data: nobody on the contact map"
    score = _SHAPE_SCORE.get(m.shape, 0.0)
    notes: list[str] = []
    if m.shape == "developing" and m.single_points_of_failure:
        n = len(m.single_points_of_failure)
        score -= min(25.0, 10.0 * n)
        notes.append(f"{n} single point{'s' if n > 1 else ''} of failure")
    if m.shape != "none" and not (m.decision_maker_covered or m.executive_covered):
        score -= 15.0
        notes.append("no decision maker or executive covered")
    why = m.reasons[0] if m.reasons else ""
    text = f"{m.shape}: {why}" if why else m.shape
    if notes:
        text += "; " + "; ".join(notes)
    return max(0.0, score), text + "; target diamond"


def _complaints(f: AccountFacts, today: date, c: HealthConfig) -> tuple[float | None, str]:
    if f.complaints_total == 0 and f.interactions_total == 0:
        return None, "no data: no complaints or interactions recorded"
    resolution = ""
    slow = 100.0  # the recent resolution time against its target
    if f.resolution_days:
        ordered = sorted(f.resolution_days)
        median = ordered[len(ordered) // 2]
        resolution = f"; recent ones resolved in {median:.0f} d (median, target ≤ " + (
            f"{c.resolution_target_days})"
        )
        target = c.resolution_target_days
        slow = graded(median, target, target * c.complaint_zero_factor, past(c))
    if f.open_complaints == 0:
        return slow, f"no open complaints{resolution}"
    age = (today - f.oldest_open).days if f.oldest_open else 0
    target = c.complaint_age_target_days
    aged = graded(age, target, target * c.complaint_zero_factor, past(c))
    score = max(0.0, min(100.0 - 25.0 * f.open_complaints, aged, slow))
    plural = "s" if f.open_complaints > 1 else ""
    return round(score, 1), (
        f"{f.open_complaints} open complaint{plural}, oldest {days_text(age)} old "
        f"(target ≤ {c.complaint_age_target_days}){resolution}"
    )


def _satisfaction(f: AccountFacts, c: HealthConfig) -> tuple[float | None, str]:
    if f.mood_count == 0:
        return None, f"no data: no mood readings in the last {c.mood_window_days} d"
    mean = f.mood_sum / f.mood_count
    score = graded(mean, c.mood_target, 1.0, past(c))
    n = f.mood_count
    return score, (
        f"mean mood {mean:.1f}/5 over {n} reading{'s' if n > 1 else ''} in "
        f"{c.mood_window_days} d; target ≥ {c.mood_target:g}/5"
    )


def _revenue_trend(f: AccountFacts, today: date, c: HealthConfig) -> tuple[float | None, str]:
    if f.first_order is None:
        return None, "no data: no orders recorded"
    if f.revenue_prev_12m <= 0:
        if (today - f.first_order).days < 365:
            return None, (
                f"no data: orders only since {day_text(f.first_order)}, no earlier year to compare"
            )
        if f.revenue_12m > 0:
            return 100.0, f"buying again: {money(f.revenue_12m)} after a year without orders"
        return 0.0, "no orders in the last 24 months"
    change = f.revenue_12m / f.revenue_prev_12m - 1.0
    score = graded(change, c.revenue_growth_target, c.revenue_drop_zero, past(c))
    return score, (
        f"last 12 months {money(f.revenue_12m)} vs {money(f.revenue_prev_12m)} the 12 before "
        f"({_signed_pct(change)}); target ≥ {_signed_pct(c.revenue_growth_target)}"
    )


def _purchase_cadence(f: AccountFacts, today: date, c: HealthConfig) -> tuple[float | None, str]:
    orders = f.order_days_recent + f.order_days_before
    if f.first_order is None or f.last_order is None or orders < 3:
        return None, "no data: fewer than 3 orders, no cadence yet"
    usual = max(1.0, (f.last_order - f.first_order).days / (orders - 1))
    since = (today - f.last_order).days
    parts = [f"last order {days_text(since)} ago, usually every {usual:.0f} d"]
    score = graded(since / usual, c.cadence_target_factor, c.cadence_zero_factor, past(c))
    target = f"; target ≤ {c.cadence_target_factor * usual:.0f} d since the last order"
    if f.order_days_recent >= 2 and f.order_days_before >= 2:
        recent_gap = 365.0 / f.order_days_recent
        before_span = max(1, (today - f.first_order).days - 365)
        before_gap = before_span / f.order_days_before
        rhythm = graded(
            recent_gap / before_gap, c.rhythm_target_factor, c.rhythm_zero_factor, past(c)
        )
        score = min(score, rhythm)  # overdue or slowing: the worse one counts
        parts.append(f"lately every {recent_gap:.0f} d vs {before_gap:.0f} d before")
        target += f", lately ≤ {c.rhythm_target_factor * before_gap:.0f} d between orders"
    return score, "; ".join(parts) + target


def _cross_sell(f: AccountFacts, c: HealthConfig) -> tuple[float | None, str]:
    if f.first_order is None or f.catalogue == 0:
        return None, "no data: no orders recorded"
    share = f.categories_12m / f.catalogue
    score = graded(share, c.cross_sell_target, 0.0, past(c))
    text = (
        f"{f.categories_12m} of {f.catalogue} categories bought in 12 months "
        f"({percent(share)}, target ≥ {percent(c.cross_sell_target)})"
    )
    delta = f.categories_12m - f.categories_prev_12m
    if f.revenue_prev_12m > 0 and delta:
        ceiling = 100.0 if share >= c.cross_sell_target else score  # more never lifts it past
        score = max(0.0, min(ceiling, score + 10.0 * delta))
        text += f"; {abs(delta)} {'more' if delta > 0 else 'fewer'} than the 12 before"
    return score, text


def _wallet_share(f: AccountFacts, c: HealthConfig) -> tuple[float | None, str]:
    if not f.wallet_estimate:
        return None, "no data: no wallet estimate"
    share = f.revenue_12m / f.wallet_estimate
    score = graded(share, c.wallet_share_target, 0.0, past(c))
    text = (
        f"share of wallet {percent(share)} ({money(f.revenue_12m)} of an estimated "
        f"{money(f.wallet_estimate)} in {f.wallet_year}); target ≥ {percent(c.wallet_share_target)}"
    )
    if f.wallet_prev_estimate:
        before = f.revenue_prev_12m / f.wallet_prev_estimate
        text += f"; {percent(before)} a year before"
    return score, text


def _goal_progress(f: AccountFacts, c: HealthConfig) -> tuple[float | None, str]:
    total = f.goals_on_track + f.goals_behind + f.goals_done
    if total == 0:
        return None, "no data: no active goals"
    good = f.goals_on_track + f.goals_done
    text = f"{good} of {total} goals on track or done"
    score = round(100.0 * good / total, 1)
    if f.goals_behind:
        text += f"; {f.goals_behind} behind"
        score = min(score, past(c))  # one goal behind is past the target
    return score, text + "; target: none behind"


def _data_quality(f: AccountFacts, c: HealthConfig) -> tuple[float | None, str]:
    fields = f.fields_present / f.fields_total if f.fields_total else 1.0
    parts = [f"{f.fields_present} of {f.fields_total} identifying fields"]
    if f.their_people:
        verified = f.verified_recent / f.their_people
        score = 100.0 * (0.5 * fields + 0.5 * verified)
        parts.append(
            f"{f.verified_recent} of {f.their_people} of their people verified within "
            f"{c.verified_within_days} d"
        )
    else:
        score = 100.0 * fields
    if f.duplicates:
        score -= 30.0
        parts.append("possible duplicate of " + ", ".join(f.duplicates[:3]))
    return round(max(0.0, score), 1), "; ".join(parts)


def weights(c: HealthConfig) -> dict[str, float]:
    """Each component's weight (compute once for many accounts)."""
    return {k: float(getattr(c.weights, k)) for k in COMPONENTS}


def components(
    f: AccountFacts, today: date, c: HealthConfig, w: dict[str, float] | None = None
) -> list[Component]:
    w = w or weights(c)
    found: dict[str, tuple[float | None, str]] = {
        "contact_recency": _contact_recency(f, today, c),
        "conversation_level": _conversation_level(f, today, c),
        "map_strength": _map_strength(f, c),
        "complaints": _complaints(f, today, c),
        "satisfaction": _satisfaction(f, c),
        "revenue_trend": _revenue_trend(f, today, c),
        "purchase_cadence": _purchase_cadence(f, today, c),
        "cross_sell": _cross_sell(f, c),
        "wallet_share": _wallet_share(f, c),
        "goal_progress": _goal_progress(f, c),
        "data_quality": _data_quality(f, c),
    }
    return [Component(k, s, w[k], r) for k, (s, r) in found.items()]
