"""SQL for interactions, their participants and next steps, the account
timeline, and log-form drafts (kept in the `meta` table, one per account)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from kamtui.storage.db import Store, now_iso

INTERACTION_COLUMNS = (
    "id, account_id, occurred_at, channel, level, kind, summary, notes, mood, created_at, version"
)
STEP_COLUMNS = "id, account_id, interaction_id, text, due_date, done_at, created_at, version"


def insert(
    store: Store,
    values: dict[str, Any],
    participant_ids: Iterable[int],
    next_steps: Iterable[tuple[str, str | None]],
) -> int:
    """One interaction with its participants and next steps, in one transaction."""
    stamp = now_iso()
    with store.write() as conn:
        cur = conn.execute(
            "INSERT INTO interactions (account_id, occurred_at, channel, level, kind, summary,"
            " notes, mood, created_at) VALUES (:account_id, :occurred_at, :channel, :level,"
            " :kind, :summary, :notes, :mood, :created_at)",
            {**values, "created_at": stamp},
        )
        iid = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT OR IGNORE INTO interaction_participants (interaction_id, person_id)"
            " VALUES (?, ?)",
            [(iid, pid) for pid in participant_ids],
        )
        conn.executemany(
            "INSERT INTO next_steps (account_id, interaction_id, text, due_date, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [(values["account_id"], iid, text, due, stamp) for text, due in next_steps],
        )
        return iid


def get(store: Store, interaction_id: int) -> sqlite3.Row | None:
    return store.one(
        f"SELECT {INTERACTION_COLUMNS} FROM interactions WHERE id = ? AND deleted_at IS NULL",
        (interaction_id,),
    )


def update(
    store: Store,
    interaction_id: int,
    values: dict[str, Any],
    participant_ids: Sequence[int] | None = None,
) -> None:
    """Write `values` to a live interaction; with `participant_ids`, its
    participants become exactly those."""
    with store.write() as conn:
        if values:
            sets = ", ".join(f"{c} = ?" for c in values)
            conn.execute(
                f"UPDATE interactions SET {sets} WHERE id = ? AND deleted_at IS NULL",
                [*values.values(), interaction_id],
            )
        if participant_ids is not None:
            conn.execute(
                "DELETE FROM interaction_participants WHERE interaction_id = ?",
                (interaction_id,),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO interaction_participants (interaction_id, person_id)"
                " VALUES (?, ?)",
                [(interaction_id, pid) for pid in participant_ids],
            )


def add_meeting_links(store: Store, account_id: int, pairs: Iterable[tuple[int, int]]) -> int:
    """Create a link (origin 'meeting', default strength) for each (ours,
    theirs) pair of live people of the account that has no link yet. A pair
    already linked, live or in the trash, is left as it is. Returns how many
    links were created. Runs inside the caller's transaction when there is one."""
    rows = [(account_id, o, t) for o, t in dict.fromkeys(pairs)]
    if not rows:
        return 0
    stamp = now_iso()
    created = 0
    with store.write() as conn:
        for acc, our_id, their_id in rows:
            cur = conn.execute(
                "INSERT INTO links (account_id, our_person_id, their_person_id, created_at, origin)"
                " SELECT o.account_id, o.id, t.id, ?, 'meeting' FROM people o, people t"
                " WHERE o.id = ? AND t.id = ? AND o.account_id = ? AND t.account_id = ?"
                " AND o.side = 'ours' AND t.side = 'theirs'"
                " AND o.deleted_at IS NULL AND t.deleted_at IS NULL"
                " ON CONFLICT (our_person_id, their_person_id) DO NOTHING",
                (stamp, our_id, their_id, acc, acc),
            )
            created += cur.rowcount
    return created


def set_deleted(store: Store, interaction_id: int, deleted: bool) -> None:
    with store.write() as conn:
        conn.execute(
            "UPDATE interactions SET deleted_at = ? WHERE id = ?",
            (now_iso() if deleted else None, interaction_id),
        )


