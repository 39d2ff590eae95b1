"""Parse accounts from CSV: every row validated, one per account number (else
name). Matching them to stored accounts and writing them is
kamtui.services.imports's job."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from kamtui.domain.models import AccountInput
from kamtui.domain.validation import field_errors
from kamtui.importers.csvfile import ImportFailed, Parsed, match_columns, read_csv
from kamtui.importers.presets import CRM_ID, Preset, website_domain
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
    "identifiers": (
        "identificadores",
        "otros números",
        "otros numeros",
        "other numbers",
        "account identifiers",
    ),
}


def parse_accounts(
    path: Path | str,
    *,
    mapping: dict[str, str | None] | None = None,
    encoding: str | None = None,
    preset: Preset | None = None,
) -> Parsed[AccountInput]:
    """Every row validated as an account, one per number (else name); raises
    ImportFailed listing every problem. `extras` holds each account's notes
    (None: blank cell), in the order of `items`; with a `preset`,
    `identifiers` the CRM's record id of each; `lines` the line of each. An
    `identifiers` column ("ERP-Norte:4711; SAT:C-88") fills each account's
    `identifiers` (None when blank)."""
    csv_file = read_csv(path, encoding=encoding)
    aliases = ALIASES
    if preset is not None:
        mapping, ignored = preset.mapping("accounts", csv_file.header, mapping)
        aliases = {**ALIASES, **{f: () for f in preset.pseudo_fields()}}
        csv_file.assumptions.append(f"columns of a {preset.business_unit} export (--preset)")
        if ignored:
            csv_file.assumptions.append(f"ignored columns: {', '.join(ignored)}")
    columns = match_columns(csv_file, aliases, mapping, required=("name",))
    reverse = {f: h for h, f in columns.items()}
    for target, (parts, _sep) in (preset.joins if preset else {}).items():
        reverse.setdefault(target, " + ".join(reverse[p] for p in parts if p in reverse) or target)
    identifiers: list[tuple[str, str] | None] = []
    rows = 0
    errors: list[str] = []
    parsed: list[AccountInput] = []
    seen: dict[str, int] = {}
    notes_of: list[str | None] = []  # each account's notes (not an AccountInput field)
    lines: list[int] = []
    for line, record, problems in csv_file.records(columns):
        rows += 1
        if problems:
            errors.extend(problems)
            continue
        values = {columns[h]: v for h, v in record.items() if h in columns}
        crm_id = None
        if preset is not None:
            values = preset.join(values)
            crm_id = values.pop(CRM_ID, "").strip() or None
            if values.get("domain", "").strip():
                values["domain"] = website_domain(values["domain"])
        notes = values.pop("notes", "").strip() or None
        if not values.get("identifiers", "").strip():
            values.pop("identifiers", None)  # blank: the stored ones stay
        try:
            data = AccountInput.model_validate(values)
        except ValidationError as exc:
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
        lines.append(line)
        notes_of.append(notes)
        identifiers.append((preset.business_unit, crm_id) if preset and crm_id else None)
    if errors:
        raise ImportFailed(errors)
    return Parsed(
        rows,
        parsed,
        list(csv_file.assumptions),
        extras=notes_of,
        identifiers=identifiers,
        lines=lines,
    )
