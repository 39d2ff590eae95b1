"""Follow-ups across the portfolio: open next steps from interactions and
open action items of active goals, bucketed overdue / today / this week
(the next 7 days) / later (and undated)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from kamtui.services import goals as goal_service
from kamtui.services import interactions as interaction_service
from kamtui.services.errors import ServiceError
from kamtui.storage import interactions as interaction_sql
from kamtui.storage.db import Store

NEXT_STEP = "next_step"
GOAL_ACTION = "goal_action"
WEEK_DAYS = 7

BUCKETS = (
    ("overdue", "Overdue"),
    ("today", "Today"),
    ("week", "This week"),
    ("later", "Later"),
)


@dataclass(frozen=True)
class FollowUp:
    kind: str  # NEXT_STEP | GOAL_ACTION
    id: int
    account_id: int
    account: str
    text: str
    due_date: str | None
    source: str  # the interaction's summary or the goal's title

    def days_late(self, today: date) -> int | None:
        if not self.due_date:
            return None
        return (today - date.fromisoformat(self.due_date[:10])).days

    def as_json(self, today: date) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "account_id": self.account_id,
            "account": self.account,
            "text": self.text,
            "due_date": self.due_date,
            "days_late": self.days_late(today),
            "source": self.source,
        }


@dataclass
class Followups:
    overdue: list[FollowUp] = field(default_factory=list)
    today: list[FollowUp] = field(default_factory=list)
    week: list[FollowUp] = field(default_factory=list)
    later: list[FollowUp] = field(default_factory=list)

    def bucket(self, key: str) -> list[FollowUp]:
        return list(getattr(self, key))

    @property
    def due(self) -> list[FollowUp]:
        """Overdue, today and this week, in that order."""
        return [*self.overdue, *self.today, *self.week]


def bucket_of(due_date: str | None, today: date) -> str:
    if not due_date:
        return "later"
    due = date.fromisoformat(due_date[:10])
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    if due <= today + timedelta(days=WEEK_DAYS):
        return "week"
    return "later"


def bucketed(items: list[FollowUp], today: date) -> Followups:
    out = Followups()
    ordered = sorted(
        items, key=lambda f: (f.due_date or "9999", f.account.casefold(), f.kind, f.id)
    )
    for item in ordered:
        getattr(out, bucket_of(item.due_date, today)).append(item)
    return out


def followups(store: Store, *, today: date) -> Followups:
    items = [
        FollowUp(
            NEXT_STEP,
            r["id"],
            r["account_id"],
            r["account"],
            r["text"],
            r["due_date"],
            r["source"] or "",
        )
        for r in interaction_sql.open_next_steps(store)
    ]
    items += [
        FollowUp(
            GOAL_ACTION,
            a["id"],
            a["account_id"],
            a["account"],
            a["text"],
            a["due_date"],
            a["goal"] or "",
        )
        for a in goal_service.open_actions(store)
    ]
    return bucketed(items, today)


def mark_done(store: Store, kind: str, item_id: int, *, today: date, done: bool = True) -> None:
    if kind == NEXT_STEP:
        interaction_service.complete_next_step(store, item_id, today, done=done)
    elif kind == GOAL_ACTION:
        goal_service.complete_action(store, item_id, today, done=done)
    else:
        raise ServiceError(f"unknown follow-up kind {kind!r}")


def mark_all_done(store: Store, items: Iterable[tuple[str, int]], *, today: date) -> int:
    """Mark several follow-ups ((kind, id) pairs) done in one transaction: all
    of them or, when one is unknown (ServiceError), none. Returns how many."""
    count = 0
    with store.write():
        for kind, item_id in items:
            mark_done(store, kind, item_id, today=today)
            count += 1
    return count
