"""`kamtui backup [FILE]` and `kamtui restore-backup FILE`."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import CliError, open_db, out


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "backup",
        parents=parents,
        help="a consistent, checked copy of the database (safe while the app is open)",
        description="Copy the database with SQLite's online backup API (a consistent copy even "
        "while the app or another command is writing), check it with PRAGMA integrity_check "
        "and make it readable by you only. Without FILE, the copy is a dated file in the "
        "'backups' folder beside the database, and only the newest backup.keep (config, "
        "default 10) dated copies are kept.",
    )
    parser.add_argument(
        "file", metavar="FILE", nargs="?", help="where to write the copy (default: dated file)"
    )
    parser.set_defaults(handler=_backup)


def register_restore(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "restore-backup",
        parents=parents,
        help="put a backup in place of the database, keeping the current file aside",
        description="Check the backup (PRAGMA integrity_check), copy it beside the database "
        "under a temporary name, check and sync the copy, then rename the current database to "
        "NAME.before-restore-DATE and the copy into its place: never a half-copied file. "
        "Refused while the app or another kamtui has the database open.",
    )
    parser.add_argument("file", metavar="FILE", help="the backup to restore")
    parser.set_defaults(handler=_restore)


def _backup(args: argparse.Namespace) -> int:
    from kamtui.config import ConfigError, load_config
    from kamtui.services import backup

    try:
        keep = load_config().backup.keep
    except ConfigError as exc:
        raise CliError(str(exc)) from None
    store = open_db(args, readonly=True)
    try:
        path, removed = backup.backup(store, args.file, keep=keep)
    finally:
        store.close()
    out(f"backup written and checked: {path}")
    if removed:
        out(f"removed {len(removed)} older backup(s) (keeping {keep})")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from kamtui.paths import resolve_db
    from kamtui.services import backup

    db = resolve_db(getattr(args, "db", None))
    aside = backup.restore(db, args.file)
    out(f"restored {args.file} as {db}")
    if aside is not None:
        out(f"the previous database was kept as {aside}")
    return 0
