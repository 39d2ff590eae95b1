"""Parse pairs marked "not a duplicate" (the `not_duplicates` file of an
export): two accounts, or two people of one account, each row validated.
Writing them is kamtui.services.imports's job."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kamtui.importers.csvfile import ImportFailed, Parsed, match_columns, read_csv
from kamtui.importers.people import AccountOf
from kamtui.textsafe import clean

# (account_id, person as written: "Name" or "side:Name") -> id, else ValueError.
FindPerson = Callable[[int, str], int]
# kind, smaller id, larger id: how not_duplicates keeps a pair.
Row = tuple[str, int, int]

KINDS = ("account", "person")
ALIASES: dict[str, tuple[str, ...]] = {
    "kind": ("tipo", "type"),
    "account": ("cuenta", "cliente", "empresa", "account name", "company"),
    "a": ("first", "primero", "uno"),
    "b": ("second", "segundo", "otro"),
}


def parse_not_duplicates(
    path: Path | str,
    *,
    account_of: AccountOf,
    find_person: FindPerson,
    mapping: dict[str, str | None] | None = None,
    encoding: str | None = None,
) -> Parsed[Row]:
    """Every row validated as a pair of two different accounts, or of two
    different people of the account; raises ImportFailed listing every
    problem."""
    csv_file = read_csv(path, encoding=encoding)
    columns = match_columns(csv_file, ALIASES, mapping, required=("kind", "a", "b"))
    reverse = {f: h for h, f in columns.items()}
    rows = 0
    errors: list[str] = []
    parsed: list[Row] = []
    seen: dict[Row, int] = {}
    for line, record, problems in csv_file.records(columns):
        rows += 1
        if problems:
            errors.extend(problems)
            continue
        where = f"{csv_file.path}:{line}"
        values = {columns[h]: v.strip() for h, v in record.items() if h in columns}
        kind = values.get("kind", "").lower()
        if kind not in KINDS:
            shown = clean(values.get("kind", ""), one_line=True)
            errors.append(f"{where}: {reverse['kind']}: {shown!r} is neither account nor person")
            continue
        try:
            first, second = _pair(kind, values, account_of, find_person)
        except _RowError as exc:
            column = reverse.get(exc.column, exc.column)
            errors.append(f"{where}: {column}: {clean(exc.reason, one_line=True)}")
            continue
        if first == second:
            errors.append(f"{where}: {reverse['b']}: the same record as a; a pair needs two")
            continue
        pair: Row = (kind, min(first, second), max(first, second))
        if pair in seen:
            errors.append(f"{where}: row: the same pair as line {seen[pair]}")
            continue
        seen[pair] = line
        parsed.append(pair)
    if errors:
        raise ImportFailed(errors)
    return Parsed(rows, parsed, list(csv_file.assumptions))


class _RowError(Exception):
    def __init__(self, column: str, reason: str) -> None:
        self.column = column
        self.reason = reason


def _account(values: dict[str, str], column: str, account_of: AccountOf) -> int:
    found = account_of(values.get(column, ""))
    if isinstance(found, str):
        raise _RowError(column, found)
    return found


def _pair(
    kind: str, values: dict[str, str], account_of: AccountOf, find_person: FindPerson
) -> tuple[int, int]:
    """The pair's two ids; _RowError for the first problem."""
    if kind == "account":
        return _account(values, "a", account_of), _account(values, "b", account_of)
    account = _account(values, "account", account_of)
    ids: list[int] = []
    for column in ("a", "b"):
        name = values.get(column, "")
        if not name:
            raise _RowError(column, "is required")
        try:
            ids.append(find_person(account, name))
        except ValueError as exc:
            raise _RowError(column, str(exc)) from None
    return ids[0], ids[1]
