"""Importing the contact side: accounts, people (both sides of each map)
and the links between them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kamtui.domain.models import AccountInput, PersonInput
from kamtui.importers import links, people
from kamtui.importers.accounts import parse_accounts
from kamtui.importers.csvfile import ImportFailed
from kamtui.importers.presets import PRESETS
from kamtui.services import accounts as account_service
from kamtui.services import people as people_service
from kamtui.services.errors import ServiceError
from kamtui.services.imports import ImportReport, Mapping, counts
from kamtui.storage import accounts as account_sql
from kamtui.storage import aliases as alias_sql
from kamtui.storage import audit
from kamtui.storage import people as people_sql
from kamtui.storage import privacy as privacy_sql
from kamtui.storage import records as records_sql
from kamtui.storage.db import Store
from kamtui.textsafe import clean, fold


class AccountLookup:
    """Resolves account cells once per distinct text; errors name candidates."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: dict[str, int | str] = {}

    def __call__(self, text: str) -> int | str:
        """The account id, or the reason it cannot be found."""
        key = fold(text)
        if key not in self.cache:
            if not key:
                self.cache[key] = "is required"
            else:
                try:
                    self.cache[key] = account_service.resolve(self.store, text).id
                except ServiceError as exc:
                    self.cache[key] = clean(str(exc), one_line=True)
        return self.cache[key]


def person_finder(store: Store) -> links.FindPerson:
    """(account_id, name, side) -> the person's id, or ValueError with the reason."""

    def find(account_id: int, name: str, side: str) -> int:
        try:
            return people_service.find_person(store, account_id, name, side=side).id
        except ServiceError as exc:
            raise ValueError(str(exc)) from None

    return find


def import_accounts(
    store: Store,
    path: Path | str,
    *,
    dry_run: bool = False,
    mapping: Mapping | None = None,
    encoding: str | None = None,
    preset: str | None = None,
) -> ImportReport:
    """Accounts matched by number (or, from another CRM's export, its record
    id), else by name: new ones created, changed ones updated; a blank cell
    never erases what the user already has. A `preset` (salesforce, hubspot)
    reads that CRM's columns and keeps its record id as an identifier."""
    parsed = parse_accounts(
        path, mapping=mapping, encoding=encoding, preset=PRESETS[preset] if preset else None
    )
    report = ImportReport(rows=parsed.rows, assumptions=parsed.assumptions)
    notes_of = parsed.extras or [None] * len(parsed.items)
    ids_of = parsed.identifiers or [None] * len(parsed.items)
    lines = parsed.lines or [0] * len(parsed.items)
    where = Path(path)
    errors: list[str] = []
    created: list[int] = []
    with (
        store.write(rollback=dry_run, activity="import of accounts") as conn,
        audit.imported(conn, "accounts", Path(path).name) as entry,
    ):
        for data, notes, identifier, line in zip(
            parsed.items, notes_of, ids_of, lines, strict=True
        ):
            try:
                existing = _match_account(store, data, identifier)
            except ValueError as exc:
                errors.append(f"{where}:{line}: identifiers: {exc}")
                continue
            given = data.identifiers or ()
            # Identifiers are added, never removed, by an import.
            data = data.model_copy(update={"identifiers": None})
            if existing is None:
                new_id = account_sql.insert(store, data)
                created.append(new_id)
                if notes is not None:
                    records_sql.set_columns(conn, "accounts", new_id, {"notes": notes})
                _keep_identifier(conn, new_id, identifier)
                errors.extend(
                    e for e in _add_identifiers(conn, new_id, given, f"{where}:{line}") if e
                )
                report.created += 1
                continue
            # A blank cell never erases what the user already has.
            noted = notes is not None and records_sql.set_columns(
                conn, "accounts", existing, {"notes": notes}
            )
            noted = _keep_identifier(conn, existing, identifier) or noted
            added = _add_identifiers(conn, existing, given, f"{where}:{line}")
            errors.extend(e for e in added if e)
            noted = noted or any(a == "" for a in added)
            current = account_sql.get(store, existing)
            assert current is not None
            merged = current.model_dump(include=set(AccountInput.model_fields))
            # A blank cell never erases what the user already has.
            changes = {k: v for k, v in data.model_dump().items() if v is not None}
            if account_sql.known_as_former(
                store, existing, data.account_number, data.name_key, identifier
            ):
                # A row of an account merged into this one (an old file): it
                # fills blanks, never renames or renumbers the account kept.
                changes = {k: v for k, v in changes.items() if merged.get(k) in (None, "")}
            merged.update(changes)
            new = AccountInput.model_validate(merged)
            if new == AccountInput.model_validate(
                current.model_dump(include=set(AccountInput.model_fields))
            ):
                if noted:
                    report.updated += 1
                else:
                    report.unchanged += 1
            else:
                account_sql.update(store, existing, new)
                report.updated += 1
        if errors:
            raise ImportFailed(errors)
        from kamtui.services.duplicates import new_account_warnings

        report.warnings = new_account_warnings(store, created)
        entry.counts.update(counts(report))
    return report


