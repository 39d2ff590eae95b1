"""What the health engine reads (AccountFacts, gathered set-wise by the
service) and what it returns (Health with its components, perception gap and
revitalisation rules), with the bands."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from kamtui.config import HealthConfig

if TYPE_CHECKING:
    from kamtui.domain.contact_map import MapAnalysis


HEALTHY, WATCH, AT_RISK = "healthy", "watch", "at_risk"
# Too few components with data to say anything: no score, no band, never queued.
INSUFFICIENT = "insufficient_data"

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
    rule: str  # at_risk | operational_only | silent | bow_tie
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
    missing: str | None = None  # with band INSUFFICIENT: what data a band still needs

    @property
    def needs_revitalisation(self) -> bool:
        return bool(self.revitalisation)

    @property
    def insufficient_data(self) -> bool:
        return self.band == INSUFFICIENT

    @property
    def reasons(self) -> list[str]:
        out = [r.reason for r in self.revitalisation]
        if self.missing:
            out.append(self.missing)
        return out

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


def graded(value: float, good: float, bad: float, past: float) -> float:
    """A figure against its target: 100 at `good` or better; once past it,
    at most `past` (give the points just under the healthy line), falling
    straight to 0 at `bad`. Works whichever of `good` and `bad` is larger.
    A figure past its target is never healthy."""
    if good == bad:
        return 100.0 if value == good else 0.0
    t = (value - bad) / (good - bad)
    if t >= 1.0:
        return 100.0
    return round(max(0.0, t) * max(0.0, past), 1)


def band_of(score: float | None, config: HealthConfig) -> str | None:
    if score is None:
        return None
    if score >= config.healthy_min:
        return HEALTHY
    if score >= config.watch_min:
        return WATCH
    return AT_RISK
