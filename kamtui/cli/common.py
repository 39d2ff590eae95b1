"""Shared CLI plumbing: the --db option, opening the store, error exits."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from kamtui.textsafe import clean

EXIT_USAGE = 2


class CliError(Exception):
    """Print one clear message on stderr and exit 2."""


def db_parent() -> argparse.ArgumentParser:
    """--db works before or after the subcommand: the sub-parser's copy only
    sets a value when given, so it never hides the top-level one."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (default: $KAMTUI_DB, else kamtui.db in the user data directory)",
    )
    return parent


def open_db(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kamtui.paths import resolve_db
    from kamtui.storage.db import open_store
    from kamtui.storage.errors import StorageError

    path: Path = resolve_db(getattr(args, "db", None))
    try:
        return open_store(path)
    except StorageError as exc:
        raise CliError(str(exc)) from None


def today_from(args: argparse.Namespace) -> date:
    from kamtui import dates

    try:
        real = dates.today()
    except ValueError as exc:  # a bad KAMTUI_TODAY: its own message names it
        raise CliError(str(exc)) from None
    value = getattr(args, "today", None)
    if value:
        try:
            return dates.parse_date(value, today=real)
        except ValueError as exc:
            raise CliError(f"--today: {exc}") from None
    return real


def err(message: str) -> None:
    print(f"kamtui: error: {clean(message)}", file=sys.stderr)


def out(message: str = "") -> None:
    print(clean(message))


Handler = Callable[[argparse.Namespace], int]
