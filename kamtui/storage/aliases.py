"""The names people had before a merge (`person_aliases`): finding the
live person who now answers to one. Plain rows, no models, so `kamtui log`
stays cheap."""

from __future__ import annotations

import sqlite3

from kamtui.storage.db import Store
from kamtui.textsafe import fold

# Live people of account `:account` who answer to the folded name `:key`
# because a person of that name was merged into them.
ALIASED = (
    "SELECT p.id FROM person_aliases a JOIN people p ON p.id = a.person_id"
    " WHERE a.name_key = :key AND p.account_id = :account AND p.deleted_at IS NULL"
)


def aliased(store: Store, account_id: int, name_key: str) -> list[int]:
    """The live people of the account with this former name, by id."""
    rows = store.query(ALIASED + " ORDER BY p.id", {"key": name_key, "account": account_id})
    return sorted({int(r[0]) for r in rows})


def add(conn: sqlite3.Connection, person_id: int, name: str, merged_id: int | None) -> int | None:
    """Give the person the former name `name` (of person `merged_id`, merged
    into them; None: read from a file), inside the caller's transaction; the
    new row's id, or None when the person answers to it already (their name
    or an alias)."""
    key = fold(name)
    known = conn.execute(
        "SELECT 1 FROM people WHERE id = ? AND name_key = ?"
        " UNION ALL SELECT 1 FROM person_aliases WHERE person_id = ? AND name_key = ?",
        (person_id, key, person_id, key),
    ).fetchone()
    if known is not None or not key:
        return None
    cur = conn.execute(
        "INSERT INTO person_aliases (person_id, name, name_key, merged_id) VALUES (?, ?, ?, ?)",
        (person_id, name.strip(), key, merged_id),
    )
    return int(cur.lastrowid or 0)


def of_person(store: Store, person_id: int) -> list[str]:
    """The person's former names, oldest first."""
    return [
        str(r[0])
        for r in store.query(
            "SELECT name FROM person_aliases WHERE person_id = ? ORDER BY id", (person_id,)
        )
    ]
