"""Bulk loading for generated portfolios (`kamtui demo --size large`).

A build writes millions of rows into a fresh file that nobody else has open,
so it trades safety for speed while it runs: no rollback journal, no fsync,
foreign keys checked by construction instead of per row, and the secondary
indexes and the full-text triggers set aside during the load and restored
(with the same SQL, read back from sqlite_master) after it. The finished file
is an ordinary kamtui database: same schema, indexes, triggers and a filled
full-text index."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

BATCH = 20_000


@dataclass
class Deferred:
    """The indexes and triggers dropped for the load, to be recreated."""

    indexes: list[tuple[str, str]] = field(default_factory=list)
    triggers: list[tuple[str, str]] = field(default_factory=list)


def begin_build(conn: sqlite3.Connection, *, cache_mib: int = 512) -> Deferred:
    """Fast, unsafe settings for this connection and the schema's secondary
    indexes and triggers dropped. Call outside a transaction, on a new file."""
    conn.execute("PRAGMA journal_mode = OFF").fetchone()
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(f"PRAGMA cache_size = -{int(cache_mib) * 1024}")
    conn.execute("PRAGMA temp_store = MEMORY")
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master"
        " WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name"
    ).fetchall()
    deferred = Deferred()
    for kind, name, sql in rows:
        if kind == "index":
            deferred.indexes.append((name, sql))
        else:
            deferred.triggers.append((name, sql))
        conn.execute(f'DROP {kind.upper()} "{name}"')
    return deferred


def insert(
    conn: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    batch: int = BATCH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """executemany in batches; returns the number of rows written."""
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    done = 0
    it = iter(rows)
    while chunk := list(islice(it, batch)):
        conn.executemany(sql, chunk)
        done += len(chunk)
        if progress:
            progress(len(chunk))
    return done


def end_build(
    conn: sqlite3.Connection,
    deferred: Deferred,
    *,
    step: Callable[[str], None] | None = None,
) -> None:
    """Recreate the indexes and triggers set aside by begin_build."""
    for name, sql in deferred.indexes:
        if step:
            step(f"index {name}")
        conn.execute(sql)
    for _name, sql in deferred.triggers:
        conn.execute(sql)


def optimize_search(conn: sqlite3.Connection) -> None:
    """Merge each full-text index's segments into one (faster queries)."""
    for table in ("search_index", "search_directory"):
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def finish(conn: sqlite3.Connection) -> None:
    """Foreign keys back on and the file back to a normal journal mode
    (kamtui switches it to WAL when it opens it)."""
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = DELETE").fetchone()


def table_counts(conn: sqlite3.Connection, tables: Sequence[str]) -> dict[str, int]:
    return {t: int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables}


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def read_meta(path: Any, key: str) -> str | None:
    """A meta value read from a file without opening it as a store (None if
    the file is not a SQLite database or has no such key)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return get_meta(conn, key)
        finally:
            conn.close()
    except sqlite3.Error:
        return None
