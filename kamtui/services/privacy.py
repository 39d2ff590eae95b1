"""Privacy by design, shared by the app and the CLI: consent entries,
finding the person a request is about (trashed ones too), the subject-access
export, erasure and the backups that may still hold someone. The privacy
report and the trash's retention are in services/retention.py."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kamtui import vocab
from kamtui.domain.models import ConsentInput
from kamtui.domain.redaction import Redactor, redactor
from kamtui.services.errors import Ambiguous, NotFound, ServiceError, validation_message
from kamtui.storage import aliases as alias_sql
from kamtui.storage import erasure as erase_sql
from kamtui.storage import privacy as sql
from kamtui.storage.db import Store
from kamtui.storage.errors import StorageError
from kamtui.textsafe import clean, fold

# -- consent ------------------------------------------------------------------------


def consent_entry(
    status: str, day: date, channel: str | None = None, note: str | None = None
) -> ConsentInput:
    """A validated entry (keys or English/Spanish labels); ServiceError otherwise."""
    from pydantic import ValidationError

    try:
        return ConsentInput.model_validate(
            {"status": status, "date": day.isoformat(), "channel": channel, "note": note}
        )
    except ValidationError as exc:
        raise ServiceError(validation_message(exc)) from None


def record_consent(store: Store, person_id: int, entry: ConsentInput) -> bool:
    """Add an entry to the person's history; False when it repeats the latest."""
    if sql.person_row(store, person_id) is None:
        raise NotFound(f"no person with id {person_id}")
    with store.write() as conn:
        return sql.record_consent(conn, person_id, entry)


def consent_history(store: Store, person_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in sql.consents(store, person_id)]


