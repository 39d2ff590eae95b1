"""What the portfolio's workers do, off the UI thread: read the rows, add
revenue, last contact, complaints and trends, add fresh health. Each step
returns new row objects (the shown ones never change under the UI thread's
feet); the screen only swaps them in.

The first load paints the accounts with their stored health as soon as they
are read (~30 ms for 10,000; today's when nothing changed since it was
computed: then that paint is final), then fills the figures, then brings
health up to date (`sync.py`: only the accounts that changed). A reload (a
new day) reads everything in one go and keeps the previous health columns
until the fresh ones land, so nothing blanks out."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from kamtui.domain.records import PortfolioRow
from kamtui.services import accounts
from kamtui.ui.screens.portfolio.columns import haystack

if TYPE_CHECKING:
    from concurrent.futures import Future
    from datetime import date

    from kamtui.storage.db import Store
    from kamtui.ui.screens.portfolio.sync import Synced

    Marker = tuple[int, int]

# Columns whose values arrive with the figures (revenue, contact, complaints,
# trends): sorted by one of them, the rows are re-sorted when they arrive.
FIGURE_COLUMNS = frozenset({"revenue", "last_contact", "complaints", "trend"})

# The worker groups, in the order a first load runs them.
LOAD, FILL, HEALTH = "portfolio-load", "portfolio-fill", "portfolio-health"
# Keeping the rows current after the first load (`sync.py`).
SYNC = "portfolio-sync"


class Batch(NamedTuple):
    """A worker's result: the rows in `sort_state` order and their haystacks,
    for load number `generation` (results of an older load are dropped)."""

    generation: int
    rows: list[PortfolioRow]
    haystack: dict[int, str]
    sort_state: tuple[str | None, bool]
    figures: bool = True  # revenue, contact, complaints and trends are on the rows
    synced: Synced | None = None  # the health step's: rows brought up to date


def haystacks(rows: list[PortfolioRow]) -> dict[int, str]:
    return {r.id: haystack(r) for r in rows}


def with_due(haystack: dict[int, str], rows: list[PortfolioRow]) -> dict[int, str]:
    """`haystack` (of rows read without figures) with the due rows' redone,
    so #due finds them; only those (a few) are folded again."""
    due = [r for r in rows if r.due]
    return {**haystack, **haystacks(due)} if due else haystack


def read_rows(
    store: Store, first: Future[tuple[Marker, list[PortfolioRow]]] | None = None
) -> tuple[Marker, list[PortfolioRow]]:
    """The change marker and the accounts: the early read's (`kamtui` reads
    them while Textual loads) when there is one and it worked, else read now
    (the marker taken before reading: a change made after it reloads again
    when the screen is shown again)."""
    if first is not None:
        try:
            return first.result()
        except Exception:  # that read failed: read here
            pass
    return store.change_marker(), accounts.portfolio_accounts(store)


def carry_over(rows: list[PortfolioRow], previous: list[PortfolioRow]) -> None:
    """Keep the previous load's health columns on the rows read again
    without stored health of their own, until fresh health lands."""
    before = {r.id: r for r in previous}
    for r in rows:
        if not r.fresh and (old := before.get(r.id)) is not None:
            r.shape, r.wallet_share = old.shape, old.wallet_share
            r.revitalise, r.gap = old.revitalise, old.gap


def with_figures(
    store: Store, today: date, rows: list[PortfolioRow]
) -> tuple[list[PortfolioRow], dict[int, tuple[float | None, ...]]]:
    """`rows` with revenue, last contact, open complaints and the trend of
    past scores, and those past scores (today's is the row's score). Due
    for contact keeps its value: it comes with the stored health."""
    from kamtui.services import health  # with the health engine: after the first paint

    figures = accounts.portfolio_figures(store, today)
    past = health.trend_scores(store, today=today, include_today=False)
    none = (0.0, None, 0)
    rows = [
        PortfolioRow(
            id=r.id,
            name=r.name,
            name_key=r.name_key,
            tier=r.tier,
            owner=r.owner,
            industry=r.industry,
            revenue_12m=(f := figures.get(r.id, none))[0],
            last_contact=f[1],
            open_complaints=f[2],
            due=r.due,
            score=r.score,
            band=r.band,
            trend=(*past.get(r.id, ()), r.score),
            shape=r.shape,
            wallet_share=r.wallet_share,
            revitalise=r.revitalise,
            gap=r.gap,
            fresh=r.fresh,
            changes=r.changes,
            stamp=r.stamp,
        )
        for r in rows
    ]
    return rows, past
