"""Shared CLI plumbing: the --db option, opening the store, error exits."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from kamtui.textsafe import clean

if TYPE_CHECKING:
    from kamtui.storage.busy import BusyWait

EXIT_USAGE = 2
DEFAULT_BUSY_TIMEOUT = 30.0


class CliError(Exception):
    """Print one clear message on stderr and exit 2."""


USER_HELP = (
    "who the history records for this command's changes "
    "(default: $KAMTUI_USER, else your login name)"
)


def db_parent() -> argparse.ArgumentParser:
    """--db and --user work before or after the subcommand: the sub-parser's
    copy only sets a value when given, so it never hides the top-level one."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (default: $KAMTUI_DB, else kamtui.db in the user data directory)",
    )
    parent.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS, help=USER_HELP)
    return parent


def user_of(args: argparse.Namespace) -> str | None:
    """The --user given, checked (CliError when blank)."""
    raw = getattr(args, "user", None)
    if raw is None:
        return None
    from kamtui.storage.audit import user_name

    name = user_name(raw)
    if name is None:
        raise CliError("--user: give a name (it is what the history shows as who changed)")
    return name


def open_db(args: argparse.Namespace, *, readonly: bool = False):  # type: ignore[no-untyped-def]
    """The store the command works on. `readonly` for commands that write
    nothing, so they work on a file the user may only read. A write that
    meets another process's long write says once on stderr what it waits
    for, and gives up after $KAMTUI_BUSY_TIMEOUT seconds (default 30) with
    exit code 3 (main() turns StorageError into its exit code)."""
    from kamtui.paths import resolve_db
    from kamtui.storage.db import open_store

    path: Path = resolve_db(getattr(args, "db", None))
    check_db_dir(path, args)
    store = open_store(path, readonly=readonly)
    store.busy_limit = busy_timeout()
    told: list[bool] = []

    def waiting(wait: BusyWait) -> None:
        if not told:
            told.append(True)
            print(
                f"kamtui: waiting for {clean(wait.holder)} to finish writing "
                f"(up to {wait.limit:.0f} s; KAMTUI_BUSY_TIMEOUT to change)…",
                file=sys.stderr,
                flush=True,
            )

    store.on_busy = waiting
    return store


def check_db_dir(path: Path, args: argparse.Namespace, *, env: str | None = "KAMTUI_DB") -> None:
    """A database the user named (--db, or $KAMTUI_DB) must be in a folder
    that exists: a typo in the path would otherwise create a new, empty
    database there. Only the default location (the user data folder) is
    created. CliError (exit 2) otherwise."""
    if getattr(args, "db", None):
        source = "--db"
    elif env and os.environ.get(env):
        source = env
    else:
        return
    parent = path.parent
    if path.exists() or parent.is_dir():
        return
    what = "is not a folder" if parent.exists() else "does not exist"
    raise CliError(
        f"{source} {path}: the folder {parent} {what}; create it first "
        "(kamtui creates only its default folder)"
    )


def busy_timeout() -> float:
    """Seconds a shell command waits for another process's write."""
    raw = os.environ.get("KAMTUI_BUSY_TIMEOUT", "")
    try:
        value = float(raw) if raw.strip() else DEFAULT_BUSY_TIMEOUT
    except ValueError:
        raise CliError(f"KAMTUI_BUSY_TIMEOUT: {raw!r} is not a number of seconds") from None
    if not math.isfinite(value) or not 0 <= value <= 86400:
        raise CliError("KAMTUI_BUSY_TIMEOUT: give between 0 and 86400 seconds")
    return value


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
Register = Callable[[Any, list[argparse.ArgumentParser]], None]
"""A command's register(subparsers, parents): adds its sub-parser, sets its handler."""


def write_private(path: Path | str, data: str | bytes) -> None:
    """Write a file the user asked for (`-o FILE`), readable by them only
    (0600: it holds personal data), whole or not at all."""
    import tempfile

    target = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
