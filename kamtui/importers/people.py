"""Parse people (both sides of each account's map) from CSV: every row
validated, one per account, side and name. Matching them to stored people and
writing them is kamtui.services.imports's job."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from kamtui import dates, vocab
from kamtui.domain.consent import parse_consent
from kamtui.domain.models import PersonInput
from kamtui.domain.validation import contact_errors, field_errors
from kamtui.importers.csvfile import ImportFailed, Parsed, match_columns, read_csv
from kamtui.importers.presets import Preset
from kamtui.textsafe import fold

# An account cell -> the account's id, or the reason it names no account.
AccountOf = Callable[[str], int | str]
# The `consent` cell: STATUS [DATE] [CHANNEL] (kamtui.domain.consent).
# account_id, the person, the fields the row gave (a blank cell erases nothing),
# leaving (None: blank cell).
Row = tuple[int, PersonInput, set[str], bool | None]
YES = ("yes", "y", "sí", "si", "s", "true", "1", "x")
NO = ("no", "n", "false", "0")

ALIASES: dict[str, tuple[str, ...]] = {
    "account": ("cuenta", "cliente", "empresa", "account name", "company"),
    "side": ("lado", "parte", "bando"),
    "name": ("nombre", "persona", "contacto", "person", "full name", "nombre completo"),
    "title": ("cargo", "puesto", "job title", "position"),
    "function": ("función", "funcion", "área", "area", "departamento", "department"),
    "role": ("rol", "decision role", "papel", "rol en la decisión", "decision_role"),
    "stance": ("postura", "actitud", "disposición"),
    "email": ("correo", "e-mail", "mail", "correo electrónico"),
    "phone": ("teléfono", "tel", "telefono", "móvil", "movil", "mobile"),
    "privacy_note": ("privacy", "privacidad", "nota de privacidad", "privacy note"),
    "lawful_basis": (
        "lawful basis",
        "legal basis",
        "base legal",
        "base jurídica",
        "base de legitimación",
        "legitimación",
    ),
    "consent": ("consentimiento", "consent status"),
    "do_not_contact": ("do not contact", "no contactar", "dnc", "no molestar"),
    "verified_at": ("verified", "verificado", "comprobado", "checked"),
    "leaving": ("se va", "leaves", "saliendo", "baja"),
    # Names the person had before a merge, separated by ';' (kamtui's export).
    "former_names": ("former names", "nombres anteriores", "alias", "aliases"),
}
# CSV field name -> PersonInput field
_TO_MODEL = {"role": "decision_role"}
_FROM_MODEL = {v: k for k, v in _TO_MODEL.items()}


def parse_people(
    path: Path | str,
    *,
    account_of: AccountOf,
    mapping: dict[str, str | None] | None = None,
    encoding: str | None = None,
    preset: Preset | None = None,
    today: date | None = None,
) -> Parsed[Row]:
    """Every row validated as a person of an account (`account_of` finds it);
    raises ImportFailed listing every problem. With a `preset` (another CRM's
    export) people are on the client's side unless a side column says
    otherwise, and a department that is none of kamtui's functions is left
    blank (and said)."""
    today = today or dates.today()
    csv_file = read_csv(path, encoding=encoding)
    aliases = ALIASES
    required: tuple[str, ...] = ("account", "side", "name")
    if preset is not None:
        mapping, ignored = preset.mapping("people", csv_file.header, mapping)
        aliases = {**ALIASES, **{f: () for f in preset.pseudo_fields()}}
        required = ("account",)
        csv_file.assumptions.append(f"columns of a {preset.business_unit} export (--preset)")
        if ignored:
            csv_file.assumptions.append(f"ignored columns: {', '.join(ignored)}")
    columns = match_columns(csv_file, aliases, mapping, required=required)
    reverse = {f: h for h, f in columns.items()}
    for target, (parts, _sep) in (preset.joins if preset else {}).items():
        reverse.setdefault(target, " + ".join(reverse[p] for p in parts if p in reverse) or target)
    unmapped: dict[str, int] = {}  # departments that are no function -> how many rows
    rows = 0
    errors: list[str] = []
    parsed: list[Row] = []
    former: list[list[str]] = []  # per row, its former names
    seen: dict[tuple[int, str, str], int] = {}
    for line, record, problems in csv_file.records(columns):
        rows += 1
        if problems:
            errors.extend(problems)
            continue
        where = f"{csv_file.path}:{line}"
        values = {columns[h]: v for h, v in record.items() if h in columns}
        if preset is not None:
            values = preset.join(values)
            if not values.get("side", "").strip():
                values["side"] = "theirs"
            department = values.get("function", "").strip()
            if department:
                try:
                    vocab.FUNCTION.normalize(department)
                except ValueError:
                    unmapped[department] = unmapped.get(department, 0) + 1
                    values["function"] = ""
        account = account_of(values.pop("account", ""))
        if isinstance(account, str):
            errors.append(f"{where}: {reverse['account']}: {account}")
        former_names = former_names_of(values.pop("former_names", ""))
        leaving_text = fold(values.pop("leaving", ""))
        leaving = True if leaving_text in YES else False if leaving_text in NO else None
        if leaving_text and leaving is None:
            errors.append(f"{where}: {reverse['leaving']}: write yes or no (or leave it blank)")
            continue
        # Every problem of the row is told at once (then the row is skipped).
        row_errors: list[str] = []
        dnc_text = fold(values.pop("do_not_contact", ""))
        dnc = True if dnc_text in YES else False if dnc_text in NO else None
        if dnc_text and dnc is None:
            row_errors.append(
                f"{where}: {reverse['do_not_contact']}: write yes or no (or leave it blank)"
            )
        consent = None
        try:
            consent = parse_consent(
                values.pop("consent", ""), today=today, note=f"import of {Path(path).name}"
            )
        except ValueError as exc:
            row_errors.append(f"{where}: {reverse['consent']}: {exc}")
        model_values: dict[str, object] = {_TO_MODEL.get(k, k): v for k, v in values.items()}
        if dnc is not None:
            model_values["do_not_contact"] = dnc
        model_values["consent"] = consent
        try:
            data = PersonInput.model_validate(model_values)
        except ValidationError as exc:
            for fieldname, msg in field_errors(exc).items():
                column = reverse.get(_FROM_MODEL.get(fieldname, fieldname), fieldname)
                errors.append(f"{where}: {column}: {msg}")
            errors.extend(row_errors)
            continue
        if row_errors:
            errors.extend(row_errors)
            continue
        bad_contact = contact_errors(data)
        for fieldname, msg in bad_contact.items():
            errors.append(f"{where}: {reverse.get(fieldname, fieldname)}: {msg}")
        if isinstance(account, str) or bad_contact:
            continue
        key = (account, data.side, fold(data.name))
        if key in seen:
            errors.append(f"{where}: {reverse['name']}: duplicate of line {seen[key]}")
            continue
        seen[key] = line
        given = {_TO_MODEL.get(k, k) for k, v in values.items() if v and v.strip()}
        if dnc is not None:
            given.add("do_not_contact")
        parsed.append((account, data, given, leaving))
        former.append(former_names)
    if errors:
        raise ImportFailed(errors)
    if unmapped:
        listed = ", ".join(f"{d!r} ({n})" for d, n in sorted(unmapped.items()))
        csv_file.assumptions.append(
            f"departments that are none of kamtui's functions, left blank: {listed}"
        )
    return Parsed(rows, parsed, list(csv_file.assumptions), extras=former)


def former_names_of(cell: str) -> list[str]:
    """The `former_names` cell: names separated by ';' or new lines."""
    names = (" ".join(n.split()) for n in cell.replace("\n", ";").split(";"))
    return list(dict.fromkeys(n for n in names if n))
