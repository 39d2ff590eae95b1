"""Parse accounts from CSV: every row validated, one per account number (else
name). Matching them to stored accounts and writing them is
kamtui.services.imports's job."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from kamtui.domain.models import AccountInput
from kamtui.domain.validation import field_errors
from kamtui.importers.csvfile import ImportFailed, Parsed, match_columns, read_csv
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
    "notes": ("notas", "observaciones", "comments"),
}


def parse_accounts(
    path: Path | str,
    *,
    mapping: dict[str, str | None] | None = None,
    encoding: str | None = None,
) -> Parsed[AccountInput]:
    """Every row validated as an account, one per number (else name); raises
    ImportFailed listing every problem. `extras` holds each account's notes
    (None: blank cell), in the order of `items`."""
    csv_file = read_csv(path, encoding=encoding)
    columns = match_columns(csv_file, ALIASES, mapping, required=("name",))
    rows = 0
    errors: list[str] = []
    parsed: list[AccountInput] = []
    seen: dict[str, int] = {}
    notes_of: list[str | None] = []  # each account's notes (not an AccountInput field)
    for line, record, problems in csv_file.records(columns):
        rows += 1
        if problems:
            errors.extend(problems)
            continue
        if "\0extra" in record:
            extra = record["\0extra"]
            errors.append(f"{csv_file.path}:{line}: row: {extra} more cells than the header")
            continue
        values = {columns[h]: v for h, v in record.items() if h in columns}
        notes = values.pop("notes", "").strip() or None
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
        parsed.append(data)
        notes_of.append(notes)
    if errors:
        raise ImportFailed(errors)
    return Parsed(rows, parsed, list(csv_file.assumptions), extras=notes_of)
