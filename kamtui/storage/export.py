"""Reading every live record for `kamtui export`: one read transaction, so
the files agree with each other even while the app writes.

The plain table dumps go through sqlite-utils (`Table.rows_where`), the
tool docs/schema.md already recommends for exploring the file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kamtui.storage.db import Store

_LIVE_ACCOUNT = "account_id IN (SELECT id FROM accounts WHERE deleted_at IS NULL)"
_LIVE_PEOPLE = (
    "our_person_id IN (SELECT id FROM people WHERE deleted_at IS NULL) AND "
    "their_person_id IN (SELECT id FROM people WHERE deleted_at IS NULL)"
)
_LIVE_INTERACTION = "interaction_id IN (SELECT id FROM interactions WHERE deleted_at IS NULL)"
_LIVE_GOAL = "goal_id IN (SELECT id FROM goals WHERE deleted_at IS NULL AND " + _LIVE_ACCOUNT + ")"

# kind -> (table, which rows, order). Only live records of live accounts, in
# the order they were made: an import then makes them in the same order, so
# whatever lists them by id (a map's single points of failure) reads the same.
DUMPS: dict[str, tuple[str, str, str]] = {
    "accounts": ("accounts", "deleted_at IS NULL", "id"),
    "identifiers": ("account_identifiers", _LIVE_ACCOUNT, "id"),
    "people": (
        "people",
        f"deleted_at IS NULL AND {_LIVE_ACCOUNT}",
        "id",
    ),
    "links": (
        "links",
        f"deleted_at IS NULL AND {_LIVE_ACCOUNT} AND {_LIVE_PEOPLE}",
        "id",
    ),
    "interactions": (
        "interactions",
        f"deleted_at IS NULL AND {_LIVE_ACCOUNT}",
        "id",
    ),
    "participants": (
        "interaction_participants",
        f"{_LIVE_INTERACTION} AND person_id IN (SELECT id FROM people WHERE deleted_at IS NULL)",
        "interaction_id, person_id",
    ),
    "next_steps": (
        "next_steps",
        f"{_LIVE_ACCOUNT} AND (interaction_id IS NULL OR {_LIVE_INTERACTION})",
        "id",
    ),
    "complaints": (
        "complaints",
        f"deleted_at IS NULL AND {_LIVE_ACCOUNT}",
        "id",
    ),
    "facts": ("facts", f"deleted_at IS NULL AND {_LIVE_ACCOUNT}", "id"),
    "transactions": ("transactions", _LIVE_ACCOUNT, "id"),
    "wallet": ("wallet_estimates", _LIVE_ACCOUNT, "id"),
    "goals": ("goals", f"deleted_at IS NULL AND {_LIVE_ACCOUNT}", "id"),
    "goal_actions": ("goal_actions", _LIVE_GOAL, "id"),
    # Read for the people file's `consent` column (each person's latest entry).
    "consents": (
        "consents",
        f"person_id IN (SELECT id FROM people WHERE deleted_at IS NULL AND {_LIVE_ACCOUNT})",
        "date, id",
    ),
}
# Tables whose rows name their account through another table.
_ACCOUNT_OF = {
    "participants": "interaction_id IN (SELECT id FROM interactions WHERE account_id = ?)",
    "goal_actions": "goal_id IN (SELECT id FROM goals WHERE account_id = ?)",
    "consents": "person_id IN (SELECT id FROM people WHERE account_id = ?)",
    "accounts": "id = ?",
}


@contextmanager
def snapshot(store: Store) -> Iterator[None]:
    """Reads inside see one state of the file (a read transaction)."""
    with store.read() as conn:
        began = not conn.in_transaction
        if began:
            conn.execute("BEGIN")
        try:
            yield
        finally:
            if began:
                conn.execute("COMMIT")


def dump(store: Store, kind: str, account_id: int | None = None) -> list[dict[str, Any]]:
    """Every live row of one kind (of one account), as {column: value}."""
    table, where, order = DUMPS[kind]
    params: list[Any] = []
    if account_id is not None:
        where = f"({where}) AND {_ACCOUNT_OF.get(kind, 'account_id = ?')}"
        params.append(account_id)
    with store.read():
        return [dict(row) for row in store.db[table].rows_where(where, params, order_by=order)]
