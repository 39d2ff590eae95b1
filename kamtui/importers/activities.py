"""Other CRMs' activity exports read as interactions (`kamtui import
interactions FILE --preset salesforce|hubspot`): Salesforce Tasks and Events
reports, HubSpot meetings and calls exports.

Their column names -> fields are data (ACTIVITY_COLUMNS); several columns may
feed one field (the first filled wins: an event's start time before a task's
date; notes are joined). The activity type becomes a kamtui channel and kind
(a call is a phone call, a meeting in person unless it says video…); the level
is not in these exports, so it is `operational` (said in the report). Tasks
not completed and meetings cancelled did not happen: they are left out and
counted. Contacts become participants when the account has a person of that
name; others are listed, never invented. Like every importer: all or
nothing, `FILE:LINE: column: reason`, nothing here sees the database."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamtui.importers.csvfile import ImportFailed, Parsed, read_csv
from kamtui.importers.dialect import detect_dayfirst, parse_date
from kamtui.importers.people import AccountOf
from kamtui.textsafe import clean, fold

# (account_id, contact name) -> person id, or None when the account has no such person.
FindContact = Callable[[int, str], int | None]

FIELDS = ("when", "account", "contact", "type", "summary", "notes", "status")

ACTIVITY_COLUMNS: dict[str, dict[str, str]] = {
    "salesforce": {
        # Events first: their start is when it happened; a task has a date only.
        "Start Date Time": "when",
        "Start": "when",
        "Start Date": "when",
        "Activity Date": "when",
        "Date": "when",
        "Due Date": "when",
        "Account Name": "account",
        "Company / Account": "account",
        "Account": "account",
        "Related To": "account",
        "Name": "contact",
        "Contact": "contact",
        "Contact Name": "contact",
        "Type": "type",
        "Task Subtype": "type",
        "Event Subtype": "type",
        "Subject": "summary",
        "Description": "notes",
        "Comments": "notes",
        "Full Comments": "notes",
        "Status": "status",
    },
    "hubspot": {
        "Meeting start time": "when",
        "Call date": "when",
        "Activity date": "when",
        "Create date": "when",
        "Associated Company": "account",
        "Associated Companies": "account",
        "Company name": "account",
        "Associated Contact": "contact",
        "Associated Contacts": "contact",
        "Activity type": "type",
        "Meeting location type": "type",
        "Meeting name": "summary",
        "Call title": "summary",
        "Meeting description": "notes",
        "Call notes": "notes",
        "Meeting internal notes": "notes",
        "Call outcome": "outcome",
        "Meeting outcome": "status",
    },
}

# A type word (folded, any part of the cell) -> (channel, kind); first match wins.
_TYPES: tuple[tuple[str, tuple[str, str]], ...] = (
    ("video", ("video", "meeting")),
    ("zoom", ("video", "meeting")),
    ("teams", ("video", "meeting")),
    ("web conference", ("video", "meeting")),
    ("visit", ("site_visit", "meeting")),
    ("in person", ("in_person", "meeting")),
    ("call", ("phone", "call")),
    ("phone", ("phone", "call")),
    ("email", ("email", "meeting")),
    ("e-mail", ("email", "meeting")),
    ("mail", ("email", "meeting")),
    ("meeting", ("in_person", "meeting")),
    ("event", ("event", "meeting")),
    ("webinar", ("event", "meeting")),
)
# Statuses of things that did not (yet) happen.
_NOT_HAPPENED = {
    "not started",
    "in progress",
    "waiting on someone else",
    "deferred",
    "open",
    "scheduled",
    "rescheduled",
    "canceled",
    "cancelled",
    "no show",
}
_TIME = re.compile(
    r"(?:T|\s|,\s*)(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*([ap])?\.?\s*m?\.?\s*(?:Z|[+-]\d\d:?\d\d)?$",
    re.IGNORECASE,
)


@dataclass
class ActivityFile:
    """What was read, and what was left out and why (for the report)."""

    skipped: dict[str, int] = field(default_factory=dict)
    unknown_contacts: dict[str, int] = field(default_factory=dict)


def parse_activities(
    path: Path | str,
    preset: str,
    *,
    account_of: AccountOf,
    contact: FindContact,
    encoding: str | None = None,
) -> Parsed[dict[str, Any]]:
    """Every activity that happened, as an interaction row (the columns of
    `interactions`, `with`: participant ids); raises ImportFailed listing
    every problem."""
    known = {column_key(k): v for k, v in ACTIVITY_COLUMNS[preset].items()}
    csv_file = read_csv(path, encoding=encoding)
    label = "Salesforce" if preset == "salesforce" else "HubSpot"
    notes = [*csv_file.assumptions, f"columns of a {label} activities export (--preset)"]
    columns: dict[str, str] = {}
    ignored = []
    for header in csv_file.header:
        target = known.get(column_key(header))
        if target is None:
            if header:
                ignored.append(header)
        else:
            columns[header] = target
    if ignored:
        notes.append(f"ignored columns: {', '.join(clean(h, one_line=True) for h in ignored)}")
    have = set(columns.values())
    missing = [f for f in ("when", "account") if f not in have]
    if missing:
        raise ImportFailed(
            [
                f"{csv_file.path}:1: {f}: required column is missing (one of "
                f"{', '.join(k for k, v in ACTIVITY_COLUMNS[preset].items() if v == f)})"
                for f in missing
            ]
        )
    # Where several columns feed a field, the preset's order says which wins.
    order = {k: i for i, k in enumerate(known)}
    by_priority = sorted(columns, key=lambda h: order[column_key(h)])
    # The cells' checks by the field they feed: free text may span lines.
    check = {
        h: ("notes" if f in ("notes", "summary", "contact") else f) for h, f in columns.items()
    }
    records = list(csv_file.records(check, extra_cells=True))
    when_cols = [h for h in csv_file.header if columns.get(h) == "when"]
    dayfirst, why = detect_dayfirst([r[h] for _l, r, _p in records for h in when_cols if r.get(h)])
    if dayfirst is not None:
        notes.append(f"dates read {'day' if dayfirst else 'month'} first ({why})")
    errors: list[str] = []
    out: list[dict[str, Any]] = []
    report = ActivityFile()
    seen: dict[tuple[Any, ...], int] = {}
    for line, record, problems in records:
        where = f"{csv_file.path}:{line}"
        if problems:
            errors.extend(problems)
            continue
        values: dict[str, list[tuple[str, str]]] = {}
        for header in by_priority:
            fieldname = columns.get(header)
            text = record.get(header, "").strip()
            if fieldname and text:
                values.setdefault(fieldname, []).append((header, text))
        status = " ".join(fold(v) for _h, v in values.get("status", []))
        if status in _NOT_HAPPENED:
            report.skipped[status] = report.skipped.get(status, 0) + 1
            continue
        try:
            row = _row(values, account_of, contact, dayfirst, report)
        except _RowError as exc:
            errors.append(f"{where}: {exc.column}: {clean(exc.reason, one_line=True)}")
            continue
        key = (row["account_id"], row["occurred_at"], row["summary"])
        if key in seen:
            errors.append(f"{where}: row: the same activity as line {seen[key]}")
            continue
        seen[key] = line
        out.append(row)
    if errors:
        raise ImportFailed(errors)
    notes.append("level: operational for every activity (the export does not say; edit in kamtui)")
    if report.skipped:
        listed = ", ".join(f"{s} ({n})" for s, n in sorted(report.skipped.items()))
        notes.append(f"left out, as they did not happen: {listed}")
    if report.unknown_contacts:
        listed = ", ".join(
            f"{clean(n, one_line=True)!r} ({c})" for n, c in sorted(report.unknown_contacts.items())
        )
        notes.append(f"contacts not among the account's people, not linked: {listed}")
    return Parsed(len(records), out, notes)


class _RowError(Exception):
    def __init__(self, column: str, reason: str) -> None:
        self.column = column
        self.reason = reason


def _row(
    values: dict[str, list[tuple[str, str]]],
    account_of: AccountOf,
    contact: FindContact,
    dayfirst: bool | None,
    report: ActivityFile,
) -> dict[str, Any]:
    if "account" not in values:
        raise _RowError("account", "is required (the activity's company)")
    column, name = values["account"][0]
    account = account_of(name)
    if isinstance(account, str):
        raise _RowError(column, account)
    if "when" not in values:
        raise _RowError("when", "is required (the activity's date)")
    column, text = values["when"][0]
    try:
        when = moment(text, True if dayfirst is None else dayfirst)
    except ValueError as exc:
        raise _RowError(column, str(exc)) from None
    type_text = " ".join(v for _h, v in values.get("type", [])) or _type_of_columns(values)
    channel, kind = channel_and_kind(type_text)
    summary = next((v for _h, v in values.get("summary", [])), None)
    if summary is None:
        summary = type_text.split(" ")[0].capitalize() if type_text else "Activity"
    notes = [v for _h, v in values.get("notes", [])]
    notes += [f"{h}: {v}" for h, v in values.get("outcome", [])]
    ids: list[int] = []
    for _h, cell in values.get("contact", []):
        for person in contact_names(cell):
            found = contact(account, person)
            if found is None:
                report.unknown_contacts[person] = report.unknown_contacts.get(person, 0) + 1
            elif found not in ids:
                ids.append(found)
    return {
        "account_id": account,
        "occurred_at": when,
        "channel": channel,
        "level": "operational",
        "kind": kind,
        "summary": summary,
        "notes": "\n\n".join(notes) or None,
        "mood": None,
        "with": ids,
    }


def _type_of_columns(values: dict[str, list[tuple[str, str]]]) -> str:
    """A file of one type says it in its column names (HubSpot's calls export:
    Call title, Call notes), not in a type column."""
    for cells in values.values():
        for header, _v in cells:
            word = fold(header).split(" ", 1)[0]
            if word in ("call", "meeting"):
                return word
    return ""


def channel_and_kind(text: str) -> tuple[str, str]:
    """A CRM's activity type ('Call', 'Email', 'MEETING', 'Video conference'…)
    as a kamtui channel and kind; ('other', 'meeting') when it says nothing."""
    folded = fold(text).replace("_", " ")
    for word, found in _TYPES:
        if word in folded:
            return found
    return "other", "meeting"


def contact_names(cell: str) -> list[str]:
    """'Ana Gil; Luis Mora (luis@x.es)' -> ['Ana Gil', 'Luis Mora']."""
    names = []
    for part in re.split(r"[;\n]", cell):
        name = re.sub(r"\s*[(<][^()<>]*[)>]\s*$", "", part).strip()
        if name:
            names.append(name)
    return names


def moment(text: str, dayfirst: bool) -> str:
    """'3/15/2025, 10:30 AM', '15/03/2025 10:30', '2025-03-15 10:30:00' ->
    '2025-03-15T10:30' (a date alone stays a date)."""
    s = text.strip()
    m = _TIME.search(s)
    if m is None:
        return parse_date(s, dayfirst)
    day = parse_date(s[: m.start()].strip().rstrip(","), dayfirst)
    hour, minute = int(m.group(1)), int(m.group(2))
    if m.group(3):
        if not 1 <= hour <= 12:
            raise ValueError(f"cannot read {s!r}: hour {hour} with AM/PM")
        hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"cannot read {s!r}: {hour}:{minute:02d} is not a time")
    return f"{day}T{hour:02d}:{minute:02d}"


def column_key(name: str) -> str:
    return "".join(ch for ch in fold(name) if ch.isalnum())
