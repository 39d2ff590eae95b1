"""`kamtui import KIND FILE`: one sub-command per kind of file.

Each kind's module defines register(kinds, parents) and keeps its importer's
imports inside its handler, so importing them all stays cheap."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.commands.imports import (
    accounts,
    links,
    not_duplicates,
    people,
    records,
    transactions,
    vcard,
    wallet,
)
from kamtui.cli.common import Register

# The kinds, in the order help lists them. Add new kinds here.
KINDS: dict[str, Register] = {
    "accounts": accounts.register,
    "transactions": transactions.register,
    "wallet": wallet.register,
    "people": people.register,
    "links": links.register,
    "vcard": vcard.register,
    **{kind: records.register_kind(kind) for kind in records.HELP},
    "not_duplicates": not_duplicates.register,
    "all": records.register_all,
}


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import",
        parents=parents,
        help="import accounts, people, links, transactions… from CSV; people from vCards",
        description="Import data from files. Imports are all-or-nothing: any invalid row "
        "aborts the import with every error listed as FILE:LINE: column: reason (exit 2).",
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    for register_kind in KINDS.values():
        register_kind(kinds, parents)
