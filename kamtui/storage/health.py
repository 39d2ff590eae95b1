"""SQL for relationship health: set-wise aggregates for every account at once
(a fixed handful of queries, whatever the portfolio size) and the snapshots."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from kamtui.storage.db import Store

DEEP_LEVELS = "('strategic', 'satisfaction')"


def _iso(d: date) -> str:
    return d.isoformat()


def accounts(store: Store, account_ids: list[int] | None = None) -> list[sqlite3.Row]:
    sql = (
        "SELECT id, name, name_key, tax_id, account_number, industry, owner, phone, email,"
        " address, cadence_days FROM accounts WHERE deleted_at IS NULL"
    )
    if account_ids is not None:
        sql += f" AND id IN ({','.join('?' * len(account_ids))})"
        return store.query(sql, account_ids)
    return store.query(sql)


Ids = list[int] | None  # some accounts, or (None) every account


def _only(account_ids: Ids, column: str = "account_id") -> str:
    if account_ids is None:
        return ""
    return f" AND {column} IN ({','.join(str(int(a)) for a in account_ids) or 'NULL'})"


def interactions(
    store: Store, today: date, window_days: int, mood_days: int, account_ids: Ids = None
) -> list[sqlite3.Row]:
    """Per account: totals, first/last, last strategic-or-satisfaction, the
    conversation window's counts and the mood window's sum and count."""
    return store.query(
        f"""
        SELECT account_id, COUNT(*) AS n, MIN(occurred_at) AS first, MAX(occurred_at) AS last,
               MAX(CASE WHEN level IN {DEEP_LEVELS} THEN occurred_at END) AS last_deep,
               SUM(occurred_at >= :win) AS n_win,
               SUM(occurred_at >= :win AND level IN {DEEP_LEVELS}) AS deep_win,
               SUM(CASE WHEN occurred_at >= :mood THEN mood END) AS mood_sum,
               SUM(occurred_at >= :mood AND mood IS NOT NULL) AS mood_n
        FROM interactions
        WHERE deleted_at IS NULL AND occurred_at < :tomorrow{_only(account_ids)}
        GROUP BY account_id
        """,
        {
            "win": _iso(today - timedelta(days=window_days)),
            "mood": _iso(today - timedelta(days=mood_days)),
            "tomorrow": _iso(today + timedelta(days=1)),
        },
    )


def complaints(store: Store, today: date, account_ids: Ids = None) -> list[sqlite3.Row]:
    """Per account: complaints opened so far, those still open on `today`,
    and the oldest open one."""
    return store.query(
        f"""
        SELECT account_id, COUNT(*) AS total,
               SUM(resolved_at IS NULL OR resolved_at >= :tomorrow) AS open_n,
               MIN(CASE WHEN resolved_at IS NULL OR resolved_at >= :tomorrow
                   THEN opened_at END) AS oldest
        FROM complaints
        WHERE deleted_at IS NULL AND opened_at < :tomorrow{_only(account_ids)}
        GROUP BY account_id
        """,
        {"tomorrow": _iso(today + timedelta(days=1))},
    )


def resolution_days(store: Store, today: date, account_ids: Ids = None) -> list[sqlite3.Row]:
    """Days from opening to resolution of complaints resolved in the last year."""
    return store.query(
        f"""
        SELECT account_id, julianday(substr(resolved_at, 1, 10))
                           - julianday(substr(opened_at, 1, 10)) AS days
        FROM complaints
        WHERE deleted_at IS NULL AND resolved_at >= :since AND resolved_at < :tomorrow
              {_only(account_ids)}
        ORDER BY id
        """,
        {
            "since": _iso(today - timedelta(days=365)),
            "tomorrow": _iso(today + timedelta(days=1)),
        },
    )


def transactions(store: Store, today: date, account_ids: Ids = None) -> list[sqlite3.Row]:
    """Per account: revenue of the last 12 months and the 12 before, first and
    last order, distinct order days in both windows, and the distinct
    categories of both windows as JSON arrays (read them with `categories()`;
    together they also give the portfolio's catalogue without another scan)."""
    return store.query(
        f"""
        SELECT account_id,
               TOTAL(CASE WHEN date > :y1 THEN amount END) AS r12,
               TOTAL(CASE WHEN date > :y2 AND date <= :y1 THEN amount END) AS p12,
               MIN(date) AS first, MAX(date) AS last,
               COUNT(DISTINCT CASE WHEN date > :y1 THEN date END) AS days_recent,
               COUNT(DISTINCT CASE WHEN date <= :y1 THEN date END) AS days_before,
               json_group_array(DISTINCT CASE WHEN date > :y1 THEN category END) AS cats12,
               json_group_array(DISTINCT CASE WHEN date > :y2 AND date <= :y1 THEN category END)
                   AS catsp12
        FROM transactions
        WHERE date <= :today{_only(account_ids)}
        GROUP BY account_id
        """,
        {
            "today": _iso(today),
            "y1": _iso(today - timedelta(days=365)),
            "y2": _iso(today - timedelta(days=730)),
        },
    )


def categories(json_array: str) -> list[str]:
    """The categories of a `transactions()` JSON column (without the null of
    rows outside its window)."""
    return [c for c in json.loads(json_array) if c is not None]


def catalogue(store: Store, today: date) -> int:
    """Categories the portfolio has bought in the last two years."""
    row = store.one(
        "SELECT COUNT(DISTINCT category) FROM transactions WHERE date > ? AND date <= ?",
        (_iso(today - timedelta(days=730)), _iso(today)),
    )
    return int(row[0]) if row else 0


def wallet(store: Store, year: int, account_ids: Ids = None) -> list[sqlite3.Row]:
    return store.query(
        "SELECT account_id, year, TOTAL(amount) AS amount FROM wallet_estimates"
        f" WHERE year <= ?{_only(account_ids)} GROUP BY account_id, year",
        (year,),
    )


def people(store: Store, verified_since: date, account_ids: Ids = None) -> list[sqlite3.Row]:
    return store.query(
        f"""
        SELECT account_id, COUNT(*) AS n, SUM(side = 'theirs') AS theirs,
               SUM(side = 'theirs' AND verified_at >= ?) AS verified
        FROM people WHERE deleted_at IS NULL{_only(account_ids)} GROUP BY account_id
        """,
        (_iso(verified_since),),
    )


# --- snapshots ----------------------------------------------------------------------


def save_snapshots(
    store: Store, day: date, rows: Iterable[tuple[int, float | None, str | None, Any]]
) -> None:
    """One snapshot per account and day: a later computation the same day
    replaces the earlier one. The rows are taken as they come."""
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO health_snapshots (account_id, date, score, band, components)"
            " VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (account_id, date) DO UPDATE SET score = excluded.score,"
            " band = excluded.band, components = excluded.components",
            ((a, _iso(day), s, b, json.dumps(c, ensure_ascii=False)) for a, s, b, c in rows),
        )


