"""The portfolio brief: the morning review on one page (issue 17) — accounts
at risk, the revitalisation queue with its reasons, contacts due and the
follow-ups due this week.

A plain record like `kamtui.domain.brief.Brief`, filled by
`kamtui.services.brief.portfolio_brief`; every string is stored text and
each exporter cleans and escapes it for its format."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class AtRisk:
    account_id: int
    account: str
    score: float | None
    band_label: str
    weakest: str  # the weakest component's label and reason
    revenue_12m: float


@dataclass(frozen=True)
class Revitalise:
    account_id: int
    account: str
    score: float | None
    band_label: str
    reasons: tuple[str, ...]
    suggestions: tuple[str, ...]  # the kinds of goal that answer them
    revenue_12m: float


@dataclass(frozen=True)
class DueItem:
    kind: str  # next_step | goal_action | contact_due
    ref: str  # n12, g5, c7 (account), p30 (person): what `kamtui followups` shows
    account_id: int
    account: str
    text: str
    due_date: str | None
    days_late: int | None  # > 0 overdue, 0 today, < 0 days left
    bucket: str  # overdue | today | week
    source: str


@dataclass(frozen=True)
class PortfolioBrief:
    today: str  # ISO day
    accounts: int  # live accounts reviewed
    at_risk: tuple[AtRisk, ...]  # lowest score first
    revitalise: tuple[Revitalise, ...]  # most urgent first
    contact_due: tuple[DueItem, ...]  # most overdue first
    followups: tuple[DueItem, ...]  # next steps and goal actions: overdue, today, this week

    @property
    def title(self) -> str:
        return "Portfolio"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
