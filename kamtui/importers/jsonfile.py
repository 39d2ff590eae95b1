"""Reading a JSON file as the importers read a CSV: the format `kamtui export
--format json` writes (a list of objects, one per line, the columns as keys).

Every importer takes it through `csvfile.read_csv` (a `.json` file comes
here), so a JSON row is checked exactly like a CSV row and its errors name
the line the object starts on: `FILE:LINE: column: reason`. Values are text,
numbers, true/false or null (an empty cell); a list or an object in a cell
is refused. JSON needs no formula-injection guard, so no cell is unescaped."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from kamtui.importers import limits
from kamtui.importers.csvfile import CellChecker, CsvFile, ImportFailed
from kamtui.textsafe import clean

_SPACE = re.compile(r"[ \t\n\r]*")


@dataclass
class JsonFile(CsvFile):
    """A JSON file's objects as rows of cells under a header (every key, in
    the order first seen). `text` is the decoded file, as for a CSV."""

    objects: tuple[tuple[int, dict[str, Any]], ...] = ()

    def rows(self) -> Iterator[tuple[int, int, list[str]]]:
        for line, obj in self.objects:
            yield line, 1, [_cell(obj.get(h)) for h in self.header]

    def checker(self, fields: dict[int, tuple[str, str | None]]) -> CellChecker:
        return _JsonChecker(self, fields)


def read_json(path: Path, text: str, encoding: str, assumptions: list[str]) -> JsonFile:
    """The file's objects with their first lines; raises ImportFailed naming
    the line of anything that is not a list of flat objects."""
    objects: list[tuple[int, dict[str, Any]]] = []
    errors: list[str] = []
    decoder = json.JSONDecoder()
    pos = _SPACE.match(text, 0).end()  # type: ignore[union-attr]
    if not text.startswith("[", pos):
        raise ImportFailed(
            [f"{path}:{_line(text, pos)}: not a JSON list of records (it must start with '[')"]
        )
    pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    line, counted = 1, 0
    header: dict[str, None] = {}
    while not text.startswith("]", pos):
        line += text.count("\n", counted, pos)
        counted = pos
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise ImportFailed(
                [f"{path}:{exc.lineno}: row: not valid JSON ({exc.msg}, column {exc.colno})"]
            ) from None
        if not isinstance(value, dict):
            errors.append(f"{path}:{line}: row: {_kind(value)}, expected an object {{…}}")
        else:
            for key, cell in value.items():
                if isinstance(cell, dict | list):
                    errors.append(
                        f"{path}:{line}: {clean(key, one_line=True)}: "
                        f"{_kind(cell)}, expected text, a number or null"
                    )
                header.setdefault(key.strip(), None)
            objects.append((line, {k.strip(): v for k, v in value.items()}))
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text.startswith(",", pos):
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
        elif not text.startswith("]", pos):
            where = _line(text, pos)
            raise ImportFailed([f"{path}:{where}: row: expected ',' or ']' after a record"])
    rest = text[pos + 1 :].strip()
    if rest:
        errors.append(f"{path}:{_line(text, pos)}: row: text after the closing ']'")
    if errors:
        raise ImportFailed(errors[:500])
    if not objects:
        raise ImportFailed([f"{path}:1: no records (an empty list)"])
    return JsonFile(path, encoding, ",", list(header), text, assumptions, objects=tuple(objects))


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _kind(value: Any) -> str:
    return (
        "a list"
        if isinstance(value, list)
        else "an object"
        if isinstance(value, dict)
        else (f"the value {clean(json.dumps(value), one_line=True)[:40]}")
    )


def _cell(value: Any) -> str:
    """A JSON value as the CSV cell an importer reads: null is empty, a
    number in plain decimal digits where that is short (0.00001, not 1e-05)."""
    if value is None or value is False:
        return ""
    if value is True:
        return "yes"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if "e" in text or "E" in text:
            # positional unless that is longer (1e-92), as the CSV export writes it
            plain = format(Decimal(text), "f")
            text = plain if len(plain) <= 24 else text
        return text.removesuffix(".0")
    return str(value)


class _JsonChecker(CellChecker):
    """The CSV cell checks without the quoting diagnoses: a JSON cell is one
    value on its record's line, whatever line breaks it holds."""

    def __call__(self, line: int, span: int, row: list[str]) -> list[tuple[int, str, str]]:
        out: list[tuple[int, str, str]] = []
        for i, (label, fieldname) in self.fields:
            if fieldname is None or i >= len(row):
                continue
            value = row[i]
            limit = limits.max_chars(fieldname)
            if len(value) > limit:
                out.append((line, label, f"{len(value):,} characters; at most {limit:,}"))
                continue
            if fieldname not in limits.MULTI_LINE and limits.LINE_BREAK.search(value):
                out.append((line, label, f"{fieldname} must be one line, without line breaks"))
                continue
            bad = (
                limits.FREE_TEXT_BAD if fieldname in limits.MULTI_LINE else limits.ONE_LINE_BAD
            ).search(value)
            if bad:
                out.append(
                    (
                        line,
                        label,
                        f"contains {limits.describe(bad.group())} at character "
                        f"{bad.start() + 1}; remove it",
                    )
                )
        return out
