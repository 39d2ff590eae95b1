"""SQL for accounts and the portfolio."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from kamtui.domain.records import PortfolioRow
from kamtui.storage import versions
from kamtui.storage.db import Store, now_iso

if TYPE_CHECKING:
    # pydantic models: imported where used, not on the portfolio's start-up path.
    from kamtui.domain.models import Account, AccountInput

ACCOUNT_FIELDS = (
    "name",
    "account_number",
    "tax_id",
    "domain",
    "industry",
    "tier",
    "owner",
    "phone",
    "email",
    "address",
    "cadence_days",
    "status",
)


class IdentifierTaken(Exception):
    """An identifier (business unit and number) is another account's."""

    def __init__(self, unit: str, number: str, account_id: int, name: str) -> None:
        self.account_id = account_id
        super().__init__(f"{unit}:{number} is already the identifier of {name!r} (#{account_id})")


def insert(store: Store, data: AccountInput) -> int:
    stamp = now_iso()
    values = data.model_dump(include=set(ACCOUNT_FIELDS))
    cols = [*ACCOUNT_FIELDS, "name_key", "created_at", "updated_at"]
    params = [values[c] for c in ACCOUNT_FIELDS] + [data.name_key, stamp, stamp]
    with store.write() as conn:
        cur = conn.execute(
            f"INSERT INTO accounts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            params,
        )
        account_id = int(cur.lastrowid or 0)
        if data.identifiers is not None:
            replace_identifiers(conn, account_id, data.identifiers)
        return account_id


def update(
    store: Store,
    account_id: int,
    data: AccountInput,
    *,
    expected_version: int | None = None,
    restore: bool = False,
) -> None:
    """With `expected_version`: only if nobody changed the account since
    (else versions.RecordConflict)."""
    values = data.model_dump(include=set(ACCOUNT_FIELDS))
    values.update(name_key=data.name_key, updated_at=now_iso())
    with store.write() as conn:
        try:
            versions.update(conn, "accounts", account_id, values, expected_version, restore=restore)
        except versions.RecordConflict as exc:
            if exc.current is not None:  # what the form compares: its identifiers too
                exc.current["identifiers"] = _identifiers(conn, account_id)
            raise
        if data.identifiers is not None:
            replace_identifiers(conn, account_id, data.identifiers)


def get(store: Store, account_id: int, *, include_deleted: bool = False) -> Account | None:
    """The account with its identifiers (in the order they were given)."""
    sql = "SELECT * FROM accounts WHERE id = ?"
    if not include_deleted:
        sql += " AND deleted_at IS NULL"
    with store.read() as conn:
        row = conn.execute(sql, (account_id,)).fetchone()
        if row is None:
            return None
        account = _account(row)
        # As stored, not validated again: an imported identifier longer than
        # the form allows must not make the account unreadable.
        return account.model_copy(update={"identifiers": tuple(_identifiers(conn, account_id))})


def _account(row: sqlite3.Row) -> Account:
    from kamtui.domain.models import Account

    data = dict(row)
    data.pop("name_key", None)
    data.pop("notes", None)
    return Account.model_validate(data)


def set_deleted(store: Store, account_ids: list[int], deleted: bool) -> None:
    stamp = now_iso() if deleted else None
    with store.write() as conn:
        conn.executemany(
            "UPDATE accounts SET deleted_at = ? WHERE id = ?", [(stamp, i) for i in account_ids]
        )


def trash(store: Store) -> list[Account]:
    rows = store.query(
        "SELECT * FROM accounts WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC"
    )
    return [_account(r) for r in rows]


def listing(store: Store) -> list[sqlite3.Row]:
    """Every live account's headline fields, by name."""
    return store.query(
        "SELECT id, name, account_number, tier, owner, status, version FROM accounts"
        " WHERE deleted_at IS NULL ORDER BY name_key, id"
    )


def find_by_number(store: Store, number: str) -> list[sqlite3.Row]:
    from kamtui.storage.lookup import NUMBERS

    return store.query(
        "SELECT id, name FROM accounts WHERE deleted_at IS NULL AND "
        f"(account_number = :text OR id IN ({NUMBERS}))",
        {"text": number},
    )