# -- people (read here until services.people exists) --------------------------


def people(store: Store, account_id: int) -> list[sqlite3.Row]:
    """Both sides of the account's map, ours first."""
    return store.query(
        "SELECT id, account_id, side, name, name_key, title, function, decision_role, leaving"
        " FROM people WHERE account_id = ? AND deleted_at IS NULL"
        " ORDER BY CASE side WHEN 'ours' THEN 0 ELSE 1 END, name_key",
        (account_id,),
    )


def people_of_account(store: Store, account_id: int, person_ids: Sequence[int]) -> set[int]:
    """Those of `person_ids` that are live people of the account (by primary key)."""
    found: set[int] = set()
    for chunk in _chunks(person_ids):
        found.update(
            r[0]
            for r in store.query(
                f"SELECT id FROM people WHERE id IN ({', '.join('?' * len(chunk))})"
                " AND account_id = ? AND deleted_at IS NULL",
                [*chunk, account_id],
            )
        )
    return found


# -- timeline -------------------------------------------------------------------


def interactions(
    store: Store, account_id: int, limit: int = 5000, *, since: str | None = None
) -> list[sqlite3.Row]:
    """Live interactions of the account, newest first; with `since` (an ISO
    day) only those on or after it."""
    return store.query(
        f"SELECT {INTERACTION_COLUMNS} FROM interactions WHERE account_id = ?"
        " AND deleted_at IS NULL AND occurred_at >= ? ORDER BY occurred_at DESC, id DESC LIMIT ?",
        (account_id, since or "", limit),
    )


def participants(store: Store, interaction_ids: Sequence[int]) -> list[sqlite3.Row]:
    if not interaction_ids:
        return []
    out: list[sqlite3.Row] = []
    for chunk in _chunks(interaction_ids):
        out += store.query(
            "SELECT ip.interaction_id, p.id, p.name, p.side, p.function FROM"
            " interaction_participants ip JOIN people p ON p.id = ip.person_id"
            f" WHERE ip.interaction_id IN ({', '.join('?' * len(chunk))})"
            " ORDER BY CASE p.side WHEN 'ours' THEN 0 ELSE 1 END, p.name_key",
            chunk,
        )
    return out


def next_steps_of(store: Store, interaction_ids: Sequence[int]) -> list[sqlite3.Row]:
    out: list[sqlite3.Row] = []
    for chunk in _chunks(interaction_ids):
        out += store.query(
            "SELECT id, interaction_id, text, due_date, done_at, version FROM next_steps"
            f" WHERE interaction_id IN ({', '.join('?' * len(chunk))}) AND deleted_at IS NULL"
            " ORDER BY COALESCE(due_date, '9999'), id",
            chunk,
        )
    return out


def orders(store: Store, account_id: int, limit: int = 2000) -> list[sqlite3.Row]:
    return store.query(
        "SELECT id, date, document, category, amount FROM transactions WHERE account_id = ?"
        " ORDER BY date DESC, id DESC LIMIT ?",
        (account_id, limit),
    )


def _chunks(ids: Sequence[int], size: int = 500) -> Iterable[list[int]]:
    ids = list(ids)
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


# -- next steps -------------------------------------------------------------------


def open_next_steps(store: Store, *, due_before: str | None = None) -> list[sqlite3.Row]:
    """Open next steps of live accounts and interactions, soonest first."""
    sql = (
        "SELECT ns.id, ns.account_id, a.name AS account, ns.text, ns.due_date,"
        " ns.interaction_id, i.summary AS source, i.occurred_at"
        " FROM next_steps ns JOIN accounts a ON a.id = ns.account_id"
        " LEFT JOIN interactions i ON i.id = ns.interaction_id"
        " WHERE ns.done_at IS NULL AND ns.deleted_at IS NULL AND a.deleted_at IS NULL"
        " AND i.deleted_at IS NULL"
    )
    params: list[Any] = []
    if due_before:
        sql += " AND ns.due_date < ?"
        params.append(due_before)
    sql += " ORDER BY COALESCE(ns.due_date, '9999'), a.name_key, ns.id"
    return store.query(sql, params)


