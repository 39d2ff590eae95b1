"""SQL for privacy: consent history, where people's data came from, what a
subject-access export gathers, the privacy report and the trash's retention."""

from __future__ import annotations

import sqlite3
from typing import Any

from kamtui.domain.models import ConsentInput
from kamtui.storage import audit
from kamtui.storage.db import Store, now_iso
from kamtui.storage.trash import KINDS

# -- consent ------------------------------------------------------------------------


def add_consent(
    conn: sqlite3.Connection,
    person_id: int,
    status: str,
    day: str,
    channel: str | None,
    note: str | None,
) -> int:
    cur = conn.execute(
        "INSERT INTO consents (person_id, status, date, channel, note, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (person_id, status, day, channel, note, now_iso()),
    )
    return int(cur.lastrowid or 0)


def record_consent(conn: sqlite3.Connection, person_id: int, entry: ConsentInput) -> bool:
    """Add the entry unless it repeats the latest one (same status and day:
    re-importing a file or saving a form twice adds nothing). Whether added."""
    last = conn.execute(
        "SELECT status, date FROM consents WHERE person_id = ? ORDER BY date DESC, id DESC LIMIT 1",
        (person_id,),
    ).fetchone()
    if last is not None and (last[0], last[1]) == (entry.status, entry.date):
        return False
    add_consent(conn, person_id, entry.status, entry.date, entry.channel, entry.note)
    return True


def consents(store: Store, person_id: int) -> list[sqlite3.Row]:
    """The person's consent history, oldest first."""
    return store.query(
        "SELECT id, status, date, channel, note, created_at FROM consents"
        " WHERE person_id = ? ORDER BY date, id",
        (person_id,),
    )


def current_consents(store: Store, person_ids: list[int]) -> dict[int, sqlite3.Row]:
    """Each person's latest consent entry (by date, then id)."""
    if not person_ids:
        return {}
    import json

    rows = store.query(
        "SELECT c.person_id, c.status, c.date, c.channel, c.note FROM consents c"
        " WHERE c.person_id IN (SELECT value FROM json_each(?)) AND c.id = ("
        " SELECT c2.id FROM consents c2 WHERE c2.person_id = c.person_id"
        " ORDER BY c2.date DESC, c2.id DESC LIMIT 1)",
        (json.dumps(person_ids),),
    )
    return {int(r["person_id"]): r for r in rows}


# -- provenance ---------------------------------------------------------------------


def add_source(
    conn: sqlite3.Connection, person_id: int, action: str, source: str, file: str | None
) -> None:
    conn.execute(
        "INSERT INTO person_sources (person_id, action, source, file, at) VALUES (?, ?, ?, ?, ?)",
        (person_id, action, source, file, now_iso()),
    )


def sources(store: Store, person_id: int) -> list[sqlite3.Row]:
    return store.query(
        "SELECT action, source, file, at FROM person_sources WHERE person_id = ? ORDER BY at, id",
        (person_id,),
    )


# -- finding a person, trashed ones too -----------------------------------------------

_PERSON = (
    "SELECT p.*, a.name AS account FROM people p JOIN accounts a ON a.id = p.account_id"
    " WHERE p.account_id = ?"
)


def person_row(store: Store, person_id: int) -> sqlite3.Row | None:
    """The whole row, in the trash or not."""
    return store.one(
        "SELECT p.*, a.name AS account FROM people p JOIN accounts a ON a.id = p.account_id"
        " WHERE p.id = ?",
        (person_id,),
    )


def people_of(store: Store, account_id: int) -> list[sqlite3.Row]:
    """Every person of the account, trashed ones too."""
    return store.query(_PERSON + " ORDER BY p.name_key, p.id", (account_id,))


# -- subject access -----------------------------------------------------------------


def interactions_of(store: Store, person_id: int) -> list[sqlite3.Row]:
    """Interactions the person took part in (trashed ones too), oldest first,
    with everyone who took part and their next steps (those in the trash
    too, marked: the file holds them until the purge)."""
    return store.query(
        "SELECT i.id, i.occurred_at, i.channel, i.level, i.kind, i.summary, i.notes,"
        " i.deleted_at,"
        " (SELECT group_concat(p.name, ', ') FROM interaction_participants x"
        "  JOIN people p ON p.id = x.person_id WHERE x.interaction_id = i.id) AS participants,"
        " (SELECT group_concat(ns.text || COALESCE(' (due ' || ns.due_date || ')', '')"
        "  || CASE WHEN ns.deleted_at IS NOT NULL THEN ' (in the trash)' ELSE '' END, '; ')"
        "  FROM next_steps ns WHERE ns.interaction_id = i.id) AS next_steps"
        " FROM interaction_participants ip JOIN interactions i ON i.id = ip.interaction_id"
        " WHERE ip.person_id = ? ORDER BY i.occurred_at, i.id",
        (person_id,),
    )


def facts_of(store: Store, person_id: int) -> list[sqlite3.Row]:
    return store.query(
        "SELECT id, kind, text, created_at, deleted_at FROM facts WHERE person_id = ?"
        " ORDER BY created_at, id",
        (person_id,),
    )


def complaints_of(store: Store, person_id: int) -> list[sqlite3.Row]:
    """Complaints raised in an interaction the person took part in."""
    return store.query(
        "SELECT c.id, c.title, c.description, c.severity, c.status, c.opened_at,"
        " c.resolved_at, c.resolution, c.deleted_at FROM complaints c"
        " JOIN interaction_participants ip ON ip.interaction_id = c.interaction_id"
        " WHERE ip.person_id = ? ORDER BY c.opened_at, c.id",
        (person_id,),
    )


