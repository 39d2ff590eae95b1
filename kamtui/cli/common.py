"""Shared CLI plumbing: the --db option, opening the store, error exits."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

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

    value = getattr(args, "today", None)
    if value:
        try:
            return dates.parse_date(value, today=dates.today())
        except ValueError as exc:
            raise CliError(f"--today: {exc}") from None
    return dates.today()


def err(message: str) -> None:
    print(f"kamtui: error: {clean(message)}", file=sys.stderr)


def out(message: str = "") -> None:
    print(clean(message))


def safe_json(value: Any) -> Any:
    """`value` with every string (keys too) cleaned like the plain output:
    `json.dumps(ensure_ascii=False)` escapes only U+0000-U+001F, so DEL, the
    C1 controls (U+009B is a CSI on many terminals) and bidi overrides in a
    name would reach the terminal of whoever reads the JSON there."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {safe_json(k): safe_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [safe_json(v) for v in value]
    return value


def print_json(value: Any) -> None:
    print(json.dumps(safe_json(value), ensure_ascii=False, indent=2))


class ArgumentParser(argparse.ArgumentParser):
    """argparse's usage errors quote what was typed ("invalid choice: …"):
    cleaned like every other message."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {clean(message)}\n")


Handler = Callable[[argparse.Namespace], int]
