"""SQL for the trash: every trashed record of every kind, in one list."""

from __future__ import annotations

import sqlite3

from kamtui.storage.db import Store

# kind -> (table, the label's SQL expression over the table aliased t)
KINDS: dict[str, tuple[str, str]] = {
    "account": ("accounts", "t.name"),
    "person": ("people", "t.name"),
    "link": (
        "links",
        "(SELECT name FROM people WHERE id = t.our_person_id) || ' — '"
        " || (SELECT name FROM people WHERE id = t.their_person_id)",
    ),
    "interaction": ("interactions", "t.summary"),
    "complaint": ("complaints", "t.title"),
    "fact": ("facts", "t.text"),
    "goal": ("goals", "t.title"),
}


def items(store: Store) -> list[sqlite3.Row]:
    """(kind, id, account_id, account, label, deleted_at) of every trashed
    record, newest first."""
    parts = []
    for kind, (table, label) in KINDS.items():
        account = "t.id" if table == "accounts" else "t.account_id"
        parts.append(
            f"SELECT '{kind}' AS kind, t.id AS id, {account} AS account_id,"
            f" (SELECT name FROM accounts WHERE id = {account}) AS account,"
            f" {label} AS label, t.deleted_at AS deleted_at"
            f" FROM {table} t WHERE t.deleted_at IS NOT NULL"
        )
    return store.query(" UNION ALL ".join(parts) + " ORDER BY deleted_at DESC, kind, id")


def is_trashed(store: Store, kind: str, row_id: int) -> bool:
    table = KINDS[kind][0]
    return (
        store.one(f"SELECT 1 FROM {table} WHERE id = ? AND deleted_at IS NOT NULL", (row_id,))
        is not None
    )
