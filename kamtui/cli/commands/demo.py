"""`kamtui demo`: the built-in demo portfolio."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import CliError, check_db_dir, out


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
    parser.add_argument(
        "--size",
        choices=("small", "large"),
        default="small",
        help="small: the 14-account story portfolio (default); large: a generated company "
        "portfolio of 10,000 accounts, 200,000 people, 1,000,000 interactions and 2,000,000 "
        "transactions in its own file (demo-large.db; takes a few minutes)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="N",
        help="random seed of the large portfolio (same seed and day, same data; default 1)",
    )
    parser.add_argument("--scale", type=float, default=1.0, help=argparse.SUPPRESS)
    parser.set_defaults(handler=_run)


def _run_large(args: argparse.Namespace) -> int:
    from kamtui.cli.common import today_from
    from kamtui.demo.large import LARGE, LargeDemoError, build, default_path, describe

    path = default_path(getattr(args, "db", None))
    check_db_dir(path, args, env=None)
    if path.exists():
        info = describe(path)
        if info is None:
            raise CliError(f"{path} exists and is not a large demo portfolio; choose another --db")
        out(f"large demo portfolio already built (seed {info['seed']}, {info['today']}) ({path})")
    else:
        try:
            size = LARGE.scaled(args.scale) if args.scale != 1.0 else LARGE
            result = build(
                path, today=today_from(args), seed=args.seed, size=size, history_weeks=13
            )
        except (LargeDemoError, OSError) as exc:
            raise CliError(str(exc)) from None
        out(f"{result} ({path})")
    if args.no_open:
        return 0
    from kamtui.cli.common import open_db

    args.db = str(path)
    store = open_db(args)
    from kamtui.ui.app import KamApp

    app = KamApp(store)
    try:
        app.run()
    finally:
        store.close()
    return app.return_code or 0


def _run(args: argparse.Namespace) -> int:
    from kamtui.cli.common import today_from
    from kamtui.demo.load import DemoError, load_demo
    from kamtui.paths import demo_db
    from kamtui.storage.db import open_store
    from kamtui.storage.errors import StorageError

    if args.size == "large":
        return _run_large(args)
    path = demo_db(getattr(args, "db", None))
    check_db_dir(path, args, env=None)
    try:
        store = open_store(path)
    except StorageError as exc:
        raise CliError(str(exc)) from None
    try:
        result = load_demo(store, today=today_from(args))
    except DemoError as exc:
        store.close()
        raise CliError(str(exc)) from None
    out(f"{result} ({path})")
    if args.no_open:
        store.close()
        return 0
    from kamtui.ui.app import KamApp

    app = KamApp(store)
    try:
        app.run()
    finally:
        store.close()
    return app.return_code or 0
