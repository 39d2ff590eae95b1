"""SQL for transactions and wallet estimates: bulk upserts for the importers
and set-wise reads for the analytics (which live in kamtui/domain/finance.py)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from kamtui.domain.records import Tx
from kamtui.storage.db import Store

TX_COLUMNS = ("account_id", "date", "amount", "category", "document", "margin")

# Re-importing an identical row changes nothing (the WHERE makes the upsert a
# no-op, so sqlite's change counter only counts real inserts and updates).
UPSERT_TRANSACTIONS = (
    "INSERT INTO transactions (account_id, date, amount, category, document, margin) "
    "VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (account_id, document) DO UPDATE SET "
    "date = excluded.date, amount = excluded.amount, category = excluded.category, "
    "margin = excluded.margin "
    "WHERE transactions.date IS NOT excluded.date "
    "OR transactions.amount IS NOT excluded.amount "
    "OR transactions.category IS NOT excluded.category "
    "OR transactions.margin IS NOT excluded.margin"
)

UPSERT_WALLET = (
    "INSERT INTO wallet_estimates (account_id, category, year, amount) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (account_id, category, year) DO UPDATE SET amount = excluded.amount "
    "WHERE wallet_estimates.amount IS NOT excluded.amount"
)


@dataclass(slots=True)
class AccountKey:
    id: int
    name: str
    name_key: str


@dataclass
class AccountDirectory:
    """Every live account, indexed the ways an import file may name it."""

    by_number: dict[str, list[AccountKey]]
    by_name_key: dict[str, list[AccountKey]]
    accounts: list[AccountKey]


def account_directory(store: Store) -> AccountDirectory:
    by_number: dict[str, list[AccountKey]] = {}
    by_name: dict[str, list[AccountKey]] = {}
    accounts: dict[int, AccountKey] = {}
    with store.read() as conn:
        for row in conn.execute(
            "SELECT id, name, name_key, account_number FROM accounts WHERE deleted_at IS NULL"
        ):
            key = AccountKey(row[0], row[1], row[2])
            accounts[key.id] = key
            by_name.setdefault(key.name_key, []).append(key)
            if row[3]:
                by_number.setdefault(row[3].strip(), []).append(key)
        for row in conn.execute("SELECT account_id, number FROM account_identifiers"):
            known = accounts.get(row[0])
            if known is not None and row[1]:
                entries = by_number.setdefault(row[1].strip(), [])
                if known not in entries:
                    entries.append(known)
    return AccountDirectory(by_number, by_name, list(accounts.values()))


def known_categories(store: Store) -> list[str]:
    """Category spellings already in use, most used first."""
    rows = store.query(
        "SELECT category, SUM(n) FROM ("
        " SELECT category, COUNT(*) AS n FROM transactions GROUP BY category"
        " UNION ALL SELECT category, COUNT(*) FROM wallet_estimates GROUP BY category"
        ") GROUP BY category ORDER BY 2 DESC, 1"
    )
    return [r[0] for r in rows]


def count_transactions(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM transactions").fetchone()[0])


def count_wallet(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM wallet_estimates").fetchone()[0])


@contextmanager
def bulk_cache(conn: sqlite3.Connection, kib: int = 128_000) -> Iterator[None]:
    """A bigger page cache while a bulk write runs: index pages of a million
    rows do not fit sqlite's default 2 MB, and spilling them costs seconds."""
    previous = conn.execute("PRAGMA cache_size").fetchone()[0]
    if previous < 0 and -previous >= kib:
        yield
        return
    conn.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(previous)}")


def upsert_transactions(conn: sqlite3.Connection, rows: Iterable[Sequence[Any]]) -> int:
    """Rows inserted or changed (not counting what triggers wrote, unlike
    `total_changes`)."""
    return int(conn.executemany(UPSERT_TRANSACTIONS, rows).rowcount)


def upsert_wallet(conn: sqlite3.Connection, rows: Iterable[Sequence[Any]]) -> int:
    """Rows inserted or changed (triggers' writes not counted)."""
    return int(conn.executemany(UPSERT_WALLET, rows).rowcount)


# --- reads for the analytics -------------------------------------------------


