"""The log form's unsaved values, one draft per account: kept in the database,
or in a private file next to it when the database cannot take them."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from kamtui.services.errors import ServiceError
from kamtui.storage import interactions as sql
from kamtui.storage.db import Store, now_iso
from kamtui.storage.errors import StorageError


class DraftNotSaved(ServiceError):
    """The database could not take the draft (busy beyond its timeout, read-only...)."""


def _encode_draft(values: dict[str, Any]) -> str:
    return json.dumps({"saved_at": now_iso(), "values": values}, default=str)


def _decode_draft(raw: str | None) -> tuple[str, dict[str, Any]] | None:
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return str(data["saved_at"]), dict(data["values"])
    except (ValueError, KeyError, TypeError):
        return None


def save_draft(store: Store, account_id: int, values: dict[str, Any]) -> None:
    """Keep the log form's values for the account. Waits for a busy database
    up to its busy timeout; raises DraftNotSaved if it still cannot write."""
    try:
        sql.save_draft(store, account_id, _encode_draft(values))
    except (sqlite3.Error, StorageError) as exc:
        raise DraftNotSaved(f"the draft could not be saved in the database ({exc})") from None


def load_draft(store: Store, account_id: int) -> tuple[str, dict[str, Any]] | None:
    """(saved_at, values) of the account's unsaved log form, if any."""
    return _decode_draft(sql.load_draft(store, account_id))


def clear_draft(store: Store, account_id: int) -> None:
    try:
        sql.clear_draft(store, account_id)
    except (sqlite3.Error, StorageError) as exc:
        raise DraftNotSaved(f"the draft could not be removed ({exc})") from None


# A draft the database could not take (it stayed locked by another process
# past the busy timeout) goes to a file next to the database, private like
# it; the form offers it back (the newer of the two) and removes it once the
# database holds the draft again.


def draft_file(db_path: Path, account_id: int) -> Path:
    return db_path.with_name(f"{db_path.name}.draft-{account_id}.json")


def save_draft_file(db_path: Path, account_id: int, values: dict[str, Any]) -> Path:
    """Write the draft to its fallback file (atomically, mode 0600); OSError if impossible."""
    path = draft_file(db_path, account_id)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(_encode_draft(values))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def load_draft_file(db_path: Path, account_id: int) -> tuple[str, dict[str, Any]] | None:
    try:
        raw = draft_file(db_path, account_id).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return _decode_draft(raw)


def clear_draft_file(db_path: Path, account_id: int) -> None:
    with contextlib.suppress(OSError):
        draft_file(db_path, account_id).unlink(missing_ok=True)
