"""What can go wrong with the database file, as one-line messages for people.

SQLite reports a busy file, a full disk, a read-only folder and a damaged
file all as `sqlite3.OperationalError`; `translate` tells them apart so the
CLI and the app can say what happened and whether trying again helps."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Exit codes of the `kamtui` command for each kind of failure.
EXIT_FAILED = 1
EXIT_UNUSABLE = 2
EXIT_BUSY = 3


class StorageError(Exception):
    """A database file cannot be used; the message is one line for the user."""

    exit_code = EXIT_UNUSABLE


class DatabaseBusy(StorageError):
    """Another process held the write lock for longer than we would wait.
    Nothing was written; trying again later will work."""

    exit_code = EXIT_BUSY


class DiskFull(StorageError):
    """The disk (or the file's quota) is full; the transaction was rolled back."""

    exit_code = EXIT_FAILED


class ReadOnlyDatabase(StorageError):
    """The file, its folder or this connection cannot be written."""

    exit_code = EXIT_FAILED


class DiskError(StorageError):
    """The operating system failed to read or write the file."""

    exit_code = EXIT_FAILED


def translate(exc: sqlite3.Error, path: Path | str) -> sqlite3.Error | StorageError:
    """The StorageError that says what `exc` means for the user, or `exc`
    itself when it is a programming error (constraint, SQL) that callers
    handle or that is a bug."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return DatabaseBusy(
            f"{path}: another program is writing to the database; nothing was written. "
            "Try again in a moment."
        )
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return DiskFull(
            f"{path}: the disk is full; nothing was written. Free some space and try again."
        )
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return ReadOnlyDatabase(_readonly_message(Path(path)))
    if name.startswith("SQLITE_CANTOPEN"):
        return StorageError(_cantopen_message(Path(path)))
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return DiskError(f"{path}: the disk reported an error ({text}); nothing was written")
    if name.startswith("SQLITE_NOTADB"):
        return StorageError(f"{path} is not a SQLite database")
    if name.startswith("SQLITE_CORRUPT"):
        return StorageError(f"{path} is damaged ({text}); restore it from a backup")
    return exc


def _readonly_message(path: Path) -> str:
    import os

    if not os.access(path.parent, os.W_OK):
        return (
            f"{path}: its folder {path.parent} is read-only, and SQLite needs to create "
            f"{path.name}-wal beside the file to write; nothing was written"
        )
    return f"{path} cannot be written (read-only); nothing was written"


def _cantopen_message(path: Path) -> str:
    import os

    if not os.access(path.parent, os.W_OK):
        return (
            f"{path}: its folder {path.parent} is read-only, and SQLite needs to create "
            f"{path.name}-wal and {path.name}-shm beside the file"
        )
    return f"{path} cannot be opened"