def known_as_former(
    store: Store,
    account_id: int,
    number: str | None,
    key: str,
    identifier: tuple[str, str] | None = None,
) -> bool:
    """True when the account answers to this number or folded name only as a
    merge's former number or name (not its own number, name or another
    system's identifier): the row describes the account merged away."""
    row = store.one(
        "SELECT (account_number = :number OR name_key = :key OR EXISTS (SELECT 1 FROM"
        " account_identifiers WHERE account_id = :id AND number IN (:number, :other)"
        " AND business_unit NOT IN ('former number', 'former name'))) AS own,"
        " EXISTS (SELECT 1 FROM account_identifiers WHERE account_id = :id AND"
        " ((business_unit = 'former number' AND number = :number)"
        " OR (business_unit = 'former name' AND kam_fold(number) = :key))) AS former"
        " FROM accounts WHERE id = :id",
        {
            "id": account_id,
            "number": number,
            "key": key,
            "other": identifier[1] if identifier else None,
        },
    )
    return row is not None and bool(row["former"]) and not row["own"]


def find_by_name_key(store: Store, key: str) -> list[sqlite3.Row]:
    """Live accounts of that folded name, or that took it over in a merge."""
    from kamtui.storage.lookup import FORMER_NAMES

    return store.query(
        "SELECT id, name FROM accounts WHERE deleted_at IS NULL AND (name_key = :key"
        f" OR id IN ({FORMER_NAMES})) ORDER BY name_key != :key, id",
        {"key": key},
    )


def all_names(store: Store) -> list[tuple[int, str]]:
    return [
        (r[0], r[1])
        for r in store.query(
            "SELECT id, name FROM accounts WHERE deleted_at IS NULL ORDER BY name_key"
        )
    ]


# What the portfolio's first paint needs: names, tier, owner, industry and the
# newest stored health score and band (two index seeks per account on
# health_snapshots_scores), about 30 ms for 10,000 accounts. Returned as one
# JSON array, read in one step: row by row, the reading thread gives up and
# takes back the GIL 10,000 times, and while the UI thread is busy (start-up
# imports, first paint) each take-back can wait a whole switch interval
# (measured: 100-450 ms instead of 30). Scores are stored rounded to 0.1, so
# they come back from JSON exactly.
# Today's stored health (health_cache) when there is one, else the newest
# snapshot's score and band; and the account's change counter.
_PORTFOLIO_ACCOUNTS = """
SELECT json_group_array(json_array(
    a.id, a.name, a.name_key, a.tier, a.owner, a.industry,
    CASE WHEN h.health IS NOT NULL THEN h.score ELSE
      (SELECT s.score FROM health_snapshots s WHERE s.account_id = a.id
       ORDER BY s.date DESC LIMIT 1) END,
    CASE WHEN h.health IS NOT NULL THEN h.band ELSE
      (SELECT s.band FROM health_snapshots s WHERE s.account_id = a.id
       ORDER BY s.date DESC LIMIT 1) END,
    h.shape, h.wallet_share, COALESCE(h.revitalise, ''), COALESCE(h.gap, 0),
    COALESCE(h.due, 0), COALESCE(c.n, 0), h.health IS NOT NULL,
    COALESCE(h.stamp, 0)))
FROM accounts a
LEFT JOIN health_cache h ON h.account_id = a.id
LEFT JOIN health_changes c ON c.account_id = a.id
WHERE a.deleted_at IS NULL{only}
"""


def portfolio_accounts(store: Store, account_ids: list[int] | None = None) -> list[PortfolioRow]:
    """Every live account (or these) with its stored health (today's when
    kept, else the newest snapshot's score and band), the figures (revenue,
    last contact, complaints) still empty: enough to draw and sort the
    portfolio at once; `portfolio_figures` fills the rest."""
    only, params = "", ()  # type: tuple[str, tuple[str, ...]]
    if account_ids is not None:
        only = " AND a.id IN (SELECT value FROM json_each(?))"
        params = (json.dumps(sorted(account_ids)),)
    with store.read() as conn:
        (text,) = conn.execute(_PORTFOLIO_ACCOUNTS.format(only=only), params).fetchone()
    return [
        PortfolioRow(
            id=a[0],
            name=a[1],
            name_key=a[2],
            tier=a[3] or "",
            owner=a[4] or "",
            industry=a[5] or "",
            revenue_12m=0.0,
            last_contact=None,
            open_complaints=0,
            due=bool(a[12]),
            score=a[6],
            band=a[7],
            shape=a[8],
            wallet_share=a[9],
            revitalise=tuple(a[10].split(",")) if a[10] else (),
            gap=bool(a[11]),
            changes=a[13],
            fresh=bool(a[14]),
            stamp=a[15],
        )
        for a in json.loads(text)
    ]