def snapshot_scores(
    store: Store, since: date, until: date, account_id: int | None = None
) -> list[tuple[int, str, float | None]]:
    """(account_id, date, score) tuples: 120,000 of them for 10,000 accounts at
    start-up, so plain tuples (not sqlite3.Row) from the covering index."""
    sql = "SELECT account_id, date, score FROM health_snapshots WHERE date >= ? AND date <= ?"
    params: list[Any] = [_iso(since), _iso(until)]
    if account_id is not None:
        sql += " AND account_id = ?"
        params.append(account_id)
    with store.read() as conn:
        cur = conn.cursor()
        cur.row_factory = None
        return cur.execute(sql + " ORDER BY account_id, date", params).fetchall()


def snapshot_score_series(
    store: Store, since: date, until: date, account_ids: list[int] | None = None
) -> dict[int, tuple[float | None, ...]]:
    """Each account's snapshot scores from `since` to `until`, oldest first,
    without their dates (the portfolio's trend column: 120,000 scores for
    10,000 accounts, grouped while the cursor streams them)."""
    sql = "SELECT account_id, score FROM health_snapshots WHERE date >= ? AND date <= ?"
    params: list[Any] = [_iso(since), _iso(until)]
    if account_ids is not None:
        sql += f" AND account_id IN ({','.join('?' * len(account_ids))})"
        params.extend(account_ids)
    out: dict[int, list[float | None]] = {}
    current: int | None = None
    scores: list[float | None] = []
    with store.read() as conn:
        cur = conn.cursor()
        cur.row_factory = None
        for account_id, score in cur.execute(sql + " ORDER BY account_id, date", params):
            if account_id != current:
                current = account_id
                scores = out[account_id] = []
            scores.append(score)
    return {account_id: tuple(values) for account_id, values in out.items()}


def snapshots(store: Store, account_id: int) -> list[sqlite3.Row]:
    return store.query(
        "SELECT date, score, band, components FROM health_snapshots WHERE account_id = ?"
        " ORDER BY date",
        (account_id,),
    )


def latest_snapshots(store: Store) -> list[sqlite3.Row]:
    """The newest snapshot of each account (what the portfolio shows at once,
    before the fresh computation lands)."""
    return store.query(
        """
        SELECT s.account_id, s.date, s.score, s.band FROM health_snapshots s
        JOIN (SELECT account_id, MAX(date) AS d FROM health_snapshots GROUP BY account_id) m
          ON m.account_id = s.account_id AND m.d = s.date
        """
    )


def possible_duplicates(store: Store, account_id: int) -> list[sqlite3.Row]:
    """The account and those sharing its folded name or tax id."""
    return store.query(
        """
        SELECT b.id, b.name, b.name_key, b.tax_id FROM accounts a JOIN accounts b
          ON b.name_key = a.name_key
             OR (a.tax_id IS NOT NULL AND a.tax_id != ''
                 AND upper(replace(b.tax_id, ' ', '')) = upper(replace(a.tax_id, ' ', '')))
        WHERE a.id = ? AND b.deleted_at IS NULL
        """,
        (account_id,),
    )


def not_duplicate_accounts(store: Store) -> set[tuple[int, int]]:
    """Pairs of accounts marked "not a duplicate": (smaller id, larger id)."""
    rows = store.query("SELECT a_id, b_id FROM not_duplicates WHERE kind = 'account'")
    return {(int(r[0]), int(r[1])) for r in rows}
