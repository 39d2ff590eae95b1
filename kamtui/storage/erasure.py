"""SQL for erasing a person for good, and for making sure the bytes are gone.

Two steps, so that a kill -9 at any moment leaves either the whole erasure
or nothing, and never the person's data on disk after it is done:

1. `erase()`: ONE write transaction (with `PRAGMA secure_delete`, so freed
   space is zeroed, in the file and in the WAL frames this writes) deletes
   the person (and the records merged into them, in the trash), their
   participations, links, consents, sources, former names and the facts
   about them, replaces their mentions in every free text, drops their
   audit records and rewrites the rest of the trail (and the merge journal)
   that names them, and sets the meta key `privacy.cleanup_pending`. SQLite commits all of it or none.
2. `cleanup()`: idempotent physical clean-up — the search indexes merged
   ('optimize' drops the deleted entries FTS5 keeps in older segments),
   VACUUM (rewrites every page), a TRUNCATE checkpoint (the WAL held older
   copies of the pages), and only then the marker removed. If it is
   interrupted, or another connection's open read keeps the WAL, the marker
   stays and `open_store` runs it again at the next open (`run_pending`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from kamtui.domain.redaction import Redactor
from kamtui.storage import audit
from kamtui.storage.db import Store, now_iso
from kamtui.storage.errors import StorageError

PENDING = "privacy.cleanup_pending"
FTS_TABLES = ("search_index", "search_directory")

# table -> (free-text columns, JSON columns): every place a person may be named.
TEXTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "interactions": (("summary", "notes"), ()),
    "next_steps": (("text",), ()),
    "complaints": (("title", "description", "resolution"), ()),
    "facts": (("text",), ()),
    "goals": (("title",), ()),
    "goal_actions": (("text",), ()),
    "accounts": (("notes",), ()),
    "people": (("title", "privacy_note"), ()),
    "consents": (("note",), ()),
    "health_snapshots": ((), ("components",)),
}
_SQUEEZE = "replace(replace(replace(replace(replace(replace({c}, ' ', ''), '-', ''), '.', ''),"
_SQUEEZE += " '/', ''), '(', ''), ')', '')"


# Records of the writes themselves, which also name the person: the audit
# trail (labels, old and new values) and the merge journal. Rewritten after
# the erasure's own writes, whose audit records hold the texts as they were.
TRAILS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "audit_log": (("label",), ("changes",)),
    "merges": (("source_name", "target_name"), ("summary",)),
    "merge_moves": ((), ("old_value", "new_value", "data")),
}


@dataclass(frozen=True)
class Mention:
    """One text that names the person, and what it becomes."""

    table: str
    row_id: int | str  # meta rows are keyed by text
    column: str
    before: str
    after: str
    count: int


def _probe_sql(column: str, redactor: Redactor) -> tuple[str, list[Any]]:
    terms: list[str] = []
    params: list[Any] = []
    for group in redactor.probes:
        terms.append("(" + " AND ".join(f"{column} LIKE ? ESCAPE '\\'" for _ in group) + ")")
        params.extend(group)
    if redactor.digits:
        terms.append(_SQUEEZE.format(c=column) + " LIKE ?")
        params.append(f"%{redactor.digits}%")
    return "(" + " OR ".join(terms) + ")", params


def mentions(conn: sqlite3.Connection, redactor: Redactor, person_id: int) -> list[Mention]:
    """Every text naming the person (their own row aside), with its new value."""
    found = _in_tables(conn, redactor, person_id, TEXTS)
    # Drafts and other settings: a handful of rows, JSON mostly.
    for key, value in conn.execute("SELECT key, value FROM meta WHERE value IS NOT NULL"):
        after, count = redactor.redact_json(value)
        if count and after is not None:
            found.append(Mention("meta", key, "value", value, after, count))
    return found


def _in_tables(
    conn: sqlite3.Connection,
    redactor: Redactor,
    person_id: int,
    tables: dict[str, tuple[tuple[str, ...], tuple[str, ...]]],
) -> list[Mention]:
    """The texts of `tables` naming the person. SQL picks the candidate rows
    cheaply (LIKE); the redactor decides."""
    found: list[Mention] = []
    for table, (texts, documents) in tables.items():
        for column in (*texts, *documents):
            where, params = _probe_sql(column, redactor)
            sql = f"SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL AND {where}"
            if table == "people":
                sql += " AND id <> ?"
                params.append(person_id)
            elif table in ("facts", "consents"):
                sql += " AND person_id IS NOT ?"
                params.append(person_id)
            fix = redactor.redact_json if column in documents else redactor.redact
            for row_id, text in conn.execute(sql, params):
                if not isinstance(text, str):
                    continue  # a number in an untyped journal column
                after, count = fix(text)
                if count and after is not None:
                    found.append(Mention(table, row_id, column, text, after, count))
    return found
    # Drafts and other settings: a handful of rows, JSON mostly.
    for key, value in conn.execute("SELECT key, value FROM meta WHERE value IS NOT NULL"):
        after, count = redactor.redact_json(value)
        if count and after is not None:
            found.append(Mention("meta", key, "value", value, after, count))
    return found


def related_counts(conn: sqlite3.Connection, person_id: int) -> dict[str, int]:
    """What goes with the person: rows that are theirs alone."""

    def one(sql: str) -> int:
        return int(conn.execute(sql, (person_id,) * sql.count("?")).fetchone()[0])

    return {
        "participations": one("SELECT COUNT(*) FROM interaction_participants WHERE person_id = ?"),
        "links": one("SELECT COUNT(*) FROM links WHERE our_person_id = ? OR their_person_id = ?"),
        "facts": one("SELECT COUNT(*) FROM facts WHERE person_id = ?"),
        "consents": one("SELECT COUNT(*) FROM consents WHERE person_id = ?"),
        "sources": one("SELECT COUNT(*) FROM person_sources WHERE person_id = ?"),
        "merged": len(merged_into(conn, person_id)),
    }


def merged_into(conn: sqlite3.Connection, person_id: int) -> list[int]:
    """The people merged into this one (their former names, and merges not
    undone) that are still in the trash."""
    return [
        int(r[0])
        for r in conn.execute(
            "SELECT id FROM people WHERE deleted_at IS NOT NULL AND id <> ? AND id IN"
            " (SELECT merged_id FROM person_aliases WHERE person_id = ? UNION SELECT source_id"
            " FROM merges WHERE kind = 'person' AND target_id = ? AND undone_at IS NULL)",
            (person_id, person_id, person_id),
        )
    ]


@contextmanager
def secure_delete(store: Store) -> Iterator[None]:
    """Freed space zeroed while inside (this connection only)."""
    with store.lock:
        before = store.conn.execute("PRAGMA secure_delete").fetchone()[0]
        store.conn.execute("PRAGMA secure_delete = ON")
        try:
            yield
        finally:
            store.conn.execute(f"PRAGMA secure_delete = {int(before)}")


def erase(store: Store, person_id: int, redactor: Redactor) -> tuple[dict[str, int], int]:
    """The logical erasure, in one transaction (see the module's note):
    (rows removed by kind, texts changed). The caller holds `secure_delete`."""
    with store.write(activity="erasure of a person") as conn:
        counts = related_counts(conn, person_id)
        changed = mentions(conn, redactor, person_id)
        # The records merged into them, in the trash: the same person's.
        everyone = [person_id, *merged_into(conn, person_id)]
        for one in everyone:
            conn.execute("DELETE FROM facts WHERE person_id = ?", (one,))
            conn.execute(
                "DELETE FROM links WHERE our_person_id = ? OR their_person_id = ?", (one, one)
            )
            conn.execute("DELETE FROM interaction_participants WHERE person_id = ?", (one,))
            conn.execute("DELETE FROM consents WHERE person_id = ?", (one,))
            conn.execute("DELETE FROM person_sources WHERE person_id = ?", (one,))
            # Their former names, and the name they left on a person they were merged into.
            conn.execute(
                "DELETE FROM person_aliases WHERE person_id = ? OR merged_id = ?", (one, one)
            )
            conn.execute("DELETE FROM people WHERE id = ?", (one,))
        _rewrite(conn, changed)
        # The trail of these very writes holds the deleted rows and the texts
        # as they were: the person's own records go, the rest is rewritten.
        audit.forget(conn, "person", everyone)
        _rewrite(conn, _in_tables(conn, redactor, person_id, TRAILS))
        mark_pending(conn)
    return counts, len(changed)


def _rewrite(conn: sqlite3.Connection, changed: list[Mention]) -> None:
    for m in changed:
        key = "key" if m.table == "meta" else "id"
        conn.execute(f"UPDATE {m.table} SET {m.column} = ? WHERE {key} = ?", (m.after, m.row_id))


def mark_pending(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (PENDING, now_iso()),
    )


def merge_indexes(conn: sqlite3.Connection) -> None:
    """Merge the search indexes into one segment each: FTS5 keeps a deleted
    row's words in its older segments until they merge (inside the caller's
    transaction; under `secure_delete` the old segments' pages are zeroed)."""
    for table in FTS_TABLES:
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def pending(store: Store) -> bool:
    try:
        return store.get_meta(PENDING) is not None
    except sqlite3.Error:
        return False


def cleanup(store: Store) -> bool:
    """The physical clean-up (see the module's note). True when done; False
    when another connection's open read kept the WAL (the marker stays, and
    the next open finishes it). Idempotent."""
    with secure_delete(store), store.lock:
        with store.write(activity="clean-up after an erasure") as conn:
            merge_indexes(conn)
        store.conn.execute("VACUUM")
        busy = store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            return False
        with store.write() as conn:
            conn.execute("DELETE FROM meta WHERE key = ?", (PENDING,))
        # The marker's removal is the only frame left in the WAL: clear it too.
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return True


def run_pending(store: Store) -> bool:
    """At open: finish a clean-up a kill interrupted. Whether the file is
    clean now; a failure (busy, disk) leaves the marker for the next open."""
    if store.readonly or not pending(store):
        return True
    try:
        return cleanup(store)
    except (sqlite3.Error, StorageError):
        return False
