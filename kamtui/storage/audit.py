"""The audit trail's SQL: who writes (the context every write transaction
sets for the triggers), imports recorded as one entry, an account's history,
and erasing the trail of a person (forget, scrub).

The triggers themselves are in storage/migrations/audit.py, which says why
the trail is kept by triggers and how "who" reaches them."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kamtui.textsafe import clean

if TYPE_CHECKING:
    from kamtui.storage.db import Store

USER_ENV = "KAMTUI_USER"
USER_MAX = 100

# What forget() accepts: the history's kinds and, for the caller's
# convenience, the tables' names.
KINDS: dict[str, str] = {
    "account": "account",
    "accounts": "account",
    "identifier": "identifier",
    "account_identifiers": "identifier",
    "person": "person",
    "people": "person",
    "link": "link",
    "links": "link",
    "interaction": "interaction",
    "interactions": "interaction",
    "participant": "participant",
    "interaction_participants": "participant",
    "next_step": "next_step",
    "next_steps": "next_step",
    "complaint": "complaint",
    "complaints": "complaint",
    "fact": "fact",
    "facts": "fact",
    "transaction": "transaction",
    "transactions": "transaction",
    "wallet": "wallet",
    "wallet_estimates": "wallet",
    "goal": "goal",
    "goals": "goal",
    "goal_action": "goal_action",
    "goal_actions": "goal_action",
    "alias": "alias",
    "person_aliases": "alias",
    "import": "import",
}


def user_name(value: str | None) -> str | None:
    """A user name as the trail keeps it: one clean line, or None if blank."""
    if value is None:
        return None
    name = clean(value, one_line=True).strip()
    return name[:USER_MAX] or None


# The `--user NAME` of the running command: it wins over $KAMTUI_USER for
# every store the command opens (kamtui.cli.main sets it, then clears it).
_given: list[str] = []


@contextmanager
def acting_as(name: str | None) -> Iterator[None]:
    """Writes inside the block are recorded as `name`'s (None: no change)."""
    if name is None:
        yield
        return
    _given.append(name)
    try:
        yield
    finally:
        _given.pop()


def current_user() -> str:
    """Who is writing: the command's --user, else $KAMTUI_USER, else the
    operating system's user name (getpass fails without a login name, in
    some containers: then the uid)."""
    if _given:
        return _given[-1]
    given = user_name(os.environ.get(USER_ENV))
    if given:
        return given
    import getpass  # only when no name is given: it loads the terminal modules

    try:
        return user_name(getpass.getuser()) or f"uid {os.getuid()}"
    except Exception:  # getpass raises OSError or KeyError, depending on the version
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def has_audit(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_context'"
    ).fetchone()
    return row is not None


def begin(conn: sqlite3.Connection, user: str, at: str) -> tuple[tuple[int, ...], int]:
    """Inside a just-begun write transaction: the writes that follow are
    this user's, at this time, in a new transaction number. Returns what
    `end` compares with, and the rows it changed (not data: the store's
    change marker leaves them out)."""
    before = conn.total_changes
    conn.execute(
        "INSERT INTO audit_context(id, user, at, txn, import_id, last_txn)"
        " VALUES (1, ?, ?, 1, NULL, 1)"
        " ON CONFLICT(id) DO UPDATE SET user = excluded.user, at = excluded.at,"
        " txn = last_txn + 1, import_id = NULL, last_txn = last_txn + 1",
        (user, at),
    )
    return _shape(conn), conn.total_changes - before


def _shape(conn: sqlite3.Connection) -> tuple[int, ...]:
    # Row changes, schema changes (DDL), the schema's version number.
    return (
        conn.total_changes,
        int(conn.execute("PRAGMA schema_version").fetchone()[0]),
        int(conn.execute("PRAGMA user_version").fetchone()[0]),
    )


def end(conn: sqlite3.Connection, start: tuple[int, ...]) -> tuple[bool, int]:
    """Before COMMIT: leave the context empty, so a write by another tool
    is never recorded under this user's name. Returns (roll back instead,
    rows it changed): a transaction that changed nothing but the context is
    rolled back, so a write that changes nothing (health snapshots already
    saved today) commits nothing and other connections see no change."""
    if _shape(conn) == start:
        return True, 0
    before = conn.total_changes
    conn.execute(
        "UPDATE audit_context SET user = NULL, at = NULL, txn = NULL, import_id = NULL WHERE id = 1"
    )
    return False, conn.total_changes - before