def _match_account(
    store: Store, data: AccountInput, identifier: tuple[str, str] | None
) -> int | None:
    """The stored account a row is: by its number (its own or a business
    unit's), its identifiers, another CRM's record id, else its name.
    ValueError when its identifiers name another account than its number."""
    existing = None
    if data.account_number:
        rows = account_sql.find_by_number(store, data.account_number)
        existing = rows[0]["id"] if rows else None
    for unit, number in data.identifiers or ():
        owner = account_sql.identifier_owner(store, unit, number)
        if owner is None:
            continue
        if existing is not None and owner[0] != existing:
            raise ValueError(
                f"{unit}:{number} is the identifier of {owner[1]!r} (#{owner[0]}), "
                "not of the account with this number"
            )
        existing = owner[0]
    if existing is None and identifier is not None:
        rows = account_sql.find_by_number(store, identifier[1])
        existing = rows[0]["id"] if rows else None
    if existing is None:
        rows = account_sql.find_by_name_key(store, data.name_key)
        existing = rows[0]["id"] if rows else None
    return existing


def _add_identifiers(
    conn: Any, account_id: int, identifiers: Sequence[tuple[str, str]], where: str
) -> list[str]:
    """Add the row's identifiers: per identifier, "" when it was added (a
    change), an error line when it is another account's; nothing when the
    account had it already."""
    out = []
    for unit, number in identifiers:
        try:
            if account_sql.add_identifier(conn, account_id, unit, number):
                out.append("")
        except account_sql.IdentifierTaken as exc:
            out.append(f"{where}: identifiers: {exc}")
    return out


def _keep_identifier(conn: Any, account_id: int, identifier: tuple[str, str] | None) -> bool:
    """Store another system's id of the account (business unit, number);
    whether that changed anything."""
    if identifier is None:
        return False
    business_unit, number = identifier
    values = {"business_unit": business_unit, "number": number, "account_id": account_id}
    return records_sql.upsert(conn, "identifiers", values)[1] != "unchanged"


def import_people(
    store: Store,
    path: Path | str,
    *,
    dry_run: bool = False,
    mapping: Mapping | None = None,
    encoding: str | None = None,
    preset: str | None = None,
) -> ImportReport:
    """People matched by account, side and name; only the cells a row fills
    update a stored person. A `preset` (salesforce, hubspot) reads that CRM's
    contacts export."""
    parsed = people.parse_people(
        path,
        account_of=AccountLookup(store),
        mapping=mapping,
        encoding=encoding,
        preset=PRESETS[preset] if preset else None,
    )
    report = ImportReport(rows=parsed.rows, assumptions=parsed.assumptions)
    with (
        store.write(rollback=dry_run, activity="import of people") as conn,
        audit.imported(conn, "people", Path(path).name) as entry,
    ):
        created = write_people(
            store,
            conn,
            parsed.items,
            report,
            source=("import people", Path(path).name),
            former=parsed.extras,
        )
        report.warnings = _people_warnings(store, created)
        entry.counts.update(counts(report))
    return report


def _people_warnings(store: Store, created: list[int]) -> list[str]:
    from kamtui.services.duplicates import new_person_warnings

    return new_person_warnings(store, created)


