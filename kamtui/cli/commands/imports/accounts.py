from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.commands.imports.shared import add_preset_arg, common_import_args, run_import


def register(kinds: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = kinds.add_parser(
        "accounts",
        parents=parents,
        help="accounts CSV",
        description="Columns: name (required), account_number, tax_id, industry, tier, owner, "
        "phone, email, address, cadence_days (also their Spanish names: nombre, cif, sector…). "
        "Rows match existing accounts by account_number, else by name: re-importing updates, "
        "never duplicates.",
    )
    common_import_args(parser)
    add_preset_arg(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kamtui.services.imports.contacts import import_accounts

    return run_import(args, import_accounts, preset=args.preset)