def health_columns(store: Store, since: int) -> dict[int, tuple[Any, ...]]:
    """The stored health saved after stamp `since` of each live account, as
    the portfolio shows it: score, band, shape, wallet share, revitalise
    rules, gap, due, stamp."""
    with store.read() as conn:
        cur = conn.cursor()
        cur.row_factory = None
        rows = cur.execute(
            "SELECT h.account_id, h.score, h.band, h.shape, h.wallet_share, h.revitalise,"
            " h.gap, h.due, h.stamp FROM health_cache h JOIN accounts a ON a.id = h.account_id"
            " WHERE h.stamp > ? AND a.deleted_at IS NULL AND h.health IS NOT NULL",
            (since,),
        ).fetchall()
    return {r[0]: r[1:] for r in rows}


def change_counters(store: Store) -> dict[int, tuple[int, bool]]:
    """Every health change counter ever bumped: account id -> (counter,
    whether the account is live). Accounts not listed were never bumped
    (their counter is 0). Reads only the counters' rows (few, usually)."""
    with store.read() as conn:
        cur = conn.cursor()
        cur.row_factory = None
        return {
            a: (n, bool(live))
            for a, n, live in cur.execute(
                "SELECT c.account_id, c.n, a.id IS NOT NULL AND a.deleted_at IS NULL"
                " FROM health_changes c LEFT JOIN accounts a ON a.id = c.account_id"
            )
        }


def portfolio_figures(
    store: Store, today: date, account_ids: list[int] | None = None
) -> dict[int, tuple[float, str | None, int]]:
    """(12-month revenue, last contact, open complaints) per live account (or
    per one of `account_ids`), in three set-wise queries."""
    since = (today - timedelta(days=365)).isoformat()
    until = (today + timedelta(days=1)).isoformat()
    only, ids = "", []
    if account_ids is not None:
        only = f" AND a.id IN ({','.join('?' * len(account_ids))})"
        ids = list(account_ids)
    with store.read() as conn:
        cur = conn.cursor()
        cur.row_factory = None
        # Per-account subqueries: index seeks on the covering indexes of the
        # "indexes for large portfolios" migration (a GROUP BY scans every row).
        revenue = dict(
            cur.execute(
                "SELECT a.id, (SELECT SUM(amount) FROM transactions t WHERE t.account_id = a.id"
                " AND t.date >= ? AND t.date < ?) FROM accounts a WHERE a.deleted_at IS NULL"
                + only,
                [since, until, *ids],
            ).fetchall()
        )
        contact = dict(
            cur.execute(
                "SELECT a.id, (SELECT MAX(occurred_at) FROM interactions i"
                " WHERE i.account_id = a.id AND i.deleted_at IS NULL AND i.occurred_at < ?)"
                " FROM accounts a WHERE a.deleted_at IS NULL" + only,
                [until, *ids],
            ).fetchall()
        )
        complaints = dict(
            cur.execute(
                "SELECT account_id, COUNT(*) FROM complaints "
                "WHERE deleted_at IS NULL AND status != 'resolved'"
                + only.replace("a.id", "account_id")
                + " GROUP BY account_id",
                ids,
            ).fetchall()
        )
    return {
        i: (float(total or 0.0), contact.get(i), int(complaints.get(i) or 0))
        for i, total in revenue.items()
    }


def portfolio(store: Store, today: date) -> list[PortfolioRow]:
    """Every live account with its headline figures and newest stored score."""
    rows = portfolio_accounts(store)
    figures = portfolio_figures(store, today)
    for r in rows:
        if (f := figures.get(r.id)) is not None:
            r.revenue_12m, r.last_contact, r.open_complaints = f
    return rows


