"""`kamtui export DIR [--format csv|json] [--account A] [--excel]` and
`kamtui export vcard ACCOUNT [-o FILE] [--vcard-version 3.0|4.0] [--side S]`."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import CliError, open_db, out, write_private


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
        "a leading apostrophe, which the importers remove. "
        "`kamtui export vcard ACCOUNT` writes that account's people as vCards instead "
        "(to a folder named vcard: write ./vcard).",
    )
    parser.add_argument(
        "dir", metavar="DIR", help="folder to write (new, empty or an earlier export), or vcard"
    )
    parser.add_argument(
        "vcard_account", nargs="?", metavar="ACCOUNT", help="with vcard: the account"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="with vcard: the .vcf file (default: stdout)"
    )
    parser.add_argument(
        "--vcard-version",
        choices=("3.0", "4.0"),
        default="3.0",
        help="with vcard: 3.0 (default) or 4.0 (adds RELATED for links)",
    )
    parser.add_argument(
        "--side",
        choices=("theirs", "ours", "all"),
        default="theirs",
        help="with vcard: whose people (default: theirs, the client's)",
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

    if args.dir == "vcard":
        return _run_vcard(args)
    if args.vcard_account is not None:
        raise CliError(f"{args.vcard_account!r}: an export to a folder takes one DIR")
    from kamtui.progress import ProgressLine
    from kamtui.services.export import export

    store = open_db(args, readonly=True)
    try:
        with ProgressLine(f"exporting into {args.dir}") as line:
            report = export(
                store,
                args.dir,
                fmt=args.format,
                excel=args.excel,
                account=args.account,
                progress=line,
            )
    except ServiceError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    total = sum(report.counts.values())
    detail = ", ".join(f"{n} {kind}" for kind, n in report.counts.items())
    out(f"exported {total} record(s) to {report.folder}: {detail}")
    return 0


def _run_vcard(args: argparse.Namespace) -> int:
    import sys

    from kamtui.services.errors import ServiceError
    from kamtui.services.vcards import export_vcards

    if not args.vcard_account:
        raise CliError(
            "kamtui export vcard ACCOUNT: name the account (a folder named vcard: ./vcard)"
        )
    store = open_db(args)
    try:
        result = export_vcards(
            store, args.vcard_account, version=args.vcard_version, side=args.side
        )
    except ServiceError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    if args.output is None:
        sys.stdout.write(result.text)
        return 0
    try:
        write_private(args.output, result.text)
    except OSError as exc:
        raise CliError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    out(f"exported {result.count} card(s) of {result.account} to {args.output}")
    return 0