_NEW_ENTRY = """
INSERT INTO audit_log(at, user, txn, account_id, kind, row_id, action, label, changes)
SELECT COALESCE(?, c.at, strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')), COALESCE(c.user, ?),
    c.txn, ?, 'import', NULL, 'imported', ?, ?
FROM (SELECT 1) LEFT JOIN audit_context AS c ON c.id = 1
"""


@dataclass
class ImportEntry:
    """The one entry of an import; `counts` (rows, created, updated,
    unchanged…) are written into it when the import ends."""

    id: int | None
    what: str
    source: str | None
    counts: dict[str, int] = field(default_factory=dict)
    # The accounts written to, given by the import itself for the tables
    # whose triggers it set aside (`imported(set_aside=...)`).
    accounts: set[int] = field(default_factory=set)


def _details(entry: ImportEntry) -> str:
    return json.dumps(
        {"what": entry.what, "file": entry.source, **entry.counts}, ensure_ascii=False
    )


@contextmanager
def imported(
    conn: sqlite3.Connection,
    what: str,
    source: str | None,
    *,
    account_id: int | None = None,
    at: str | None = None,
    set_aside: Sequence[str] = (),
) -> Iterator[ImportEntry]:
    """Record a bulk write (an import, the demo) as ONE entry, inside the
    caller's write transaction: while the block runs, the triggers write no
    entry per row but mark each row's account as touched by this one.

    Any trigger on a table costs each row written to it (SQLite runs the
    row's statement as a sub-transaction): for the tables in `set_aside`
    (a million transactions) the audit triggers are dropped for the block
    and recreated from their own SQL before it ends, inside the transaction
    (other connections never see them missing); the caller then names the
    accounts it wrote in `entry.accounts`."""
    entry = ImportEntry(None, what, source)
    if not has_audit(conn):
        yield entry
        return
    cur = conn.execute(_NEW_ENTRY, (at, current_user(), account_id, source, _details(entry)))
    entry.id = int(cur.lastrowid or 0)
    previous = conn.execute("SELECT import_id FROM audit_context WHERE id = 1").fetchone()
    conn.execute("UPDATE audit_context SET import_id = ? WHERE id = 1", (entry.id,))
    dropped = _drop_triggers(conn, set_aside)
    try:
        yield entry
    except BaseException:
        # The caller's transaction rolls back (SQLite may already have done
        # it, triggers and all): put things back if it has not, and let the
        # import's own error through.
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                _restore(conn, dropped, previous)
        raise
    _restore(conn, dropped, previous)
    conn.executemany(
        "INSERT OR IGNORE INTO audit_import_accounts(entry_id, account_id) VALUES (?, ?)",
        [(entry.id, a) for a in sorted(entry.accounts)],
    )
    conn.execute("UPDATE audit_log SET changes = ? WHERE id = ?", (_details(entry), entry.id))


def _restore(conn: sqlite3.Connection, dropped: list[str], previous: Any) -> None:
    for sql in dropped:
        conn.execute(sql.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))
    conn.execute(
        "UPDATE audit_context SET import_id = ? WHERE id = 1",
        (previous[0] if previous else None,),
    )


def _drop_triggers(conn: sqlite3.Connection, tables: Sequence[str]) -> list[str]:
    """Drop the audit triggers of `tables`; the SQL that recreates them."""
    if not tables:
        return []
    marks = ", ".join("?" * len(tables))
    found = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        f" AND substr(name, 1, 6) = 'audit_' AND tbl_name IN ({marks}) ORDER BY name",
        list(tables),
    ).fetchall()
    for name, _sql in found:
        conn.execute(f'DROP TRIGGER "{name}"')
    return [sql for _name, sql in found]


def record_bulk_load(
    conn: sqlite3.Connection, what: str, source: str | None, counts: dict[str, int], at: str
) -> None:
    """One entry for a load that ran with the triggers set aside (the large
    demo, storage/bulk.py): every account it holds was written by it. `at`
    is given: the same build gives the same file."""
    if not has_audit(conn):
        return
    with imported(conn, what, source, at=at) as entry:
        entry.counts.update(counts)
        conn.execute(
            "INSERT OR IGNORE INTO audit_import_accounts(entry_id, account_id)"
            " SELECT ?, id FROM accounts",
            (entry.id,),
        )


# --- reading -----------------------------------------------------------------

_HISTORY = """
SELECT id, at, user, txn, account_id, kind, row_id, action, label, changes FROM (
    SELECT * FROM audit_log WHERE account_id = :account
    UNION ALL
    SELECT l.* FROM audit_import_accounts AS t JOIN audit_log AS l ON l.id = t.entry_id
    WHERE t.account_id = :account AND l.account_id IS NOT :account
)
WHERE :since IS NULL OR at >= :since
ORDER BY id DESC
"""


