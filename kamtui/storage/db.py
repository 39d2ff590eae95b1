"""Opening, checking, migrating and locking the one SQLite file."""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from kamtui.storage.errors import StorageError
from kamtui.storage.schema import MIGRATIONS, SCHEMA_VERSION
from kamtui.textsafe import fold

SQLITE_HEADER = b"SQLite format 3\x00"


class Store:
    """One connection shared by the UI thread and workers, guarded by a lock.

    sqlite3 connections are not safe for concurrent use, so every access goes
    through `read()` or `write()`, which hold an RLock."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self.lock = threading.RLock()
        self._depth = 0
        self.cache: dict[str, Any] = {}  # computed results keyed by change_marker()

    @functools.cached_property
    def db(self) -> Any:
        """A sqlite_utils view of the same connection. Imported on first use:
        sqlite_utils (and click) cost ~40 ms of every start-up otherwise."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def change_marker(self) -> tuple[int, int]:
        """Rows changed through this connection and commits by other
        connections: an unchanged marker means unchanged data."""
        with self.lock:
            version = self.conn.execute("PRAGMA data_version").fetchone()[0]
            return (self.conn.total_changes, int(version))

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            yield self.conn

    @contextmanager
    def write(self, *, rollback: bool = False) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the write lock up front (BEGIN
        IMMEDIATE), so concurrent kamtui processes never lose a write.
        Nested calls join the outer transaction. `rollback=True` runs the
        whole thing and then discards it (dry runs)."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("ROLLBACK" if rollback else "COMMIT")
            finally:
                self._depth = 0

    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        with self.read() as conn:
            return conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: Any = ()) -> sqlite3.Row | None:
        with self.read() as conn:
            return conn.execute(sql, params).fetchone()

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    @contextmanager
    def companion(self) -> Iterator[Store]:
        """A second connection to the same file, for seconds-long background
        work (the whole portfolio's health): it never holds this store's
        lock, so the UI's reads and writes do not queue behind it. The file
        is in WAL mode: it reads the last committed data; its writes wait
        for the other connection's (busy timeout). Falls back to this store
        if a second connection cannot be opened."""
        try:
            other = open_store(self.path, migrate=False)
        except StorageError:
            yield self
            return
        try:
            yield other
        finally:
            other.close()

    def get_meta(self, key: str) -> str | None:
        row = self.one("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def _check_existing(path: Path) -> None:
    if path.is_dir():
        raise StorageError(f"{path} is a directory, not a kamtui database file")
    if not os.access(path, os.R_OK):
        raise StorageError(f"{path} cannot be read (permission denied)")
    if not os.access(path, os.W_OK):
        raise StorageError(f"{path} cannot be written (permission denied)")
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise StorageError(f"{path} is not a SQLite database")


def _create_private(path: Path) -> None:
    """Create the file 0600 before SQLite opens it: -wal and -shm copy its mode."""
    parent = path.parent
    if not parent.exists():
        parent.mkdir(parents=True, mode=0o700)
    elif not parent.is_dir():
        raise StorageError(f"{parent} is not a directory")
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except PermissionError:
        raise StorageError(f"{path} cannot be created (permission denied)") from None
    except FileExistsError:
        return
    os.close(fd)
    os.chmod(path, 0o600)


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=5.0)
    conn.row_factory = sqlite3.Row
    conn.create_function(
        "kam_fold", 1, lambda v: fold(v) if v is not None else None, deterministic=True
    )
    return conn


def open_store(path: Path | str, *, migrate: bool = True) -> Store:
    """Open (creating if needed) and migrate a kamtui database.

    Raises StorageError with a one-line message when the file is unusable;
    in that case the file is left untouched."""
    path = Path(path).expanduser()
    if path.exists():
        _check_existing(path)
    else:
        _create_private(path)
    try:
        conn = connect(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} is not a usable SQLite database ({exc})") from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise StorageError(
            f"{path} was written by a newer kamtui (schema version {version}; this kamtui "
            f"reads up to {SCHEMA_VERSION}). Upgrade kamtui to open it; the file was not changed."
        )
    if version == 0 and tables:
        conn.close()
        raise StorageError(f"{path} is a SQLite database but not a kamtui one; it was not changed")
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StorageError(f"{path} cannot be opened: {exc}") from None
    store = Store(path, conn)
    if migrate and version < SCHEMA_VERSION:
        if version > 0:
            backup(store, backup_path(path, version))
        apply_migrations(store, version)
    return store


def backup_path(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.name}.v{version}-{stamp}.bak")


def backup(store: Store, target: Path) -> Path:
    """A consistent copy of a live database (never a file copy), owner-only."""
    _create_private(target)
    dest = sqlite3.connect(target)
    try:
        with store.lock:
            store.conn.backup(dest)
    finally:
        dest.close()
    os.chmod(target, 0o600)
    return target


def apply_migrations(
    store: Store, current: int, migrations: list[tuple[str, str]] | None = None
) -> None:
    steps = MIGRATIONS if migrations is None else migrations
    for number, (_name, sql) in enumerate(steps, start=1):
        if number <= current:
            continue
        with store.write() as conn:
            for statement in _split_sql(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")


def _split_sql(sql: str) -> list[str]:
    # executescript() would commit our BEGIN IMMEDIATE; split on complete statements.
    statements: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements


def now_iso() -> str:
    return datetime.now().replace(microsecond=0).isoformat()
