"""Import links (one of ours ↔ one of theirs) from CSV, people named within
their account: all-or-nothing, idempotent (one link per pair)."""

from __future__ import annotations

from pathlib import Path

from kamtui.importers.accounts import ImportReport
from kamtui.importers.csvfile import ImportFailed, match_columns, read_csv
from kamtui.importers.people import AccountLookup
from kamtui.services import people as people_service
from kamtui.services.errors import ServiceError
from kamtui.storage import people as people_sql
from kamtui.storage.db import Store
from kamtui.textsafe import clean

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


def import_links(
    store: Store,
    path: Path | str,
    *,
    dry_run: bool = False,
    mapping: dict[str, str | None] | None = None,
) -> ImportReport:
    csv_file = read_csv(path)
    columns = match_columns(csv_file, ALIASES, mapping, required=("account", "ours", "theirs"))
    reverse = {f: h for h, f in columns.items()}
    report = ImportReport(assumptions=list(csv_file.assumptions))
    errors: list[str] = []
    parsed: list[tuple[int, int, int, int | None]] = []  # account, ours, theirs, strength
    seen: dict[tuple[int, int], int] = {}
    account_of = AccountLookup(store)
    for line, record, problems in csv_file.records(columns):
        report.rows += 1
        if problems:
            errors.extend(problems)
            continue
        where = f"{csv_file.path}:{line}"
        if "\0extra" in record:
            extra = record["\0extra"]
            errors.append(f"{where}: row: {extra} more cells than the header")
            continue
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
                ids[side] = people_service.find_person(store, account, name, side=side).id
            except ServiceError as exc:
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
    with store.write(rollback=dry_run, activity="import of links"):
        for account, our_id, their_id, given in parsed:
            existing = people_sql.link_between(store, our_id, their_id)
            if existing is None:
                people_sql.upsert_link(store, account, our_id, their_id, given or DEFAULT_STRENGTH)
                report.created += 1
            elif existing["deleted_at"] is None and (
                given is None or existing["strength"] == given
            ):
                report.unchanged += 1
            else:
                people_sql.upsert_link(
                    store, account, our_id, their_id, given or existing["strength"]
                )
                report.updated += 1
    return report


def _strength(text: str) -> int | None:
    """1..5 from "4" or "4.0"; None when blank or not a whole number 1..5."""
    try:
        value = float(text.replace(",", "."))
        whole = int(value)
    except (ValueError, OverflowError):
        return None
    return whole if value == whole and 1 <= whole <= 5 else None