def counts(store: Store, account_id: int) -> dict[str, Any]:
    """How much of each kind of record an account has (for tabs and the brief)."""
    out: dict[str, Any] = {}
    with store.read() as conn:
        for label, sql in (
            (
                "our_people",
                "SELECT COUNT(*) FROM people WHERE account_id=? AND side='ours' AND deleted_at IS NULL",
            ),
            (
                "their_people",
                "SELECT COUNT(*) FROM people WHERE account_id=? AND side='theirs' AND deleted_at IS NULL",
            ),
            ("links", "SELECT COUNT(*) FROM links WHERE account_id=? AND deleted_at IS NULL"),
            (
                "interactions",
                "SELECT COUNT(*) FROM interactions WHERE account_id=? AND deleted_at IS NULL",
            ),
            (
                "open_complaints",
                "SELECT COUNT(*) FROM complaints WHERE account_id=? AND deleted_at IS NULL AND status != 'resolved'",
            ),
            ("facts", "SELECT COUNT(*) FROM facts WHERE account_id=? AND deleted_at IS NULL"),
            ("transactions", "SELECT COUNT(*) FROM transactions WHERE account_id=?"),
            ("goals", "SELECT COUNT(*) FROM goals WHERE account_id=? AND deleted_at IS NULL"),
        ):
            out[label] = conn.execute(sql, (account_id,)).fetchone()[0]
    return out


def replace_identifiers(
    conn: sqlite3.Connection, account_id: int, wanted: Iterable[tuple[str, str]]
) -> bool:
    """Make the account's identifiers exactly `wanted` (inside the caller's
    transaction); whether anything changed. IdentifierTaken (nothing more
    written: the caller's transaction rolls back) when one is another's."""
    wanted = list(wanted)
    current = set(_identifiers(conn, account_id))
    gone = current - set(wanted)
    conn.executemany(
        "DELETE FROM account_identifiers WHERE account_id = ? AND business_unit = ? AND number = ?",
        [(account_id, u, n) for u, n in gone],
    )
    added = [i for i in wanted if i not in current]
    for unit, number in added:
        add_identifier(conn, account_id, unit, number)
    return bool(gone or added)


def add_identifier(conn: sqlite3.Connection, account_id: int, unit: str, number: str) -> bool:
    """Give the account this identifier unless it has it; whether it was
    added. IdentifierTaken when it is another account's (the business unit
    matched case-insensitively: "sat" and "SAT" are one system)."""
    row = conn.execute(
        "SELECT i.account_id, a.name FROM account_identifiers i"
        " JOIN accounts a ON a.id = i.account_id"
        " WHERE i.business_unit = ? COLLATE NOCASE AND i.number = ?",
        (unit, number),
    ).fetchone()
    if row is not None:
        if int(row[0]) == account_id:
            return False
        raise IdentifierTaken(unit, number, int(row[0]), str(row[1]))
    conn.execute(
        "INSERT INTO account_identifiers (account_id, business_unit, number) VALUES (?, ?, ?)",
        (account_id, unit, number),
    )
    return True


def identifier_owner(store: Store, unit: str, number: str) -> tuple[int, str] | None:
    """(id, name) of the live account with this identifier (the business
    unit matched case-insensitively), or None."""
    row = store.one(
        "SELECT a.id, a.name FROM account_identifiers i JOIN accounts a ON a.id = i.account_id"
        " WHERE i.business_unit = ? COLLATE NOCASE AND i.number = ? AND a.deleted_at IS NULL",
        (unit, number),
    )
    return None if row is None else (int(row[0]), str(row[1]))


def _identifiers(conn: sqlite3.Connection, account_id: int) -> list[tuple[str, str]]:
    return [
        (str(r[0]), str(r[1]))
        for r in conn.execute(
            "SELECT business_unit, number FROM account_identifiers WHERE account_id = ?"
            " ORDER BY id",
            (account_id,),
        )
    ]


def identifiers_by_account(store: Store) -> dict[int, list[tuple[str, str]]]:
    """Every live account's identifiers, in the order they were given."""
    out: dict[int, list[tuple[str, str]]] = {}
    for r in store.query(
        "SELECT i.account_id, i.business_unit, i.number FROM account_identifiers i"
        " JOIN accounts a ON a.id = i.account_id WHERE a.deleted_at IS NULL ORDER BY i.id"
    ):
        out.setdefault(int(r[0]), []).append((str(r[1]), str(r[2])))
    return out


def identifiers(store: Store, account_id: int) -> list[tuple[str, str]]:
    """The account's numbers in each business unit's systems, by unit."""
    return [
        (r[0], r[1])
        for r in store.query(
            "SELECT business_unit, number FROM account_identifiers WHERE account_id = ?"
            " ORDER BY business_unit, number",
            (account_id,),
        )
    ]
