from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.commands.imports.shared import common_import_args, run_import


def register(kinds: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = kinds.add_parser(
        "links",
        parents=parents,
        help="links CSV (one of ours <-> one of theirs)",
        description="Columns: account, ours, theirs (people by name within the account, "
        "accents and case optional), strength (1 weak to 5 strong; blank = 3). Import people "
        "first. One link per pair: re-importing updates the strength, never duplicates.",
    )
    common_import_args(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kamtui.services.imports.contacts import import_links

    return run_import(args, import_links)
