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
    "next_step": ("next_steps", "t.text"),
    "goal_action": ("goal_actions", "t.text"),
}
# The account a trashed record belongs to (SQL over t), when not t.account_id.
_ACCOUNT = {
    "account": "t.id",
    "goal_action": "(SELECT account_id FROM goals WHERE id = t.goal_id)",
}
# What a trashed record hangs on, named in the list: the interaction a next
# step came from, the goal an action item serves.
_PARENT = {
    "next_step": "(SELECT summary FROM interactions WHERE id = t.interaction_id)",
    "goal_action": "(SELECT title FROM goals WHERE id = t.goal_id)",
}


def items(store: Store) -> list[sqlite3.Row]:
    """(kind, id, account_id, account, label, parent, deleted_at) of every
    trashed record, newest first; `parent` is the summary of a next step's
    interaction or the title of an action item's goal (else NULL)."""
    parts = []
    for kind, (table, label) in KINDS.items():
        account = _ACCOUNT.get(kind, "t.account_id")
        parts.append(
            f"SELECT '{kind}' AS kind, t.id AS id, {account} AS account_id,"
            f" (SELECT name FROM accounts WHERE id = {account}) AS account,"
            f" {label} AS label, {_PARENT.get(kind, 'NULL')} AS parent,"
            " t.deleted_at AS deleted_at"
            f" FROM {table} t WHERE t.deleted_at IS NOT NULL"
        )
    return store.query(" UNION ALL ".join(parts) + " ORDER BY deleted_at DESC, kind, id")


def is_trashed(store: Store, kind: str, row_id: int) -> bool:
    table = KINDS[kind][0]
    return (
        store.one(f"SELECT 1 FROM {table} WHERE id = ? AND deleted_at IS NOT NULL", (row_id,))
        is not None
    )