def transactions(
    store: Store,
    account_id: int,
    *,
    since: str | None = None,
    until: str | None = None,
    category: str | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> list[Tx]:
    """An account's transactions, newest first, optionally filtered."""
    sql = "SELECT date, amount, category, document, margin FROM transactions WHERE account_id = ?"
    params: list[Any] = [account_id]
    if since:
        sql += " AND date >= ?"
        params.append(since)
    if until:
        sql += " AND date < ?"
        params.append(until)
    if category:
        sql += " AND kam_fold(category) = kam_fold(?)"
        params.append(category)
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        sql += (
            " AND (kam_fold(document) LIKE kam_fold(?) ESCAPE '\\'"
            " OR kam_fold(category) LIKE kam_fold(?) ESCAPE '\\')"
        )
        params.extend([pattern, pattern])
    sql += " ORDER BY date DESC, document DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    with store.read() as conn:
        return [Tx(r[0], r[1], r[2], r[3], r[4]) for r in conn.execute(sql, params)]


def transactions_in_window(
    store: Store, account_ids: Sequence[int], after: str, through: str
) -> dict[int, list[Tx]]:
    """{account_id: transactions dated after `after` and, by their day (first
    ten characters), up to `through`}, newest first as `transactions()` orders
    them: one query for many accounts (goal progress of the whole portfolio)."""
    out: dict[int, list[Tx]] = {a: [] for a in account_ids}
    if not out:
        return out
    with store.read() as conn:
        for r in conn.execute(
            "SELECT account_id, date, amount, category, document, margin FROM transactions"
            " WHERE account_id IN (SELECT value FROM json_each(?))"
            " AND date > ? AND substr(date, 1, 10) <= ?"
            " ORDER BY account_id, date DESC, document DESC",
            (json.dumps(list(out)), after, through),
        ):
            out[r[0]].append(Tx(r[1], r[2], r[3], r[4], r[5]))
    return out


def account_categories(store: Store, account_id: int) -> list[str]:
    rows = store.query(
        "SELECT category FROM transactions WHERE account_id = ? "
        "UNION SELECT category FROM wallet_estimates WHERE account_id = ? ORDER BY 1",
        (account_id, account_id),
    )
    return [r[0] for r in rows]


def wallet_estimates(store: Store, account_id: int) -> list[tuple[str, int, float]]:
    """(category, year, amount) for one account."""
    rows = store.query(
        "SELECT category, year, amount FROM wallet_estimates WHERE account_id = ? "
        "ORDER BY year, category",
        (account_id,),
    )
    return [(r[0], int(r[1]), float(r[2])) for r in rows]


def wallet_estimates_of(
    store: Store, account_ids: Sequence[int]
) -> dict[int, list[tuple[str, int, float]]]:
    """`wallet_estimates()` of many accounts in one query."""
    out: dict[int, list[tuple[str, int, float]]] = {a: [] for a in account_ids}
    if not out:
        return out
    with store.read() as conn:
        for r in conn.execute(
            "SELECT account_id, category, year, amount FROM wallet_estimates"
            " WHERE account_id IN (SELECT value FROM json_each(?))"
            " ORDER BY account_id, year, category",
            (json.dumps(list(out)),),
        ):
            out[r[0]].append((r[1], int(r[2]), float(r[3])))
    return out


def revenue_by_category(
    store: Store, since: str, until: str, account_ids: Sequence[int] | None = None
) -> list[tuple[int, str, float, int]]:
    """(account_id, category, revenue, orders) over [since, until) for every
    account (or the given ones): one grouped query for the whole portfolio."""
    sql = (
        "SELECT account_id, category, SUM(amount), COUNT(*) FROM transactions "
        "WHERE date >= ? AND date < ?"
    )
    params: list[Any] = [since, until]
    if account_ids is not None:
        sql += f" AND account_id IN ({', '.join('?' * len(account_ids))})"
        params.extend(account_ids)
    sql += " GROUP BY account_id, category"
    with store.read() as conn:
        return [(r[0], r[1], float(r[2] or 0.0), int(r[3])) for r in conn.execute(sql, params)]


def ever_bought(store: Store) -> list[tuple[int, str, str]]:
    """(account_id, category, last date) for every pair ever bought."""
    with store.read() as conn:
        return [
            (r[0], r[1], r[2])
            for r in conn.execute(
                "SELECT account_id, category, MAX(date) FROM transactions "
                "GROUP BY account_id, category"
            )
        ]


def wallet_for_year(store: Store, year: int) -> list[tuple[int, str, float]]:
    """(account_id, category, amount): the estimate for `year`, else the latest
    earlier year's estimate for that pair."""
    with store.read() as conn:
        return [
            (r[0], r[1], float(r[2]))
            for r in conn.execute(
                "SELECT w.account_id, w.category, w.amount FROM wallet_estimates w "
                "JOIN (SELECT account_id, category, MAX(year) AS y FROM wallet_estimates "
                "      WHERE year <= ? GROUP BY account_id, category) m "
                "ON m.account_id = w.account_id AND m.category = w.category AND m.y = w.year",
                (year,),
            )
        ]


def live_accounts(store: Store) -> list[tuple[int, str, str]]:
    """(id, name, name_key) of every live account, by name."""
    with store.read() as conn:
        return [
            (r[0], r[1], r[2])
            for r in conn.execute(
                "SELECT id, name, name_key FROM accounts WHERE deleted_at IS NULL ORDER BY name_key"
            )
        ]
