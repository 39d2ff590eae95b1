"""The merge journal's writer: each step of a merge is one set-wise
statement, recorded in `merge_moves` before it runs, so `merge_undo` can
play the steps back, newest first."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from kamtui.storage.versions import VERSIONED


class Refused(Exception):
    """The merge or its undo cannot be done as asked (the message says why);
    nothing was written."""


# How a row is keyed in the journal: by rowid, except in the WITHOUT ROWID
# tables: the participants by their interaction, a "not a duplicate" mark by
# nothing (its dropped row is kept whole, an added one by its columns).
_KEYS = {"interaction_participants": "interaction_id", "not_duplicates": "0"}


class Journal:
    """The steps of one merge, each a set-wise statement recorded in
    `merge_moves` before it runs. Rows are keyed as `_KEYS` says."""

    def __init__(self, conn: sqlite3.Connection, merge_id: int) -> None:
        self.conn = conn
        self.merge_id = merge_id
        self.step = 0

    def _next(self) -> int:
        self.step += 1
        return self.step

    def move(self, table: str, col: str, new: Any, where: str, params: list[Any]) -> int:
        """Set `col` to `new` on the rows `where` selects; the old values are
        kept. Returns the number of rows moved."""
        key = "interaction_id" if table == "interaction_participants" else "rowid"
        step = self._next()
        self.conn.execute(
            "INSERT INTO merge_moves (merge_id, step, action, tbl, row_key, col, old_value,"
            f" new_value) SELECT ?, ?, 'move', ?, {key}, ?, {col}, ? FROM {table} WHERE {where}",
            [self.merge_id, step, table, col, new, *params],
        )
        bump = ", version = version + 1" if table in VERSIONED else ""
        cur = self.conn.execute(f"UPDATE {table} SET {col} = ?{bump} WHERE {where}", [new, *params])
        return cur.rowcount

    def change(self, action: str, table: str, row_id: int, col: str, old: Any, new: Any) -> None:
        """One column of one row: 'fill' (undone only if still `new`), 'set'
        (always undone) or 'move' (undo refused if it is no longer `new`)."""
        self.conn.execute(
            "INSERT INTO merge_moves (merge_id, step, action, tbl, row_key, col, old_value,"
            " new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (self.merge_id, self._next(), action, table, row_id, col, old, new),
        )
        bump = ", version = version + 1" if table in VERSIONED else ""
        self.conn.execute(f"UPDATE {table} SET {col} = ?{bump} WHERE rowid = ?", (new, row_id))

    def drop(self, table: str, where: str, params: list[Any]) -> int:
        """Delete the rows `where` selects, each kept whole to put back."""
        step = self._next()
        key = _KEYS.get(table, "rowid")
        cur = self.conn.execute(f"SELECT {key} AS _key, * FROM {table} WHERE {where}", params)
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        self.conn.executemany(
            "INSERT INTO merge_moves (merge_id, step, action, tbl, row_key, data)"
            " VALUES (?, ?, 'drop', ?, ?, ?)",
            [
                (self.merge_id, step, table, r.pop("_key"), json.dumps(r, ensure_ascii=False))
                for r in rows
            ],
        )
        self.conn.execute(f"DELETE FROM {table} WHERE {where}", params)
        return len(rows)

    def added(self, table: str, row_id: int) -> None:
        """A row the merge created: deleted on undo."""
        self.conn.execute(
            "INSERT INTO merge_moves (merge_id, step, action, tbl, row_key) VALUES (?, ?, 'add', ?, ?)",
            (self.merge_id, self._next(), table, row_id),
        )

    def added_rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Rows the merge created in a WITHOUT ROWID table, each given by the
        columns of its key: deleted on undo."""
        step = self._next()
        self.conn.executemany(
            "INSERT INTO merge_moves (merge_id, step, action, tbl, row_key, data)"
            " VALUES (?, ?, 'add', ?, 0, ?)",
            [(self.merge_id, step, table, json.dumps(r, ensure_ascii=False)) for r in rows],
        )
