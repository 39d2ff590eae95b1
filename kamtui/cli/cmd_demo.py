"""`kamtui demo`: the built-in demo portfolio."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import CliError, out


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "demo",
        parents=parents,
        help="create the demo portfolio and open it",
        description="Create the demo portfolio (14 accounts, two years of history) and open "
        "it. Without --db it uses its own demo file, never your real database. Running it "
        "again does not duplicate anything.",
    )
    parser.add_argument("--no-open", action="store_true", help="create it, do not open the app")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kamtui import dates
    from kamtui.paths import demo_db
    from kamtui.services.demo import DemoError, load_demo
    from kamtui.storage.db import open_store
    from kamtui.storage.errors import StorageError

    path = demo_db(getattr(args, "db", None))
    try:
        store = open_store(path)
    except StorageError as exc:
        raise CliError(str(exc)) from None
    try:
        result = load_demo(store, today=dates.today())
    except DemoError as exc:
        store.close()
        raise CliError(str(exc)) from None
    out(f"{result} ({path})")
    if args.no_open:
        store.close()
        return 0
    from kamtui.ui.app import KamApp

    try:
        KamApp(store).run()
    finally:
        store.close()
    return 0
