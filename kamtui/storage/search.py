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


WINDOW = 5000
"""A query matching more items than this ranks only the newest WINDOW of them
(by id): ranking every match of a very common word costs about a second on a
million notes, the window keeps every query well under 100 ms."""

_SELECT = (
    "SELECT search_index.kind AS kind, search_index.ref_id AS ref_id,"
    " search_index.account_id AS account_id, a.name AS account,"
    " highlight(search_index, 3, :start, :end) AS title,"
    " snippet(search_index, 4, :start, :end, '…', 14) AS snippet"
    " FROM search_index JOIN accounts a ON a.id = search_index.account_id"
    " WHERE search_index MATCH :query AND a.deleted_at IS NULL"
)
_RANK = " ORDER BY bm25(search_index, 0.0, 0.0, 0.0, 4.0, 1.0) LIMIT :limit"


def match(
    store: Store,
    fts_query: str,
    limit: int,
    *,
    name_terms: list[str] | None = None,
    window: int = WINDOW,
) -> list[sqlite3.Row]:
    """Rows matching an already-safe FTS5 query, best first (title weighs
    more than body), skipping items of accounts in the trash.

    When the query matches more than `window` items only the newest are
    ranked; accounts and people whose folded names contain every one of
    `name_terms` are then looked up by name so they are never lost."""
    params = {"start": HIT_START, "end": HIT_END, "query": fts_query, "limit": limit}
    with store.read() as conn:
        floor = conn.execute(
            "SELECT rowid FROM search_index WHERE search_index MATCH ?"
            " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (fts_query, window - 1),
        ).fetchone()
        if floor is None:
            return conn.execute(_SELECT + _RANK, params).fetchall()
        rows = conn.execute(
            _SELECT + " AND search_index.rowid >= :floor" + _RANK,
            {**params, "floor": floor[0]},
        ).fetchall()
        named = _named_rowids(conn, name_terms or [])
        if not named:
            return rows
        # One lookup per row: FTS5 seeks a single rowid fast, while an IN list
        # with the join and bm25() made it scan every match.
        extra = []
        for rowid in named:
            extra += conn.execute(
                _SELECT + " AND search_index.rowid = :rowid", {**params, "rowid": rowid}
            ).fetchall()
    seen = {(r["kind"], r["ref_id"]) for r in extra}
    return (extra + [r for r in rows if (r["kind"], r["ref_id"]) not in seen])[:limit]


def _named_rowids(conn: sqlite3.Connection, terms: list[str], cap: int = 20) -> list[int]:
    """Index rowids of accounts and people whose folded name contains every term."""
    if not terms:
        return []
    where = " AND ".join("name_key LIKE ? ESCAPE '\\'" for _ in terms)
    likes = [
        "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms
    ]
    out: list[int] = []
    for table, code in (("accounts", 1), ("people", 2)):
        out += [
            r[0] * 8 + code
            for r in conn.execute(
                f"SELECT id FROM {table} WHERE deleted_at IS NULL AND {where} LIMIT ?",
                (*likes, cap),
            )
        ]
    return out


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
