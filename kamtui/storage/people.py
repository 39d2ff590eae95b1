"""SQL for people and links (the contact map).

A link's last contact is the latest interaction both of its ends took part in
(interaction_participants). For the whole portfolio the figures come from a
fixed handful of set-wise queries, never one query per account."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from kamtui.domain.models import PersonInput
from kamtui.storage import aliases, privacy, versions
from kamtui.storage.db import Store, now_iso
from kamtui.textsafe import fold

PERSON_FIELDS = (
    "side",
    "name",
    "title",
    "function",
    "decision_role",
    "stance",
    "email",
    "phone",
    "privacy_note",
    "verified_at",
    "lawful_basis",
    "do_not_contact",
)
PERSON_COLUMNS = "id, account_id, " + ", ".join(PERSON_FIELDS) + ", leaving, deleted_at, version"


# -- people ----------------------------------------------------------------------


def people(store: Store, account_id: int) -> list[sqlite3.Row]:
    """Live people of one account: ours first, then by function and name."""
    return store.query(
        f"SELECT {PERSON_COLUMNS} FROM people WHERE account_id = ? AND deleted_at IS NULL"
        " ORDER BY CASE side WHEN 'ours' THEN 0 ELSE 1 END, COALESCE(function, 'zz'), name_key,"
        " id",
        (account_id,),
    )


def person(store: Store, person_id: int, *, include_deleted: bool = False) -> sqlite3.Row | None:
    sql = f"SELECT {PERSON_COLUMNS} FROM people WHERE id = ?"
    if not include_deleted:
        sql += " AND deleted_at IS NULL"
    return store.one(sql, (person_id,))


def find_people(
    store: Store, account_id: int, name_key: str, side: str | None = None
) -> list[sqlite3.Row]:
    """Live people of an account whose folded name is exactly `name_key`;
    when none, those who answer to it as a former name (a person of that
    name was merged into them)."""
    sql = (
        f"SELECT {PERSON_COLUMNS} FROM people WHERE account_id = ? AND name_key = ?"
        " AND deleted_at IS NULL"
    )
    params: list[Any] = [account_id, name_key]
    if side:
        sql += " AND side = ?"
        params.append(side)
    rows = store.query(sql + " ORDER BY id", params)
    if rows:
        return rows
    sql = f"SELECT {PERSON_COLUMNS} FROM people WHERE id IN ({aliases.ALIASED})"
    if side:
        sql += " AND side = :side"
    return store.query(sql + " ORDER BY id", {"key": name_key, "account": account_id, "side": side})


def insert_person(store: Store, account_id: int, data: PersonInput) -> int:
    stamp = now_iso()
    values = data.model_dump(include=set(PERSON_FIELDS))
    cols = [*PERSON_FIELDS, "account_id", "name_key", "created_at", "updated_at"]
    params = [values[c] for c in PERSON_FIELDS] + [account_id, fold(data.name), stamp, stamp]
    with store.write() as conn:
        cur = conn.execute(
            f"INSERT INTO people ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            params,
        )
        person_id = int(cur.lastrowid or 0)
        if data.consent is not None:
            privacy.record_consent(conn, person_id, data.consent)
        return person_id


def update_person(
    store: Store,
    person_id: int,
    data: PersonInput,
    fields: Iterable[str] = PERSON_FIELDS,
    *,
    expected_version: int | None = None,
    restore: bool = False,
) -> None:
    """With `expected_version`: only if nobody changed the person since
    (else versions.RecordConflict)."""
    fields = [f for f in fields if f in PERSON_FIELDS]
    dumped = data.model_dump(include=set(fields))
    values = {c: dumped[c] for c in fields}
    values.update(name_key=fold(data.name), updated_at=now_iso())
    with store.write() as conn:
        versions.update(conn, "people", person_id, values, expected_version, restore=restore)
        if data.consent is not None:
            privacy.record_consent(conn, person_id, data.consent)


def set_person_deleted(store: Store, person_ids: list[int], deleted: bool) -> None:
    """Trash or restore; links to a trashed person stay but are not shown or
    counted until the person is restored."""
    stamp = now_iso() if deleted else None
    with store.write() as conn:
        conn.executemany(
            "UPDATE people SET deleted_at = ?, updated_at = ? WHERE id = ?",
            [(stamp, now_iso(), i) for i in person_ids],
        )


# -- links -----------------------------------------------------------------------

_PAIR_LAST = (
    "SELECT MAX(i.occurred_at) FROM interaction_participants a"
    " JOIN interaction_participants b ON b.interaction_id = a.interaction_id"
    " AND b.person_id = l.their_person_id"
    " JOIN interactions i ON i.id = a.interaction_id AND i.deleted_at IS NULL"
    " WHERE a.person_id = l.our_person_id"
)
_PAIR_COUNT_SINCE = (
    "SELECT COUNT(*) FROM interaction_participants a"
    " JOIN interaction_participants b ON b.interaction_id = a.interaction_id"
    " AND b.person_id = l.their_person_id"
    " JOIN interactions i ON i.id = a.interaction_id AND i.deleted_at IS NULL"
    " AND i.occurred_at >= ?"
    " WHERE a.person_id = l.our_person_id"
)
_PAIR_COUNT_ALL = (
    "SELECT COUNT(*) FROM interaction_participants a"
    " JOIN interaction_participants b ON b.interaction_id = a.interaction_id"
    " AND b.person_id = l.their_person_id"
    " JOIN interactions i ON i.id = a.interaction_id AND i.deleted_at IS NULL"
    " WHERE a.person_id = l.our_person_id"
)


def links(store: Store, account_id: int, since: str) -> list[sqlite3.Row]:
    """Live links of one account between live people, each with its last
    contact (all time), interactions since `since` and in all."""
    return store.query(
        "SELECT l.id, l.account_id, l.our_person_id, l.their_person_id, l.strength,"
        f" l.created_at, l.origin, ({_PAIR_LAST}) AS last_contact, ({_PAIR_COUNT_SINCE}) AS recent,"
        f" ({_PAIR_COUNT_ALL}) AS total"
        " FROM links l JOIN people o ON o.id = l.our_person_id AND o.deleted_at IS NULL"
        " JOIN people t ON t.id = l.their_person_id AND t.deleted_at IS NULL"
        " WHERE l.account_id = ? AND l.deleted_at IS NULL ORDER BY l.id",
        (since, account_id),
    )


def link(store: Store, link_id: int, *, include_deleted: bool = False) -> sqlite3.Row | None:
    sql = (
        "SELECT id, account_id, our_person_id, their_person_id, strength, deleted_at"
        " FROM links WHERE id = ?"
    )
    if not include_deleted:
        sql += " AND deleted_at IS NULL"
    return store.one(sql, (link_id,))


def link_between(store: Store, our_id: int, their_id: int) -> sqlite3.Row | None:
    return store.one(
        "SELECT id, account_id, our_person_id, their_person_id, strength, deleted_at"
        " FROM links WHERE our_person_id = ? AND their_person_id = ?",
        (our_id, their_id),
    )


def upsert_link(store: Store, account_id: int, our_id: int, their_id: int, strength: int) -> int:
    """Create the link, or revive/update the existing one for this pair."""
    with store.write() as conn:
        conn.execute(
            "INSERT INTO links (account_id, our_person_id, their_person_id, strength, created_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (our_person_id, their_person_id)"
            " DO UPDATE SET strength = excluded.strength, deleted_at = NULL",
            (account_id, our_id, their_id, strength, now_iso()),
        )
        row = conn.execute(
            "SELECT id FROM links WHERE our_person_id = ? AND their_person_id = ?",
            (our_id, their_id),
        ).fetchone()
        return int(row[0])


def set_link_deleted(store: Store, link_ids: list[int], deleted: bool) -> None:
    stamp = now_iso() if deleted else None
    with store.write() as conn:
        conn.executemany(
            "UPDATE links SET deleted_at = ? WHERE id = ?", [(stamp, i) for i in link_ids]
        )


# -- the whole portfolio, set-wise -------------------------------------------------


def _tuples(store: Store, query: str, params: Any = ()) -> list[tuple[Any, ...]]:
    """Plain tuples (no sqlite3.Row): cheaper by the hundred thousand."""
    with store.read() as conn:
        cur = conn.cursor()
        cur.row_factory = None
        return cur.execute(query, params).fetchall()


def all_people(store: Store) -> Iterator[tuple[Any, ...]]:
    """(id, account_id, side, name, function, decision_role, leaving) of every
    live person of every live account (one query), as they are read: 200,000
    tuples held at once were ~30 MB of the whole portfolio's health's peak.
    By account, then id (the order a whole-table scan gives each account's
    people): a caller can group them as they come. Holds the store's lock
    until exhausted."""
    with store.read() as conn:
        cur = conn.cursor()
        cur.row_factory = None
        yield from cur.execute(
            "SELECT id, account_id, side, name, function, decision_role, leaving FROM people"
            " WHERE deleted_at IS NULL AND account_id NOT IN"
            " (SELECT id FROM accounts WHERE deleted_at IS NOT NULL)"
            " ORDER BY account_id, id"
        )


def all_links(store: Store) -> list[tuple[Any, ...]]:
    """(id, account_id, our_person_id, their_person_id, strength, created_at,
    origin) of every live link."""
    return _tuples(
        store,
        "SELECT id, account_id, our_person_id, their_person_id, strength, created_at, origin"
        " FROM links"
        " WHERE deleted_at IS NULL",
    )


def recent_pair_contacts(store: Store, since: str) -> list[tuple[Any, ...]]:
    """(link id, last contact, interactions) for every live link whose two
    ends took part in an interaction on or after `since`. Starts from the
    recent interactions (time index), so its cost follows the window."""
    return _tuples(
        store,
        "WITH r AS MATERIALIZED (SELECT p.interaction_id AS iid, p.person_id AS pid,"
        " i.occurred_at AS occ FROM interactions i"
        " JOIN interaction_participants p ON p.interaction_id = i.id"
        " WHERE i.occurred_at >= ? AND i.deleted_at IS NULL)"
        " SELECT l.id, MAX(r.occ) AS last_contact, COUNT(*) AS recent FROM r"
        " JOIN links l ON l.our_person_id = r.pid AND l.deleted_at IS NULL"
        " JOIN interaction_participants b ON b.interaction_id = r.iid"
        " AND b.person_id = l.their_person_id"
        " GROUP BY l.id",
        (since,),
    )


def links_ever_contacted(store: Store, link_ids: list[int]) -> set[int]:
    """Which of these links had at least one interaction with both ends."""
    if not link_ids:
        return set()
    rows = store.query(
        "SELECT l.id FROM links l WHERE l.id IN (SELECT value FROM json_each(?))"
        " AND EXISTS (SELECT 1 FROM interaction_participants a"
        " JOIN interaction_participants b ON b.interaction_id = a.interaction_id"
        " AND b.person_id = l.their_person_id"
        " JOIN interactions i ON i.id = a.interaction_id AND i.deleted_at IS NULL"
        " WHERE a.person_id = l.our_person_id)",
        (json.dumps(link_ids),),
    )
    return {r[0] for r in rows}


def last_contacts(store: Store, account_id: int, until: str) -> dict[int, str]:
    """Each person's last live interaction of the account (on or before
    `until`, an ISO day), as the interaction's ISO time."""
    rows = store.query(
        "SELECT ip.person_id, MAX(i.occurred_at) FROM interaction_participants ip"
        " JOIN interactions i ON i.id = ip.interaction_id"
        " WHERE i.account_id = ? AND i.deleted_at IS NULL AND substr(i.occurred_at, 1, 10) <= ?"
        " GROUP BY ip.person_id",
        (account_id, until),
    )
    return {int(r[0]): str(r[1]) for r in rows}
