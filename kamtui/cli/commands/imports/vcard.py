"""`kamtui import vcard FILE --account A [--side theirs]`."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.commands.imports.shared import encoding_arg, run_import


def register(kinds: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = kinds.add_parser(
        "vcard",
        parents=parents,
        help="people of one account from a vCard file (.vcf: 2.1, 3.0 or 4.0)",
        description="Read every card of a .vcf file (versions 2.1 with quoted-printable and "
        "charsets, 3.0 and 4.0) as a person of ACCOUNT: name (FN, else N), title, the "
        "preferred e-mail and phone, and the function or decision role from ROLE or the "
        "department (ORG's second part) where it is one of kamtui's (English or Spanish) "
        "labels; ORG's company name is not checked. People are matched by name like "
        "`import people`: re-importing updates, never duplicates. All cards or none: errors "
        "name the card and its line.",
    )
    parser.add_argument("file", metavar="FILE", help="the .vcf file")
    parser.add_argument(
        "--account", required=True, metavar="ACCOUNT", help="the account (number or name)"
    )
    parser.add_argument(
        "--side",
        choices=("theirs", "ours"),
        default="theirs",
        help="whose people they are (default: theirs, the client's)",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        type=encoding_arg,
        help="file encoding (default: UTF-8, else Windows-1252)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="check the file and report; write nothing"
    )
    parser.set_defaults(handler=_run, map=[])


def _run(args: argparse.Namespace) -> int:
    from kamtui.services.imports.contacts import import_vcard

    def func(store: Any, path: Any, *, mapping: Any, **kwargs: Any) -> Any:
        return import_vcard(store, path, account=args.account, side=args.side, **kwargs)

    return run_import(args, func)
