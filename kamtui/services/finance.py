"""Finance views shared by the TUI and the CLI: an account's figures and the
portfolio's whitespace. SQL in kamtui/storage/finance.py, arithmetic in
kamtui/domain/finance.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kamtui.domain import finance as fin
from kamtui.domain.records import Tx
from kamtui.storage import finance as sql
from kamtui.storage.db import Store


@dataclass
class AccountFinance:
    count: int
    summary: fin.RevenueSummary
    monthly: list[tuple[str, float]]  # the last 24 months, oldest first
    quarterly: list[tuple[str, float]]
    cadence: fin.Cadence
    categories: list[fin.CategoryHistory]
    categories_by_year: dict[int, list[str]]
    wallet: fin.WalletShare
    wallet_trend: dict[int, float | None]
    lifetime: fin.LifetimeValue


def account_finance(store: Store, account_id: int, today: date) -> AccountFinance:
    txs = sql.transactions(store, account_id)
    estimates = sql.wallet_estimates(store, account_id)
    return AccountFinance(
        count=len(txs),
        summary=fin.revenue_summary(txs, today),
        monthly=fin.revenue_by_month(txs, today, months=24),
        quarterly=fin.revenue_by_quarter(txs, today),
        cadence=fin.purchase_cadence((t.date for t in txs), today),
        categories=fin.categories_over_time(txs, today),
        categories_by_year=fin.categories_by_year(txs, today),
        wallet=fin.current_wallet_share(txs, estimates, today),
        wallet_trend=fin.wallet_share_by_year(txs, estimates, today),
        lifetime=fin.lifetime_value(txs, today),
    )


def transactions(
    store: Store,
    account_id: int,
    *,
    category: str | None = None,
    search: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> list[Tx]:
    return sql.transactions(
        store,
        account_id,
        category=category,
        search=search,
        since=since,
        until=until,
        limit=limit,
    )


def categories(store: Store, account_id: int) -> list[str]:
    return sql.account_categories(store, account_id)


def last_12_months(today: date) -> tuple[str, str]:
    """[since, until) bounds of the last 12 months, today included."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:
        year_ago = today.replace(year=today.year - 1, day=28)
    return (year_ago + timedelta(days=1)).isoformat(), (today + timedelta(days=1)).isoformat()


def whitespace(store: Store, today: date) -> fin.Whitespace:
    """Accounts x categories for the whole portfolio, in four set-wise queries."""
    since, until = last_12_months(today)
    revenue = [(a, c, r) for a, c, r, _n in sql.revenue_by_category(store, since, until)]
    accounts = [(i, name) for i, name, _key in sql.live_accounts(store)]
    return fin.build_whitespace(
        accounts,
        revenue,
        sql.ever_bought(store),
        sql.wallet_for_year(store, today.year),
    )
