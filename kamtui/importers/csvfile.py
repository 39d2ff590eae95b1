"""Reading CSV files as real people's spreadsheets write them: UTF-8 with or
without BOM or Windows-1252, comma, semicolon or tab separated."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from kamtui.importers import limits
from kamtui.textsafe import clean, fold, formula_unsafe, has_formula_escape


class ImportFailed(Exception):
    """Nothing was written; `errors` are `FILE:LINE: column: reason` lines."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


T = TypeVar("T")


@dataclass
class Parsed(Generic[T]):
    """A parsed file: its valid rows, how many data rows it had and what was
    assumed reading it (encoding, separator…)."""

    rows: int
    items: list[T]
    assumptions: list[str]
    extras: list[Any] = field(default_factory=list)  # per item, what its model does not hold
    # per item, (business unit, number) of an identifier it comes with, or None
    identifiers: list[tuple[str, str] | None] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # per item, its line in the file


@dataclass
class CsvFile:
    path: Path
    encoding: str
    delimiter: str
    header: list[str]
    text: str
    assumptions: list[str] = field(default_factory=list)

    def rows(self) -> Iterator[tuple[int, int, list[str]]]:
        """(first line, number of lines, cells) of each record after the header.
        A cell written "'=…" (an export's guard against formula injection,
        textsafe.formula_safe) is read as "=…".
        A quote left open or followed by text raises ImportFailed naming the
        line where it opened and its column (csv's strict mode finds them)."""
        if csv.field_size_limit() < limits.CSV_FIELD_SIZE_LIMIT:
            csv.field_size_limit(limits.CSV_FIELD_SIZE_LIMIT)
        reader = csv.reader(
            io.StringIO(self.text, newline=""), delimiter=self.delimiter, strict=True
        )
        start = 1
        # Cells a spreadsheet-safe export wrote as "'=…" are read back as "=…".
        unescape = formula_unsafe if has_formula_escape(self.text) else None
        try:
            next(reader, None)
            start = reader.line_num + 1
            for row in reader:
                line = start
                start = reader.line_num + 1
                if unescape is not None:
                    row = [unescape(cell) for cell in row]
                yield line, start - line, row
        except csv.Error as exc:
            raise ImportFailed([self._broken_record(start, exc)]) from None

    def records(
        self, columns: dict[str, str], *, extra_cells: bool = False
    ) -> Iterator[tuple[int, dict[str, str], list[str]]]:
        """(first line of the record, {header: value}, error lines about its
        cells) for each non-blank data row; `columns` maps header -> field.
        Filled cells beyond the header are an error line (when the cells are
        fine) unless `extra_cells` (a CRM's export may carry them)."""
        check = self.checker({i: (h, columns.get(h)) for i, h in enumerate(self.header)})
        for line, span, row in self.rows():
            if not any(cell.strip() for cell in row):
                continue
            problems = [f"{self.path}:{n}: {col}: {why}" for n, col, why in check(line, span, row)]
            values = {h: (row[i] if i < len(row) else "") for i, h in enumerate(self.header)}
            extra = len(row) - len(self.header)
            if (
                not (problems or extra_cells)
                and extra > 0
                and any(c.strip() for c in row[len(self.header) :])
            ):
                problems.append(f"{self.path}:{line}: row: {extra} more cells than the header")
            yield line, values, problems

    def checker(self, fields: dict[int, tuple[str, str | None]]) -> CellChecker:
        """A cell check for rows of this file; `fields` is {column index:
        (label used in errors, field name, or None for an ignored column)}."""
        return CellChecker(self, fields)

    def _broken_record(self, start: int, exc: csv.Error) -> str:
        lines = io.StringIO(self.text, newline="")
        for _ in range(start - 1):
            next(lines, None)
        found = _bad_quote(lines.read(), self.delimiter)
        if found is None:  # not a quoting problem: say what csv says
            return f"{self.path}:{start}: row: cannot be read as CSV ({exc})"
        cell, opened, closed, after = found
        label = self.header[cell] if cell < len(self.header) else ""
        column = label or f"column {cell + 1}"
        if closed is None:
            ends = len(limits.LINE_BREAK.findall(self.text)) + (
                0 if self.text.endswith(("\n", "\r")) else 1
            )
            reason = (
                "a quote opens here and is never closed: the file ends inside it "
                f"(line {ends}); close the quote"
            )
        else:
            reason = (
                f"the quote opened here closes "
                f"{'on this line' if closed == opened else f'on line {start + closed}'} and is followed by "
                f"{clean(after, one_line=True)!r}, not by a separator; quote the whole cell "
                'and write a quote inside it as ""'
            )
        return f"{self.path}:{start + opened}: {column}: {reason}"


