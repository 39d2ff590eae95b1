"""Import people (both sides of each account's map) from CSV: all-or-nothing,
idempotent (a person is matched by account, side and name)."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from kamtui.domain.models import PersonInput
from kamtui.domain.validation import field_errors
from kamtui.importers.accounts import ImportReport
from kamtui.importers.csvfile import ImportFailed, match_columns, read_csv
from kamtui.services import accounts as account_service
from kamtui.services import people as people_service
from kamtui.services.errors import ServiceError
from kamtui.storage import people as people_sql
from kamtui.storage.db import Store
from kamtui.textsafe import clean, fold

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
    "privacy_note": ("privacy", "consent", "privacidad", "consentimiento", "nota de privacidad"),
}
# CSV field name -> PersonInput field
_TO_MODEL = {"role": "decision_role"}
_FROM_MODEL = {v: k for k, v in _TO_MODEL.items()}


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


def import_people(
    store: Store,
    path: Path | str,
    *,
    dry_run: bool = False,
    mapping: dict[str, str | None] | None = None,
) -> ImportReport:
    csv_file = read_csv(path)
    columns = match_columns(csv_file, ALIASES, mapping, required=("account", "side", "name"))
    reverse = {f: h for h, f in columns.items()}
    report = ImportReport(assumptions=list(csv_file.assumptions))
    errors: list[str] = []
    parsed: list[tuple[int, int, PersonInput, set[str]]] = []
    seen: dict[tuple[int, str, str], int] = {}
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
        values = {columns[h]: v for h, v in record.items() if h in columns}
        account = account_of(values.pop("account", ""))
        if isinstance(account, str):
            errors.append(f"{where}: {reverse['account']}: {account}")
        model_values = {_TO_MODEL.get(k, k): v for k, v in values.items()}
        try:
            data = PersonInput.model_validate(model_values)
        except ValidationError as exc:
            for fieldname, msg in field_errors(exc).items():
                column = reverse.get(_FROM_MODEL.get(fieldname, fieldname), fieldname)
                errors.append(f"{where}: {column}: {msg}")
            continue
        bad_contact = people_service.contact_errors(data)
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
        parsed.append((line, account, data, given))
    if errors:
        raise ImportFailed(errors)
    with store.write(rollback=dry_run, activity="import of people"):
        for _line, account, data, given in parsed:
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
