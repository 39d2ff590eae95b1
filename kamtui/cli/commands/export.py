"""`kamtui export DIR [--format csv|json] [--account A] [--excel]`."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import CliError, open_db, out


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export",
        parents=parents,
        help="write all your data to a folder: one CSV (or JSON) file per kind, and a README",
        description="Export every live record (accounts, identifiers, people, links, "
        "interactions, next steps, complaints, facts, transactions, wallet estimates, goals "
        "and their actions) into DIR, one file per kind in the columns `kamtui import` reads, "
        "with README.txt describing every file and column. `kamtui import all DIR` reads it "
        "back. Text cells a spreadsheet would run as a formula (=, +, -, @) are written with "
        "a leading apostrophe, which the importers remove.",
    )
    parser.add_argument(
        "dir", metavar="DIR", help="folder to write (new, empty or an earlier export)"
    )
    parser.add_argument(
        "--format",
        choices=("csv", "json"),
        default="csv",
        help="csv (default) or json (a list of objects per file)",
    )
    parser.add_argument("--account", metavar="ACCOUNT", help="only this account (number or name)")
    parser.add_argument(
        "--excel",
        action="store_true",
        help="CSV for a Spanish-locale Excel: ';' separated, UTF-8 with BOM, decimal comma",
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kamtui.services.errors import ServiceError
    from kamtui.services.export import export

    store = open_db(args, readonly=True)
    try:
        report = export(store, args.dir, fmt=args.format, excel=args.excel, account=args.account)
    except ServiceError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    total = sum(report.counts.values())
    detail = ", ".join(f"{n} {kind}" for kind, n in report.counts.items())
    out(f"exported {total} record(s) to {report.folder}: {detail}")
    return 0