class CellChecker:
    """Checks the cells of each row against `limits`: length, control and bidi
    characters, line breaks in one-line fields, and quoted text that
    swallowed further records. Called once per row: the common case (no
    suspect character anywhere in the file, a one-line record, short cells)
    costs a few length comparisons."""

    def __init__(self, csv_file: CsvFile, fields: dict[int, tuple[str, str | None]]) -> None:
        self.fields = sorted(fields.items())
        self.width = len(csv_file.header)
        self.delimiter = csv_file.delimiter
        self.lengths = [(i, limits.max_chars(f)) for i, (_label, f) in self.fields if f is not None]
        self.suspect = limits.ANY_BAD.search(csv_file.text) is not None

    def __call__(self, line: int, span: int, row: list[str]) -> list[tuple[int, str, str]]:
        """[(line, label, reason)] for the bad cells of a record starting on `line`."""
        if span == 1 and not self.suspect:
            n = len(row)
            for i, limit in self.lengths:
                if i < n and len(row[i]) > limit:
                    break
            else:
                return []
        return self._check(line, row)

    def _check(self, line: int, row: list[str]) -> list[tuple[int, str, str]]:
        out = []
        opened = [line] * len(row)  # the line each cell starts on
        for i in range(1, len(row)):
            opened[i] = opened[i - 1] + len(limits.LINE_BREAK.findall(row[i - 1]))
        for i, (label, fieldname) in self.fields:
            if i >= len(row):
                continue
            value, at = row[i], opened[i]
            breaks = len(limits.LINE_BREAK.findall(value))
            if fieldname is None or fieldname in limits.MULTI_LINE:
                if breaks and (swallowed := self._swallowed(value)):
                    out.append((at, label, self._swallow_reason(at, breaks, swallowed)))
                    continue
                if fieldname is None:
                    continue
            limit = limits.max_chars(fieldname)
            if len(value) > limit:
                out.append((at, label, f"{len(value):,} characters; at most {limit:,}"))
                continue
            if fieldname not in limits.MULTI_LINE and breaks:
                out.append(
                    (
                        at,
                        label,
                        f"a quote opened on this line runs to line {at + breaks}, but "
                        f"{fieldname} must be one line (a closing quote missing?)",
                    )
                )
                continue
            bad = (
                limits.FREE_TEXT_BAD if fieldname in limits.MULTI_LINE else limits.ONE_LINE_BAD
            ).search(value)
            if bad:
                out.append(
                    (
                        at,
                        label,
                        f"contains {limits.describe(bad.group())} at character "
                        f"{bad.start() + 1}; remove it",
                    )
                )
        return out

    def _swallowed(self, value: str) -> list[str]:
        """The inner lines of a multi-line cell that read as whole records of
        this file: a stray quote swallowed them. The first and last lines are
        left out (they belong to the cell's own record)."""
        if self.width < 3:
            return []  # too few columns to tell a record from a line of text
        inner = limits.LINE_BREAK.split(value)[1:-1]
        return [
            text
            for text in inner
            if text.count(self.delimiter) >= self.width - 1
            and len(next(csv.reader([text], delimiter=self.delimiter), [])) == self.width
        ]

    def _swallow_reason(self, at: int, breaks: int, swallowed: list[str]) -> str:
        example = clean(swallowed[0][:60], one_line=True)
        return (
            f"a quote opened on this line runs to line {at + breaks} and takes in "
            f"{len(swallowed)} line(s) that look like rows (e.g. {example!r}); close the "
            'quote, or write a quote inside quoted text as ""'
        )


