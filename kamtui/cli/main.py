"""The `kamtui` command. Importing this module must stay cheap: Textual is
loaded only when the TUI opens."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import threading
from collections.abc import Callable
from typing import Any

from kamtui import __version__, gcpause
from kamtui.cli.commands import COMMANDS
from kamtui.cli.common import EXIT_USAGE, ArgumentParser, CliError, Register, db_parent, err


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
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    parents = [db_parent()]
    for load in _commands_for(argv):
        load()(subparsers, parents)
    parser.set_defaults(handler=run_tui)
    return parser


def _commands_for(argv: list[str] | None) -> list[Callable[[], Register]]:
    """The commands `argv` needs: the one its command (the first word
    after the top-level --db and --version) names, none when there is no
    command. Anything else (help, an abbreviated or unknown option, an unknown
    command) registers all, so argparse's help and errors are the full ones."""
    every = list(COMMANDS.values())
    if argv is None:
        return every
    args = iter(argv)
    for arg in args:
        if arg == "--db":
            next(args, None)  # its value
        elif arg.startswith("--db=") or arg == "--version":
            continue
        elif arg.startswith("-"):
            return every
        else:
            load = COMMANDS.get(arg)
            return [load] if load else every
    return []


def run_tui(args: argparse.Namespace) -> int:
    # Start-up creates ~80,000 objects that live as long as the app (Textual's
    # modules, the widgets, the rows) and almost no garbage: collecting while
    # they are made cost 40-90 ms. The app turns the collector back on once
    # the first screen is painted (KamApp.keep_long_lived).
    gcpause.pause_startup()
    try:
        return _run_tui(args)
    finally:
        gcpause.end_startup()


def _run_tui(args: argparse.Namespace) -> int:
    from concurrent.futures import Future

    from kamtui.cli.common import open_db
    from kamtui.services.accounts import portfolio_accounts

    store = open_db(args)

    # The portfolio's accounts are read while Textual loads (its imports take
    # longer than the read), so the first screen is drawn with them.
    first: Future[tuple[tuple[int, int], list[Any]]] = Future()

    def read() -> None:
        if first.set_running_or_notify_cancel():
            try:
                first.set_result((store.change_marker(), portfolio_accounts(store)))
            except BaseException as exc:  # handed to the screen, which reads again
                first.set_exception(exc)

    reader = threading.Thread(target=read, name="kamtui-first-read", daemon=True)
    reader.start()
    from kamtui.ui.app import KamApp

    app = KamApp(store, first_portfolio=first)
    try:
        app.run()
    finally:
        # An app that ends at once (an error while starting) must not close
        # the store under the read still running.
        reader.join()
        store.close()
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    from kamtui.storage.errors import EXIT_FAILED, StorageError, translate

    try:
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
