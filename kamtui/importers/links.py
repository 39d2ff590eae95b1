"""Parse links (one of ours ↔ one of theirs) from CSV, people named within
their account: every row validated, one link per pair. Writing them is
kamtui.services.imports's job."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kamtui.importers.csvfile import ImportFailed, Parsed, match_columns, read_csv
from kamtui.importers.people import AccountOf
from kamtui.textsafe import clean

# (account_id, name, side) -> the person's id, or ValueError with the reason.
FindPerson = Callable[[int, str, str], int]
# account_id, our person, their person, the strength given (None: blank cell).
Row = tuple[int, int, int, int | None]

ALIASES: dict[str, tuple[str, ...]] = {
    "account": ("cuenta", "cliente", "empresa", "account name", "company"),
    "ours": (
        "our person",
        "nuestro",
        "nuestra persona",
        "nosotros",
        "de los nuestros",
        "us",
        "from",
    ),
    "theirs": ("their person", "suyo", "cliente persona", "contacto", "ellos", "to"),
    "strength": ("fuerza", "intensidad", "weight", "peso"),
}
DEFAULT_STRENGTH = 3


def parse_links(
    path: Path | str,
    *,
    account_of: AccountOf,
    find_person: FindPerson,
    mapping: dict[str, str | None] | None = None,
    encoding: str | None = None,
) -> Parsed[Row]:
    """Every row validated as a link between two people of an account;
    raises ImportFailed listing every problem."""
    csv_file = read_csv(path, encoding=encoding)
    columns = match_columns(csv_file, ALIASES, mapping, required=("account", "ours", "theirs"))
    reverse = {f: h for h, f in columns.items()}
    rows = 0
    errors: list[str] = []
    parsed: list[Row] = []
    seen: dict[tuple[int, int], int] = {}
    for line, record, problems in csv_file.records(columns):
        rows += 1
        if problems:
            errors.extend(problems)
            continue
        where = f"{csv_file.path}:{line}"
        values = {columns[h]: v.strip() for h, v in record.items() if h in columns}
        text = values.get("strength", "")
        strength = _strength(text)
        if text and strength is None:
            errors.append(
                f"{where}: {reverse['strength']}: {clean(text, one_line=True)!r} is not a "
                "strength; use a whole number 1 (weak) to 5 (strong)"
            )
        account = account_of(values.get("account", ""))
        if isinstance(account, str):
            errors.append(f"{where}: {reverse['account']}: {account}")
            continue
        ids: dict[str, int] = {}
        for side in ("ours", "theirs"):
            name = values.get(side, "")
            if not name:
                errors.append(f"{where}: {reverse[side]}: is required")
                continue
            try:
                ids[side] = find_person(account, name, side)
            except ValueError as exc:
                errors.append(f"{where}: {reverse[side]}: {clean(str(exc), one_line=True)}")
        if len(ids) < 2 or (text and strength is None):
            continue
        pair = (ids["ours"], ids["theirs"])
        if pair in seen:
            errors.append(f"{where}: {reverse['theirs']}: duplicate of line {seen[pair]}")
            continue
        seen[pair] = line
        parsed.append((account, pair[0], pair[1], strength))
    if errors:
        raise ImportFailed(errors)
    return Parsed(rows, parsed, list(csv_file.assumptions))


def _strength(text: str) -> int | None:
    """1..5 from "4" or "4.0"; None when blank or not a whole number 1..5."""
    try:
        value = float(text.replace(",", "."))
        whole = int(value)
    except (ValueError, OverflowError):
        return None
    return whole if value == whole and 1 <= whole <= 5 else None
