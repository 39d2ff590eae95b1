"""SQL of the full-text index (the `search_index` FTS5 table, kept in sync by
triggers: see the "full-text search index" migration)."""

from __future__ import annotations

import sqlite3

from kamtui.storage.db import Store

# Private-use characters mark matched terms in highlight()/snippet() output;
# the service splits on them (no markup ever reaches a widget).
HIT_START = "\ue000"
HIT_END = "\ue001"

KIND_CODES = {"account": 1, "person": 2, "interaction": 3, "fact": 4, "complaint": 5}


def match(store: Store, fts_query: str, limit: int) -> list[sqlite3.Row]:
    """Rows matching an already-safe FTS5 query, best first (title weighs
    more than body), skipping items of accounts in the trash."""
    return store.query(
        "SELECT search_index.kind AS kind, search_index.ref_id AS ref_id,"
        " search_index.account_id AS account_id, a.name AS account,"
        " highlight(search_index, 3, ?1, ?2) AS title,"
        " snippet(search_index, 4, ?1, ?2, '…', 14) AS snippet"
        " FROM search_index JOIN accounts a ON a.id = search_index.account_id"
        " WHERE search_index MATCH ?3 AND a.deleted_at IS NULL"
        " ORDER BY bm25(search_index, 0.0, 0.0, 0.0, 4.0, 1.0) LIMIT ?4",
        (HIT_START, HIT_END, fts_query, limit),
    )


def count(store: Store) -> int:
    row = store.one("SELECT COUNT(*) FROM search_index")
    return int(row[0]) if row else 0


def rebuild(store: Store) -> int:
    """Re-index everything from the source tables (repair after a bulk load
    that bypassed the triggers, e.g. with triggers dropped). Returns the row count."""
    with store.write() as conn:
        conn.execute("DELETE FROM search_index")
        for sql in _REBUILD:
            conn.execute(sql)
        return int(conn.execute("SELECT COUNT(*) FROM search_index").fetchone()[0])


def _cat(*cols: str) -> str:
    if not cols:
        return "''"
    return " || ' ' || ".join(f"COALESCE({c}, '')" for c in cols)


_REBUILD = [
    "INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)"
    f" SELECT id * 8 + {code}, '{kind}', id, {acc}, {title}, {_cat(*body)}"
    f" FROM {table} WHERE deleted_at IS NULL"
    for table, kind, code, acc, title, body in (
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
    )
]
