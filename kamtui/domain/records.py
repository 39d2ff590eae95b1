"""Plain records the views show by the thousand: storage builds them straight
from its rows (no validation, slots, no per-row dict), services and the UI
read them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class PortfolioRow:
    """One line of the portfolio table: plain values, cheap to build by the 10,000."""

    id: int
    name: str
    name_key: str
    tier: str
    owner: str
    industry: str
    revenue_12m: float
    last_contact: str | None
    open_complaints: int
    due: bool = False  # due for contact (itself or a key person), with the figures
    # Filled in after the rows show: stored snapshots first, then fresh health.
    score: float | None = None
    band: str | None = None
    trend: tuple[float | None, ...] = ()
    shape: str | None = None
    wallet_share: float | None = None
    revitalise: tuple[str, ...] = ()  # the needs-revitalisation rules broken
    gap: bool = False  # perception gap flagged
    fresh: bool = False  # health computed this session (not only a stored snapshot)
    # The account's health change counter when the row was read (storage
    # health_cache): a different counter now means the row is out of date.
    changes: int = -1
    stamp: int = 0  # the stored health's stamp (health_cache): a newer one is a new result


@dataclass(slots=True)
class Tx:
    """One transaction as the analytics see it (plain values, cheap by the 100,000)."""

    date: str
    amount: float
    category: str
    document: str
    margin: float | None = None
