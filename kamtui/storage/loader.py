"""Bulk inserts of already-validated rows (demo portfolio, generators).
Callers wrap these in one `store.write()` transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any


def insert_rows(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    placeholders = ", ".join("?" * len(columns))
    conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows)


def insert_one(conn: sqlite3.Connection, table: str, values: dict[str, Any]) -> int:
    cols = list(values)
    cur = conn.execute(
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [values[c] for c in cols],
    )
    return int(cur.lastrowid or 0)
