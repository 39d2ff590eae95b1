"""Finance analytics: what the client *does*.

Pure functions over transactions (anything with `date` ISO text, `amount`,
`category` and optional `margin`) and wallet estimates. No SQL, no UI; "today"
is always a parameter. Every figure that rests on an assumption carries that
assumption in words, so the screen and the brief can show it.

Revenue by period, purchase cadence, categories, wallet share, lifetime
value and the whitespace matrix each live in a module of their own; this
package exports them all (`from kamtui.domain import finance as fin`)."""

from __future__ import annotations

from kamtui.domain.finance.cadence import (
    OVERDUE_FACTOR,
    OVERDUE_MIN_DAYS,
    RECENT_GAPS,
    Cadence,
    purchase_cadence,
)
from kamtui.domain.finance.categories import (
    CategoryHistory,
    categories_bought,
    categories_by_year,
    categories_over_time,
)
from kamtui.domain.finance.lifetime import LifetimeValue, lifetime_value
from kamtui.domain.finance.revenue import (
    RevenueSummary,
    Sale,
    TxLike,
    add_months,
    change,
    months_back,
    quarter_key,
    revenue_by_month,
    revenue_by_quarter,
    revenue_by_year,
    revenue_summary,
)
from kamtui.domain.finance.wallet import (
    CategoryShare,
    WalletShare,
    current_wallet_share,
    estimates_for_year,
    wallet_share,
    wallet_share_by_year,
)
from kamtui.domain.finance.whitespace import (
    BOUGHT,
    LAPSED,
    NONE,
    OPEN,
    Whitespace,
    WhitespaceCell,
    WhitespaceRow,
    build_whitespace,
)

__all__ = [
    "BOUGHT",
    "LAPSED",
    "NONE",
    "OPEN",
    "OVERDUE_FACTOR",
    "OVERDUE_MIN_DAYS",
    "RECENT_GAPS",
    "Cadence",
    "CategoryHistory",
    "CategoryShare",
    "LifetimeValue",
    "RevenueSummary",
    "Sale",
    "TxLike",
    "WalletShare",
    "Whitespace",
    "WhitespaceCell",
    "WhitespaceRow",
    "add_months",
    "build_whitespace",
    "categories_bought",
    "categories_by_year",
    "categories_over_time",
    "change",
    "current_wallet_share",
    "estimates_for_year",
    "lifetime_value",
    "months_back",
    "purchase_cadence",
    "quarter_key",
    "revenue_by_month",
    "revenue_by_quarter",
    "revenue_by_year",
    "revenue_summary",
    "wallet_share",
    "wallet_share_by_year",
]
