"""SQL for complaints (open -> in progress -> resolved)."""

from __future__ import annotations

import sqlite3
from typing import Any

from kamtui.storage.db import Store, now_iso

COLUMNS = (
    "c.id, c.account_id, c.interaction_id, c.title, c.description, c.severity, c.status,"
    " c.opened_at, c.in_progress_at, c.resolved_at, c.resolution, c.version"
)


def insert(store: Store, values: dict[str, Any]) -> int:
    row = {**values, "created_at": now_iso()}
    cols = list(row)
    with store.write() as conn:
        cur = conn.execute(
            f"INSERT INTO complaints ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols],
        )
        return int(cur.lastrowid or 0)


def update(store: Store, complaint_id: int, values: dict[str, Any]) -> None:
    if not values:
        return
    sets = ", ".join(f"{k} = ?" for k in values)
    with store.write() as conn:
        conn.execute(f"UPDATE complaints SET {sets} WHERE id = ?", [*values.values(), complaint_id])


def get(store: Store, complaint_id: int) -> sqlite3.Row | None:
    return store.one(
        f"SELECT {COLUMNS}, a.name AS account FROM complaints c"
        " JOIN accounts a ON a.id = c.account_id WHERE c.id = ? AND c.deleted_at IS NULL",
        (complaint_id,),
    )


def of_account(store: Store, account_id: int) -> list[sqlite3.Row]:
    return store.query(
        f"SELECT {COLUMNS} FROM complaints c WHERE c.account_id = ? AND c.deleted_at IS NULL"
        " ORDER BY c.opened_at DESC, c.id DESC",
        (account_id,),
    )


def unresolved(store: Store) -> list[sqlite3.Row]:
    """Open and in-progress complaints of every live account, oldest first."""
    return store.query(
        f"SELECT {COLUMNS}, a.name AS account FROM complaints c"
        " JOIN accounts a ON a.id = c.account_id AND a.deleted_at IS NULL"
        " WHERE c.deleted_at IS NULL AND c.status != 'resolved'"
        " ORDER BY c.opened_at, c.id"
    )


def set_deleted(store: Store, complaint_id: int, deleted: bool) -> None:
    with store.write() as conn:
        conn.execute(
            "UPDATE complaints SET deleted_at = ? WHERE id = ?",
            (now_iso() if deleted else None, complaint_id),
        )