def links_of(store: Store, person_id: int) -> list[sqlite3.Row]:
    return store.query(
        "SELECT l.id, l.strength, l.origin, l.created_at, l.deleted_at, o.name AS other"
        " FROM links l JOIN people o ON o.id = CASE WHEN l.our_person_id = ?"
        " THEN l.their_person_id ELSE l.our_person_id END"
        " WHERE l.our_person_id = ? OR l.their_person_id = ? ORDER BY l.id",
        (person_id, person_id, person_id),
    )


# -- the report ---------------------------------------------------------------------

_LIVE_PEOPLE = (
    "SELECT p.id, p.name, p.side, p.account_id, a.name AS account, p.lawful_basis,"
    " p.verified_at, p.created_at, p.do_not_contact"
    " FROM people p JOIN accounts a ON a.id = p.account_id"
    " WHERE p.deleted_at IS NULL AND a.deleted_at IS NULL"
)


def no_lawful_basis(store: Store) -> list[sqlite3.Row]:
    return store.query(_LIVE_PEOPLE + " AND p.lawful_basis IS NULL ORDER BY a.name_key, p.name_key")


def consent_withdrawn(store: Store) -> list[sqlite3.Row]:
    """People whose latest consent entry is a withdrawal, with its date."""
    return store.query(
        "SELECT * FROM ("
        + _LIVE_PEOPLE.replace(
            "p.do_not_contact",
            "p.do_not_contact, (SELECT c.status || ' ' || c.date"
            " FROM consents c WHERE c.person_id = p.id ORDER BY c.date DESC, c.id DESC LIMIT 1)"
            " AS consent",
        )
        + ") WHERE consent LIKE 'withdrawn %' ORDER BY account, name"
    )


def not_verified_since(store: Store, day: str) -> list[sqlite3.Row]:
    """Never checked and added before `day`, or last checked before it."""
    return store.query(
        _LIVE_PEOPLE + " AND COALESCE(p.verified_at, substr(p.created_at, 1, 10)) < ?"
        " ORDER BY a.name_key, p.name_key",
        (day,),
    )


def closed_account_people(store: Store, day: str) -> list[sqlite3.Row]:
    """People of accounts closed (status 'lost') on or before `day`."""
    return store.query(
        "SELECT p.id, p.name, p.side, p.account_id, a.name AS account, c.closed_on"
        " FROM account_closures c JOIN accounts a ON a.id = c.account_id"
        " JOIN people p ON p.account_id = a.id"
        " WHERE a.status = 'lost' AND c.closed_on <= ? AND a.deleted_at IS NULL"
        " AND p.deleted_at IS NULL ORDER BY c.closed_on, a.name_key, p.name_key",
        (day,),
    )


# -- the trash's retention --------------------------------------------------------------


def trashed_before(store: Store, stamp: str) -> list[sqlite3.Row]:
    """(kind, id, label, deleted_at) of every record in the trash since before `stamp`."""
    parts = []
    for kind, (table, label) in KINDS.items():
        parts.append(
            f"SELECT '{kind}' AS kind, t.id AS id, {label} AS label, t.deleted_at AS deleted_at"
            f" FROM {table} t WHERE t.deleted_at IS NOT NULL AND t.deleted_at < :stamp"
        )
    return store.query(
        " UNION ALL ".join(parts) + " ORDER BY deleted_at, kind, id", {"stamp": stamp}
    )


# What a purged record takes with it by the schema's cascades (live or in
# the trash): (audit kind, its ids while the record is still in the trash).
_CHILDREN = {
    "interaction": (
        "next_step",
        "SELECT id FROM next_steps WHERE interaction_id = ? AND EXISTS"
        " (SELECT 1 FROM interactions WHERE id = ? AND deleted_at IS NOT NULL)",
    ),
    "goal": (
        "goal_action",
        "SELECT id FROM goal_actions WHERE goal_id = ? AND EXISTS"
        " (SELECT 1 FROM goals WHERE id = ? AND deleted_at IS NOT NULL)",
    ),
}


def purge(conn: sqlite3.Connection, items: list[tuple[str, int]]) -> int:
    """Delete these trashed records for good (inside the caller's
    transaction); what hangs on them goes too (participants, next steps,
    action items, an account's whole content) by the schema's cascades.
    A record no longer in the trash (restored meanwhile) is left alone."""
    done = 0
    for kind, row_id in items:
        table = KINDS[kind][0]
        if kind == "person":
            # Facts about a person would outlive them (ON DELETE SET NULL).
            conn.execute(
                "DELETE FROM facts WHERE person_id = ? AND EXISTS"
                " (SELECT 1 FROM people WHERE id = ? AND deleted_at IS NOT NULL)",
                (row_id, row_id),
            )
        children = _CHILDREN.get(kind)
        held = [r[0] for r in conn.execute(children[1], (row_id, row_id))] if children else []
        cur = conn.execute(
            f"DELETE FROM {table} WHERE id = ? AND deleted_at IS NOT NULL", (row_id,)
        )
        if cur.rowcount:
            # Deleted for good: the trail of it goes too (its delete included),
            # and that of the next steps or action items it took with it.
            audit.forget(conn, kind, [row_id])
            if children and held:
                audit.forget(conn, children[0], held)
            if kind == "account":
                audit.forget_account(conn, row_id)
        done += cur.rowcount
    return done


def meta_value(store: Store, key: str) -> str | None:
    return store.get_meta(key)


def set_meta(conn: sqlite3.Connection, key: str, value: Any) -> None:
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, str(value)),
    )
