"""SQL for facts: what the client told us and we must not ask again."""

from __future__ import annotations

import sqlite3
from typing import Any

from kamtui.storage.db import Store, now_iso


def insert(store: Store, values: dict[str, Any]) -> int:
    row = {**values, "created_at": now_iso()}
    cols = list(row)
    with store.write() as conn:
        cur = conn.execute(
            f"INSERT INTO facts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols],
        )
        return int(cur.lastrowid or 0)


def update(store: Store, fact_id: int, values: dict[str, Any]) -> None:
    sets = ", ".join(f"{k} = ?" for k in values)
    with store.write() as conn:
        conn.execute(f"UPDATE facts SET {sets} WHERE id = ?", [*values.values(), fact_id])


def get(store: Store, fact_id: int) -> sqlite3.Row | None:
    return store.one(
        "SELECT f.id, f.account_id, f.person_id, f.interaction_id, f.kind, f.text,"
        " f.created_at, f.version, p.name AS person FROM facts f LEFT JOIN people p ON p.id = f.person_id"
        " WHERE f.id = ? AND f.deleted_at IS NULL",
        (fact_id,),
    )


def of_account(store: Store, account_id: int) -> list[sqlite3.Row]:
    return store.query(
        "SELECT f.id, f.account_id, f.person_id, f.interaction_id, f.kind, f.text,"
        " f.created_at, f.version, p.name AS person FROM facts f LEFT JOIN people p"
        " ON p.id = f.person_id AND p.deleted_at IS NULL"
        " WHERE f.account_id = ? AND f.deleted_at IS NULL ORDER BY f.kind, f.id",
        (account_id,),
    )


def set_deleted(store: Store, fact_id: int, deleted: bool) -> None:
    with store.write() as conn:
        conn.execute(
            "UPDATE facts SET deleted_at = ? WHERE id = ?",
            (now_iso() if deleted else None, fact_id),
        )
