"""What the portfolio's workers do, off the UI thread: read the rows, add
revenue, last contact, complaints and trends, add fresh health. Each step
returns new row objects (the shown ones never change under the UI thread's
feet); the screen only swaps them in.

The first load paints the accounts with their stored scores as soon as they
are read (~30 ms for 10,000), then fills the figures, then fresh health. A
reload (after an edit) reads everything in one go and keeps the previous
health columns until the fresh ones land, so nothing blanks out."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from kamtui.domain.records import PortfolioRow
from kamtui.services import accounts
from kamtui.ui.screens.portfolio.columns import haystack

if TYPE_CHECKING:
    from concurrent.futures import Future
    from datetime import date

    # Health's engine loads after the first paint (in the workers that need
    # it), not on the start-up path.
    from kamtui.domain.health import Health
    from kamtui.storage.db import Store

    Marker = tuple[int, int]

# Columns whose values arrive with the figures (revenue, contact, complaints,
# trends): sorted by one of them, the rows are re-sorted when they arrive.
FIGURE_COLUMNS = frozenset({"revenue", "last_contact", "complaints", "trend"})

# The worker groups, in the order a first load runs them.
LOAD, FILL, HEALTH = "portfolio-load", "portfolio-fill", "portfolio-health"


class Batch(NamedTuple):
    """A worker's result: the rows in `sort_state` order and their haystacks,
    for load number `generation` (results of an older load are dropped)."""

    generation: int
    rows: list[PortfolioRow]
    haystack: dict[int, str]
    sort_state: tuple[str | None, bool]
    figures: bool = True  # revenue, contact, complaints and trends are on the rows
    health: dict[int, Health] | None = None


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
    """Keep the previous load's health columns on the rows read again, until
    fresh health lands."""
    before = {r.id: r for r in previous}
    for r in rows:
        if (old := before.get(r.id)) is not None:
            r.shape, r.wallet_share = old.shape, old.wallet_share
            r.revitalise, r.gap = old.revitalise, old.gap


def with_figures(
    store: Store, today: date, rows: list[PortfolioRow]
) -> tuple[list[PortfolioRow], dict[int, tuple[float | None, ...]]]:
    """`rows` with revenue, last contact, open complaints and the trend of
    past scores, and those past scores (fresh health adds today's). Due for
    contact keeps its last value: it comes with health (`with_health`)."""
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
        )
        for r in rows
    ]
    return rows, past


def with_health(
    rows: list[PortfolioRow],
    by_id: dict[int, Health],
    past: dict[int, tuple[float | None, ...]],
    due: set[int] | None = None,
) -> list[PortfolioRow]:
    """`rows` with fresh health (score, band, map shape, wallet share,
    revitalisation and perception gap), today's score added to the trend,
    and due for contact (`due`: the accounts due, when computed)."""
    return [
        r
        if (h := by_id.get(r.id)) is None
        else PortfolioRow(
            id=r.id,
            name=r.name,
            name_key=r.name_key,
            tier=r.tier,
            owner=r.owner,
            industry=r.industry,
            revenue_12m=r.revenue_12m,
            last_contact=r.last_contact,
            open_complaints=r.open_complaints,
            due=r.due if due is None else r.id in due,
            score=h.score,
            band=h.band,
            trend=(*past.get(r.id, ()), h.score),
            shape=h.shape,
            wallet_share=h.wallet_share,
            revitalise=tuple(x.rule for x in h.revitalisation),
            gap=bool(h.perception_gap and h.perception_gap.flagged),
            fresh=True,
        )
        for r in rows
    ]
