from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.commands.imports.shared import add_preset_arg, common_import_args, run_import


def register(kinds: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = kinds.add_parser(
        "people",
        parents=parents,
        help="people CSV (both sides of each account's contact map)",
        description="Columns: account, side (ours/theirs), name (required), title, function, "
        "role, stance, email, phone, privacy_note (also their Spanish names: cuenta, lado, "
        "nombre, cargo, función, rol, postura…). Function, role and stance accept the keys "
        "and their English/Spanish labels. A person is matched by account, side and name: "
        "re-importing updates, never duplicates; a blank cell never erases a value.",
    )
    common_import_args(parser)
    add_preset_arg(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kamtui.services.imports.contacts import import_people

    return run_import(args, import_people, preset=args.preset)
