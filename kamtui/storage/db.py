"""Opening, checking, migrating and locking the one SQLite file.

The app and the shell often use one file at the same time. Three rules keep
every write: writes take the write lock up front (BEGIN IMMEDIATE); a write
that meets another process's long write waits, saying who it waits for, and
gives up with `DatabaseBusy` (nothing written) after `busy_limit`; and the
database file is never opened outside SQLite (POSIX drops all of a process's
locks on a file when any descriptor of it is closed, and another process
then deletes the WAL under us: SQLite's "How To Corrupt", section 2.2)."""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kamtui.storage import audit, busy
from kamtui.storage.busy import BusyWait
from kamtui.storage.errors import DatabaseBusy, ReadOnlyDatabase, StorageError, translate
from kamtui.storage.schema import MIGRATIONS, SCHEMA_VERSION
from kamtui.textsafe import fold

# Statements wait this long for a lock inside SQLite.
BUSY_TIMEOUT_MS = 5000
# Taking the write lock is tried in slices this long, with pauses between
# them, so a waiting process can say within a quarter second that it waits,
# and for whom, and its other threads can read in the pauses.
BUSY_SLICE_MS = 150
BUSY_PAUSE = 0.1
# Seconds a write waits for another process's write before giving up.
DEFAULT_BUSY_LIMIT = 30.0


