"""SQL of incremental health: the change counters the triggers keep
(`health_changes`, migration "health change counters") and today's stored
health of each account (`health_cache`) with the counter it saw."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import Any

from kamtui.storage.db import Store

STATE_KEY = "health_cache"
STAMP_KEY = "health_cache_stamp"  # the last save's stamp


def _ids(account_ids: Iterable[int]) -> str:
    return json.dumps(sorted({int(a) for a in account_ids}))


def state(store: Store) -> dict[str, Any] | None:
    """What the stored health as a whole was computed for: day, config
    fingerprint, the portfolio's catalogue and the counter totals it saw."""
    raw = store.get_meta(STATE_KEY)
    if not raw:
        return None
    try:
        found = json.loads(raw)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def totals(store: Store) -> tuple[int, int, int]:
    """The sums of the `n`, `catalogue` and `keys` counters: they only grow,
    so a different sum means some input, some transaction or some duplicate
    key changed."""
    row = store.one("SELECT TOTAL(n), TOTAL(catalogue), TOTAL(keys) FROM health_changes")
    return (int(row[0]), int(row[1]), int(row[2])) if row else (0, 0, 0)


def account_count(store: Store) -> int:
    """Accounts in the file, deleted ones too (what a whole computation
    goes through)."""
    row = store.one("SELECT COUNT(*) FROM accounts")
    return int(row[0]) if row else 0


def counters(store: Store, account_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Each account's change counter (0 when none was ever bumped)."""
    sql = "SELECT a.id, COALESCE(c.n, 0) FROM accounts a LEFT JOIN health_changes c ON c.account_id = a.id"
    params: tuple[Any, ...] = ()
    if account_ids is not None:
        sql += " WHERE a.id IN (SELECT value FROM json_each(?))"
        params = (_ids(account_ids),)
    with store.read() as conn:
        cur = conn.cursor()
        cur.row_factory = None
        return dict(cur.execute(sql, params).fetchall())


def stale(store: Store, day: date) -> dict[int, int]:
    """Accounts (live or not) whose counter moved since their health was
    stored for `day` (or that have none stored): account id -> the counter
    now. An account never bumped has no counter row: the whole computation
    stored it (every account), so it is never stale."""
    with store.read() as conn:
        cur = conn.cursor()
        cur.row_factory = None
        return dict(
            cur.execute(
                "SELECT c.account_id, c.n FROM health_changes c"
                " LEFT JOIN health_cache h ON h.account_id = c.account_id"
                " WHERE h.account_id IS NULL OR h.day != ? OR h.n != c.n",
                (day.isoformat(),),
            ).fetchall()
        )


def stamps(store: Store, since: int = -1) -> dict[int, int]:
    """The stamp of each live account's stored health (of those saved after
    stamp `since`): a new stamp is a new result."""
    with store.read() as conn:
        cur = conn.cursor()
        cur.row_factory = None
        return dict(
            cur.execute(
                "SELECT h.account_id, h.stamp FROM health_cache h JOIN accounts a"
                " ON a.id = h.account_id WHERE h.stamp > ? AND a.deleted_at IS NULL"
                " AND h.health IS NOT NULL",
                (since,),
            ).fetchall()
        )


def stored_duplicates(store: Store, account_ids: Iterable[int]) -> dict[int, list[str]]:
    rows = store.query(
        "SELECT account_id, duplicates FROM health_cache"
        " WHERE account_id IN (SELECT value FROM json_each(?))",
        (_ids(account_ids),),
    )
    return {r[0]: json.loads(r[1]) for r in rows}


def all_duplicates(store: Store) -> dict[int, list[str]]:
    rows = store.query("SELECT account_id, duplicates FROM health_cache WHERE health IS NOT NULL")
    return {r[0]: json.loads(r[1]) for r in rows}


def duplicate_keys(store: Store) -> list[Any]:
    """id, name, name_key, tax_id of every live account (the duplicate keys)."""
    return store.query("SELECT id, name, name_key, tax_id FROM accounts WHERE deleted_at IS NULL")


# One stored account: (account_id, n, score, band, shape, wallet_share,
# revitalise, gap, due, duplicates, health) — health None for an account
# that is not live (deleted, or gone).
Row = tuple[int, int, Any, Any, Any, Any, str, int, int, list[str], Any]


def save(
    store: Store,
    day: date,
    rows: Iterable[Row],
    new_state: dict[str, Any],
    *,
    everything: bool = False,
) -> None:
    """Store these accounts' health (one transaction, with the state; the
    rows are taken as they come);
    `everything`: they are the whole portfolio, the rest is dropped. A
    result computed from older data (a lower counter, the same day) never
    replaces a newer one (two computations at once)."""
    iso = day.isoformat()
    with store.write() as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (STAMP_KEY,)).fetchone()
        stamp = int(row[0]) + 1 if row and str(row[0]).isdigit() else 1
        _set(conn, STAMP_KEY, str(stamp))
        if everything:
            conn.execute("DELETE FROM health_cache")
        conn.executemany(
            "INSERT INTO health_cache (account_id, day, n, stamp, score, band, shape,"
            " wallet_share, revitalise, gap, due, duplicates, health)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (account_id) DO UPDATE SET day = excluded.day, n = excluded.n,"
            " stamp = excluded.stamp, score = excluded.score, band = excluded.band,"
            " shape = excluded.shape, wallet_share = excluded.wallet_share,"
            " revitalise = excluded.revitalise, gap = excluded.gap, due = excluded.due,"
            " duplicates = excluded.duplicates, health = excluded.health"
            " WHERE excluded.n >= health_cache.n OR excluded.day != health_cache.day",
            (
                (
                    a,
                    iso,
                    n,
                    stamp,
                    score,
                    band,
                    shape,
                    wallet,
                    rev,
                    gap,
                    due,
                    json.dumps(dups, ensure_ascii=False),
                    None if health is None else json.dumps(health, ensure_ascii=False),
                )
                for a, n, score, band, shape, wallet, rev, gap, due, dups, health in rows
            ),
        )
        _set(conn, STATE_KEY, json.dumps(new_state))


def save_state(store: Store, new_state: dict[str, Any]) -> None:
    with store.write() as conn:
        _set(conn, STATE_KEY, json.dumps(new_state))


def _set(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def assessments(store: Store, account_ids: Iterable[int] | None = None) -> list[tuple[int, Any]]:
    """(account_id, the stored Health record) of live accounts."""
    sql = (
        "SELECT h.account_id, h.health FROM health_cache h JOIN accounts a ON a.id = h.account_id"
        " WHERE a.deleted_at IS NULL AND h.health IS NOT NULL"
    )
    params: tuple[Any, ...] = ()
    if account_ids is not None:
        sql += " AND h.account_id IN (SELECT value FROM json_each(?))"
        params = (_ids(account_ids),)
    with store.read() as conn:
        cur = conn.cursor()
        cur.row_factory = None
        return [(a, json.loads(text)) for a, text in cur.execute(sql, params)]
