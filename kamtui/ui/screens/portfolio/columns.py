"""The portfolio table's columns and what its filter looks in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kamtui.domain.records import PortfolioRow
from kamtui.formatting import days_ago, money, percent
from kamtui.textsafe import fold
from kamtui.ui import health_format as hf
from kamtui.ui.widgets.virtual_table import Column

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp


def portfolio_columns(app: KamApp) -> list[Column[PortfolioRow]]:
    return [
        Column("name", "Account", 20, lambda r: r.name, lambda r: r.name_key, flex=True),
        Column(
            "health",
            "Health",
            11,
            lambda r: hf.score_cell(r.score, r.band),
            lambda r: r.score,
            style=lambda r: hf.band_style(r.band),
        ),
        Column(
            "trend",
            "Trend",
            9,
            lambda r: hf.trend_cell(r.trend),
            lambda r: hf.delta(r.trend),
        ),
        Column(
            "shape",
            "Map",
            5,
            lambda r: hf.shape_glyph(r.shape),
            lambda r: hf.SHAPE_RANK.get(r.shape) if r.shape else None,
            style=lambda r: "red" if r.shape in ("bow-tie", "none") else "",
        ),
        Column(
            "flag",
            "⚑",
            2,
            lambda r: "⚑" if r.revitalise else ("≠" if r.gap else ""),
            lambda r: (-len(r.revitalise), not r.gap),
            style=lambda r: "bold red" if r.revitalise else "yellow",
        ),
        Column(
            "revenue",
            "Revenue 12m",
            11,
            lambda r: money(r.revenue_12m),
            lambda r: -r.revenue_12m,
            align="right",
        ),
        Column(
            "wallet",
            "Wallet",
            6,
            lambda r: percent(r.wallet_share) if r.wallet_share is not None else "",
            lambda r: r.wallet_share,
            align="right",
            hide_below=116,
        ),
        Column(
            "last_contact",
            "Contact",
            9,
            lambda r: days_ago(r.last_contact, app.today),  # the day changes overnight
            lambda r: r.last_contact or "",
            align="right",
        ),
        Column(
            "complaints",
            "Compl.",
            6,
            lambda r: str(r.open_complaints) if r.open_complaints else "·",
            lambda r: -r.open_complaints,
            align="right",
            style=lambda r: "bold red" if r.open_complaints else "",
        ),
        Column("tier", "Tier", 4, lambda r: r.tier, lambda r: r.tier or "~", hide_below=104),
        Column(
            "owner",
            "Owner",
            14,
            lambda r: r.owner,
            lambda r: (r.owner or "~").casefold(),
            flex=True,
            hide_below=96,
        ),
    ]


def tags(row: PortfolioRow) -> str:
    """Words the filter matches besides name, owner, industry and tier."""
    out = []
    if row.band:
        out.append(
            {
                "at_risk": "#risk #at-risk",
                "healthy": "#ok #healthy",
                "insufficient_data": "#nodata",
            }.get(row.band, "#watch")
        )
    if row.shape:
        out.append("#" + row.shape)
    if row.revitalise:
        out.append("#revitalise")
    if row.gap:
        out.append("#gap")
    if row.due:
        out.append("#due")
    return " ".join(out)


def haystack(row: PortfolioRow) -> str:
    """What the filter looks in: folded name (the stored name_key), owner,
    industry, tier and tags. Folded part by part: owners, industries and
    tiers repeat, so fold's cache answers most of them."""
    return " ".join((row.name_key, fold(row.owner), fold(row.industry), fold(row.tier), tags(row)))
