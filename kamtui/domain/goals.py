"""Revitalisation goals: progress and status (pure; no SQL, no UI).

A goal goes from a *baseline* (captured when it is created) to a *target* by a
due date. Its status compares where it is today with a straight line from the
baseline on the start date to the target on the due date:

- done: marked done, or the target is reached;
- on track: at or beyond the straight line (or no due date and not worse
  than the baseline);
- behind: short of the line, or past the due date without the target;
- dropped: given up (kept for the record);
- not started: nothing measured yet since the baseline (created today, or
  no value and no target to measure against): left out of health's goal
  progress, so creating a goal never raises the score by itself.

Units by type: wallet_share is a fraction (0.35 → 0.50); cross_sell is the
yearly revenue in € of its category (or, with no category, the number of
categories bought in 12 months); broaden_map is a number of their people with
links (or of their functions covered); new_channel and new_method are counts
per year; satisfaction is the mean mood (1–5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kamtui.dates import display_date
from kamtui.domain.display import word
from kamtui.formatting import money, percent
from kamtui.vocab import CHANNEL, LEVEL

ON_TRACK, BEHIND, DONE, DROPPED = "on_track", "behind", "done", "dropped"
NOT_STARTED = "not_started"
STATUS_LABELS = {
    ON_TRACK: "on track",
    BEHIND: "behind",
    DONE: "done",
    DROPPED: "dropped",
    NOT_STARTED: "not started",
}
EPSILON = 1e-9


def format_value(goal_type: str, value: float | None, category: str | None = None) -> str:
    """A goal's value in its unit, for tables and reasons."""
    if value is None:
        return "—"
    if goal_type == "wallet_share":
        return percent(value)
    if goal_type == "cross_sell" and category:
        return money(value)
    if goal_type == "satisfaction":
        return f"{value:.1f}/5"
    return f"{value:g}"


def unit(goal_type: str, category: str | None = None) -> str:
    """What the numbers of a goal count, in words."""
    if goal_type == "wallet_share":
        return f"share of the client's {category or 'total'} spend"
    if goal_type == "cross_sell":
        if category:
            return f"€ of {category} in the last 12 months"
        return "categories bought in the last 12 months"
    if goal_type == "broaden_map":
        if category == "functions":
            return "their functions with a link to us"
        return "their people with a link to us"
    if goal_type == "new_channel":
        channel = word(CHANNEL, category) if category else "new-channel"
        return f"{channel} contacts in the last 12 months"
    if goal_type == "new_method":
        method = (word(LEVEL, category) if category in LEVEL.entries else category) or "new-method"
        return f"{method} meetings in the last 12 months"
    if goal_type == "satisfaction":
        return "mean mood of recent interactions (1–5)"
    return ""


@dataclass
class Action:
    id: int
    goal_id: int
    text: str
    due_date: str | None
    done_at: str | None
    version: int = 1  # row version: an edit saves only over the version it loaded

    def overdue(self, today: date) -> bool:
        return self.done_at is None and bool(self.due_date) and self.due_date < today.isoformat()  # type: ignore[operator]


@dataclass
class Evaluation:
    status: str
    progress: float | None  # 0 at the baseline, 1 at the target
    expected: float | None  # the straight line's value today
    reason: str


