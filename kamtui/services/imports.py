"""Imports: parsed files written to the database. Each import is
all-or-nothing (one transaction; any invalid row aborts it with every error as
`FILE:LINE: column: reason`, raised as ImportFailed) and idempotent: what
identifies a row matches the stored one, so re-importing a file changes
nothing and a changed row updates it.

kamtui.importers parse and validate files without seeing the database; where a
row names something stored (an account, a person) this module passes them a
lookup built from storage. The `activity` of each write names the import to a
process waiting for the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kamtui.domain.models import AccountInput, PersonInput
from kamtui.importers import links, people, transactions, wallet
from kamtui.importers.accounts import parse_accounts
from kamtui.importers.sheet import Categories, Progress
from kamtui.services import accounts as account_service
from kamtui.services import people as people_service
from kamtui.services.errors import ServiceError
from kamtui.storage import accounts as account_sql
from kamtui.storage import finance as finance_sql
from kamtui.storage import people as people_sql
from kamtui.storage.db import Store
from kamtui.textsafe import clean, fold

Mapping = dict[str, str | None]


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    assumptions: list[str] = field(default_factory=list)


# --- lookups the parsers are given ------------------------------------------------


class AccountMatcher:
    """Resolve the account cell of each row once per distinct value, the way
    services.accounts.resolve does: number, exact name, unique partial name.
    Every live account is read once: a finance file names thousands."""

    def __init__(self, directory: finance_sql.AccountDirectory) -> None:
        self.directory = directory
        self.stripped: dict[str, list[finance_sql.AccountKey]] = {}
        for number, keys in self.directory.by_number.items():
            self.stripped.setdefault(number.lstrip("0") or "0", []).extend(keys)
        self.partial: dict[str, str] = {}

    def resolve(self, text: str, number_only: bool = False) -> int:
        """Account id, or ValueError with the reason."""
        value = text.strip()
        if not value:
            raise ValueError("is required")
        probe = value[1:] if value.startswith("#") and value[1:].isdigit() else value
        found = self.directory.by_number.get(probe)
        if not found and probe.isdigit():
            # Excel drops leading zeros from account numbers.
            found = self.stripped.get(probe.lstrip("0") or "0")
        if found:
            if len(found) == 1:
                return found[0].id
            raise ValueError(_ambiguous(value, found))
        if number_only:
            raise ValueError(f"no account has the number {value!r}")
        key = fold(value)
        found = self.directory.by_name_key.get(key)
        if found:
            if len(found) == 1:
                return found[0].id
            raise ValueError(_ambiguous(value, found))
        matches = [a for a in self.directory.accounts if key in a.name_key]
        if len(matches) == 1:
            self.partial[value] = matches[0].name
            return matches[0].id
        if matches:
            raise ValueError(_ambiguous(value, matches))
        raise ValueError(
            f"no account matches {value!r} (import or create the account first, "
            "or write its exact name or account number)"
        )

    def notes(self) -> list[str]:
        """The partial names it matched, for the report."""
        return [
            f"account {value!r} is {name!r} (the only account whose name contains it)"
            for value, name in sorted(self.partial.items())
        ]


def _ambiguous(value: str, keys: list[finance_sql.AccountKey]) -> str:
    listed = "; ".join(f"{k.name} (#{k.id})" for k in sorted(keys, key=lambda k: k.name_key)[:8])
    more = " …" if len(keys) > 8 else ""
    return f"{value!r} is ambiguous: {listed}{more} (use the account number)"


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


# --- transactions and wallet estimates ----------------------------------------------


def import_transactions(
    store: Store,
    path: Path | str,
    *,
    dry_run: bool = False,
    mapping: Mapping | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    dayfirst: bool | None = None,
    margin: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate the whole file and upsert it in one transaction (rolled back
    for a dry run). Raises ImportFailed listing every problem; then nothing
    is written. `progress(done, total)` is called every few thousand rows."""
    parsed = transactions.read_transactions(
        path,
        mapping=mapping,
        encoding=encoding,
        delimiter=delimiter,
        decimal=decimal,
        dayfirst=dayfirst,
        margin=margin,
    )
    matcher = AccountMatcher(finance_sql.account_directory(store))
    categories = Categories(finance_sql.known_categories(store))
    report = ImportReport()
    # Rows are written batch by batch while the file is still validated; a bad
    # row stops the batches and the ImportFailed raised at the end rolls back.
    with (
        store.write(rollback=dry_run, activity="import of transactions") as conn,
        finance_sql.bulk_cache(conn),
    ):
        before = finance_sql.count_transactions(conn)
        changes_before = conn.total_changes
        for batch in parsed.batches(matcher.resolve, categories, progress):
            finance_sql.upsert_transactions(conn, batch)
        changed = conn.total_changes - changes_before
        report.created = finance_sql.count_transactions(conn) - before
    report.rows = parsed.rows
    report.updated = changed - report.created
    report.unchanged = report.rows - changed
    report.assumptions = parsed.assumptions + matcher.notes()
    return report


