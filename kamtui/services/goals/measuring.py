"""A goal's current value, measured from the data (transactions, wallet
estimates, interactions, the contact map), with how it was measured in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kamtui.config import Config
from kamtui.domain import finance as fin
from kamtui.domain.display import word
from kamtui.domain.records import Tx
from kamtui.services import people
from kamtui.services.errors import NotFound
from kamtui.storage import finance as finance_sql
from kamtui.storage import goals as sql
from kamtui.storage.db import Store
from kamtui.textsafe import fold
from kamtui.vocab import CHANNEL, LEVEL

SATISFACTION_WINDOW_DAYS = 180
MAP_METRICS = {
    "people": "people",
    "personas": "people",
    "gente": "people",
    "functions": "functions",
    "funciones": "functions",
    "areas": "functions",
}


@dataclass
class Measurement:
    value: float | None
    source: str  # how it was measured, in words


class AccountData:
    """Lazily loaded data of one account, shared by the goals measured together.

    `txs` holds the account's transactions newest first; `measure` only reads
    those of the 12 months up to today, so a portfolio prefetch may hold just
    those. Counts and moods are read per goal unless `portfolio_data`
    filled them in for every goal at once."""

    def __init__(self, store: Store, account_id: int) -> None:
        self.store = store
        self.account_id = account_id
        self._txs: list[Tx] | None = None
        self._estimates: list[tuple[str, int, float]] | None = None
        self.counts: dict[tuple[str, str, str | None, tuple[str, ...]], int] = {}
        self.moods: dict[tuple[str, str], tuple[float | None, int]] = {}

    @property
    def txs(self) -> list[Tx]:
        if self._txs is None:
            self._txs = finance_sql.transactions(self.store, self.account_id)
        return self._txs

    @property
    def estimates(self) -> list[tuple[str, int, float]]:
        if self._estimates is None:
            self._estimates = finance_sql.wallet_estimates(self.store, self.account_id)
        return self._estimates

    def interaction_count(
        self, since: str, until: str, *, channel: str | None = None, levels: list[str] | None = None
    ) -> int:
        key = (since, until, channel or None, tuple(levels or ()))
        if key not in self.counts:
            self.counts[key] = sql.interaction_count(
                self.store, self.account_id, since, until, channel=channel, levels=levels
            )
        return self.counts[key]

    def mood(self, since: str, until: str) -> tuple[float | None, int]:
        if (since, until) not in self.moods:
            self.moods[(since, until)] = sql.mood(self.store, self.account_id, since, until)
        return self.moods[(since, until)]


def portfolio_data(store: Store, rows: list[Any], today: date) -> dict[int, AccountData]:
    """Everything `measure` reads from the data for these goals, set-wise: a
    few queries for the whole portfolio instead of a few per account. The
    transactions are those of the 12 months up to today (all `measure` reads)
    and keep the per-account order, so every figure is the same as measuring
    one account at a time."""
    data = {r["account_id"]: AccountData(store, r["account_id"]) for r in rows}
    money = sorted({r["account_id"] for r in rows if r["type"] in ("wallet_share", "cross_sell")})
    if money:
        hi = today.isoformat()
        txs = finance_sql.transactions_in_window(store, money, _year_ago(today).isoformat(), hi)
        estimates = finance_sql.wallet_estimates_of(store, money)
        for account_id in money:
            data[account_id]._txs = txs[account_id]
            data[account_id]._estimates = estimates[account_id]
    count_specs: list[tuple[int, str, str, str | None, list[str] | None]] = []
    mood_specs: list[tuple[int, str, str]] = []
    for r in rows:
        spec = _query_spec(r["type"], r["category"], r["start_date"], today)
        if spec is None:
            continue
        kind, since, until, channel, levels = spec
        if kind == "mood":
            mood_specs.append((r["account_id"], since, until))
        else:
            count_specs.append((r["account_id"], since, until, channel, levels))
    for (account_id, since, until, channel, levels), n in zip(
        count_specs, sql.interaction_counts(store, count_specs), strict=True
    ):
        data[account_id].counts[(since, until, channel or None, tuple(levels or ()))] = n
    for (account_id, since, until), m in zip(mood_specs, sql.moods(store, mood_specs), strict=True):
        data[account_id].moods[(since, until)] = m
    return data


def _query_spec(
    goal_type: str, category: str | None, start_date: str | None, today: date
) -> tuple[str, str, str, str | None, list[str] | None] | None:
    """The interaction count or mood a goal's measure reads: (kind, since,
    until, channel, levels), or None when it reads neither."""
    if goal_type == "new_channel" and category:
        return ("count", *_window(start_date, today), category, None)
    if goal_type == "new_method":
        levels = _method_levels(category)
        return ("count", *_window(start_date, today), None, levels) if levels else None
    if goal_type == "satisfaction":
        return ("mood", *_window(start_date, today, days=SATISFACTION_WINDOW_DAYS), None, None)
    return None


def _year_ago(today: date) -> date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def _window(start_date: str | None, today: date, days: int | None = None) -> tuple[str, str]:
    """[since, until) for counts: the last year (or `days`), not before the start."""
    since = today - timedelta(days=days) if days else _year_ago(today) + timedelta(days=1)
    if start_date and start_date[:10] > since.isoformat():
        since = date.fromisoformat(start_date[:10])
    return since.isoformat(), (today + timedelta(days=1)).isoformat()


def measure(
    store: Store,
    account_id: int,
    goal_type: str,
    category: str | None,
    *,
    start_date: str | None,
    today: date,
    config: Config | None = None,
    data: AccountData | None = None,
) -> Measurement:
    """The goal's current value from the data, or Measurement(None, why not)."""
    data = data or AccountData(store, account_id)
    if goal_type == "wallet_share":
        ws = fin.current_wallet_share(data.txs, data.estimates, today)
        if category:
            key = fold(category)
            row = next((c for c in ws.categories if fold(c.category) == key), None)
            if row is None or row.wallet is None:
                return Measurement(None, f"no wallet estimate for {category}")
            return Measurement(row.share, ws.notes[0] if ws.notes else "")
        if ws.share is None:
            return Measurement(None, "no wallet estimates for this account")
        return Measurement(ws.share, ws.notes[0] if ws.notes else "")
    if goal_type == "cross_sell":
        year_ago = _year_ago(today)
        if category:
            key = fold(category)
            lo, hi = year_ago.isoformat(), today.isoformat()
            total = sum(t.amount for t in data.txs if fold(t.category) == key and lo < t.date <= hi)
            return Measurement(
                total, f"revenue in {category} in the last 12 months, from transactions"
            )
        count = len(fin.categories_bought(data.txs, year_ago, today))
        return Measurement(
            float(count), "categories bought in the last 12 months, from transactions"
        )
    if goal_type == "broaden_map":
        return _measure_map(store, account_id, category, today, config)
    if goal_type == "new_channel":
        if not category:
            return Measurement(None, "no channel chosen: progress is updated by hand")
        since, until = _window(start_date, today)
        n = data.interaction_count(since, until, channel=category)
        return Measurement(float(n), f"{word(CHANNEL, category)} interactions since {since}")
    if goal_type == "new_method":
        levels = _method_levels(category)
        if not levels:
            return Measurement(None, "progress is updated by hand")
        since, until = _window(start_date, today)
        n = data.interaction_count(since, until, levels=levels)
        words = " or ".join(word(LEVEL, level) for level in levels)
        return Measurement(float(n), f"{words} conversations since {since}")
    if goal_type == "satisfaction":
        since, until = _window(start_date, today, days=SATISFACTION_WINDOW_DAYS)
        mean, readings = data.mood(since, until)
        if mean is None:
            return Measurement(None, f"no mood readings since {since}")
        return Measurement(mean, f"mean mood of {readings} interaction(s) since {since}")
    return Measurement(None, "progress is updated by hand")


