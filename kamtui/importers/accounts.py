"""Import accounts from CSV: all-or-nothing, idempotent."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from kamtui.domain.models import AccountInput
from kamtui.domain.validation import field_errors
from kamtui.importers.csvfile import ImportFailed, match_columns, read_csv
from kamtui.storage import accounts as account_sql
from kamtui.storage.db import Store
from kamtui.textsafe import fold

ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("nombre", "razón social", "cliente", "empresa", "account", "account name", "company"),
    "account_number": (
        "número de cuenta",
        "numero cuenta",
        "cuenta",
        "n cuenta",
        "account no",
        "account id",
        "código cliente",
        "codigo",
        "customer number",
    ),
    "tax_id": ("cif", "nif", "vat", "tax id", "cif nif", "vat number"),
    "domain": ("dominio", "web", "website"),
    "industry": ("sector", "industria"),
    "tier": ("nivel", "segmento", "tipo"),
    "owner": ("kam", "responsable", "propietario", "gestor", "account manager"),
    "phone": ("teléfono", "tel", "telefono", "phone number"),
    "email": ("correo", "e-mail", "mail", "correo electrónico"),
    "address": ("dirección", "domicilio"),
    "cadence_days": ("cadencia", "cadencia días", "cadence", "contact every days"),
    "status": ("estado",),
}


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    assumptions: list[str] = field(default_factory=list)


def import_accounts(
    store: Store,
    path: Path | str,
    *,
    dry_run: bool = False,
    mapping: dict[str, str | None] | None = None,
) -> ImportReport:
    csv_file = read_csv(path)
    columns = match_columns(csv_file, ALIASES, mapping, required=("name",))
    report = ImportReport(assumptions=list(csv_file.assumptions))
    errors: list[str] = []
    parsed: list[tuple[int, AccountInput]] = []
    seen: dict[str, int] = {}
    for line, record, problems in csv_file.records(columns):
        report.rows += 1
        if problems:
            errors.extend(problems)
            continue
        if "\0extra" in record:
            extra = record["\0extra"]
            errors.append(f"{csv_file.path}:{line}: row: {extra} more cells than the header")
            continue
        values = {columns[h]: v for h, v in record.items() if h in columns}
        try:
            data = AccountInput.model_validate(values)
        except ValidationError as exc:
            reverse = {f: h for h, f in columns.items()}
            for fieldname, msg in field_errors(exc).items():
                errors.append(f"{csv_file.path}:{line}: {reverse.get(fieldname, fieldname)}: {msg}")
            continue
        key = f"#{data.account_number}" if data.account_number else fold(data.name)
        if key in seen:
            errors.append(
                f"{csv_file.path}:{line}: {'account_number' if data.account_number else 'name'}: "
                f"duplicate of line {seen[key]}"
            )
            continue
        seen[key] = line
        parsed.append((line, data))
    if errors:
        raise ImportFailed(errors)
    with store.write(rollback=dry_run, activity="import of accounts"):
        for _line, data in parsed:
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
