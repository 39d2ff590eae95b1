"""What every `kamtui import KIND FILE` shares: its arguments, running the
importer and printing its report."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import CliError, err, open_db, out


def common_import_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE",
        help="CSV file with a header row (or a JSON file of a kamtui export)",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        type=encoding_arg,
        help="file encoding, e.g. utf-8 or cp1252 (default: UTF-8 with or without BOM, "
        "else Windows-1252)",
    )
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


def add_preset_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--preset",
        choices=("salesforce", "hubspot"),
        help="the file is another CRM's export: read its column names (unknown columns are "
        "ignored and listed; its record id is kept as an account identifier; people are the "
        "client's unless a side column says otherwise)",
    )


def encoding_arg(text: str) -> str:
    """--encoding: a text encoding Python knows (utf-8, cp1252, latin-1…)."""
    try:
        # b"" would not look the codec up; a byte also refuses codecs that are
        # not text encodings (hex, rot13).
        b"a".decode(text)
    except UnicodeError:
        pass  # a multi-byte encoding (utf-16…): it exists
    except LookupError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a known text encoding (e.g. utf-8, cp1252, latin-1, utf-16)"
        ) from None
    return text


def run_import(args: argparse.Namespace, func: Any, **kwargs: Any) -> int:
    """Open the store, run an importer, print its report or its errors."""
    from kamtui.importers.csvfile import ImportFailed, parse_mapping

    store = open_db(args)
    try:
        mapping = parse_mapping(args.map)
        report = func(
            store,
            args.file,
            dry_run=args.dry_run,
            mapping=mapping,
            encoding=getattr(args, "encoding", None),
            **kwargs,
        )
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
    for warning in report.warnings:
        out(f"warning: {warning}")
    return 0