def account_history(
    store: Store, account_id: int, *, since: str | None = None, limit: int | None = None
) -> tuple[list[sqlite3.Row], int]:
    """(the account's entries newest first, at most `limit`; how many there
    are in all since `since`). Its records' entries and the imports that
    touched it."""
    params = {"account": account_id, "since": since}
    with store.read() as conn:
        if not has_audit(conn):
            return [], 0
        total = conn.execute(f"SELECT COUNT(*) FROM ({_HISTORY})", params).fetchone()[0]
        sql = _HISTORY + (" LIMIT :limit" if limit is not None else "")
        rows = conn.execute(sql, {**params, "limit": limit}).fetchall()
    return rows, int(total)


def recorded_since(store: Store) -> str | None:
    """When the trail began on this file (the migration that added it)."""
    row = store.one("SELECT value FROM meta WHERE key = 'audit_since'")
    return row[0] if row else None


# --- erasure -----------------------------------------------------------------


@contextmanager
def _writing(target: Store | sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    if isinstance(target, sqlite3.Connection):
        yield target
    else:
        with target.write() as conn:
            yield conn


def _chunks(ids: Sequence[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield [int(i) for i in ids[start : start + size]]


def forget(target: Store | sqlite3.Connection, kind: str, row_ids: list[int]) -> int:
    """Remove every audit record of these rows (kind: 'person', 'fact'… or
    the table's name); how many were removed. For a person, also every
    record that names them (their participations, their links, facts about
    them); for an interaction, also its participants'. On a Store it is its
    own transaction; on a connection, part of the caller's (an erasure
    calls it after its deletes, so their records go too)."""
    try:
        canonical = KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown kind {kind!r}; one of {', '.join(sorted(KINDS))}") from None
    removed = 0
    with _writing(target) as conn:
        if not has_audit(conn):
            return 0
        kinds = ["participant", "interaction"] if canonical == "interaction" else [canonical]
        for ids in _chunks(row_ids):
            marks = ", ".join("?" * len(ids))
            for k in kinds:
                removed += conn.execute(
                    f"DELETE FROM audit_log WHERE kind = ? AND row_id IN ({marks})", [k, *ids]
                ).rowcount
            if canonical == "person":
                removed += conn.execute(
                    "DELETE FROM audit_log WHERE people IS NOT NULL AND EXISTS"
                    f" (SELECT 1 FROM json_each(audit_log.people) WHERE value IN ({marks}))",
                    ids,
                ).rowcount
    return removed


def forget_account(conn: sqlite3.Connection, account_id: int) -> int:
    """Remove every audit record of an account deleted for good with all it
    held (a purge of the trash); how many were removed."""
    if not has_audit(conn):
        return 0
    return conn.execute("DELETE FROM audit_log WHERE account_id = ?", (account_id,)).rowcount


def scrub(target: Store | sqlite3.Connection, needles: list[str], replacement: str) -> int:
    """Replace each needle (a name, an e-mail, a phone; any case) by
    `replacement` in every label and old/new value the trail holds; how many
    records changed."""
    wanted = sorted({n for n in needles if n and n.strip()}, key=len, reverse=True)
    if not wanted:
        return 0
    pattern = re.compile("|".join(re.escape(n) for n in wanted), re.IGNORECASE)

    def swap(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(lambda _m: replacement, value)
        if isinstance(value, list):
            return [swap(v) for v in value]
        if isinstance(value, dict):
            return {swap(k): swap(v) for k, v in value.items()}
        return value

    changed = 0
    with _writing(target) as conn:
        if not has_audit(conn):
            return 0
        updates = []
        for entry_id, label, changes in conn.execute("SELECT id, label, changes FROM audit_log"):
            new_label = swap(label) if label is not None else None
            new_changes = changes
            # Escaped text ("\u00f1", a quote) is only found once parsed.
            if changes is not None and (pattern.search(changes) or "\\" in changes):
                swapped = swap(json.loads(changes))
                if swapped != json.loads(changes):
                    new_changes = json.dumps(swapped, ensure_ascii=False)
            if new_label != label or new_changes != changes:
                updates.append((new_label, new_changes, entry_id))
        for update in updates:
            conn.execute("UPDATE audit_log SET label = ?, changes = ? WHERE id = ?", update)
        changed = len(updates)
    return changed
