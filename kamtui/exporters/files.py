"""Writing an export's files: CSV (plain, or for a Spanish-locale Excel) or
JSON, and the README.txt that describes them.

Plain CSV: UTF-8 without BOM, comma separated, decimal point, ISO dates.
`excel=True` is for a Spanish-locale Excel opening the file by double click:
';' separated, UTF-8 with a byte order mark (else Excel reads it as
Windows-1252) and decimal comma (else it reads 12.5 as text or a date).
Dates stay ISO (YYYY-MM-DD), which every Excel reads. Numbers never carry
thousands separators, so 1234,5 cannot be read as one thousand two hundred…

In both CSV forms a text cell that a spreadsheet would run as a formula
(starting with = + - @, tab or CR) is written with a leading apostrophe
(OWASP's advice); every kamtui importer takes it off again, so the data
round-trips unchanged. Number columns are written as numbers, never escaped."""

from __future__ import annotations

import csv
import json
import os
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from kamtui.exporters.spec import FILES, FileSpec

FORMATS = ("csv", "json")
README = "README.txt"
# The README's first line: how `kamtui import all` recognises an export.
MARK = "kamtui export"

Row = Mapping[str, Any]


def number_text(value: float | int, *, decimal_comma: bool = False) -> str:
    """A number as the importers read it, exactly: the shortest digits that
    give the same float back, positional (0.00001, which a spreadsheet reads
    as a number) unless that is longer than 24 characters (1e-231)."""
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if len(text) > 24:
        text = repr(float(value))
    return text.replace(".", ",") if decimal_comma else text


def csv_number(*, excel: bool) -> tuple[Callable[[float], str], bool]:
    """How the reader must turn a real number into a cell before `write_file`,
    and whether only numbers under 1e-4 need it: plain CSV writes Python's
    shortest repr, positional for all but those."""
    if excel:
        return (lambda value: number_text(value, decimal_comma=True)), False
    return number_text, True


def file_name(spec: FileSpec, fmt: str) -> str:
    return f"{spec.stem}.{fmt}"


def write_file(
    folder: Path,
    spec: FileSpec,
    chunks: Iterable[Sequence[Sequence[Any]]],
    *,
    fmt: str = "csv",
    excel: bool = False,
    progress: Callable[[int], None] | None = None,
    part: int | None = None,
) -> tuple[Path, int]:
    """Write one kind's rows, given in chunks of cells in `spec`'s column
    order and already made safe for the format (`cell`, `csv_number`,
    `formula_safe`: the reader applies them, in SQL where it can);
    (path, rows written). `progress(rows)` follows each chunk. The file is
    created owner-only (it holds personal data) and written whole or not at all.
    `part` (CSV only): the rows are that part of the file, written to a
    hidden `part_path` for `join_parts`; only part 0 starts with the header."""
    path = folder / file_name(spec, fmt)
    tmp = path.with_name(f".{path.name}.tmp") if part is None else part_path(folder, spec, part)
    if part is not None and fmt != "csv":
        raise ValueError("only CSV files are written in parts")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    n = 0
    try:
        head = not part
        encoding = "utf-8-sig" if excel and fmt == "csv" and head else "utf-8"
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            if fmt == "csv":
                writer = csv.writer(
                    fh, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n"
                )
                if head:
                    writer.writerow(spec.names)
                for chunk in chunks:
                    writer.writerows(chunk)
                    n += len(chunk)
                    if progress is not None:
                        progress(len(chunk))
            else:
                names = spec.names
                fh.write("[")
                for chunk in chunks:
                    for row in chunk:
                        record = json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False)
                        fh.write(("\n" if n == 0 else ",\n") + record)
                        n += 1
                    if progress is not None:
                        progress(len(chunk))
                fh.write("\n]\n" if n else "]\n")
            fh.flush()
            os.fsync(fh.fileno())
        if part is None:
            os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return (path if part is None else tmp), n


def part_path(folder: Path, spec: FileSpec, part: int) -> Path:
    return folder / f".{file_name(spec, 'csv')}.part{part}"


def join_parts(folder: Path, spec: FileSpec, parts: int) -> Path:
    """The CSV file of `spec` made of its `parts` written by `write_file`
    (0 first: it holds the header), byte for byte, in place of any earlier
    one; the parts are gone after."""
    first = part_path(folder, spec, 0)
    with first.open("ab") as out:
        for n in range(1, parts):
            with part_path(folder, spec, n).open("rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())
    path = folder / file_name(spec, "csv")
    os.replace(first, path)
    for n in range(1, parts):
        part_path(folder, spec, n).unlink(missing_ok=True)
    return path


def readme(*, fmt: str, excel: bool, account: str | None, counts: Mapping[str, int]) -> str:
    """README.txt: what every file and column holds, and how to read it back."""
    form = "csv-excel" if excel and fmt == "csv" else fmt
    lines = [
        f"{MARK} (format: {form})",
        "",
        "Everything kamtui keeps, one file per kind of record"
        + (f", for the account {account!r} only." if account else "."),
        "Read it back into an empty database with: kamtui --db NEW.db import all THIS_FOLDER",
        "(all files in one transaction: all or nothing). Each file also imports on its own with",
        "kamtui import KIND FILE, in the order listed below (accounts first).",
        "",
    ]
    if fmt == "csv":
        if excel:
            lines.append(
                "CSV for a Spanish-locale Excel: separated by ';', UTF-8 with a byte order mark, "
                "decimal comma (1234,5), no thousands separators."
            )
        else:
            lines.append(
                "CSV: UTF-8, separated by ',', decimal point (1234.5), no thousands separators."
            )
        lines += [
            "Dates are ISO: YYYY-MM-DD, moments YYYY-MM-DDTHH:MM. A blank cell is an empty value.",
            "A text cell starting with = + - @, a tab or a carriage return is written with a",
            "leading apostrophe ('=…) so that a spreadsheet never runs it as a formula; kamtui's",
            "importers remove that apostrophe, so the data comes back unchanged.",
        ]
    else:
        lines += [
            "JSON: each file is a list of objects with the columns below as keys; null is an",
            "empty value. Dates are ISO: YYYY-MM-DD, moments YYYY-MM-DDTHH:MM.",
        ]
    lines += [
        "Not included: the trash (deleted records), creation and edit timestamps, row",
        "versions and health snapshots (health is recomputed from the data).",
        "",
    ]
    for spec in FILES:
        count = counts.get(spec.kind)
        shown = f" ({count} rows)" if count is not None else ""
        lines.append(f"{file_name(spec, fmt)}{shown}: {spec.meaning}")
        width = max(len(c.name) for c in spec.columns)
        for c in spec.columns:
            lines.append(f"  {c.name.ljust(width)}  {c.meaning}")
        lines.append("")
    return "\n".join(lines)


def write_readme(folder: Path, text: str) -> Path:
    path = folder / README
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return path


def read_mark(text: str) -> str | None:
    """The format an export's README names ('csv', 'csv-excel', 'json'), or None."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    prefix = f"{MARK} (format: "
    if first.startswith(prefix) and first.endswith(")"):
        return first[len(prefix) : -1]
    return None
