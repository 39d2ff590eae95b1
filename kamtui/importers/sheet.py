"""What the finance exports (transactions and wallet estimates) share beyond
the CSV itself: columns found by alias among many ignored ones, cell checks
that name the field, errors collected by line, and one spelling per
category."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from kamtui.importers.csvfile import (
    CellChecker,
    CsvFile,
    ImportFailed,
    column_key,
    match_columns,
)
from kamtui.textsafe import clean, fold

MAX_ERRORS = 500

Progress = Callable[[int, int], None]  # (rows done, rows in all)


class ResolveAccount(Protocol):
    """An account cell (name or number) -> the account's id, or ValueError
    with the reason. The caller builds it from the database; parsers call it
    once per distinct cell."""

    def __call__(self, text: str, number_only: bool = False) -> int: ...


def known_columns(
    csv_file: CsvFile,
    aliases: dict[str, tuple[str, ...]],
    mapping: dict[str, str | None] | None,
    required: tuple[str, ...],
    one_of: tuple[str, ...],
) -> tuple[dict[str, int], list[str]]:
    """{field: column index} and notes. Columns that are neither mapped nor
    recognised are ignored and listed (finance exports carry many columns)."""
    mapping = dict(mapping or {})
    mapped = {fold(k): v for k, v in mapping.items()}
    lookup = {column_key(a): f for f, names in aliases.items() for a in (f, *names)}
    ignored = [
        h for h in csv_file.header if h and fold(h) not in mapped and column_key(h) not in lookup
    ]
    for h in ignored:
        mapping[h] = None
    if "" in csv_file.header:
        mapping[""] = None  # a trailing separator in the header: no column
    fields = {
        mapped[fold(h)] if fold(h) in mapped else lookup.get(column_key(h)) for h in csv_file.header
    }
    missing_one_of = []
    if one_of and not fields & set(one_of):
        missing_one_of.append(
            f"{csv_file.path}:1: {one_of[0]}: required column is missing "
            f"(a column with the account name or number: {', '.join(one_of)})"
        )
    try:
        columns = match_columns(csv_file, aliases, mapping, required=required)
    except ImportFailed as exc:
        raise ImportFailed(exc.errors + missing_one_of) from None
    if missing_one_of:
        raise ImportFailed(missing_one_of)
    index = {h: i for i, h in enumerate(csv_file.header) if h}
    notes = []
    if ignored:
        notes.append(
            "ignored column(s): " + ", ".join(repr(clean(h, one_line=True)) for h in ignored)
        )
    return {f: index[h] for h, f in columns.items()}, notes


def cell_checker(csv_file: CsvFile, cols: dict[str, int]) -> CellChecker:
    """Checks the mapped cells by their field's limits (errors name the field)
    and the ignored ones only for quotes that swallowed rows."""
    fields: dict[int, tuple[str, str | None]] = {
        i: (h or f"column {i + 1}", None) for i, h in enumerate(csv_file.header)
    }
    fields.update({i: (f, f) for f, i in cols.items()})
    return csv_file.checker(fields)


class Errors:
    """Collects `FILE:LINE: field: reason` lines (at most MAX_ERRORS listed,
    in line order; the rest counted)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[tuple[int, str]] = []
        self.count = 0

    def add(self, line: int, fieldname: str, reason: str) -> None:
        self.count += 1
        if len(self.lines) < MAX_ERRORS:
            self.lines.append(
                (line, f"{self.path}:{line}: {fieldname}: {clean(reason, one_line=True)}")
            )

    def raise_if_any(self) -> None:
        if self.count:
            lines = [text for _line, text in sorted(self.lines, key=lambda e: e[0])]
            if self.count > len(lines):
                lines.append(
                    f"{self.path}: … and {self.count - len(lines)} more error(s) not listed"
                )
            raise ImportFailed(lines)


class Categories:
    """One spelling per category: 'recambios' and 'Recambios ' become the
    spelling already in the database (or the first one seen)."""

    def __init__(self, known: Iterable[str] = ()) -> None:
        """`known`: the spellings in use, most used first (the first wins)."""
        self.by_fold: dict[str, str] = {}
        for name in known:
            self.by_fold.setdefault(fold(name), name)

    def canonical(self, text: str) -> str:
        value = " ".join(text.split())
        if not value:
            raise ValueError("is required")
        if len(value) > 80:
            raise ValueError(f"{value[:20]!r}…: longer than 80 characters")
        return self.by_fold.setdefault(fold(value), value)
