"""Import wallet estimates: the client's estimated yearly spend per product
category (what they buy from everybody, not only from us), so wallet share can
be computed. All-or-nothing; idempotent on account + category + year."""

from __future__ import annotations

from pathlib import Path

from kamtui.importers.csvfile import read_csv
from kamtui.importers.transactions import (
    AccountMatcher,
    Categories,
    Errors,
    ImportReport,
    Progress,
    cell_checker,
    known_columns,
    parse_number,
    resolve_dialect,
)
from kamtui.storage import finance as sql
from kamtui.storage.db import Store

ALIASES: dict[str, tuple[str, ...]] = {
    "account": (
        "cliente",
        "cuenta",
        "nombre cliente",
        "razon social",
        "empresa",
        "customer",
        "client",
        "account name",
        "company",
    ),
    "account_number": (
        "codigo cliente",
        "n cliente",
        "no cliente",
        "numero cliente",
        "numero de cuenta",
        "customer number",
        "account number",
        "account no",
    ),
    "category": (
        "familia",
        "categoria",
        "familia producto",
        "linea de producto",
        "product category",
        "product family",
        "family",
    ),
    "year": ("año", "ano", "anio", "ejercicio", "periodo", "fiscal year"),
    "amount": (
        "importe",
        "gasto",
        "gasto estimado",
        "gasto anual",
        "potencial",
        "cartera",
        "wallet",
        "estimated spend",
        "spend",
        "estimate",
        "total",
    ),
}
REQUIRED = ("category", "year", "amount")


def import_wallet(
    store: Store,
    path: Path | str,
    *,
    dry_run: bool = False,
    mapping: dict[str, str | None] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    csv_file = read_csv(path, encoding=encoding, delimiter=delimiter)
    notes = list(csv_file.assumptions)
    cols, column_notes = known_columns(
        csv_file, ALIASES, mapping, REQUIRED, one_of=("account", "account_number")
    )
    notes.extend(column_notes)
    decimal_comma, _ = resolve_dialect(
        csv_file,
        cols,
        decimal=decimal,
        dayfirst=None,
        number_fields=("amount",),
        date_field=None,
        notes=notes,
    )
    errors = Errors(csv_file.path)
    matcher = AccountMatcher(store)
    categories = Categories(store)
    report = ImportReport()
    parsed: list[tuple[int, str, int, float]] = []
    first_line: dict[tuple[int, str, int], int] = {}
    width = len(csv_file.header)
    needed = max(cols.values()) + 1
    check = cell_checker(csv_file, cols)
    for line, span, row in csv_file.rows():
        if not any(c.strip() for c in row):
            continue
        report.rows += 1
        if len(row) > width and any(c.strip() for c in row[width:]):
            errors.add(line, "row", f"{len(row) - width} more cell(s) than the header")
            continue
        row = row + [""] * (needed - len(row))
        bad_cells = check(line, span, row)
        if bad_cells:
            for at, label, reason in bad_cells:
                errors.add(at, label, reason)
            continue
        ok = True
        account = None
        try:
            if "account_number" in cols and row[cols["account_number"]].strip():
                account = matcher.resolve(row[cols["account_number"]], number_only=True)
            elif "account" in cols:
                account = matcher.resolve(row[cols["account"]])
            else:
                raise ValueError("is required")
        except ValueError as exc:
            field = (
                "account_number"
                if "account_number" in cols and row[cols["account_number"]].strip()
                else "account"
            )
            errors.add(line, field, str(exc))
            ok = False
        try:
            category = categories.canonical(row[cols["category"]])
        except ValueError as exc:
            errors.add(line, "category", str(exc))
            ok = False
        text = row[cols["year"]].strip()
        year = None
        if not text:
            errors.add(line, "year", "is required")
        elif not (text.isascii() and text.isdigit() and 1900 <= int(text) <= 2100):
            errors.add(line, "year", f"{text!r} is not a year (expected e.g. 2025)")
        else:
            year = int(text)
        try:
            amount = parse_number(row[cols["amount"]], decimal_comma)
            if amount < 0:
                raise ValueError(f"{row[cols['amount']].strip()!r}: an estimate cannot be negative")
        except ValueError as exc:
            errors.add(line, "amount", str(exc))
            ok = False
        if not ok or year is None or account is None:
            continue
        key = (account, category, year)
        if key in first_line:
            errors.add(
                line,
                "category",
                f"{category!r} {year} for the same account is already on line {first_line[key]}",
            )
            continue
        first_line[key] = line
        parsed.append((account, category, year, amount))
        if progress is not None and report.rows % 5000 == 0:
            progress(report.rows, max(csv_file.text.count("\n"), 1))
    errors.raise_if_any()
    with store.write(rollback=dry_run, activity="import of wallet estimates") as conn:
        before = sql.count_wallet(conn)
        changes = conn.total_changes
        sql.upsert_wallet(conn, parsed)
        changed = conn.total_changes - changes
        report.created = sql.count_wallet(conn) - before
    report.updated = changed - report.created
    report.unchanged = report.rows - changed
    for value, name in sorted(matcher.partial.items()):
        notes.append(f"account {value!r} is {name!r} (the only account whose name contains it)")
    report.assumptions = notes
    if progress is not None:
        progress(report.rows, report.rows)
    return report
