"""`kamtui import KIND FILE`: one sub-command per kind of file."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from kamtui.cli.common import CliError, err, open_db, out

# Each module defines register(import_subparsers, parents). Add kinds here.
IMPORT_MODULES = [
    "kamtui.cli.import_accounts",
    "kamtui.cli.import_transactions",
    "kamtui.cli.import_wallet",
    "kamtui.cli.import_people",
    "kamtui.cli.import_links",
]


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import",
        parents=parents,
        help="import accounts, people, links, transactions… from CSV",
        description="Import data from files. Imports are all-or-nothing: any invalid row "
        "aborts the import with every error listed as FILE:LINE: column: reason (exit 2).",
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    for name in IMPORT_MODULES:
        importlib.import_module(name).register(kinds, parents)


def common_import_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="CSV file with a header row")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="check the file and report what would change; write nothing",
    )
    parser.add_argument(
        "--map",
        action="append",
        metavar="COLUMN=FIELD",
        default=[],
        help="read COLUMN as FIELD (repeatable); COLUMN= ignores the column",
    )


def run_import(args: argparse.Namespace, func: Any, **kwargs: Any) -> int:
    """Open the store, run an importer, print its report or its errors."""
    from kamtui.importers.csvfile import ImportFailed, parse_mapping

    store = open_db(args)
    try:
        mapping = parse_mapping(args.map)
        report = func(store, args.file, dry_run=args.dry_run, mapping=mapping, **kwargs)
    except ImportFailed as exc:
        for line in exc.errors:
            err(line)
        raise CliError(f"{args.file}: nothing imported ({len(exc.errors)} error(s))") from None
    finally:
        store.close()
    for note in report.assumptions:
        out(f"assumed {note}")
    prefix = "dry run: would import" if args.dry_run else "imported"
    out(
        f"{prefix} {report.rows} row(s): {report.created} new, {report.updated} updated, "
        f"{report.unchanged} unchanged"
    )
    return 0
