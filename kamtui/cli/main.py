"""The `kamtui` command. Importing this module must stay cheap: Textual is
loaded only when the TUI opens."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable

from kamtui import __version__
from kamtui.cli.commands import COMMANDS
from kamtui.cli.common import (
    EXIT_USAGE,
    USER_HELP,
    ArgumentParser,
    CliError,
    Register,
    db_parent,
    err,
    user_of,
)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given the arguments, only what they need: the one
    command they name (building all eight sub-parsers costs more than running
    `kamtui log`), or none when they open the app."""
    parser = ArgumentParser(  # its sub-parsers are the same class
        prog="kamtui",
        description="Key account management in the terminal. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"kamtui {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None,
        help="database file (default: $KAMTUI_DB, else kamtui.db in the user data directory)",
    )
    parser.add_argument("--user", metavar="NAME", default=None, help=USER_HELP)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    parents = [db_parent()]
    for load in _commands_for(argv):
        load()(subparsers, parents)
    parser.set_defaults(handler=run_tui)
    return parser


def _commands_for(argv: list[str] | None) -> list[Callable[[], Register]]:
    """The commands `argv` needs: the one its command (the first word
    after the top-level --db, --user and --version) names, none when there is no
    command. Anything else (help, an abbreviated or unknown option, an unknown
    command) registers all, so argparse's help and errors are the full ones."""
    every = list(COMMANDS.values())
    if argv is None:
        return every
    args = iter(argv)
    for arg in args:
        if arg in ("--db", "--user"):
            next(args, None)  # its value
        elif arg.startswith(("--db=", "--user=")) or arg == "--version":
            continue
        elif arg.startswith("-"):
            return every
        else:
            load = COMMANDS.get(arg)
            return [load] if load else every
    return []


def run_tui(args: argparse.Namespace) -> int:
    from kamtui.cli.common import open_db
    from kamtui.ui import launch

    return launch.run(lambda: open_db(args))


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    from kamtui.storage import audit
    from kamtui.storage.errors import EXIT_FAILED, StorageError, translate

    try:
        with audit.acting_as(user_of(args)):
            return int(args.handler(args) or 0)
    except CliError as exc:
        err(str(exc))
        return EXIT_USAGE
    except StorageError as exc:
        err(str(exc))
        return exc.exit_code
    except sqlite3.Error as exc:
        mapped = translate(exc, getattr(args, "db", None) or "the database")
        if isinstance(mapped, StorageError):
            err(str(mapped))
            return mapped.exit_code
        err(f"database error: {exc}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