def get_next_step(store: Store, step_id: int) -> sqlite3.Row | None:
    """A live next step (None when deleted for good or in the trash)."""
    return store.one(
        f"SELECT {STEP_COLUMNS} FROM next_steps WHERE id = ? AND deleted_at IS NULL", (step_id,)
    )


def replace_next_steps(
    store: Store, account_id: int, interaction_id: int, steps: Sequence[tuple[str, str | None]]
) -> None:
    """The interaction's live next steps become `steps` (text, due): a step
    already there with the same text and due date is kept as it is (done or
    not); the others go to the trash, the new ones are added. Steps already
    in the trash are left there."""
    stamp = now_iso()
    with store.write() as conn:
        current = conn.execute(
            "SELECT id, text, due_date FROM next_steps WHERE interaction_id = ?"
            " AND deleted_at IS NULL ORDER BY id",
            (interaction_id,),
        ).fetchall()
        unmatched = {row[0]: (row[1], row[2]) for row in current}
        new: list[tuple[str, str | None]] = []
        for step in steps:
            found = next((k for k, v in unmatched.items() if v == step), None)
            if found is None:
                new.append(step)
            else:
                del unmatched[found]
        conn.executemany(
            "UPDATE next_steps SET deleted_at = ? WHERE id = ?",
            [(stamp, k) for k in unmatched],
        )
        conn.executemany(
            "INSERT INTO next_steps (account_id, interaction_id, text, due_date, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [(account_id, interaction_id, text, due, stamp) for text, due in new],
        )


def trash_next_step(store: Store, step_id: int) -> bool:
    """Move a live next step to the trash (its version moves on by trigger);
    whether there was one."""
    with store.write() as conn:
        cur = conn.execute(
            "UPDATE next_steps SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
            (now_iso(), step_id),
        )
        return cur.rowcount > 0


def restore_next_step(store: Store, step_id: int) -> bool:
    """Take a next step out of the trash; whether it was there."""
    with store.write() as conn:
        cur = conn.execute(
            "UPDATE next_steps SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
            (step_id,),
        )
        return cur.rowcount > 0


def next_step_parents(store: Store, step_id: int) -> sqlite3.Row | None:
    """A next step (trashed or not) with its interaction's and account's
    summary, name and deleted_at (NULL columns for a step of no interaction)."""
    return store.one(
        "SELECT ns.id, ns.deleted_at, ns.interaction_id, i.summary AS interaction,"
        " i.deleted_at AS interaction_deleted_at, ns.account_id, a.name AS account,"
        " a.deleted_at AS account_deleted_at FROM next_steps ns"
        " JOIN accounts a ON a.id = ns.account_id"
        " LEFT JOIN interactions i ON i.id = ns.interaction_id WHERE ns.id = ?",
        (step_id,),
    )


def set_next_step_done(store: Store, step_id: int, done_at: str | None) -> None:
    with store.write() as conn:
        conn.execute(
            "UPDATE next_steps SET done_at = ? WHERE id = ? AND deleted_at IS NULL",
            (done_at, step_id),
        )


# -- drafts -----------------------------------------------------------------------


def _draft_key(account_id: int) -> str:
    return f"draft.interaction.{account_id}"


def save_draft(store: Store, account_id: int, payload: str) -> None:
    store.set_meta(_draft_key(account_id), payload)


def load_draft(store: Store, account_id: int) -> str | None:
    return store.get_meta(_draft_key(account_id))


def clear_draft(store: Store, account_id: int) -> None:
    with store.write() as conn:
        conn.execute("DELETE FROM meta WHERE key = ?", (_draft_key(account_id),))
