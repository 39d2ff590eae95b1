"""`kamtui import transactions FILE`."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.commands.imports.shared import common_import_args, run_import

DIALECT_HELP = (
    "The separator (',' ';' tab), the encoding (UTF-8 with or without BOM, else Windows-1252), "
    "the decimal separator and the date order are detected from the file and printed; override "
    "them with --delimiter, --encoding, --decimal and --dayfirst/--no-dayfirst."
)


_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}


def delimiter_arg(text: str) -> str:
    """--delimiter: one character, or its name; anything else is a usage error."""
    value = _DELIMITER_NAMES.get(text.lower(), text)
    if len(value) != 1 or value in '"\r\n\0':
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a separator: give one character such as ',' ';' or 'tab'"
        )
    return value


def add_dialect_args(parser: argparse.ArgumentParser, *, dates: bool = True) -> None:
    """--delimiter, --decimal and --dayfirst (--encoding is every kind's)."""
    parser.add_argument(
        "--delimiter",
        metavar="CHAR",
        type=delimiter_arg,
        help="column separator: ',' ';' or 'tab' (default: detect from the header)",
    )
    parser.add_argument(
        "--decimal",
        choices=(",", "."),
        help="decimal separator of amounts; the other one is read as thousands (default: detect)",
    )
    if dates:
        parser.add_argument(
            "--dayfirst",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="dates like 03/04/2025 are day first (--dayfirst, 3 April) or month first "
            "(--no-dayfirst, 4 March); ISO dates are always read as year-month-day "
            "(default: detect, else day first)",
        )


def dialect_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {
        "delimiter": args.delimiter,
        "decimal": args.decimal,
    }
    if hasattr(args, "dayfirst"):
        out["dayfirst"] = args.dayfirst
    return out


def register(kinds: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = kinds.add_parser(
        "transactions",
        parents=parents,
        help="transactions (orders, invoices) CSV from finance",
        description="Columns: date, account (name or account number) or account_number, amount, "
        "category, document (the invoice or order number), optional margin; also their usual "
        "English and Spanish names (Fecha, Cliente, Importe, Familia, Nº Factura, Margen…). "
        "Other columns are ignored and listed. A row is identified by its account and document: "
        "re-importing a file changes nothing, and a changed row updates the stored one. "
        + DIALECT_HELP,
    )
    common_import_args(parser)
    add_dialect_args(parser)
    parser.add_argument(
        "--margin",
        choices=("fraction", "percent", "amount"),
        help="how the margin column is written: 0.23, 23 (%%) or money (default: detect)",
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kamtui.progress import ProgressLine
    from kamtui.services.imports.finance import import_transactions

    with ProgressLine(f"reading {args.file}") as progress:
        return run_import(
            args,
            import_transactions,
            margin=args.margin,
            progress=progress,
            **dialect_kwargs(args),
        )
