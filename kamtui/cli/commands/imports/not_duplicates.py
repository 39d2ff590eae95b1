from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.commands.imports.shared import common_import_args, run_import


def register(kinds: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = kinds.add_parser(
        "not_duplicates",
        parents=parents,
        help="pairs marked not a duplicate (the export's not_duplicates file)",
        description="Columns: kind (account or person), account (for two people: their "
        "account), a, b (two accounts by number or name, or two people of the account by "
        "name; side:name when a name is on both sides). `kamtui duplicates` and health then "
        "leave the pair out. A pair marked already is unchanged.",
    )
    common_import_args(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kamtui.services.imports.not_duplicates import import_not_duplicates

    return run_import(args, import_not_duplicates)
