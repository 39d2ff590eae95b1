"""Relationship health (pure; no SQL, no UI).

The score of an account is the weighted mean of components, each 0–100 with a
one-line reason naming the figure and its target. A component without data
says so and is left out of the mean: it is never silently 0 or 100. On top of
the score: the needs-revitalisation rules with their reasons and a suggested
kind of goal, and the perception gap (the KAM's mood readings against what the
numbers say)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from kamtui.config import HealthConfig
from kamtui.dates import display_date
from kamtui.formatting import money, percent

if TYPE_CHECKING:
    from kamtui.domain.contact_map import MapAnalysis

HEALTHY, WATCH, AT_RISK = "healthy", "watch", "at_risk"

COMPONENTS: dict[str, str] = {
    "contact_recency": "Contact recency",
    "conversation_level": "Conversation level",
    "map_strength": "Map strength",
    "complaints": "Complaints",
    "satisfaction": "Satisfaction",
    "revenue_trend": "Revenue trend",
    "purchase_cadence": "Purchase cadence",
    "cross_sell": "Cross-sell breadth",
    "wallet_share": "Wallet share",
    "goal_progress": "Goal progress",
    "data_quality": "Data quality",
}
# What the client *does* (orders), as opposed to what the meetings feel like.
BEHAVIOUR = ("revenue_trend", "purchase_cadence", "cross_sell", "wallet_share")

# Suggested kinds of goal: key -> (words, goal type it creates, goal category).
SUGGESTIONS: dict[str, tuple[str, str, str | None]] = {
    "broaden_map": ("broaden the map", "broaden_map", None),
    "strategic_review": ("strategic review", "new_method", "strategic"),
    "cross_sell": ("cross-sell", "cross_sell", None),
    "wallet_share": ("wallet share", "wallet_share", None),
    "new_channel": ("new channel", "new_channel", None),
    "satisfaction": ("satisfaction", "satisfaction", None),
}
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
_SHAPE_SCORE = {"none": 0.0, "bow-tie": 25.0, "developing": 60.0, "diamond": 100.0}


@dataclass
class AccountFacts:
    """Everything the engine needs about one account, gathered set-wise by
    the storage layer. Dates are already limited to "today"."""

    account_id: int
    name: str
    cadence_days: int | None = None
    # interactions
    interactions_total: int = 0
    first_interaction: date | None = None
    last_interaction: date | None = None
    last_deep: date | None = None  # last strategic or satisfaction conversation
    interactions_window: int = 0
    deep_window: int = 0
    mood_sum: float = 0.0
    mood_count: int = 0
    # complaints
    complaints_total: int = 0
    open_complaints: int = 0
    oldest_open: date | None = None
    resolution_days: list[float] = field(default_factory=list)
    # transactions
    revenue_12m: float = 0.0
    revenue_prev_12m: float = 0.0
    first_order: date | None = None
    last_order: date | None = None
    order_days_recent: int = 0  # distinct order days in the last 365 days
    order_days_before: int = 0  # distinct order days before that
    categories_12m: int = 0
    categories_prev_12m: int = 0
    catalogue: int = 0  # categories the portfolio buys from us
    wallet_estimate: float | None = None
    wallet_year: int | None = None
    wallet_prev_estimate: float | None = None
    # map and goals
    map: MapAnalysis | None = None
    map_people: int = 0
    goals_on_track: int = 0
    goals_behind: int = 0
    goals_done: int = 0
    # data quality
    fields_present: int = 0
    fields_total: int = 7
    their_people: int = 0
    verified_recent: int = 0
    duplicates: list[str] = field(default_factory=list)


@dataclass(frozen=True, init=False)
class Component:
    key: str
    score: float | None  # None: no data, left out of the mean
    weight: float
    reason: str

    def __init__(self, key: str, score: float | None, weight: float, reason: str) -> None:
        # Eleven per account, 110,000 for a large portfolio: filling __dict__
        # directly is about three times faster than the frozen dataclass's
        # generated __init__ (object.__setattr__ per field); still frozen.
        d = self.__dict__
        d["key"], d["score"], d["weight"], d["reason"] = key, score, weight, reason

    @property
    def label(self) -> str:
        return COMPONENTS[self.key]


@dataclass(frozen=True)
class PerceptionGap:
    mood_mean: float  # 1–5
    mood_count: int
    mood_score: float  # the mood on the 0–100 scale
    behaviour_score: float  # the order-based components' weighted mean
    gap: float  # mood_score - behaviour_score
    flagged: bool
    reason: str


@dataclass(frozen=True)
class Revitalisation:
    rule: str  # at_risk | operational_only | bow_tie
    reason: str
    suggestion: str  # a key of SUGGESTIONS

    @property
    def suggestion_label(self) -> str:
        return SUGGESTIONS[self.suggestion][0]

    @property
    def goal_type(self) -> str:
        return SUGGESTIONS[self.suggestion][1]

    @property
    def goal_category(self) -> str | None:
        return SUGGESTIONS[self.suggestion][2]


@dataclass
class Health:
    account_id: int
    account: str
    score: float | None
    band: str | None
    components: list[Component]
    revitalisation: list[Revitalisation]
    perception_gap: PerceptionGap | None
    revenue_12m: float = 0.0
    shape: str | None = None  # the contact map's, when there is one
    wallet_share: float | None = None  # revenue of 12 months / the latest wallet estimate

    @property
    def needs_revitalisation(self) -> bool:
        return bool(self.revitalisation)

    @property
    def reasons(self) -> list[str]:
        return [r.reason for r in self.revitalisation]

    @property
    def urgency(self) -> tuple[int, float, float]:
        """Sort key, most urgent first: rules broken, then the lower score,
        then the bigger account."""
        return (
            -len(self.revitalisation),
            self.score if self.score is not None else 101.0,
            -self.revenue_12m,
        )

    def component(self, key: str) -> Component:
        return next(c for c in self.components if c.key == key)

    def to_json(self) -> dict[str, Any]:
        gap = self.perception_gap
        return {
            "account": self.account,
            "score": _round(self.score),
            "band": self.band,
            "needs_revitalisation": self.needs_revitalisation,
            "reasons": self.reasons,
            "suggested_goals": [r.suggestion_label for r in self.revitalisation],
            "perception_gap": None
            if gap is None or not gap.flagged
            else {
                "mood": round(gap.mood_mean, 2),
                "mood_score": _round(gap.mood_score),
                "behaviour_score": _round(gap.behaviour_score),
                "gap": _round(gap.gap),
                "reason": gap.reason,
            },
            "components": [
                {
                    "name": c.key,
                    "score": _round(c.score),
                    "weight": c.weight,
                    "reason": c.reason,
                }
                for c in self.components
            ],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def linear(value: float, good: float, bad: float) -> float:
    """100 at `good` (or beyond it), 0 at `bad` (or beyond), straight between;
    works whichever of the two is the larger."""
    if good == bad:
        return 100.0 if value == good else 0.0
    t = (value - bad) / (good - bad)
    return round(max(0.0, min(1.0, t)) * 100.0, 1)


def band_of(score: float | None, config: HealthConfig) -> str | None:
    if score is None:
        return None
    if score >= config.healthy_min:
        return HEALTHY
    if score >= config.watch_min:
        return WATCH
    return AT_RISK


def _d(value: date | None) -> str:
    return display_date(value.isoformat()) if value else "?"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _signed_pct(x: float) -> str:
    text = percent(abs(x))
    return f"+{text}" if x >= 0 else f"−{text}"


# --- components --------------------------------------------------------------------


def _contact_recency(f: AccountFacts, today: date, c: HealthConfig) -> tuple[float | None, str]:
    if f.last_interaction is None:
        return None, "no data: no interactions recorded"
    days = (today - f.last_interaction).days
    cadence = f.cadence_days or c.default_cadence_days
    own = "" if f.cadence_days else " (default cadence)"
    score = linear(days, cadence, cadence * c.recency_zero_factor)
    return score, f"last contact {_days(days)} ago; target ≤ {cadence}{own}"


def _conversation_level(f: AccountFacts, today: date, c: HealthConfig) -> tuple[float | None, str]:
    if f.last_interaction is None:
        return None, "no data: no interactions recorded"
    if f.last_deep is None:
        recency = 0.0
        first = f"no strategic conversation recorded since {_d(f.first_interaction)}"
    else:
        days = (today - f.last_deep).days
        recency = linear(days, c.strategic_target_days, c.strategic_zero_days)
        first = f"last strategic conversation {_days(days)} ago; target ≤ {c.strategic_target_days}"
    if f.interactions_window == 0:
        return recency, first + f"; no conversations in the last {c.conversation_window_days} d"
    share = f.deep_window / f.interactions_window
    share_score = linear(share, c.strategic_share_target, 0.0)
    score = round(0.6 * recency + 0.4 * share_score, 1)
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
    penalty_slow = 0.0
    if f.resolution_days:
        ordered = sorted(f.resolution_days)
        median = ordered[len(ordered) // 2]
        resolution = f"; recent ones resolved in {median:.0f} d (median, target ≤ " + (
            f"{c.resolution_target_days})"
        )
        if median > c.resolution_target_days:
            penalty_slow = 10.0
    if f.open_complaints == 0:
        return 100.0 - penalty_slow, f"no open complaints{resolution}"
    age = (today - f.oldest_open).days if f.oldest_open else 0
    over = max(0, age - c.complaint_age_target_days)
    score = 100.0 - 25.0 * f.open_complaints - min(25.0, 25.0 * over / c.complaint_age_target_days)
    score = max(0.0, score - penalty_slow)
    plural = "s" if f.open_complaints > 1 else ""
    return round(score, 1), (
        f"{f.open_complaints} open complaint{plural}, oldest {_days(age)} old "
        f"(target ≤ {c.complaint_age_target_days}){resolution}"
    )


def _satisfaction(f: AccountFacts, c: HealthConfig) -> tuple[float | None, str]:
    if f.mood_count == 0:
        return None, f"no data: no mood readings in the last {c.mood_window_days} d"
    mean = f.mood_sum / f.mood_count
    score = round((mean - 1.0) / 4.0 * 100.0, 1)
    n = f.mood_count
    return score, (
        f"mean mood {mean:.1f}/5 over {n} reading{'s' if n > 1 else ''} in "
        f"{c.mood_window_days} d; target 5/5"
    )


def _revenue_trend(f: AccountFacts, today: date, c: HealthConfig) -> tuple[float | None, str]:
    if f.first_order is None:
        return None, "no data: no orders recorded"
    if f.revenue_prev_12m <= 0:
        if (today - f.first_order).days < 365:
            return None, (
                f"no data: orders only since {_d(f.first_order)}, no earlier year to compare"
            )
        if f.revenue_12m > 0:
            return 100.0, f"buying again: {money(f.revenue_12m)} after a year without orders"
        return 0.0, "no orders in the last 24 months"
    change = f.revenue_12m / f.revenue_prev_12m - 1.0
    score = linear(change, c.revenue_growth_target, c.revenue_drop_zero)
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
    parts = [f"last order {_days(since)} ago, usually every {usual:.0f} d"]
    score = linear(since / usual, 1.5, c.cadence_zero_factor)
    if f.order_days_recent >= 2 and f.order_days_before >= 2:
        recent_gap = 365.0 / f.order_days_recent
        before_span = max(1, (today - f.first_order).days - 365)
        before_gap = before_span / f.order_days_before
        rhythm = linear(recent_gap / before_gap, 1.2, 3.0)
        score = min(score, rhythm)  # overdue or slowing: the worse one counts
        parts.append(f"lately every {recent_gap:.0f} d vs {before_gap:.0f} d before")
    return score, "; ".join(parts) + f"; target ≤ {1.5 * usual:.0f} d between orders"


def _cross_sell(f: AccountFacts, c: HealthConfig) -> tuple[float | None, str]:
    if f.first_order is None or f.catalogue == 0:
        return None, "no data: no orders recorded"
    share = f.categories_12m / f.catalogue
    score = linear(share, c.cross_sell_target, 0.0)
    text = (
        f"{f.categories_12m} of {f.catalogue} categories bought in 12 months "
        f"({percent(share)}, target ≥ {percent(c.cross_sell_target)})"
    )
    delta = f.categories_12m - f.categories_prev_12m
    if f.revenue_prev_12m > 0 and delta:
        score = max(0.0, min(100.0, score + 10.0 * delta))
        text += f"; {abs(delta)} {'more' if delta > 0 else 'fewer'} than the 12 before"
    return score, text


def _wallet_share(f: AccountFacts, c: HealthConfig) -> tuple[float | None, str]:
    if not f.wallet_estimate:
        return None, "no data: no wallet estimate"
    share = f.revenue_12m / f.wallet_estimate
    score = linear(share, c.wallet_share_target, 0.0)
    text = (
        f"share of wallet {percent(share)} ({money(f.revenue_12m)} of an estimated "
        f"{money(f.wallet_estimate)} in {f.wallet_year}); target ≥ {percent(c.wallet_share_target)}"
    )
    if f.wallet_prev_estimate:
        before = f.revenue_prev_12m / f.wallet_prev_estimate
        text += f"; {percent(before)} a year before"
    return score, text


def _goal_progress(f: AccountFacts) -> tuple[float | None, str]:
    total = f.goals_on_track + f.goals_behind + f.goals_done
    if total == 0:
        return None, "no data: no active goals"
    good = f.goals_on_track + f.goals_done
    text = f"{good} of {total} goals on track or done"
    if f.goals_behind:
        text += f"; {f.goals_behind} behind"
    return round(100.0 * good / total, 1), text


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
        "goal_progress": _goal_progress(f),
        "data_quality": _data_quality(f, c),
    }
    return [Component(k, s, w[k], r) for k, (s, r) in found.items()]


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
                f"last strategic {_d(f.last_deep)}"
                if f.last_deep
                else "no strategic conversation ever recorded"
            )
            out.append(
                Revitalisation(
                    "operational_only",
                    f"only operational conversations for {_days(since_deep)} ({last}); "
                    f"threshold {c.operational_only_days} d",
                    "strategic_review",
                )
            )
    m = f.map
    if m is not None and m.shape == "bow-tie" and f.revenue_12m >= c.bow_tie_revenue_threshold:
        why = m.reasons[0] if m.reasons else "one person each side"
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
    score = weighted_mean(parts)
    band = band_of(score, c)
    return Health(
        account_id=f.account_id,
        account=f.name,
        score=score,
        band=band,
        components=parts,
        revitalisation=revitalisation(f, score, band, parts, today, c),
        perception_gap=perception_gap(f, parts, c),
        revenue_12m=f.revenue_12m,
        shape=f.map.shape if f.map is not None and f.map_people else None,
        wallet_share=f.revenue_12m / f.wallet_estimate if f.wallet_estimate else None,
    )


def trend(scores: list[tuple[str, float | None]], current: float | None) -> float | None:
    """Change of the score against the oldest snapshot in `scores` (dated,
    oldest first); None without history."""
    past = [s for _d, s in scores if s is not None]
    if current is None or not past:
        return None
    return round(current - past[0], 1)
