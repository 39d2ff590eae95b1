"""Listing and correcting logged interactions from the shell: every field
given is validated as when logging, then written in one transaction (the
read, the checks and the write hold the write lock together)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from kamtui import dates
from kamtui.domain.interaction import Interaction, InvalidField
from kamtui.services.errors import NotFound, ServiceError
from kamtui.services.interactions.log import link_participants, resolve_people
from kamtui.storage import interactions as sql
from kamtui.storage.db import Store

EDITABLE = ("occurred_at", "channel", "level", "kind", "summary", "notes", "mood")


def listing(store: Store, account_id: int, *, since: date | None = None) -> list[dict[str, Any]]:
    """The account's live interactions, newest first, each with its id,
    participants and next steps."""
    rows = sql.interactions(store, account_id, since=since.isoformat() if since else None)
    return _items(store, rows)


def one(store: Store, interaction_id: int) -> dict[str, Any]:
    """One live interaction as `listing` gives it (NotFound otherwise)."""
    row = sql.get(store, interaction_id)
    if row is None:
        raise NotFound(f"no interaction with id {interaction_id} (deleted, or in the trash)")
    return _items(store, [row])[0]


def _items(store: Store, rows: Sequence[Any]) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    people: dict[int, list[dict[str, Any]]] = {}
    for p in sql.participants(store, ids):
        people.setdefault(p[0], []).append({"id": p[1], "name": p[2], "side": p[3]})
    steps: dict[int, list[dict[str, Any]]] = {}
    for s in sql.next_steps_of(store, ids):
        steps.setdefault(s["interaction_id"], []).append(
            {"id": s["id"], "text": s["text"], "due_date": s["due_date"], "done_at": s["done_at"]}
        )
    return [
        {
            "id": r["id"],
            "account_id": r["account_id"],
            "when": r["occurred_at"],
            "channel": r["channel"],
            "level": r["level"],
            "kind": r["kind"],
            "summary": r["summary"],
            "notes": r["notes"],
            "mood": r["mood"],
            "with": people.get(r["id"], []),
            "next_steps": steps.get(r["id"], []),
        }
        for r in rows
    ]


def get(store: Store, interaction_id: int) -> dict[str, Any]:
    row = sql.get(store, interaction_id)
    if row is None:
        raise NotFound(f"no interaction with id {interaction_id} (deleted, or in the trash)")
    return dict(row)


def edit(
    store: Store,
    interaction_id: int,
    changes: dict[str, Any],
    *,
    people: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Change only the fields in `changes` (of EDITABLE; `occurred_at` an ISO
    date-time) and, with `people` (names on the account's map), the
    participants. Validated like `log_interaction`; nothing is written on an
    error. Returns the interaction as stored."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ServiceError(f"cannot edit {', '.join(sorted(unknown))}")
    with store.write():
        current = get(store, interaction_id)
        merged = {k: current[k] for k in EDITABLE}
        merged.update(changes)
        if merged["mood"] in ("", None):
            merged["mood"] = None
        try:
            data = Interaction.validate(account_id=current["account_id"], **merged)
        except InvalidField as exc:
            raise ServiceError(str(exc)) from None
        try:
            datetime.fromisoformat(data.occurred_at)
        except ValueError:
            raise ServiceError(f"when: {data.occurred_at!r} is not a date") from None
        ids = None if people is None else resolve_people(store, data.account_id, people)
        row = data.row()
        values = {k: row[k] for k in EDITABLE if row[k] != current[k]}
        before = [] if ids is None else [p[1] for p in sql.participants(store, [interaction_id])]
        sql.update(store, interaction_id, values, ids)
        if ids is not None:
            link_participants(store, data.account_id, ids, before)
        return get(store, interaction_id)


def display_when(value: str) -> str:
    return dates.display_date(value[:10]) + (f" {value[11:16]}" if len(value) > 10 else "")
