"""Parse the records an export holds beyond accounts, people, links and
finance: account identifiers, interactions (with who took part), their next
steps, complaints, facts, goals and goal actions. Every row is validated and
every problem reported as `FILE:LINE: column: reason`; nothing here sees the
database: where a row names something stored (an account, a person, an
interaction, a goal) the caller passes a lookup (kamtui.services.imports).

Dates are ISO (2025-03-25, moments 2025-03-25T10:30), as kamtui writes them.
Numbers take a decimal point or comma and no thousands separators."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kamtui import vocab
from kamtui.importers import limits
from kamtui.importers.csvfile import ImportFailed, Parsed, match_columns, read_csv
from kamtui.importers.people import AccountOf
from kamtui.textsafe import clean, fold

# (account_id, person as written: "Name" or "side:Name") -> id, else ValueError.
FindPerson = Callable[[int, str], int]
# (account_id, when, summary) -> the interaction's id, else ValueError.
FindInteraction = Callable[[int, str, str], int]
# (account_id, title, start) -> the goal's id, else ValueError.
FindGoal = Callable[[int, str, str], int]

Row = dict[str, Any]


@dataclass
class Lookups:
    """How rows name stored things; built from the database by the caller."""

    account: AccountOf
    person: FindPerson | None = None
    interaction: FindInteraction | None = None
    goal: FindGoal | None = None


def _refs(*pairs: tuple[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return dict(pairs)


_ACCOUNT = ("account", ("cuenta", "cliente", "empresa", "account name", "company"))
_ABOUT = (
    ("interaction_when", ("interaction date", "fecha interaccion")),
    ("interaction_summary", ("interaction", "interaccion", "resumen interaccion")),
)

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "identifiers": _refs(
        _ACCOUNT,
        ("business_unit", ("unidad de negocio", "unit", "unidad", "system", "sistema")),
        ("number", ("número", "numero", "account number", "número de cuenta", "code", "código")),
    ),
    "interactions": _refs(
        _ACCOUNT,
        ("when", ("fecha", "date", "cuando", "cuándo", "occurred_at")),
        ("channel", ("canal",)),
        ("level", ("nivel",)),
        ("kind", ("tipo",)),
        ("with", ("con", "participants", "participantes", "asistentes")),
        ("mood", ("ánimo", "animo", "humor")),
        ("summary", ("resumen", "asunto")),
        ("notes", ("notas",)),
    ),
    "next_steps": _refs(
        _ACCOUNT,
        *_ABOUT,
        ("text", ("texto", "next step", "próximo paso", "paso")),
        ("due", ("vence", "fecha límite", "due date", "due_date")),
        ("done", ("hecho", "done at", "done_at", "completado")),
    ),
    "complaints": _refs(
        _ACCOUNT,
        ("opened", ("abierta", "fecha", "opened_at", "date")),
        ("severity", ("gravedad", "severidad")),
        ("status", ("estado",)),
        ("complaint_title", ("title", "título", "titulo", "asunto")),
        ("description", ("descripción", "descripcion")),
        ("in_progress", ("en curso", "in_progress_at", "started")),
        ("resolved", ("resuelta", "resolved_at")),
        ("resolution", ("resolución", "resolucion", "solución", "solucion")),
        *_ABOUT,
    ),
    "facts": _refs(
        _ACCOUNT,
        ("person", ("persona", "quién", "quien", "who")),
        ("kind", ("tipo",)),
        ("text", ("texto", "fact", "hecho", "dato")),
        *_ABOUT,
    ),
    "goals": _refs(
        _ACCOUNT,
        ("type", ("tipo",)),
        ("category", ("categoría", "categoria", "familia")),
        ("goal_title", ("title", "título", "titulo", "objetivo")),
        ("baseline", ("base", "línea base", "linea base", "valor inicial")),
        ("target", ("meta", "objetivo valor", "valor objetivo")),
        ("current", ("actual", "valor actual")),
        ("start", ("inicio", "start_date", "fecha inicio")),
        ("due", ("vence", "due_date", "fecha límite")),
        ("status", ("estado",)),
        ("done", ("cerrado", "done_at", "fecha cierre")),
    ),
    "goal_actions": _refs(
        _ACCOUNT,
        ("goal", ("objetivo", "goal title")),
        ("goal_start", ("inicio objetivo", "goal start")),
        ("text", ("texto", "acción", "accion", "action")),
        ("due", ("vence", "due_date", "fecha límite")),
        ("done", ("hecho", "done_at", "completado")),
    ),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "identifiers": ("account", "business_unit", "number"),
    "interactions": ("account", "when", "channel", "level", "summary"),
    "next_steps": ("account", "text"),
    "complaints": ("account", "opened", "complaint_title"),
    "facts": ("account", "text"),
    "goals": ("account", "type", "goal_title", "start"),
    "goal_actions": ("account", "goal", "text"),
}
# What identifies a row within its file (duplicates are refused).
KEYS: dict[str, tuple[str, ...]] = {
    "identifiers": ("business_unit", "number"),
    "interactions": ("account_id", "occurred_at", "summary"),
    "next_steps": ("account_id", "interaction_id", "text"),
    "complaints": ("account_id", "opened_at", "title"),
    "facts": ("account_id", "text"),
    "goals": ("account_id", "title", "start_date"),
    "goal_actions": ("goal_id", "text"),
}
KINDS = tuple(ALIASES)

# Limits of the fields that are not in limits.MAX_CHARS, by field.
_LONG = {
    "description",
    "resolution",
    "text",
    "interaction_summary",
    "goal_title",
    "complaint_title",
    "with",
}
_MULTI = {"description", "resolution", "text", "interaction_summary", "with"}


class _RowError(Exception):
    def __init__(self, fieldname: str, reason: str) -> None:
        self.fieldname = fieldname
        self.reason = reason


def _text(values: Row, name: str, *, required: bool = False) -> str | None:
    value = str(values.get(name, "")).strip()
    if not value:
        if required:
            raise _RowError(name, "is required")
        return None
    if len(value) > (limits.FREE_TEXT_MAX if name in _LONG else limits.max_chars(name)):
        raise _RowError(name, f"{len(value):,} characters; too long")
    if name not in _MULTI and name not in limits.MULTI_LINE and limits.ONE_LINE_BAD.search(value):
        raise _RowError(name, "must be one line, without tabs or control characters")
    if limits.FREE_TEXT_BAD.search(value):
        raise _RowError(name, "contains a control character; remove it")
    return value


def _vocab(values: Row, name: str, words: vocab.Vocabulary, default: str | None) -> str | None:
    value = _text(values, name)
    if value is None:
        return default
    try:
        return words.normalize(value)
    except ValueError as exc:
        raise _RowError(name, str(exc)) from None


def _day(values: Row, name: str, *, required: bool = False) -> str | None:
    value = _text(values, name, required=required)
    if value is None:
        return None
    try:
        date.fromisoformat(value[:10])
        if len(value) > 10:
            datetime.fromisoformat(value)
    except ValueError:
        raise _RowError(
            name, f"{clean(value, one_line=True)!r} is not an ISO date (2025-03-25)"
        ) from None
    return value


def _number(values: Row, name: str) -> float | None:
    value = _text(values, name)
    if value is None:
        return None
    text = value.replace(",", ".") if "," in value and "." not in value else value
    try:
        number = float(text)
    except ValueError:
        raise _RowError(name, f"{clean(value, one_line=True)!r} is not a number") from None
    if number != number or not -limits.MAX_AMOUNT < number < limits.MAX_AMOUNT:
        raise _RowError(name, f"{clean(value, one_line=True)!r} is out of range")
    return number


def _mood(values: Row) -> int | None:
    number = _number(values, "mood")
    if number is None:
        return None
    if number != int(number) or not 1 <= number <= 5:
        raise _RowError("mood", "a whole number 1 to 5")
    return int(number)


def participant_names(cell: str) -> list[str]:
    """The names of a `with` cell: one per line, else separated by ';'."""
    parts = limits.LINE_BREAK.split(cell) if limits.LINE_BREAK.search(cell) else cell.split(";")
    return [p.strip() for p in parts if p.strip()]


def _account(values: Row, lookups: Lookups) -> int:
    found = lookups.account(values.get("account", ""))
    if isinstance(found, str):
        raise _RowError("account", found)
    return found


def _about(values: Row, lookups: Lookups, account: int) -> int | None:
    """The interaction a row names by when and summary, if it names one."""
    when = _day(values, "interaction_when")
    summary = _text(values, "interaction_summary")
    if when is None and summary is None:
        return None
    if when is None or summary is None:
        missing = "interaction_when" if when is None else "interaction_summary"
        raise _RowError(missing, "is required when the other interaction column is filled")
    assert lookups.interaction is not None
    try:
        return lookups.interaction(account, when, summary)
    except ValueError as exc:
        raise _RowError("interaction_summary", str(exc)) from None


def _row(kind: str, values: Row, lookups: Lookups) -> Row:
    """One row of `kind` as the columns of its table (plus `with` for
    interactions: the participants' ids). Raises _RowError."""
    account = _account(values, lookups)
    if kind == "identifiers":
        return {
            "account_id": account,
            "business_unit": _text(values, "business_unit", required=True),
            "number": _text(values, "number", required=True),
        }
    if kind == "interactions":
        row: Row = {
            "account_id": account,
            "occurred_at": _day(values, "when", required=True),
            "channel": _vocab(values, "channel", vocab.CHANNEL, None),
            "level": _vocab(values, "level", vocab.LEVEL, None),
            "kind": _vocab(values, "kind", vocab.KIND, "meeting"),
            "summary": _text(values, "summary", required=True),
            "notes": _text(values, "notes"),
            "mood": _mood(values),
        }
        for name in ("channel", "level"):
            if row[name] is None:
                raise _RowError(name, "is required")
        ids = []
        assert lookups.person is not None
        for name in participant_names(values.get("with", "")):
            try:
                ids.append(lookups.person(account, name))
            except ValueError as exc:
                raise _RowError("with", str(exc)) from None
        row["with"] = ids
        return row
    if kind == "next_steps":
        return {
            "account_id": account,
            "interaction_id": _about(values, lookups, account),
            "text": _text(values, "text", required=True),
            "due_date": _day(values, "due"),
            "done_at": _day(values, "done"),
        }
    if kind == "complaints":
        row = {
            "account_id": account,
            "interaction_id": _about(values, lookups, account),
            "title": _text(values, "complaint_title", required=True),
            "description": _text(values, "description"),
            "severity": _vocab(values, "severity", vocab.SEVERITY, "medium"),
            "status": _vocab(values, "status", vocab.COMPLAINT_STATUS, "open"),
            "opened_at": _day(values, "opened", required=True),
            "in_progress_at": _day(values, "in_progress"),
            "resolved_at": _day(values, "resolved"),
            "resolution": _text(values, "resolution"),
        }
        if row["resolved_at"] and row["resolved_at"][:10] < row["opened_at"][:10]:
            raise _RowError("resolved", "is before the date it was opened")
        return row
    if kind == "facts":
        person = _text(values, "person")
        person_id = None
        if person is not None:
            assert lookups.person is not None
            try:
                person_id = lookups.person(account, person)
            except ValueError as exc:
                raise _RowError("person", str(exc)) from None
        return {
            "account_id": account,
            "person_id": person_id,
            "interaction_id": _about(values, lookups, account),
            "kind": _vocab(values, "kind", vocab.FACT_KIND, "other"),
            "text": _text(values, "text", required=True),
        }
    if kind == "goals":
        return {
            "account_id": account,
            "type": _vocab(values, "type", vocab.GOAL_TYPE, None) or _missing("type"),
            "category": _text(values, "category"),
            "title": _text(values, "goal_title", required=True),
            "baseline": _number(values, "baseline"),
            "target": _number(values, "target"),
            "current": _number(values, "current"),
            "start_date": _day(values, "start", required=True),
            "due_date": _day(values, "due"),
            "status": _vocab(values, "status", vocab.GOAL_STATUS, "active"),
            "done_at": _day(values, "done"),
        }
    if kind == "goal_actions":
        title = _text(values, "goal", required=True)
        start = _day(values, "goal_start") or ""
        assert lookups.goal is not None and title is not None
        try:
            goal = lookups.goal(account, title, start)
        except ValueError as exc:
            raise _RowError("goal", str(exc)) from None
        return {
            "goal_id": goal,
            "text": _text(values, "text", required=True),
            "due_date": _day(values, "due"),
            "done_at": _day(values, "done"),
        }
    raise ValueError(f"unknown kind {kind!r}")


def _missing(name: str) -> str:
    raise _RowError(name, "is required")


def parse_records(
    kind: str,
    path: Path | str,
    lookups: Lookups,
    *,
    mapping: dict[str, str | None] | None = None,
    encoding: str | None = None,
) -> Parsed[Row]:
    """Every row of a `kind` file validated (see KINDS); raises ImportFailed
    listing every problem."""
    csv_file = read_csv(path, encoding=encoding)
    columns = match_columns(csv_file, ALIASES[kind], mapping, required=REQUIRED[kind])
    reverse = {f: h for h, f in columns.items()}
    rows = 0
    errors: list[str] = []
    parsed: list[Row] = []
    seen: dict[tuple[Any, ...], int] = {}
    for line, record, problems in _records(csv_file, columns):
        rows += 1
        where = f"{csv_file.path}:{line}"
        if problems:
            errors.extend(problems)
            continue
        values = {columns[h]: v for h, v in record.items() if h in columns}
        try:
            row = _row(kind, values, lookups)
        except _RowError as exc:
            column = reverse.get(exc.fieldname, exc.fieldname)
            errors.append(f"{where}: {column}: {clean(exc.reason, one_line=True)}")
            continue
        key = tuple(
            fold(row[k]) if isinstance(row[k], str) and kind == "identifiers" else row[k]
            for k in KEYS[kind]
        )
        if key in seen:
            errors.append(f"{where}: row: the same record as line {seen[key]}")
            continue
        seen[key] = line
        parsed.append(row)
    if errors:
        raise ImportFailed(errors)
    return Parsed(rows, parsed, list(csv_file.assumptions))


def _records(csv_file: Any, columns: dict[str, str]) -> Iterator[tuple[int, Row, list[str]]]:
    """CsvFile.records with the cell checks these fields need: long and
    multi-line text is checked by the parser itself, the rest by limits."""
    plain = {h: f for h, f in columns.items() if f not in _LONG and f not in _MULTI}
    check_all = {h: (f if h in plain else "notes") for h, f in columns.items()}
    yield from csv_file.records(check_all)
