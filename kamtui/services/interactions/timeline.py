"""The account's timeline: interactions, orders and complaints, newest first,
and its filters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kamtui.services.interactions.log import Participant, people
from kamtui.storage import interactions as sql
from kamtui.storage.db import Store


@dataclass
class NextStep:
    id: int
    text: str
    due_date: str | None
    done_at: str | None


@dataclass
class TimelineItem:
    """One line of the Interactions tab: an interaction, an order or a complaint."""

    type: str  # "interaction" | "order" | "complaint"
    id: int
    when: str  # ISO date or date-time
    title: str
    channel: str | None = None
    level: str | None = None
    kind: str | None = None
    mood: int | None = None
    notes: str | None = None
    people: list[Participant] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)
    amount: float | None = None
    category: str | None = None
    document: str | None = None
    complaint: dict[str, Any] | None = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.type, self.id)


@dataclass
class Timeline:
    items: list[TimelineItem]
    people: list[Participant]
    facts: list[dict[str, Any]]


def timeline(store: Store, account_id: int) -> Timeline:
    """Interactions, orders and complaints, newest first; the account's people
    (for filters) and facts."""
    from kamtui.storage import complaints as complaint_sql
    from kamtui.storage import facts as fact_sql

    rows = sql.interactions(store, account_id)
    ids = [r["id"] for r in rows]
    parts: dict[int, list[Participant]] = {}
    for r in sql.participants(store, ids):
        parts.setdefault(r["interaction_id"], []).append(
            Participant(r["id"], r["name"], r["side"], r["function"])
        )
    steps: dict[int, list[NextStep]] = {}
    for r in sql.next_steps_of(store, ids):
        steps.setdefault(r["interaction_id"], []).append(
            NextStep(r["id"], r["text"], r["due_date"], r["done_at"])
        )
    items = [
        TimelineItem(
            type="interaction",
            id=r["id"],
            when=r["occurred_at"],
            title=r["summary"],
            channel=r["channel"],
            level=r["level"],
            kind=r["kind"],
            mood=r["mood"],
            notes=r["notes"],
            people=parts.get(r["id"], []),
            next_steps=steps.get(r["id"], []),
        )
        for r in rows
    ]
    items += [
        TimelineItem(
            type="order",
            id=r["id"],
            when=r["date"],
            title=f"Order {r['document']}",
            amount=r["amount"],
            category=r["category"],
            document=r["document"],
        )
        for r in sql.orders(store, account_id)
    ]
    items += [
        TimelineItem(
            type="complaint",
            id=r["id"],
            when=r["opened_at"],
            title=r["title"],
            kind="complaint",
            notes=r["description"],
            complaint=dict(r),
        )
        for r in complaint_sql.of_account(store, account_id)
    ]
    items.sort(key=lambda i: (i.when[:16], i.type == "interaction", i.id), reverse=True)
    return Timeline(
        items=items,
        people=people(store, account_id),
        facts=[dict(r) for r in fact_sql.of_account(store, account_id)],
    )


ORDERS = "order"


def filter_timeline(
    items: Sequence[TimelineItem],
    *,
    level: str | None = None,
    kind: str | None = None,
    channel: str | None = None,
    person_id: int | None = None,
) -> list[TimelineItem]:
    """Filters by level, kind, channel and person. Orders and complaints have
    no level, channel or participants: any of those filters hides them. The
    kind filter also takes "order" (orders only)."""
    out = []
    for item in items:
        if item.type == "order":
            if kind == ORDERS or (
                kind is None and level is None and channel is None and person_id is None
            ):
                out.append(item)
            continue
        if kind == ORDERS:
            continue
        if item.type == "complaint":
            if (
                level is None
                and channel is None
                and person_id is None
                and kind
                in (
                    None,
                    "complaint",
                )
            ):
                out.append(item)
            continue
        if level is not None and item.level != level:
            continue
        if kind is not None and item.kind != kind:
            continue
        if channel is not None and item.channel != channel:
            continue
        if person_id is not None and all(p.id != person_id for p in item.people):
            continue
        out.append(item)
    return out
