"""Importing finance's files: transactions (a million rows is a normal year,
so rows are written while the file is still read) and wallet estimates."""

from __future__ import annotations

from pathlib import Path

from kamtui.importers import transactions, wallet
from kamtui.importers.sheet import Categories, Progress
from kamtui.services.imports import ImportReport, Mapping
from kamtui.storage import finance as finance_sql
from kamtui.storage.db import Store
from kamtui.textsafe import fold


class AccountMatcher:
    """Resolve the account cell of each row once per distinct value, the way
    services.accounts.resolve does: number, "#id", exact name, unique partial name.
    Every live account is read once: a finance file names thousands."""

    def __init__(self, directory: finance_sql.AccountDirectory) -> None:
        self.directory = directory
        self.stripped: dict[str, list[finance_sql.AccountKey]] = {}
        for number, keys in self.directory.by_number.items():
            self.stripped.setdefault(number.lstrip("0") or "0", []).extend(keys)
        self.partial: dict[str, str] = {}
        self.by_id = {a.id: a for a in self.directory.accounts}

    def resolve(self, text: str, number_only: bool = False) -> int:
        """Account id, or ValueError with the reason."""
        value = text.strip()
        if not value:
            raise ValueError("is required")
        # In a column of account numbers "#123" is the number 123; elsewhere
        # "#123" is the account's id, as every message prints it ("Peña (#4)").
        hashed = value.startswith("#") and value[1:].isascii() and value[1:].isdigit()
        hashed = hashed and len(value) <= 19
        probe = value[1:] if number_only and hashed else value
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
        if hashed:
            by_id = self.by_id.get(int(value[1:]))
            if by_id is None:
                raise ValueError(f"no account {value} (deleted, or in the trash)")
            return by_id.id
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
        changed = 0
        for batch in parsed.batches(matcher.resolve, categories, progress):
            changed += finance_sql.upsert_transactions(conn, batch)
            del batch  # not kept alive while the next one is parsed
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
        changed = finance_sql.upsert_wallet(conn, rows)
        report.created = finance_sql.count_wallet(conn) - before
    report.updated = changed - report.created
    report.unchanged = report.rows - changed
    report.assumptions = wallet_file.assumptions + matcher.notes()
    if progress is not None:
        progress(report.rows, report.rows)
    return report