def write_people(
    store: Store,
    conn: Any,
    items: Sequence[tuple[int, PersonInput, set[str], bool | None]],
    report: ImportReport,
    *,
    source: tuple[str, str | None] = ("import", None),
    former: Sequence[list[str]] = (),
) -> list[int]:
    """Write parsed people (account, person, fields given, leaving) inside the
    caller's transaction: matched by account, side and name (or a former
    name); only the fields a row gave update a stored person. `former`: per
    row, names the person had before a merge (added, never removed). Each
    person created or changed keeps where from (`source`: what and the
    file's name) for subject access. Returns the new people's ids."""
    what, file = source
    created: list[int] = []
    for n, (account, data, given, leaving) in enumerate(items):
        names = former[n] if n < len(former) else []
        rows = people_sql.find_people(store, account, fold(data.name), data.side)
        if not rows:
            new_id = people_sql.insert_person(store, account, data)
            created.append(new_id)
            if leaving:
                records_sql.set_columns(conn, "people", new_id, {"leaving": 1})
            _add_former(conn, new_id, names)
            privacy_sql.add_source(conn, new_id, "created", what, file)
            report.created += 1
            continue
        current = rows[0]
        # Found by a former name: a row of a person merged into this one (an
        # old file). It fills blanks, never renames the person kept.
        by_former = fold(current["name"]) != fold(data.name)
        left = _add_former(conn, current["id"], names)
        if leaving is not None:
            left = (
                records_sql.set_columns(conn, "people", current["id"], {"leaving": int(leaving)})
                or left
            )
        if data.consent is not None:
            left = privacy_sql.record_consent(conn, current["id"], data.consent) or left
        # A blank cell never erases what the user already has.
        changed = [
            f
            for f in given
            if f in people_sql.PERSON_FIELDS
            and current[f] != getattr(data, f)
            and not (by_former and current[f] not in (None, ""))
        ]
        if not changed:
            if left:
                privacy_sql.add_source(conn, current["id"], "updated", what, file)
                report.updated += 1
            else:
                report.unchanged += 1
            continue
        merged = {f: current[f] for f in people_sql.PERSON_FIELDS}
        merged.update({f: getattr(data, f) for f in changed})
        people_sql.update_person(store, current["id"], PersonInput.model_validate(merged))
        privacy_sql.add_source(conn, current["id"], "updated", what, file)
        report.updated += 1
    return created


def _add_former(conn: Any, person_id: int, names: Sequence[str]) -> bool:
    """The row's former names the person did not answer to yet; whether any
    was added."""
    return any([alias_sql.add(conn, person_id, name, None) is not None for name in names])


def import_links(
    store: Store,
    path: Path | str,
    *,
    dry_run: bool = False,
    mapping: Mapping | None = None,
    encoding: str | None = None,
) -> ImportReport:
    """Links matched by their pair of people (import people first); a blank
    strength keeps the stored one (3 for a new link)."""
    parsed = links.parse_links(
        path,
        account_of=AccountLookup(store),
        find_person=person_finder(store),
        mapping=mapping,
        encoding=encoding,
    )
    report = ImportReport(rows=parsed.rows, assumptions=parsed.assumptions)
    with (
        store.write(rollback=dry_run, activity="import of links") as conn,
        audit.imported(conn, "links", Path(path).name) as entry,
    ):
        for account, our_id, their_id, given in parsed.items:
            existing = people_sql.link_between(store, our_id, their_id)
            if existing is None:
                people_sql.upsert_link(
                    store, account, our_id, their_id, given or links.DEFAULT_STRENGTH
                )
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
        entry.counts.update(counts(report))
    return report


def import_vcard(
    store: Store,
    path: Path | str,
    *,
    account: str,
    side: str = "theirs",
    dry_run: bool = False,
    encoding: str | None = None,
) -> ImportReport:
    """The people of a vCard file (2.1, 3.0 or 4.0) into one account's side,
    matched by name like `import people`: all cards or none."""
    from kamtui.importers.vcard import parse_vcards

    found = AccountLookup(store)(account)
    if isinstance(found, str):
        raise ImportFailed([f"--account {clean(account, one_line=True)!r}: {found}"])
    parsed = parse_vcards(path, side=side, encoding=encoding)
    report = ImportReport(rows=parsed.rows, assumptions=parsed.assumptions)
    items = [(found, data, given, None) for data, given in parsed.items]
    with (
        store.write(rollback=dry_run, activity="import of vCards") as conn,
        audit.imported(conn, "vcard", Path(path).name, account_id=found) as entry,
    ):
        created = write_people(store, conn, items, report, source=("import vcard", Path(path).name))
        report.warnings = _people_warnings(store, created)
        entry.counts.update(counts(report))
    return report
