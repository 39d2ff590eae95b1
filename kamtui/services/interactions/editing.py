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
from kamtui.storage import versions
from kamtui.storage.db import Store
from kamtui.textsafe import clean

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


def listed(store: Store, row: Any) -> dict[str, Any]:
    """A stored row (trashed or not, e.g. a conflict's current row) as
    `listing` gives it."""
    return _items(store, [row])[0]


def _items(store: Store, rows: Sequence[Any]) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    people: dict[int, list[dict[str, Any]]] = {}
    for p in sql.participants(store, ids):
        people.setdefault(p[0], []).append({"id": p[1], "name": p[2], "side": p[3]})
    steps: dict[int, list[dict[str, Any]]] = {}
    for s in sql.next_steps_of(store, ids):
        steps.setdefault(s["interaction_id"], []).append(
            {
                "id": s["id"],
                "text": s["text"],
                "due_date": s["due_date"],
                "done_at": s["done_at"],
                "version": s["version"],
            }
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
            "version": r["version"],
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
    participant_ids: Sequence[int] | None = None,
    next_steps: Sequence[tuple[str, str | None]] | None = None,
    expected_version: int | None = None,
    restore: bool = False,
) -> dict[str, Any]:
    """Change only the fields in `changes` (of EDITABLE; `occurred_at` an ISO
    date-time) and, with `people` (names on the account's map) or
    `participant_ids`, the participants; with `next_steps` (text, ISO due
    date or None), the next steps (`sql.replace_next_steps`: unchanged ones
    keep their done mark, removed ones go to the trash). Validated like `log_interaction`; nothing is
    written on an error. With `expected_version` (the version the form or
    the caller read) a change or trashing made since raises RecordConflict;
    `restore=True` also takes it out of the trash. Returns the interaction
    as stored."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ServiceError(f"cannot edit {', '.join(sorted(unknown))}")
    for text, due in next_steps or ():
        if not text.strip():
            raise ServiceError("next step: text is required")
        if due is not None:
            try:
                date.fromisoformat(due)
            except ValueError:
                raise ServiceError(f"next step {text!r}: {due!r} is not a date") from None
    with store.write() as conn:
        versions.claim(conn, "interactions", interaction_id, expected_version, restore=restore)
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
        if participant_ids is not None:
            ids = list(dict.fromkeys(participant_ids))
            known = sql.people_of_account(store, data.account_id, ids)
            strangers = [pid for pid in ids if pid not in known]
            if strangers:
                raise ServiceError(f"participants: {strangers} are not people of this account")
        row = data.row()
        values = {k: row[k] for k in EDITABLE if row[k] != current[k]}
        before = [] if ids is None else [p[1] for p in sql.participants(store, [interaction_id])]
        sql.update(store, interaction_id, values, ids)
        if ids is not None:
            link_participants(store, data.account_id, ids, before)
        if next_steps is not None:
            sql.replace_next_steps(store, data.account_id, interaction_id, list(next_steps))
        return get(store, interaction_id)


def delete_next_step(store: Store, step_id: int) -> None:
    """Move a next step to the trash (`restore_next_step` takes it back)."""
    if not sql.trash_next_step(store, step_id):
        raise NotFound(f"no next step with id {step_id} (deleted, or in the trash)")


def restore_next_step(store: Store, step_id: int) -> None:
    """Take a next step out of the trash. Refused while its interaction or
    its account is in the trash: it would stay out of every list, so the
    message names what to restore first."""
    with store.write():
        row = sql.next_step_parents(store, step_id)
        if row is None or row["deleted_at"] is None:
            raise NotFound(f"no next step #{step_id} in the trash")
        _refuse_trashed_parents(row, "next step")
        sql.restore_next_step(store, step_id)


def _refuse_trashed_parents(row: Any, what: str) -> None:
    """ServiceError naming the account or interaction of `row` (a
    `next_step_parents` row) that is in the trash."""
    if row["account_deleted_at"] is not None:
        raise ServiceError(
            f"the account {quoted(row['account'])} (#{row['account_id']}) of this {what} is "
            "in the trash: restore the account first"
        )
    if row["interaction_deleted_at"] is not None:
        raise ServiceError(
            f"the interaction {quoted(row['interaction'])} (#{row['interaction_id']}) this "
            f"{what} belongs to is in the trash: restore the interaction first"
        )


def quoted(text: str | None) -> str:
    """User text quoted on one line, shortened: for messages."""
    value = clean(text or "", one_line=True).strip()
    return f"“{value[:59] + '…' if len(value) > 60 else value}”"


def update_next_step(
    store: Store,
    step_id: int,
    text: str,
    due_date: str | None,
    *,
    expected_version: int | None = None,
    restore: bool = False,
) -> None:
    """Correct a next step's text and due date; with `expected_version`,
    only if nobody changed, trashed or deleted it since (else
    RecordConflict). `restore=True` also takes it out of the trash (the
    conflict dialog's "restore and save"), refused like `restore_next_step`
    while its interaction or account is in the trash."""
    text = " ".join(text.split())
    if not text:
        raise ServiceError("next step: text is required")
    with store.write() as conn:
        row = sql.next_step_parents(store, step_id)
        trashed = row is not None and row["deleted_at"] is not None
        if row is None or (trashed and expected_version is None and not restore):
            raise NotFound(f"no next step with id {step_id} (deleted, or in the trash)")
        if restore:
            _refuse_trashed_parents(row, "next step")
        versions.update(
            conn,
            "next_steps",
            step_id,
            {"text": text, "due_date": due_date or None},
            expected_version,
            restore=restore,
        )


def display_when(value: str) -> str:
    return dates.display_date(value[:10]) + (f" {value[11:16]}" if len(value) > 10 else "")
