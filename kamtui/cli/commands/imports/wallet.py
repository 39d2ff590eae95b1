"""`kamtui import wallet FILE`."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.commands.imports.shared import common_import_args, run_import
from kamtui.cli.commands.imports.transactions import add_dialect_args, dialect_kwargs


def register(kinds: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = kinds.add_parser(
        "wallet",
        parents=parents,
        help="wallet estimates CSV: the client's yearly spend per category",
        description="Columns: account (name or account number) or account_number, category, "
        "year, amount — the client's estimated total yearly spend in that category, from all "
        "suppliers (Spanish names too: Cliente, Familia, Año, Importe…). A row is identified by "
        "account, category and year: re-importing updates, never duplicates. The separator, "
        "encoding and decimal separator are detected and printed; override them with "
        "--delimiter, --encoding and --decimal.",
    )
    common_import_args(parser)
    add_dialect_args(parser, dates=False)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kamtui.services.imports.finance import import_wallet

    return run_import(args, import_wallet, **dialect_kwargs(args))
