"""SQL of the full-text indexes, kept in sync by triggers: `search_index`
(everything searchable; the "full-text search index" migration) and
`search_directory` (accounts and people only, same rowids; the "directory
search index" migration). rowid = source id * 8 + kind code."""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from kamtui.storage.db import BUSY_TIMEOUT_MS, Store, connect

# Private-use characters mark matched terms in highlight()/snippet() output;
# the service splits on them (no markup ever reaches a widget).
HIT_START = "\ue000"
HIT_END = "\ue001"

KIND_CODES = {"account": 1, "person": 2, "interaction": 3, "fact": 4, "complaint": 5}


NOTES = "search_index"
"""Everything searchable: accounts, people, interactions, facts, complaints."""
DIRECTORY = "search_directory"
"""Accounts and people only (same rowids): small, so names are always found."""

_SELECT = (
    "SELECT s.rowid AS rowid, s.kind AS kind, s.ref_id AS ref_id,"
    " s.account_id AS account_id, a.name AS account,"
    " highlight({t}, 3, :start, :end) AS title,"
    " {body} AS body,"
    " snippet({t}, 4, :start, :end, '…', 14) AS snippet"
    " FROM {t} s JOIN accounts a ON a.id = s.account_id"
    " WHERE {t} MATCH :query AND a.deleted_at IS NULL{kind}"
    " ORDER BY s.rowid DESC LIMIT :limit"
)
_SQL = {
    (table, body, kind): _SELECT.format(
        t=table,
        body=f"highlight({table}, 4, :start, :end)" if body else "NULL",
        # the kind is in the rowid: no row read to test it
        kind=" AND s.rowid % 8 = :code" if kind else "",
    )
    for table in (NOTES, DIRECTORY)
    for body in (False, True)
    for kind in (False, True)
}


def newest(
    store: Store,
    fts_query: str,
    limit: int,
    *,
    directory: bool = False,
    title_only: bool = False,
    body: bool = False,
    kind: str | None = None,
) -> list[sqlite3.Row]:
    """The newest `limit` items (highest rowid first) matching an already-safe
    FTS5 query, skipping items of accounts in the trash: kind, ref_id,
    account_id, account (its name), title (highlighted), body (highlighted,
    only when `body`, else NULL) and snippet (of the body).

    `directory` looks in the accounts-and-people index instead of everything;
    `title_only` matches the query against titles (names, summaries) only;
    `kind` keeps items of that kind only ("account", "person", ...).
    Newest first costs what `limit` costs: FTS5 walks the matches backwards
    and stops, where ranking every match of a common word reads all of them."""
    if limit <= 0:
        return []
    table = DIRECTORY if directory else NOTES
    query = f"title : ({fts_query})" if title_only else fts_query
    params = {"start": HIT_START, "end": HIT_END, "query": query, "limit": limit}
    if kind is not None:
        params["code"] = KIND_CODES[kind]
    with _reading(store) as conn:
        return conn.execute(_SQL[(table, body, kind is not None)], params).fetchall()


_READERS: weakref.WeakKeyDictionary[Store, tuple[sqlite3.Connection, threading.Lock]] = (
    weakref.WeakKeyDictionary()
)
_READERS_LOCK = threading.Lock()


@contextmanager
def _reading(store: Store) -> Iterator[sqlite3.Connection]:
    """A read-only connection of search's own (one per store, closed with it
    when the store is garbage collected), so a search never queues behind the
    store's shared lock: health computations hold that for seconds at a time
    while the app starts. The file is in WAL mode, so this connection reads
    the last committed data while the shared one reads or writes. Falls back
    to the shared connection if a second one cannot be opened."""
    with _READERS_LOCK:
        reader = _READERS.get(store)
        if reader is None:
            try:
                conn = connect(store.path, readonly=True)
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            except sqlite3.Error:
                conn = None
            if conn is not None:
                reader = (conn, threading.Lock())
                _READERS[store] = reader
                weakref.finalize(store, conn.close)
    if reader is None:
        with store.read() as shared:
            yield shared
        return
    conn, lock = reader
    with lock:
        yield conn


_DATES = {
    "interaction": "SELECT id, occurred_at FROM interactions WHERE id IN ({})",
    "complaint": "SELECT id, opened_at FROM complaints WHERE id IN ({})",
    # a fact's date is that of the interaction it was heard in, else its entry
    "fact": "SELECT f.id, COALESCE(i.occurred_at, f.created_at) FROM facts f"
    " LEFT JOIN interactions i ON i.id = f.interaction_id WHERE f.id IN ({})",
}


def item_dates(store: Store, ids: dict[str, list[int]]) -> dict[tuple[str, int], str]:
    """The date of each item (ISO, as stored) by (kind, id): an interaction's
    occurred_at, a complaint's opened_at, a fact's interaction's date (else
    when it was noted). Accounts and people have none."""
    found: dict[tuple[str, int], str] = {}
    with _reading(store) as conn:
        for kind, wanted in ids.items():
            sql = _DATES.get(kind)
            if sql is None or not wanted:
                continue
            marks = ",".join("?" * len(wanted))
            for ref, when in conn.execute(sql.format(marks), wanted):
                if when:
                    found[(kind, int(ref))] = str(when)
    return found


def count(store: Store) -> int:
    row = store.one("SELECT COUNT(*) FROM search_index")
    return int(row[0]) if row else 0


def rebuild(store: Store) -> int:
    """Re-index everything from the source tables (repair after a bulk load
    that bypassed the triggers, e.g. with triggers dropped). Returns the row count."""
    with store.write() as conn:
        conn.execute(f"DELETE FROM {NOTES}")
        conn.execute(f"DELETE FROM {DIRECTORY}")
        for sql in _REBUILD:
            conn.execute(sql)
        return int(conn.execute(f"SELECT COUNT(*) FROM {NOTES}").fetchone()[0])


def _cat(*cols: str) -> str:
    if not cols:
        return "''"
    return " || ' ' || ".join(f"COALESCE({c}, '')" for c in cols)


# (source table, kind, rowid code, account id, title, body columns): the rows
# the migrations' triggers keep in sync, here for a full rebuild.
_SOURCES: list[tuple[str, str, int, str, str, tuple[str, ...]]] = [
    (
        "accounts",
        "account",
        1,
        "id",
        "name",
        (
            "account_number",
            "tax_id",
            "domain",
            "industry",
            "email",
            "phone",
            "address",
            "notes",
        ),
    ),
    ("people", "person", 2, "account_id", "name", ("title", "email", "phone")),
    ("interactions", "interaction", 3, "account_id", "summary", ("notes",)),
    ("facts", "fact", 4, "account_id", "text", ()),
    ("complaints", "complaint", 5, "account_id", "title", ("description", "resolution")),
]
_REBUILD = [
    f"INSERT INTO {index}(rowid, kind, ref_id, account_id, title, body)"
    f" SELECT id * 8 + {code}, '{kind}', id, {acc}, {title}, {_cat(*body)}"
    f" FROM {table} WHERE deleted_at IS NULL"
    for index in (NOTES, DIRECTORY)
    for table, kind, code, acc, title, body in _SOURCES
    if index == NOTES or kind in ("account", "person")
]
