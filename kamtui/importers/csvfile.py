"""Reading CSV files as real people's spreadsheets write them: UTF-8 with or
without BOM or Windows-1252, comma, semicolon or tab separated."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kamtui.textsafe import fold


class ImportFailed(Exception):
    """Nothing was written; `errors` are `FILE:LINE: column: reason` lines."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class CsvFile:
    path: Path
    encoding: str
    delimiter: str
    header: list[str]
    text: str
    assumptions: list[str] = field(default_factory=list)

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(first line number of the record, {header: value}) for each data row."""
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
        next(reader, None)
        start = reader.line_num + 1
        for row in reader:
            line = start
            start = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            values = {h: (row[i] if i < len(row) else "") for i, h in enumerate(self.header)}
            if len(row) > len(self.header) and any(c.strip() for c in row[len(self.header) :]):
                values["\0extra"] = str(len(row) - len(self.header))
            yield line, values


def read_csv(
    path: Path | str, *, encoding: str | None = None, delimiter: str | None = None
) -> CsvFile:
    path = Path(path)
    if path.is_dir():
        raise ImportFailed([f"{path}: is a directory, not a CSV file"])
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed([f"{path}: file not found"]) from None
    except PermissionError:
        raise ImportFailed([f"{path}: cannot be read (permission denied)"]) from None
    assumptions: list[str] = []
    if encoding is None:
        try:
            text = raw.decode("utf-8-sig")
            encoding = "utf-8"
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
            encoding = "cp1252"
            assumptions.append(
                "encoding: not UTF-8, read as Windows-1252 (use --encoding to override)"
            )
    else:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ImportFailed([f"{path}: cannot decode as {encoding}: {exc}"]) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ImportFailed([f"{path}:1: the file is empty (a header row is required)"])
    first_line = text.splitlines()[0]
    if delimiter is None:
        counts = {d: first_line.count(d) for d in (",", ";", "\t")}
        delimiter = max(counts, key=lambda d: counts[d])
        if counts[delimiter] == 0:
            delimiter = ","
        if delimiter != ",":
            assumptions.append(f"separator: {'tab' if delimiter == chr(9) else repr(delimiter)}")
    header = next(csv.reader([first_line], delimiter=delimiter))
    header = [h.strip() for h in header]
    return CsvFile(path, encoding, delimiter, header, text, assumptions)


def match_columns(
    csv_file: CsvFile,
    aliases: dict[str, tuple[str, ...]],
    mapping: dict[str, str | None] | None = None,
    required: tuple[str, ...] = (),
) -> dict[str, str]:
    """Map each header to a field: explicit --map first, then field names and
    English/Spanish aliases, case- and accent-insensitively. Unknown or missing
    columns raise ImportFailed. Returns {header: field}; ignored headers are left out."""
    mapping = {fold(k): v for k, v in (mapping or {}).items()}
    lookup: dict[str, str] = {}
    for fieldname, names in aliases.items():
        for alias in (fieldname, *names):
            lookup[_key(alias)] = fieldname
    errors: list[str] = []
    out: dict[str, str] = {}
    seen: dict[str, str] = {}
    for header in csv_file.header:
        if fold(header) in mapping:
            target = mapping[fold(header)]
            if target is None:
                continue
            if target not in aliases:
                errors.append(
                    f"{csv_file.path}:1: {header}: --map target {target!r} is not a field; "
                    f"valid: {', '.join(aliases)}"
                )
                continue
        else:
            found = lookup.get(_key(header))
            if found is None:
                errors.append(
                    f"{csv_file.path}:1: {header}: unknown column; map it with "
                    f"--map '{header}=FIELD' (fields: {', '.join(aliases)}) or ignore it with "
                    f"--map '{header}='"
                )
                continue
            target = found
        if target in seen:
            errors.append(
                f"{csv_file.path}:1: {header}: same field as column {seen[target]!r} ({target})"
            )
            continue
        seen[target] = header
        out[header] = target
    for fieldname in required:
        if fieldname not in seen:
            errors.append(f"{csv_file.path}:1: {fieldname}: required column is missing")
    if errors:
        raise ImportFailed(errors)
    return out


def _key(name: str) -> str:
    return "".join(ch for ch in fold(name) if ch.isalnum())


def parse_mapping(items: list[str] | None) -> dict[str, str | None]:
    """--map 'Column=field' (or 'Column=' to ignore a column)."""
    out: dict[str, str | None] = {}
    for item in items or []:
        if "=" not in item:
            raise ImportFailed([f"--map {item!r}: expected COLUMN=FIELD"])
        column, target = item.split("=", 1)
        out[column.strip()] = target.strip() or None
    return out
