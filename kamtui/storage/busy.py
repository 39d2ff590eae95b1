"""Who holds the database's write lock, so a waiting process can say so.

SQLite does not tell who holds a lock. A kamtui process starting a long
write (an import, the demo) leaves a small note beside the database naming
itself and what it does; a process that has to wait reads it:
"waiting for another kamtui (import, pid 4711)". The note is a separate
file: the database file itself is never opened outside SQLite (closing any
descriptor of it would drop this process's SQLite locks)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class BusyWait:
    """One moment of waiting for the write lock."""

    holder: str  # "another kamtui (import, pid 4711)" or "another program"
    waited: float  # seconds waited so far
    limit: float  # seconds we will wait in all
    attempt: int  # 1 for the first failed try of this write


def note_path(db: Path) -> Path:
    return db.with_name(db.name + ".writer")


def leave_note(db: Path, activity: str) -> Path | None:
    """Say that this process writes `activity`; None if the folder refuses."""
    path = note_path(db)
    body = json.dumps(
        {"pid": os.getpid(), "activity": activity, "since": datetime.now().isoformat()}
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(body)
    except OSError:
        return None  # only a courtesy to waiters
    return path


def remove_note(path: Path | None) -> None:
    if path is None:
        return
    try:
        # Only our own note: another process may have replaced it since.
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError, AttributeError):
        pass


def holder(db: Path) -> str:
    """Who is probably writing, in words."""
    try:
        data = json.loads(note_path(db).read_text(encoding="utf-8"))
        pid = int(data["pid"])
        activity = str(data["activity"])[:60]
    except (OSError, ValueError, KeyError, TypeError):
        return "another program"
    if pid == os.getpid() or not _alive(pid):
        return "another program"
    return f"another kamtui ({activity}, pid {pid})"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
