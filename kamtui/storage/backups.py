"""Backups of the database file and restoring one, without ever opening the
live file outside SQLite (see storage/db.py's note on POSIX locks): copies
are made with SQLite's online backup API, which reads a consistent state
while other processes keep working, and a restore swaps files by rename."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kamtui.storage.db import Store, _create_private
from kamtui.storage.errors import StorageError
from kamtui.storage.schema import SCHEMA_VERSION

Progress = Callable[[int, int], None]  # (pages copied, pages in all)


def integrity_problem(path: Path) -> str | None:
    """Why `path` is not a sound kamtui database, or None when it is
    (PRAGMA integrity_check, and a schema version this kamtui reads)."""
    if not path.is_file():
        return f"{path}: no such file"
    try:
        conn = sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return f"{path}: cannot be opened ({exc})"
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.Error as exc:
        return f"{path}: not a usable SQLite database ({exc})"
    finally:
        conn.close()
    if result != ["ok"]:
        return f"{path}: damaged ({'; '.join(str(r) for r in result[:3])})"
    if version == 0:
        return f"{path}: not a kamtui database"
    if version > SCHEMA_VERSION:
        return f"{path}: written by a newer kamtui (schema version {version})"
    return None


def _fsync_dir(path: Path) -> None:
    """Make a rename in the folder `path` durable. A folder's descriptor, not
    a database file's: closing it drops no SQLite lock."""
    if not path.is_dir():
        return  # only ever a folder: never a database file's descriptor
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _copy(source: sqlite3.Connection, target: Path, progress: Progress | None = None) -> None:
    """SQLite's online backup of `source` into a new owner-only `target`,
    checked and synced; removed again if anything fails. With `progress`,
    (pages copied, pages in all) after each step of 1,024 pages."""
    target.unlink(missing_ok=True)
    _create_private(target)
    try:
        dest = sqlite3.connect(target)
        try:
            if progress is None:
                source.backup(dest)
            else:
                source.backup(
                    dest,
                    pages=1024,
                    progress=lambda _status, remaining, total: progress(total - remaining, total),
                )
            # A single self-contained file; with synchronous=FULL SQLite syncs
            # it itself as this commits (never a Python descriptor of a
            # database file: closing one drops the process's SQLite locks).
            dest.execute("PRAGMA synchronous = FULL")
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.chmod(target, 0o600)
        problem = integrity_problem(target)
        if problem:
            raise StorageError(f"the copy failed its integrity check: {problem}")
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def backup_to(store: Store, target: Path, progress: Progress | None = None) -> Path:
    """A consistent, checked, owner-only copy of the open store at `target`,
    written under a temporary name and renamed: `target` is never half written."""
    target = target.expanduser()
    if target.exists() and target.is_dir():
        raise StorageError(f"{target} is a folder; give a file name")
    if target.resolve() == store.path.resolve():
        raise StorageError(f"{target} is the database itself")
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with store.lock:
            _copy(store.conn, tmp, progress)
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        raise StorageError(f"{target}: the backup failed ({exc})") from None
    except OSError as exc:
        raise StorageError(f"{target}: the backup failed ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(target.parent)
    return target


def in_use(path: Path) -> bool:
    """Whether another connection has the live file open: the last connection
    to close a WAL database checkpoints it and deletes its -wal and -shm, so
    after our own connection has closed they remain only while another is open."""
    if path.exists():
        conn = sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=rw", uri=True)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        finally:
            conn.close()
    return any(path.with_name(path.name + s).exists() for s in ("-wal", "-shm"))


def restore(live: Path, backup_file: Path) -> Path | None:
    """Put `backup_file` in place of `live`. The backup is checked first; it is
    copied (SQLite's backup API) to a temporary file beside `live`, checked
    again and synced; then the current file is renamed aside and the copy
    renamed in. Returns where the previous file was kept (None if there was
    none). Refuses while another process has `live` open."""
    problem = integrity_problem(backup_file)
    if problem:
        raise StorageError(f"not restored: {problem}")
    if live.exists() and in_use(live):
        raise StorageError(
            f"not restored: {live} is open in another kamtui (the app or a command); "
            "close it and try again"
        )
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    tmp = live.with_name(f".{live.name}.restore.tmp")
    src = sqlite3.connect(f"file:{backup_file.resolve().as_posix()}?mode=ro", uri=True)
    try:
        _copy(src, tmp)
    except sqlite3.Error as exc:
        raise StorageError(f"not restored: copying {backup_file} failed ({exc})") from None
    finally:
        src.close()
    aside = None
    try:
        if live.exists():
            aside = live.with_name(f"{live.name}.before-restore-{stamp}")
            n = 1
            while aside.exists():
                n += 1
                aside = live.with_name(f"{live.name}.before-restore-{stamp}-{n}")
            os.replace(live, aside)
        os.replace(tmp, live)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"not restored: {exc.strerror or exc}") from None
    _fsync_dir(live.parent)
    return aside
