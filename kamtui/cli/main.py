"""The `kamtui` command. Importing this module must stay cheap: Textual is
loaded only when the TUI opens."""

from __future__ import annotations

import argparse
import importlib
import sys

from kamtui import __version__
from kamtui.cli.common import EXIT_USAGE, CliError, db_parent, err

# Each module defines register(subparsers, parents) and sets a handler with
# set_defaults(handler=...). Add new commands here.
COMMAND_MODULES = [
    "kamtui.cli.cmd_demo",
    "kamtui.cli.cmd_import",
    "kamtui.cli.cmd_goals",
    "kamtui.cli.cmd_health",
    "kamtui.cli.cmd_log",
    "kamtui.cli.cmd_search",
    "kamtui.cli.cmd_followups",
    "kamtui.cli.cmd_map",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers, parents)
    parser.set_defaults(handler=run_tui)
    return parser


def run_tui(args: argparse.Namespace) -> int:
    from kamtui.cli.common import open_db

    store = open_db(args)
    from kamtui.ui.app import KamApp

    try:
        KamApp(store).run()
    finally:
        store.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        err(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
