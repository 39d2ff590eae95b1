"""An account's numbers in other business units' systems, as people write
them in one cell or field: "ERP-Norte:4711; SAT:C-88" (unit, a colon, the
number; entries separated by semicolons or new lines)."""

from __future__ import annotations

import re
from collections.abc import Iterable

Identifier = tuple[str, str]  # (business unit, number)

MAX_UNIT = 60
MAX_NUMBER = 60
_SEPARATORS = re.compile(r"[;\n\r]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def parse_identifiers(text: str) -> tuple[Identifier, ...]:
    """'ERP-Norte:4711; SAT:C-88' -> (('ERP-Norte', '4711'), ('SAT', 'C-88')).
    Blank text is no identifier. ValueError naming the entry that is wrong."""
    found: list[Identifier] = []
    for raw in _SEPARATORS.split(text):
        entry = raw.strip()
        if not entry:
            continue
        unit, sep, number = entry.partition(":")
        if not sep:
            raise ValueError(f"{entry!r} has no business unit: write UNIT:NUMBER, e.g. SAT:C-88")
        found.append(check_identifier(unit, number))
    return unique(found)


def check_identifier(unit: str, number: str) -> Identifier:
    """One identifier, trimmed; ValueError saying what is wrong with it."""
    unit, number = unit.strip(), number.strip()
    if not unit:
        raise ValueError(f"{':' + number!r} has no business unit before the colon")
    if not number:
        raise ValueError(f"{unit + ':'!r} has no number after the colon")
    if len(unit) > MAX_UNIT:
        raise ValueError(f"business unit longer than {MAX_UNIT} characters")
    if len(number) > MAX_NUMBER:
        raise ValueError(f"number longer than {MAX_NUMBER} characters")
    if _CONTROL.search(unit + number):
        raise ValueError("control characters are not allowed")
    return (unit, number)


def unique(identifiers: Iterable[Identifier]) -> tuple[Identifier, ...]:
    """In order, each once; the same unit and number twice is an error."""
    seen: set[Identifier] = set()
    out: list[Identifier] = []
    for ident in identifiers:
        if ident in seen:
            raise ValueError(f"{format_identifiers([ident])!r} is given twice")
        seen.add(ident)
        out.append(ident)
    return tuple(out)


def format_identifiers(identifiers: Iterable[Identifier]) -> str:
    """The cell's form: 'ERP-Norte:4711; SAT:C-88'."""
    return "; ".join(f"{unit}:{number}" for unit, number in identifiers)