def import_wallet(
    store: Store,
    path: Path | str,
    *,
    dry_run: bool = False,
    mapping: Mapping | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Wallet estimates, validated then upserted in one transaction."""
    wallet_file = wallet.read_wallet(
        path, mapping=mapping, encoding=encoding, delimiter=delimiter, decimal=decimal
    )
    matcher = AccountMatcher(finance_sql.account_directory(store))
    categories = Categories(finance_sql.known_categories(store))
    rows = wallet_file.parse(matcher.resolve, categories, progress)
    report = ImportReport(rows=wallet_file.rows)
    with store.write(rollback=dry_run, activity="import of wallet estimates") as conn:
        before = finance_sql.count_wallet(conn)
        changes = conn.total_changes
        finance_sql.upsert_wallet(conn, rows)
        changed = conn.total_changes - changes
        report.created = finance_sql.count_wallet(conn) - before
    report.updated = changed - report.created
    report.unchanged = report.rows - changed
    report.assumptions = wallet_file.assumptions + matcher.notes()
    if progress is not None:
        progress(report.rows, report.rows)
    return report


# --- accounts, people and links ---------------------------------------------------


def import_accounts(
    store: Store, path: Path | str, *, dry_run: bool = False, mapping: Mapping | None = None
) -> ImportReport:
    """Accounts matched by number, else by name: new ones created, changed
    ones updated; a blank cell never erases what the user already has."""
    parsed = parse_accounts(path, mapping=mapping)
    report = ImportReport(rows=parsed.rows, assumptions=parsed.assumptions)
    with store.write(rollback=dry_run, activity="import of accounts"):
        for data in parsed.items:
            existing = None
            if data.account_number:
                rows = account_sql.find_by_number(store, data.account_number)
                existing = rows[0]["id"] if rows else None
            if existing is None:
                rows = account_sql.find_by_name_key(store, data.name_key)
                existing = rows[0]["id"] if rows else None
            if existing is None:
                account_sql.insert(store, data)
                report.created += 1
                continue
            current = account_sql.get(store, existing)
            assert current is not None
            merged = current.model_dump(include=set(AccountInput.model_fields))
            # A blank cell never erases what the user already has.
            merged.update({k: v for k, v in data.model_dump().items() if v is not None})
            new = AccountInput.model_validate(merged)
            if new == AccountInput.model_validate(
                current.model_dump(include=set(AccountInput.model_fields))
            ):
                report.unchanged += 1
            else:
                account_sql.update(store, existing, new)
                report.updated += 1
    return report


def import_people(
    store: Store, path: Path | str, *, dry_run: bool = False, mapping: Mapping | None = None
) -> ImportReport:
    """People matched by account, side and name; only the cells a row fills
    update a stored person."""
    parsed = people.parse_people(path, account_of=AccountLookup(store), mapping=mapping)
    report = ImportReport(rows=parsed.rows, assumptions=parsed.assumptions)
    with store.write(rollback=dry_run, activity="import of people"):
        for account, data, given in parsed.items:
            rows = people_sql.find_people(store, account, fold(data.name), data.side)
            if not rows:
                people_sql.insert_person(store, account, data)
                report.created += 1
                continue
            current = rows[0]
            # A blank cell never erases what the user already has.
            changed = [
                f for f in given if f in people_sql.PERSON_FIELDS and current[f] != getattr(data, f)
            ]
            if not changed:
                report.unchanged += 1
                continue
            merged = {f: current[f] for f in people_sql.PERSON_FIELDS}
            merged.update({f: getattr(data, f) for f in changed})
            people_sql.update_person(store, current["id"], PersonInput.model_validate(merged))
            report.updated += 1
    return report


def import_links(
    store: Store, path: Path | str, *, dry_run: bool = False, mapping: Mapping | None = None
) -> ImportReport:
    """Links matched by their pair of people (import people first); a blank
    strength keeps the stored one (3 for a new link)."""
    parsed = links.parse_links(
        path, account_of=AccountLookup(store), find_person=person_finder(store), mapping=mapping
    )
    report = ImportReport(rows=parsed.rows, assumptions=parsed.assumptions)
    with store.write(rollback=dry_run, activity="import of links"):
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
    return report
