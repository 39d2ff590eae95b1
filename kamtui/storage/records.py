"""SQL for importing records matched by what identifies them (not by id):
account identifiers, interactions and their participants, next steps,
complaints, facts, goals and goal actions; and the finds the importers'
lookups need. Callers wrap these in one `store.write()` transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from kamtui.storage import aliases
from kamtui.storage.db import Store, now_iso

# kind -> (table, the columns that identify a row, whether it has deleted_at)
TABLES: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "identifiers": ("account_identifiers", ("business_unit", "number"), False),
    "interactions": ("interactions", ("account_id", "occurred_at", "summary"), True),
    "next_steps": ("next_steps", ("account_id", "interaction_id", "text"), True),
    "complaints": ("complaints", ("account_id", "opened_at", "title"), True),
    "facts": ("facts", ("account_id", "text"), True),
    "goals": ("goals", ("account_id", "title", "start_date"), True),
    "goal_actions": ("goal_actions", ("goal_id", "text"), True),
}
_NO_CREATED_AT = {"account_identifiers"}


def upsert(conn: sqlite3.Connection, kind: str, values: dict[str, Any]) -> tuple[int, str]:
    """Insert the row, or update the live one with the same identity.
    Returns (its id, 'created' | 'updated' | 'unchanged')."""
    table, key, has_deleted = TABLES[kind]
    where = " AND ".join(f"{k} IS ?" for k in key)
    if has_deleted:
        where += " AND deleted_at IS NULL"
    cols = list(values)
    found = conn.execute(
        f"SELECT id, {', '.join(cols)} FROM {table} WHERE {where} ORDER BY id LIMIT 1",
        [values[k] for k in key],
    ).fetchone()
    if found is None:
        row = dict(values)
        if table not in _NO_CREATED_AT:
            row["created_at"] = now_iso()
        names = list(row)
        cur = conn.execute(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [row[c] for c in names],
        )
        return int(cur.lastrowid or 0), "created"
    row_id = int(found[0])
    changed = [c for i, c in enumerate(cols, start=1) if found[i] != values[c]]
    if not changed:
        return row_id, "unchanged"
    conn.execute(
        f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in changed)} WHERE id = ?",
        [values[c] for c in changed] + [row_id],
    )
    return row_id, "updated"


def add_participants(
    conn: sqlite3.Connection, interaction_id: int, person_ids: Iterable[int]
) -> int:
    """Add who took part (those already listed stay); how many were new."""
    cur = conn.executemany(
        "INSERT OR IGNORE INTO interaction_participants (interaction_id, person_id) VALUES (?, ?)",
        [(interaction_id, p) for p in person_ids],
    )
    return int(cur.rowcount)  # the rows' own changes, not the triggers' (audit trail)


def set_columns(conn: sqlite3.Connection, table: str, row_id: int, values: dict[str, Any]) -> bool:
    """Set columns no input model holds (an account's notes, a person's
    leaving flag) when they differ; whether anything changed."""
    assert table in ("accounts", "people")
    cols = list(values)
    found = conn.execute(
        f"SELECT {', '.join(cols)} FROM {table} WHERE id = ?", (row_id,)
    ).fetchone()
    changed = [c for i, c in enumerate(cols) if found is not None and found[i] != values[c]]
    if not changed:
        return False
    conn.execute(
        f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in changed)} WHERE id = ?",
        [values[c] for c in changed] + [row_id],
    )
    return True


def people_named(store: Store, account_id: int, name_key: str) -> list[sqlite3.Row]:
    """Live people of the account whose folded name is `name_key` (id, side);
    when none, those who answer to it as a former name (after a merge)."""
    rows = store.query(
        "SELECT id, side FROM people WHERE account_id = ? AND name_key = ? AND deleted_at IS NULL"
        " ORDER BY id",
        (account_id, name_key),
    )
    if rows:
        return rows
    return store.query(
        f"SELECT id, side FROM people WHERE id IN ({aliases.ALIASED}) ORDER BY id",
        {"key": name_key, "account": account_id},
    )


def interactions_at(store: Store, account_id: int, when: str, summary: str) -> list[int]:
    return [
        r[0]
        for r in store.query(
            "SELECT id FROM interactions WHERE account_id = ? AND occurred_at = ? AND summary = ?"
            " AND deleted_at IS NULL ORDER BY id",
            (account_id, when, summary),
        )
    ]


def goals_titled(store: Store, account_id: int, title: str, start: str) -> list[sqlite3.Row]:
    """Live goals of the account with this title (and start date, unless blank)."""
    sql = (
        "SELECT id, start_date FROM goals WHERE account_id = ? AND title = ? AND deleted_at IS NULL"
    )
    params: Sequence[Any] = (account_id, title)
    if start:
        sql += " AND start_date = ?"
        params = (account_id, title, start)
    return store.query(sql + " ORDER BY id", params)
