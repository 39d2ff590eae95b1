"""Compare-and-set writes on versioned rows (the "row versions" migration).

An edit form remembers the `version` of the row it loaded and saves with
`WHERE id = ? AND version = ?`. When nothing matched, someone changed (or
trashed) the row since: `RecordConflict` carries what is stored now, so the
user can see both and choose; nothing is overwritten silently."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

VERSIONED = frozenset(
    (
        "accounts",
        "people",
        "links",
        "complaints",
        "facts",
        "goals",
        "goal_actions",
        "interactions",
        "next_steps",
    )
)
_WHAT = {
    "accounts": "account",
    "people": "person",
    "links": "link",
    "complaints": "complaint",
    "facts": "fact",
    "goals": "goal",
    "goal_actions": "action item",
    "interactions": "interaction",
    "next_steps": "next step",
}


class RecordConflict(Exception):
    """The row changed since `expected` was read. `current` is the whole row
    as stored now (None when it no longer exists at all)."""

    def __init__(
        self, table: str, row_id: int, expected: int, current: Mapping[str, Any] | None
    ) -> None:
        self.table = table
        self.row_id = row_id
        self.expected = expected
        self.current: dict[str, Any] | None = dict(current) if current is not None else None
        what = _WHAT.get(table, table)
        if self.gone:
            message = f"the {what} was deleted since this form opened"
        elif self.trashed:
            message = f"the {what} was moved to the trash since this form opened"
        else:
            message = f"the {what} was changed elsewhere since this form opened"
        super().__init__(message)

    @property
    def gone(self) -> bool:
        """Deleted for good: it cannot be restored."""
        return self.current is None

    @property
    def trashed(self) -> bool:
        return self.current is not None and self.current.get("deleted_at") is not None

    @property
    def deleted(self) -> bool:
        return self.gone or self.trashed

    @property
    def version(self) -> int | None:
        """The stored version now: save with it to write over the change."""
        return None if self.current is None else int(self.current["version"])


def current_row(conn: sqlite3.Connection, table: str, row_id: int) -> dict[str, Any] | None:
    _check(table)
    cur = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def update(
    conn: sqlite3.Connection,
    table: str,
    row_id: int,
    values: Mapping[str, Any],
    expected: int | None,
    *,
    restore: bool = False,
) -> None:
    """Write `values` to one live row and move its version on. With
    `expected`, only if the row is still at that version (else
    RecordConflict); `restore=True` also takes it out of the trash."""
    _check(table)
    sets = [f"{c} = ?" for c in values]
    sets.append("version = version + 1")
    if restore:
        sets.append("deleted_at = NULL")
    sql = f"UPDATE {table} SET {', '.join(sets)} WHERE id = ?"
    params: list[Any] = [*values.values(), row_id]
    if expected is not None:
        sql += " AND version = ?"
        params.append(expected)
        if not restore:
            sql += " AND deleted_at IS NULL"
    if conn.execute(sql, params).rowcount == 0 and expected is not None:
        raise RecordConflict(table, row_id, expected, current_row(conn, table, row_id))


def claim(
    conn: sqlite3.Connection,
    table: str,
    row_id: int,
    expected: int | None,
    *,
    restore: bool = False,
) -> None:
    """Check-and-bump the version before a save made of several writes (in
    the same transaction, which holds the write lock, so nothing can come
    in between): RecordConflict when the row moved on."""
    if expected is not None or restore:
        update(conn, table, row_id, {}, expected, restore=restore)


def _check(table: str) -> None:
    # Table names are interpolated into SQL: only ours.
    if table not in VERSIONED:
        raise ValueError(f"{table} has no row versions")
