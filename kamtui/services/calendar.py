"""Follow-ups as a calendar (`kamtui followups --ics`): one VTODO per open
next step or goal action, UIDs stable for this database."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from kamtui.exporters.ical import Todo, calendar
from kamtui.services.followups import GOAL_ACTION, FollowUp
from kamtui.storage.db import Store
from kamtui.storage.identity import record_uid

KIND_LABEL = {GOAL_ACTION: "Goal action"}


def followups_ics(store: Store, items: Iterable[FollowUp], *, now: datetime | None = None) -> bytes:
    """The iCalendar file of `items`. A follow-up's UID is derived from its
    kind, its id and this database's identity: the same on every export."""
    todos = [
        Todo(
            uid=f"{record_uid(store, item.kind, item.id)}@kamtui",
            summary=item.text,
            account=item.account,
            due=date.fromisoformat(item.due_date[:10]) if item.due_date else None,
            description=(f"Goal: {item.source}" if item.kind == GOAL_ACTION else item.source)
            if item.source
            else "",
            kind=KIND_LABEL.get(item.kind, "Next step"),
        )
        for item in items
    ]
    return calendar(todos, stamp=(now or datetime.now(UTC)).replace(microsecond=0))
