"""`kamtui backup` and `kamtui restore-backup`: dated, checked copies of the
database in a `backups` folder beside it (the last `backup.keep` kept), and
putting one back with the current file kept aside. The copying itself is
kamtui.storage.backups's (SQLite's online backup API)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from kamtui.storage import backups as sql
from kamtui.storage.db import Store

FOLDER = "backups"
DEFAULT_KEEP = 10
_STAMP = "%Y%m%d-%H%M%S"


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / FOLDER


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(db_path.stem) + r"-(\d{8}-\d{6})(?:-\d+)?\.db")


def dated_backups(db_path: Path) -> list[Path]:
    """This database's dated backups, oldest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path)
    found = [p for p in folder.iterdir() if pattern.fullmatch(p.name)]
    return sorted(found, key=lambda p: p.name)


def last_backup_time(db_path: Path) -> datetime | None:
    found = dated_backups(db_path)
    if not found:
        return None
    match = _pattern(db_path).fullmatch(found[-1].name)
    assert match is not None
    return datetime.strptime(match.group(1), _STAMP)


def backup(
    store: Store,
    target: Path | str | None = None,
    *,
    keep: int = DEFAULT_KEEP,
    now: datetime | None = None,
    progress: sql.Progress | None = None,
) -> tuple[Path, list[Path]]:
    """Copy the open database to `target`, or to a dated file in the backups
    folder beside it, keeping the newest `keep` dated ones. Returns (the
    backup, the old backups removed); `progress(done, total)` follows the
    copy. Raises StorageError."""
    if target is not None:
        return sql.backup_to(store, Path(target), progress), []
    folder = backup_folder(store.path)
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = (now or datetime.now()).strftime(_STAMP)
    path = folder / f"{store.path.stem}-{stamp}.db"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{store.path.stem}-{stamp}-{n}.db"
    sql.backup_to(store, path, progress)
    old = dated_backups(store.path)
    removed = old[: max(0, len(old) - keep)]
    for p in removed:
        p.unlink(missing_ok=True)
    return path, removed


def backup_due(db_path: Path, days: int, now: datetime | None = None) -> bool:
    """Whether to offer a backup when the app quits: `days` > 0 (0 is off) and
    no dated backup is newer than that."""
    if days <= 0:
        return False
    last = last_backup_time(db_path)
    return last is None or ((now or datetime.now()) - last).days >= days


def restore(db_path: Path, backup_file: Path | str) -> Path | None:
    """Put a backup in place of the database; where the previous file was kept."""
    return sql.restore(db_path, Path(backup_file).expanduser())