def _bad_quote(text: str, delimiter: str) -> tuple[int, int, int | None, str] | None:
    """For the first badly quoted cell of the record `text` starts with:
    (cell index, line offset where its quote opens, line offset where it
    closes or None if never, the text after the closing quote); else None."""
    i, n, cell, line = 0, len(text), 0, 0
    while i < n:
        if text[i] != '"':  # an unquoted cell: up to the separator or the line's end
            ends = (text.find(delimiter, i), text.find("\n", i), text.find("\r", i))
            j = min((e for e in ends if e >= 0), default=n)
            if j >= n or text[j] != delimiter:
                return None
            cell, i = cell + 1, j + 1
            continue
        opened, i = line, i + 1
        while True:
            j = text.find('"', i)
            if j < 0:
                return cell, opened, None, ""
            line += len(limits.LINE_BREAK.findall(text, i, j))
            if text.startswith('""', j):
                i = j + 2
                continue
            i = j + 1
            break
        if i < n and text[i] == delimiter:
            cell, i = cell + 1, i + 1
            continue
        if i >= n or text[i] in "\r\n":
            return None
        return cell, opened, line, limits.LINE_BREAK.split(text[i : i + 20], maxsplit=1)[0]
    return None


# Byte order marks other than UTF-8's: Excel's "Unicode text" is UTF-16 LE.
# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_csv(
    path: Path | str, *, encoding: str | None = None, delimiter: str | None = None
) -> CsvFile:
    path = Path(path)
    if path.is_dir():
        raise ImportFailed([f"{path}: is a directory, not a CSV file"])
    if delimiter is not None and (len(delimiter) != 1 or delimiter in '"\r\n\0'):
        raise ImportFailed(
            [f"--delimiter {delimiter!r}: expected one character such as ',' ';' or tab"]
        )
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed([f"{path}: file not found"]) from None
    except PermissionError:
        raise ImportFailed([f"{path}: cannot be read (permission denied)"]) from None
    except OSError as exc:
        raise ImportFailed([f"{path}: cannot be read ({exc.strerror or exc})"]) from None
    assumptions: list[str] = []
    if encoding is None:
        encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), None)
        if encoding is not None:
            assumptions.append(f"encoding: {encoding} (from the byte order mark)")
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
    if path.suffix.lower() == ".json":
        # Here, not at the top: jsonfile builds on this module's CsvFile.
        from kamtui.importers.jsonfile import read_json

        return read_json(path, text, encoding, assumptions)
    # The first line as csv reads lines (str.splitlines also splits at \x1c, \x85…).
    first_line = limits.LINE_BREAK.split(text, maxsplit=1)[0]
    if delimiter is None:
        counts = {d: first_line.count(d) for d in (",", ";", "\t")}
        delimiter = max(counts, key=lambda d: counts[d])
        if counts[delimiter] == 0:
            delimiter = ","
        if delimiter != ",":
            assumptions.append(f"separator: {'tab' if delimiter == chr(9) else repr(delimiter)}")
    csv_file = CsvFile(path, encoding, delimiter, [], text, assumptions)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise ImportFailed([csv_file._broken_record(1, exc)]) from None
    if reader.line_num > 1:
        raise ImportFailed(
            [
                f"{path}:1: header: a quote in the header runs to line {reader.line_num}; "
                "the header must be one line"
            ]
        )
    csv_file.header = [h.strip() for h in header]
    return csv_file


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
            lookup[column_key(alias)] = fieldname
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
            found = lookup.get(column_key(header))
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


def column_key(name: str) -> str:
    """A header as aliases are compared: folded, letters and digits only."""
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