def _method_levels(category: str | None) -> list[str]:
    if not category:
        return []
    try:
        return [LEVEL.normalize(category)]
    except ValueError:
        if fold(category) in ("qbr", "quarterly business review", "revision trimestral"):
            return ["strategic", "satisfaction"]
        return []


def _measure_map(
    store: Store, account_id: int, category: str | None, today: date, config: Config | None
) -> Measurement:
    """Their people (or functions) with active links, as the contact map counts
    them. A trashed account has no map analysis: its links are counted instead."""
    metric = MAP_METRICS.get(fold(category or "people"), "people")
    try:
        analysis = people.map_analysis(store, account_id, today=today, config=config or Config())
    except NotFound:
        linked = sql.linked_their_people(store, account_id)
        if metric == "functions":
            functions = {f for _p, f in linked if f}
            return Measurement(
                float(len(functions)), "their functions with a link to us (contact map)"
            )
        return Measurement(float(len(linked)), "their people with a link to us (contact map)")
    value = analysis.their_active if metric == "people" else len(analysis.their_functions)
    return Measurement(float(value), "their people and functions with active links (contact map)")


def baseline_measure(
    store: Store,
    account_id: int,
    goal_type: str,
    category: str | None,
    start_date: str,
    today: date,
    config: Config | None = None,
) -> Measurement:
    """The value a goal starts from. Counts of interactions run from the goal's
    start (so they start at 0); satisfaction looks at the moods before it."""
    return measure(
        store,
        account_id,
        goal_type,
        category,
        start_date=None if goal_type == "satisfaction" else start_date,
        today=today,
        config=config,
    )
