"""The account brief: one document to read before a meeting (issue 17).

A plain record, filled by `kamtui.services.brief` from the same services the
app shows, turned into Markdown, HTML or JSON by `kamtui.exporters`. Every
string here is user text or built from it: the record keeps it as stored, and
each exporter cleans and escapes it for its format. Vocabulary keys come with
their English labels (`*_label`) so no exporter needs the vocabularies.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Identifier:
    business_unit: str
    number: str


@dataclass(frozen=True)
class Identity:
    account_id: int
    name: str
    account_number: str | None = None
    tax_id: str | None = None
    domain: str | None = None
    industry: str | None = None
    tier: str | None = None
    owner: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    cadence_days: int | None = None
    status: str = "active"
    identifiers: tuple[Identifier, ...] = ()


@dataclass(frozen=True)
class TrendPoint:
    date: str  # ISO day
    score: float | None


@dataclass(frozen=True)
class WeakComponent:
    key: str
    label: str
    score: float
    reason: str


@dataclass(frozen=True)
class BriefHealth:
    score: float | None
    band: str | None
    band_label: str
    trend: tuple[TrendPoint, ...]  # weekly, oldest first, the last 13 weeks
    change: float | None  # the score now minus the oldest point of the trend
    weakest: tuple[WeakComponent, ...]  # the three weakest components with data
    perception_gap: str | None  # its reason when flagged
    revitalisation: tuple[str, ...]  # why the account needs revitalising, if it does


@dataclass(frozen=True)
class BriefPerson:
    id: int
    name: str
    side: str  # ours | theirs
    title: str | None
    function: str | None
    function_label: str
    decision_role: str | None
    decision_role_label: str
    stance: str | None
    stance_label: str
    last_contact: str | None  # ISO day of the last interaction they took part in
    days_since_contact: int | None
    link_strength: int | None  # their strongest link (1–5); None: no link
    links: int
    single_point_of_failure: bool
    leaving: bool = False


@dataclass(frozen=True)
class BriefMap:
    shape: str
    glyph: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class BriefComplaint:
    id: int
    title: str
    severity: str
    status: str
    opened_at: str
    age_days: int


@dataclass(frozen=True)
class BriefFollowUp:
    kind: str  # next_step | goal_action | contact_due
    id: int
    text: str
    due_date: str | None
    days_late: int | None  # > 0 overdue, 0 today, < 0 days left
    bucket: str  # overdue | today | week
    source: str


@dataclass(frozen=True)
class BriefFact:
    kind: str
    kind_label: str
    text: str
    person: str | None


@dataclass(frozen=True)
class BriefGoal:
    id: int
    title: str
    type: str
    type_label: str
    category: str | None
    baseline: str  # in the goal's unit ("35 %", "12 000 €", "3")
    target: str
    current: str
    unit: str
    progress: float | None  # 0 at the baseline, 1 at the target
    status: str
    status_label: str
    reason: str
    due_date: str | None


@dataclass(frozen=True)
class NextStepLine:
    text: str
    due_date: str | None
    done: bool


@dataclass(frozen=True)
class Conversation:
    id: int
    when: str
    channel: str | None
    channel_label: str
    level: str | None
    level_label: str
    kind: str | None
    summary: str
    people: tuple[str, ...]
    mood: int | None
    next_steps: tuple[NextStepLine, ...]


@dataclass(frozen=True)
class MonthRevenue:
    month: str  # YYYY-MM
    amount: float


@dataclass(frozen=True)
class BriefRevenue:
    last_12m: float
    previous_12m: float
    change: float | None  # fraction: +0.12 is 12 % up
    reason: str
    monthly: tuple[MonthRevenue, ...]  # the last 12 months, oldest first
    wallet_share: float | None
    wallet_note: str


@dataclass(frozen=True)
class OpenCategory:
    category: str
    wallet: float | None  # the client's estimated yearly spend there, if known


@dataclass(frozen=True)
class Brief:
    today: str  # ISO day the brief was computed for
    identity: Identity
    health: BriefHealth
    ours: tuple[BriefPerson, ...]
    theirs: tuple[BriefPerson, ...]
    map: BriefMap | None
    complaints: tuple[BriefComplaint, ...]
    followups: tuple[BriefFollowUp, ...]
    facts: tuple[BriefFact, ...]
    goals: tuple[BriefGoal, ...]
    conversations: tuple[Conversation, ...]
    revenue: BriefRevenue
    not_bought: tuple[OpenCategory, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)  # what could not be computed

    @property
    def title(self) -> str:
        return self.identity.name

    def as_dict(self) -> dict[str, Any]:
        """Plain dicts and lists (strings not cleaned: the exporter does)."""
        return asdict(self)


def weekly(points: list[TrendPoint], today: date, weeks: int = 13) -> tuple[TrendPoint, ...]:
    """One point per week (the newest of the week) over the last `weeks`
    weeks up to today, oldest first; weeks without a snapshot are skipped."""
    start = today.toordinal() - weeks * 7
    by_week: dict[int, TrendPoint] = {}
    for p in points:
        try:
            day = date.fromisoformat(p.date[:10]).toordinal()
        except ValueError:
            continue
        if start < day <= today.toordinal():
            week = (today.toordinal() - day) // 7
            best = by_week.get(week)
            if best is None or p.date > best.date:
                by_week[week] = p
    return tuple(by_week[w] for w in sorted(by_week, reverse=True))