class Store:
    """One connection shared by the UI thread and workers, guarded by a lock.

    sqlite3 connections are not safe for concurrent use, so every access goes
    through `read()` or `write()`, which hold an RLock."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, readonly: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.readonly = readonly
        self.lock = threading.RLock()
        self._depth = 0
        self.cache: dict[str, Any] = {}  # computed results keyed by change_marker()
        # Waiting for another process's write: how long at most, and who to
        # tell (the CLI prints a line, the app shows a notice). Called from
        # the waiting thread.
        self.busy_limit = DEFAULT_BUSY_LIMIT
        self.on_busy: Callable[[BusyWait], None] | None = None
        # A write that failed for a reason the user must hear of (busy past
        # the limit, disk full, read-only): the app shows it, so an action
        # never fails silently in a worker. Called before the error is raised.
        self.on_failure: Callable[[StorageError], None] | None = None
        self._local = threading.local()  # this thread's own limit (waiting_at_most)
        # Who the audit trail records for this store's writes (`--user`);
        # None: $KAMTUI_USER or the operating system's user, read at the write.
        self.user: str | None = None
        self._audited: bool | None = None  # does the file have the audit trail?
        # Rows this store changed in the audit context only: not data, so not
        # part of change_marker().
        self._own_changes = 0

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
            return (self.conn.total_changes - self._own_changes, int(version))

    def change_marker_nowait(self) -> tuple[int, int] | None:
        """`change_marker()`, or None when a worker holds the connection right
        now (never waits: for the UI thread)."""
        if not self.lock.acquire(blocking=False):
            return None
        try:
            return self.change_marker()
        finally:
            self.lock.release()

    def outside_version(self) -> int | None:
        """`PRAGMA data_version`: it changes when another connection (a
        `kamtui log` from the shell, an import) commits, never for this
        connection's own writes. Cheap (no disk read). None when a worker
        holds the connection right now: never waits, so a UI timer can ask."""
        if not self.lock.acquire(blocking=False):
            return None
        try:
            return int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        finally:
            self.lock.release()

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            yield self.conn

    @contextmanager
    def write(
        self, *, rollback: bool = False, activity: str | None = None
    ) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the write lock up front (BEGIN
        IMMEDIATE), so concurrent kamtui processes never lose a write.
        Nested calls join the outer transaction. `rollback=True` runs the
        whole thing and then discards it (dry runs). `activity` ("import")
        names a long write to processes that wait for it.

        Raises DatabaseBusy (nothing written) when another process keeps the
        lock longer than `busy_limit`, DiskFull / DiskError / ReadOnlyDatabase
        when SQLite cannot write; the transaction is rolled back."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            try:
                if self.readonly:
                    raise ReadOnlyDatabase(f"{self.path} was opened read-only; nothing was written")
                self._begin()
            except StorageError as exc:
                self._failed(exc)
                raise
            note = busy.leave_note(self.path, activity) if activity else None
            self._depth = 1
            try:
                start = self._audit_begin()
                yield self.conn
                if start is not None and not rollback:
                    rollback, own = audit.end(self.conn, start)
                    self._own_changes += own
                self.conn.execute("ROLLBACK" if rollback else "COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                mapped = translate(exc, self.path)
                if not isinstance(mapped, StorageError):
                    raise
                self._failed(mapped)
                raise mapped from exc
            except BaseException:
                self._rollback()
                raise
            finally:
                self._depth = 0
                busy.remove_note(note)

    def _audit_begin(self) -> tuple[int, ...] | None:
        """Tell the audit triggers who writes now (storage/audit.py begin).
        None: the file has no audit trail (yet: migrations run first)."""
        if self._audited is None:
            self._audited = audit.has_audit(self.conn)
        if not self._audited:
            return None
        start, own = audit.begin(self.conn, self.user or audit.current_user(), now_iso())
        self._own_changes += own
        return start

    @contextmanager
    def waiting_at_most(self, seconds: float) -> Iterator[None]:
        """Writes made by this thread inside the block wait at most `seconds`
        for another process (the UI thread writing a draft while quitting
        cannot wait two minutes); other threads keep `busy_limit`."""
        before = getattr(self._local, "limit", None)
        self._local.limit = seconds
        try:
            yield
        finally:
            self._local.limit = before

    def _failed(self, exc: StorageError) -> None:
        if self.on_failure is not None:
            self.on_failure(exc)

    def _begin(self) -> None:
        started = time.monotonic()
        attempt = 0
        limit = getattr(self._local, "limit", None)
        limit = self.busy_limit if limit is None else min(limit, self.busy_limit)
        while True:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_SLICE_MS}")
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                mapped = translate(exc, self.path)
                if not isinstance(mapped, DatabaseBusy):
                    if isinstance(mapped, StorageError):
                        raise mapped from exc
                    raise
            finally:
                self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            attempt += 1
            waited = time.monotonic() - started
            who = busy.holder(self.path)
            if waited >= limit:
                raise DatabaseBusy(
                    f"{self.path}: {who} has been writing for over {limit:.0f} s; "
                    "nothing was written. Try again when it has finished."
                )
            if self.on_busy is not None:
                self.on_busy(BusyWait(who, waited, limit, attempt))
            # Between tries the connection is free for this process's other
            # threads: the app's screens keep reading while a save waits.
            self.lock.release()
            try:
                time.sleep(BUSY_PAUSE)
            finally:
                self.lock.acquire()

    def _rollback(self) -> None:
        # SQLite may already have rolled back (a full disk, an I/O error).
        if self.conn.in_transaction:
            with suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        with self.read() as conn:
            rows: list[sqlite3.Row] = conn.execute(sql, params).fetchall()
            return rows

    def one(self, sql: str, params: Any = ()) -> sqlite3.Row | None:
        with self.read() as conn:
            row: sqlite3.Row | None = conn.execute(sql, params).fetchone()
            return row

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
            other = _open_connection(self.path, readonly=self.readonly)
        except (StorageError, sqlite3.Error):
            yield self
            return
        other.busy_limit = self.busy_limit
        other.user = self.user
        other.on_busy = self.on_busy
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


def _check_existing(path: Path, *, readonly: bool) -> None:
    """Checks that need no descriptor of the file (see the module's note):
    whether it is a SQLite file is SQLite's to say, on the first read."""
    if path.is_dir():
        raise StorageError(f"{path} is a directory, not a kamtui database file")
    if not os.access(path, os.R_OK):
        raise StorageError(f"{path} cannot be read (permission denied)")
    if not readonly and not os.access(path, os.W_OK):
        why = "it is on a read-only file system" if _readonly_fs(path) else "permission denied"
        raise ReadOnlyDatabase(
            f"{path} cannot be written ({why}); commands that only read "
            "(search, map, health --no-save, goals, followups) still work"
        )


def _readonly_fs(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _create_private(path: Path) -> None:
    """Create the file 0600 before SQLite opens it: -wal and -shm copy its mode."""
    parent = path.parent
    if not parent.exists():
        try:
            parent.mkdir(parents=True, mode=0o700)
        except OSError as exc:
            raise StorageError(f"{parent} cannot be created ({exc.strerror})") from None
    elif not parent.is_dir():
        raise StorageError(f"{parent} is not a directory")
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except PermissionError:
        raise StorageError(f"{path} cannot be created (permission denied)") from None
    except FileExistsError:
        return
    except OSError as exc:
        raise StorageError(f"{path} cannot be created ({exc.strerror})") from None
    os.close(fd)
    os.chmod(path, 0o600)


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        target = f"file:{quote(str(path.resolve()))}?mode=ro"
        if _readonly_fs(path) and not path.with_name(path.name + "-wal").exists():
            # Nobody can change the file (read-only mount, no pending WAL),
            # and SQLite could not create the -shm it needs to read it.
            target += "&immutable=1"
        conn = sqlite3.connect(
            target, uri=True, check_same_thread=False, isolation_level=None, timeout=5.0
        )
    else:
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=5.0)
    conn.row_factory = sqlite3.Row
    conn.create_function(
        "kam_fold", 1, lambda v: fold(v) if v is not None else None, deterministic=True
    )
    return conn


def open_store(path: Path | str, *, migrate: bool = True, readonly: bool = False) -> Store:
    """Open (creating if needed) and migrate a kamtui database.

    `readonly=True` is for commands that write nothing: they then work on a
    file the user may only read. A file that needs migrating, or does not
    exist yet, is opened for writing all the same.

    Raises StorageError with a one-line message when the file is unusable;
    in that case the file is left untouched."""
    path = Path(path).expanduser()
    if path.exists():
        _check_existing(path, readonly=readonly)
    else:
        readonly = False
        _create_private(path)
    store = _open_connection(path, readonly=readonly)
    version = store.conn.execute("PRAGMA user_version").fetchone()[0]
    if readonly and version < SCHEMA_VERSION:
        store.close()
        return open_store(path, migrate=migrate)
    if migrate and version < SCHEMA_VERSION:
        if version > 0:
            backup(store, backup_path(path, version))
        apply_migrations(store, version)
    if not readonly and _cleanup_pending(store):
        # An erasure or purge committed but its physical clean-up was
        # interrupted (kill, crash): finish it before anything else reads.
        from kamtui.storage import erasure

        erasure.run_pending(store)
    return store


def open_as_is(path: Path, *, readonly: bool = False) -> Store:
    """An existing kamtui file at this code's schema, opened as it is: never
    created, migrated or cleaned up (a child process working on its parent's
    file). StorageError otherwise."""
    if not path.is_file():
        raise StorageError(f"{path} is not a file")
    store = _open_connection(path, readonly=readonly)
    version = store.conn.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        store.close()
        raise StorageError(f"{path}: schema {version}, this code's is {SCHEMA_VERSION}")
    return store


def _cleanup_pending(store: Store) -> bool:
    try:
        row = store.conn.execute(
            "SELECT 1 FROM meta WHERE key = 'privacy.cleanup_pending'"
        ).fetchone()
    except sqlite3.Error:
        return False
    return row is not None


def _open_connection(path: Path, *, readonly: bool) -> Store:
    """A checked connection to an existing (maybe empty) file."""
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(path, readonly=readonly)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"{path} was written by a newer kamtui (schema version {version}; this kamtui "
                f"reads up to {SCHEMA_VERSION}). Upgrade kamtui to open it; the file was not "
                "changed."
            )
        if version == 0 and tables:
            raise StorageError(
                f"{path} is a SQLite database but not a kamtui one; it was not changed"
            )
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
    except StorageError:
        if conn is not None:
            conn.close()
        raise
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        mapped = translate(exc, path)
        if isinstance(mapped, StorageError):
            raise mapped from None
        raise StorageError(f"{path} is not a usable SQLite database ({exc})") from None
    return Store(path, conn, readonly=readonly)


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
        store._audited = None  # the audit trail may have just been added


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
