"""Keeping the portfolio's rows current at the cost of what changed (in a
worker): health is brought up to date (`services.health_refresh`: only the
accounts whose change counter moved are computed), then only the rows of
accounts whose data changed are read again, and those whose stored health
is new take its columns. The result is every row, sorted, for the UI
thread to swap in (`PortfolioScreen.apply_sync`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, NamedTuple

from kamtui.domain.records import PortfolioRow
from kamtui.services import accounts
from kamtui.ui.screens.portfolio import loading

if TYPE_CHECKING:
    from datetime import date

    from kamtui.config import Config
    from kamtui.services.health_child import Children
    from kamtui.services.health_refresh import Refreshed
    from kamtui.storage.db import Store
    from kamtui.ui.widgets.virtual_table import VirtualTable

# More rows changed than this: all rows are read again (one set-wise read).
READ_ALL_ABOVE = 400
# Up to this many changed rows are put in their places one by one; more:
# every row is sorted again.
INSERT_UP_TO = 64


class Synced(NamedTuple):
    base: list[PortfolioRow]  # the rows it started from
    rows: list[PortfolioRow]  # every row, up to date, sorted by `sort_state`
    haystack: dict[int, str]  # the filter's text of the rows that changed
    changed: frozenset[int]  # rows replaced, added or removed
    sort_state: tuple[str | None, bool]
    refreshed: Refreshed
    whole: bool  # every row read again (haystack is complete)


def synchronise(
    store: Store,
    today: date,
    config: Config,
    base: list[PortfolioRow],
    sort_state: tuple[str | None, bool],
    table: VirtualTable[PortfolioRow],
    *,
    allow_full: bool,
    children: Children | None = None,
) -> Synced | None:
    """The rows of `base` brought up to date, or None when nothing changed.
    A whole computation runs in a child process of the app's `children`."""
    from kamtui.services import health, health_refresh  # the engine: after the first paint

    refreshed = health_refresh.refresh(
        store, today=today, config=config, allow_full=allow_full, children=children
    )
    counters = accounts.change_counters(store)
    seen = {r.id: r.changes for r in base}
    data = {a for a, (n, live) in counters.items() if live and seen.get(a) != n}
    removed = {a for a, (_, live) in counters.items() if not live and a in seen}
    if len(data) > READ_ALL_ABOVE:
        rows = accounts.portfolio_accounts(store)
        rows, _ = loading.with_figures(store, today, rows)
        rows = table.sorted(rows, sort_state)
        every = frozenset(r.id for r in rows) | removed
        return Synced(base, rows, loading.haystacks(rows), every, sort_state, refreshed, True)
    stamp = max((r.stamp for r in base), default=0)
    columns = accounts.health_columns(store, stamp)
    if not data and not removed and not columns:
        return None
    fresh: list[PortfolioRow] = []
    if data:
        ids = sorted(data)
        fresh = accounts.portfolio_accounts(store, ids)
        figures = accounts.portfolio_figures(store, today, ids)
        past = health.trend_scores(store, today=today, include_today=False, account_ids=ids)
        none = (0.0, None, 0)
        for r in fresh:
            r.revenue_12m, r.last_contact, r.open_complaints = figures.get(r.id, none)
            r.trend = (*past.get(r.id, ()), r.score)
    updated = [
        _with_columns(r, columns[r.id])
        for r in base
        if r.id in columns and r.id not in data and r.id not in removed
    ]
    changed = frozenset(data | removed | {r.id for r in updated})
    if len(fresh) + len(updated) > INSERT_UP_TO:
        # Many: sorted again, each row from its old place (ties keep their order).
        by_id = {r.id: r for r in fresh + updated}
        placed = [by_id.pop(r.id, r) for r in base if r.id not in removed]
        rows = table.sorted([*placed, *by_id.values()], sort_state)
    else:
        kept = [r for r in base if r.id not in changed]
        rows = table.insert_sorted(kept, [*fresh, *updated], sort_state)
    return Synced(
        base,
        rows,
        loading.haystacks([*fresh, *updated]),
        changed,
        sort_state,
        refreshed,
        False,
    )


def _with_columns(r: PortfolioRow, c: tuple[Any, ...]) -> PortfolioRow:
    score, band, shape, wallet, revitalise, gap, due, stamp = c
    return replace(
        r,
        score=score,
        band=band,
        shape=shape,
        wallet_share=wallet,
        revitalise=tuple(str(revitalise).split(",")) if revitalise else (),
        gap=bool(gap),
        due=bool(due),
        trend=(*r.trend[:-1], score) if r.trend else (),
        stamp=stamp,
        fresh=True,
    )


def merge(
    current: list[PortfolioRow], synced: Synced, table: VirtualTable[PortfolioRow]
) -> list[PortfolioRow]:
    """`synced` applied to rows that changed meanwhile (another load landed
    first, or the table was sorted otherwise): its rows replace theirs
    unless theirs are newer; in the table's order now."""
    if synced.whole:
        return table.sorted(synced.rows)
    mine = {r.id: r for r in synced.rows if r.id in synced.changed}
    out = []
    for r in current:
        new = mine.pop(r.id, None)
        if new is None:
            if r.id not in synced.changed:
                out.append(r)
        elif new.changes >= r.changes and new.stamp >= r.stamp:
            out.append(new)
        else:
            out.append(r)
    out.extend(mine.values())
    return table.sorted(out)
