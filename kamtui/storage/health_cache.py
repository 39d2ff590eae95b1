"""SQL of incremental health: the change counters the triggers keep
(`health_changes`, migration "health change counters") and today's stored
health of each account (`health_cache`) with the counter it saw."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from kamtui.storage.db import Store

STATE_KEY = "health_cache"


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


def totals(store: Store) -> tuple[int, int]:
    """The sums of the `catalogue` and `keys` counters: they only grow, so a
    different sum means some transaction or some duplicate key changed."""
    row = store.one("SELECT TOTAL(catalogue), TOTAL(keys) FROM health_changes")
    return (int(row[0]), int(row[1])) if row else (0, 0)


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
    """Accounts (live or not) whose stored health is missing, of another day,
    or older than their counter: account id -> the counter now."""
    with store.read() as conn:
        cur = conn.cursor()
        cur.row_factory = None
        return dict(
            cur.execute(
                "SELECT a.id, COALESCE(c.n, 0) FROM accounts a"
                " LEFT JOIN health_changes c ON c.account_id = a.id"
                " LEFT JOIN health_cache h ON h.account_id = a.id"
                " WHERE h.account_id IS NULL OR h.day != ? OR h.n != COALESCE(c.n, 0)",
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
    rows: list[Row],
    new_state: dict[str, Any],
    *,
    everything: bool = False,
) -> None:
    """Store these accounts' health (one transaction, with the state);
    `everything`: they are the whole portfolio, the rest is dropped."""
    iso = day.isoformat()
    with store.write() as conn:
        (stamp,) = conn.execute("SELECT COALESCE(MAX(stamp), 0) + 1 FROM health_cache").fetchone()
        if everything:
            conn.execute("DELETE FROM health_cache")
        conn.executemany(
            "INSERT OR REPLACE INTO health_cache (account_id, day, n, stamp, score, band, shape,"
            " wallet_share, revitalise, gap, due, duplicates, health)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
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
            ],
        )
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (STATE_KEY, json.dumps(new_state)),
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