def evaluate(
    *,
    goal_type: str,
    category: str | None,
    baseline: float | None,
    target: float | None,
    current: float | None,
    start_date: str,
    due_date: str | None,
    stored_status: str,
    today: date,
) -> Evaluation:
    """Status against the straight path from baseline to target, with the reason."""

    def f(v: float | None) -> str:
        return format_value(goal_type, v, category)

    if stored_status == "dropped":
        return Evaluation(DROPPED, None, None, "dropped")
    if stored_status == "done":
        return Evaluation(DONE, 1.0, None, "marked done")
    if target is None:
        return Evaluation(NOT_STARTED, None, None, "not started: no target to measure against")
    now = current if current is not None else baseline
    if now is None:
        if _past(due_date, today):
            return Evaluation(BEHIND, None, None, "no value yet and the due date has passed")
        return Evaluation(NOT_STARTED, None, None, "not started: no value measured yet")
    up = baseline is None or target >= baseline
    if (now >= target - EPSILON) if up else (now <= target + EPSILON):
        return Evaluation(DONE, 1.0, None, f"target reached: {f(now)} (target {f(target)})")
    if start_date[:10] >= today.isoformat():
        return Evaluation(
            NOT_STARTED,
            None,
            None,
            f"not started: baseline {f(baseline)} taken {display_date(start_date[:10])}, "
            "nothing measured since",
        )
    if baseline is None:
        if _past(due_date, today):
            return Evaluation(
                BEHIND,
                None,
                None,
                f"due {display_date(due_date)} passed at {f(now)} of {f(target)}",
            )
        return Evaluation(
            ON_TRACK, None, None, f"{f(now)} of {f(target)}; no baseline to draw a path"
        )
    span = target - baseline
    progress = (now - baseline) / span if span else 1.0
    if progress < 0:
        where = f"{f(now)}, below the baseline {f(baseline)} (target {f(target)})"
    else:
        where = f"{f(now)}, {progress:.0%} of the way from {f(baseline)} to {f(target)}"
    if current is None:
        where = f"no progress recorded since the baseline {f(baseline)}"
    if not due_date:
        if progress >= -EPSILON:
            return Evaluation(ON_TRACK, progress, None, f"{where}; no due date")
        return Evaluation(BEHIND, progress, None, f"{where}: worse than the baseline")
    if _past(due_date, today):
        return Evaluation(
            BEHIND, progress, target, f"{where}; due {display_date(due_date)} has passed"
        )
    start = date.fromisoformat(start_date[:10])
    due = date.fromisoformat(due_date[:10])
    total_days = (due - start).days
    elapsed = (today - start).days
    fraction = min(max(elapsed / total_days, 0.0), 1.0) if total_days > 0 else 1.0
    expected = baseline + span * fraction
    on_line = (now >= expected - EPSILON) if span > 0 else (now <= expected + EPSILON)
    line = f"{fraction:.0%} expected by today (straight line to {display_date(due_date)})"
    if on_line:
        return Evaluation(ON_TRACK, progress, expected, f"{where}; {line}")
    return Evaluation(BEHIND, progress, expected, f"{where}; {line}")


def _past(due_date: str | None, today: date) -> bool:
    return bool(due_date) and due_date[:10] < today.isoformat()  # type: ignore[index]


@dataclass
class GoalProgress:
    id: int
    account_id: int
    account: str
    type: str
    category: str | None
    title: str
    baseline: float | None
    target: float | None
    current: float | None
    measured: bool  # current comes from the data, not from a hand-set value
    source: str  # how current was obtained, in words
    start_date: str
    due_date: str | None
    stored_status: str
    evaluation: Evaluation
    actions: list[Action] = field(default_factory=list)
    version: int = 1  # row version: an edit saves only over the version it loaded

    @property
    def status(self) -> str:
        return self.evaluation.status

    def open_actions(self) -> list[Action]:
        return [a for a in self.actions if a.done_at is None]

    def next_action(self) -> Action | None:
        pending = self.open_actions()
        dated = sorted((a for a in pending if a.due_date), key=lambda a: a.due_date or "")
        return dated[0] if dated else (pending[0] if pending else None)


def summary(goals: list[GoalProgress]) -> dict[str, int]:
    """How many goals are in each status (for health's goal-progress component)."""
    out = {ON_TRACK: 0, BEHIND: 0, DONE: 0, DROPPED: 0, NOT_STARTED: 0}
    for g in goals:
        out[g.status] = out.get(g.status, 0) + 1
    return out