def current_consent(store: Store, person_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each person's latest entry (status, date, channel, note), if any."""
    return {k: dict(v) for k, v in sql.current_consents(store, person_ids).items()}


def consent_text(entry: dict[str, Any] | None) -> str:
    """'given 2026-03-01 by e-mail', or 'not recorded'."""
    if not entry:
        return "not recorded"
    text = f"{entry['status']} {entry['date']}"
    if entry.get("channel"):
        text += f" by {vocab.CONSENT_CHANNEL.label(entry['channel']).lower()}"
    return text


# -- the person a request is about ----------------------------------------------------


def find_any_person(store: Store, account_id: int, query: str) -> dict[str, Any]:
    """One person of the account by "#id", exact name or unique part of the
    name (case- and accent-insensitive), in the trash or not: a request about
    someone deleted still concerns what the file holds. Ambiguous or unknown:
    refused, with the candidates."""
    text = query.strip()
    everyone = sql.people_of(store, account_id)
    if re.fullmatch(r"#?\d{1,18}", text):
        wanted = int(text.lstrip("#"))
        for r in everyone:
            if r["id"] == wanted:
                return dict(r)
    key = fold(text)
    if not key:
        raise NotFound("no person given")
    rows = [r for r in everyone if r["name_key"] == key]
    if not rows:
        rows = [r for r in everyone if key in r["name_key"]]
    if len(rows) == 1:
        return dict(rows[0])
    if rows:
        raise Ambiguous("person", query, [_label(r) for r in rows])
    known = "; ".join(_label(r) for r in everyone[:20]) or "nobody yet"
    raise NotFound(f"no person {query!r} on this account; known: {known}")


def _label(row: Any) -> str:
    trashed = ", in the trash" if row["deleted_at"] else ""
    return f"{clean(row['name'], one_line=True)} ({row['side']}, #{row['id']}{trashed})"


# -- subject access -----------------------------------------------------------------

PERSON_KEYS = (
    "id",
    "side",
    "name",
    "title",
    "function",
    "decision_role",
    "stance",
    "email",
    "phone",
    "privacy_note",
    "lawful_basis",
    "do_not_contact",
    "verified_at",
    "leaving",
    "created_at",
    "updated_at",
    "deleted_at",
)


def subject_access(store: Store, person_id: int, *, today: date) -> dict[str, Any]:
    """Everything the file holds about the person, for a data-subject access
    request (GDPR art. 15): their fields, the interactions they took part in
    (with notes and next steps), facts about them, complaints raised in their
    interactions, their links, their consent history, where their data
    came from and their former names (people merged into them)."""
    row = sql.person_row(store, person_id)
    if row is None:
        raise NotFound(f"no person with id {person_id}")
    person = {k: row[k] for k in PERSON_KEYS}
    person["do_not_contact"] = bool(person["do_not_contact"])
    person["leaving"] = bool(person["leaving"])
    person["former_names"] = alias_sql.of_person(store, person_id)  # people merged into them
    return {
        "generated_on": today.isoformat(),
        "account": {"id": row["account_id"], "name": row["account"]},
        "person": person,
        "consents": [dict(r) for r in sql.consents(store, person_id)],
        "sources": [dict(r) for r in sql.sources(store, person_id)],
        "interactions": [dict(r) for r in sql.interactions_of(store, person_id)],
        "facts": [dict(r) for r in sql.facts_of(store, person_id)],
        "complaints": [dict(r) for r in sql.complaints_of(store, person_id)],
        "links": [dict(r) for r in sql.links_of(store, person_id)],
    }


# -- erasure ------------------------------------------------------------------------


@dataclass
class ErasurePlan:
    """What erasing a person will do, to show before asking."""

    person: dict[str, Any]
    redactor: Redactor
    counts: dict[str, int]  # participations, links, facts, consents, sources
    mentions: list[erase_sql.Mention]
    # Texts naming them by first name alone, left as they are unless the
    # erasure is asked to replace the first name too (others share it).
    first_name_only: int = 0

    @property
    def texts_by_table(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self.mentions:
            out[m.table] = out.get(m.table, 0) + 1
        return out


@dataclass
class ErasureResult:
    name: str
    counts: dict[str, int]
    texts_changed: int
    clean: bool  # the physical clean-up finished (else: at the next open)
    backups: list[Path] = field(default_factory=list)


def _redactor_for(person: dict[str, Any], first_name: bool) -> Redactor:
    return redactor(
        person["name"],
        person["email"],
        person["phone"],
        first_name=first_name,
        former=person.get("former_names", ()),
    )


def _person(store: Store, person_id: int) -> dict[str, Any]:
    """The person's row, with the names they had before a merge."""
    row = sql.person_row(store, person_id)
    if row is None:
        raise NotFound(f"no person with id {person_id}")
    return {**dict(row), "former_names": alias_sql.of_person(store, person_id)}


def erasure_plan(store: Store, person_id: int, *, first_name: bool = False) -> ErasurePlan:
    person = _person(store, person_id)
    found = _redactor_for(person, first_name)
    with store.read() as conn:
        counts = erase_sql.related_counts(conn, person_id)
        changed = erase_sql.mentions(conn, found, person_id)
        first_only = 0
        if not first_name:
            covered = {(m.table, m.row_id, m.column, m.after) for m in changed}
            wider = erase_sql.mentions(conn, _redactor_for(person, True), person_id)
            first_only = sum(
                1 for m in wider if (m.table, m.row_id, m.column, m.after) not in covered
            )
    return ErasurePlan(person, found, counts, changed, first_only)


def erase_person(store: Store, person_id: int, *, first_name: bool = False) -> ErasureResult:
    """Erase the person for good (GDPR art. 17): the one function every
    erasure goes through. The logical erasure is one transaction; the
    physical clean-up after it (secure delete, index merge, VACUUM, WAL
    truncated) is re-run at the next open if it was interrupted."""
    person = _person(store, person_id)
    found = _redactor_for(person, first_name)
    with erase_sql.secure_delete(store):
        counts, texts = erase_sql.erase(store, person_id, found)
    store.cache.clear()
    try:
        done = erase_sql.cleanup(store)
    except (sqlite3.Error, StorageError):  # the marker stays; the next open finishes it
        done = False
    return ErasureResult(person["name"], counts, texts, done, backups_of(store.path))


def backups_of(db_path: Path) -> list[Path]:
    """Every copy of the database kamtui made beside it, which may still hold
    an erased person: `kamtui backup`'s dated copies, the copies made before
    a migration and the files kept aside by a restore. They cannot be erased
    in place; delete them or keep them out of use."""
    from kamtui.services.backup import dated_backups

    found = list(dated_backups(db_path))
    folder = db_path.parent
    if folder.is_dir():
        for pattern in (f"{db_path.name}.v*.bak", f"{db_path.name}.before-restore-*"):
            found.extend(sorted(folder.glob(pattern)))
    return found
