"""Finance analytics: what the client *does* (issue: transactions and goals).

Pure functions over transactions (anything with `date` ISO text, `amount`,
`category` and optional `margin`) and wallet estimates. No SQL, no UI; "today"
is always a parameter. Every figure that rests on an assumption carries that
assumption in words, so the screen and the brief can show it."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Protocol

from kamtui.textsafe import fold

OVERDUE_FACTOR = 1.5
OVERDUE_MIN_DAYS = 7
RECENT_GAPS = 5


class TxLike(Protocol):
    @property
    def date(self) -> str: ...
    @property
    def amount(self) -> float: ...
    @property
    def category(self) -> str: ...
    @property
    def margin(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class Sale:
    """A transaction for the analytics (tests and callers without storage rows)."""

    date: str
    amount: float
    category: str = ""
    margin: float | None = None


# --- periods --------------------------------------------------------------------


def month_key(d: date | str) -> str:
    return d.isoformat()[:7] if isinstance(d, date) else d[:7]


def quarter_key(d: date | str) -> str:
    text = d.isoformat() if isinstance(d, date) else d
    return f"{text[:4]}-Q{(int(text[5:7]) - 1) // 3 + 1}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def months_back(today: date, count: int) -> list[str]:
    """The `count` months ending with today's month, oldest first ('2026-11')."""
    out = []
    for k in range(count - 1, -1, -1):
        y, m = add_months(today.year, today.month, -k)
        out.append(f"{y:04d}-{m:02d}")
    return out


def revenue_by_month(
    txs: Iterable[TxLike], today: date, months: int | None = None
) -> list[tuple[str, float]]:
    """[('2026-01', 1234.5), …] with empty months as 0, up to today's month.
    `months` limits it to the last N months; otherwise from the first sale."""
    totals: dict[str, float] = defaultdict(float)
    limit = today.isoformat()
    for t in txs:
        if t.date[:10] <= limit:
            totals[t.date[:7]] += t.amount
    if months is None:
        if not totals:
            return []
        first = min(totals)
        y, m = int(first[:4]), int(first[5:7])
        months = (today.year - y) * 12 + today.month - m + 1
    return [(k, totals.get(k, 0.0)) for k in months_back(today, max(months, 0))]


def revenue_by_quarter(txs: Iterable[TxLike], today: date) -> list[tuple[str, float]]:
    """[('2025-Q1', …), …] from the first sale's quarter to today's, empty quarters as 0."""
    by_month = revenue_by_month(txs, today)
    totals: dict[str, float] = {}
    for month, amount in by_month:
        key = quarter_key(month + "-01")
        totals[key] = totals.get(key, 0.0) + amount
    return list(totals.items())


def revenue_by_year(txs: Iterable[TxLike], today: date) -> dict[int, float]:
    out: dict[int, float] = defaultdict(float)
    limit = today.isoformat()
    for t in txs:
        if t.date[:10] <= limit:
            out[int(t.date[:4])] += t.amount
    return dict(sorted(out.items()))


def _window_sum(txs: Sequence[TxLike], start: date, end: date) -> float:
    """Sum over (start, end]: dates after `start`, up to and including `end`."""
    lo, hi = start.isoformat(), end.isoformat()
    return sum(t.amount for t in txs if lo < t.date[:10] <= hi)


def change(current: float, previous: float) -> float | None:
    """Relative change (0.25 = +25 %); None when there is nothing to compare with."""
    if previous <= 0:
        return None
    return (current - previous) / previous


@dataclass
class RevenueSummary:
    trailing_12m: float
    previous_12m: float
    trailing_change: float | None
    year_to_date: float
    same_period_last_year: float
    ytd_change: float | None
    by_year: dict[int, float]
    reason: str


def revenue_summary(txs: Iterable[TxLike], today: date) -> RevenueSummary:
    """Trailing 12 months vs the 12 before, and year to date vs the same days of
    last year (year on year)."""
    items = list(txs)
    year_ago = _shift_year(today, -1)
    two_years = _shift_year(today, -2)
    t12 = _window_sum(items, year_ago, today)
    p12 = _window_sum(items, two_years, year_ago)
    jan1 = date(today.year, 1, 1) - timedelta(days=1)
    ytd = _window_sum(items, jan1, today)
    last_jan1 = date(today.year - 1, 1, 1) - timedelta(days=1)
    ly = _window_sum(items, last_jan1, year_ago)
    tc = change(t12, p12)
    if tc is None:
        reason = (
            "no revenue in the 12 months before the last 12: no trend yet"
            if t12
            else "no revenue in the last 24 months"
        )
    else:
        reason = f"last 12 months {_pct(tc)} vs the 12 before"
    return RevenueSummary(
        t12, p12, tc, ytd, ly, change(ytd, ly), revenue_by_year(items, today), reason
    )


def _shift_year(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _pct(value: float) -> str:
    return f"{value * 100:+.0f} %"


# --- purchase cadence ---------------------------------------------------------------


@dataclass
class Cadence:
    orders: int  # distinct order days
    median_days: float | None
    recent_median_days: float | None  # the last RECENT_GAPS gaps
    last_order: str | None
    days_since_last: int | None
    expected_next: str | None
    overdue: bool
    overdue_days: int
    reason: str


def purchase_cadence(
    dates: Iterable[str],
    today: date,
    *,
    factor: float = OVERDUE_FACTOR,
    min_days: int = OVERDUE_MIN_DAYS,
) -> Cadence:
    """Median days between order days; an order is *overdue* when the days since
    the last one exceed `factor` × the median (and `min_days`, so a client who
    orders every other day is not overdue after a weekend). Several invoices on
    one day are one order. Says why in words."""
    limit = today.isoformat()
    days = sorted({d[:10] for d in dates if d[:10] <= limit})
    if not days:
        return Cadence(0, None, None, None, None, None, False, 0, "no orders yet")
    last = date.fromisoformat(days[-1])
    since = (today - last).days
    if len(days) < 2:
        return Cadence(
            1,
            None,
            None,
            days[-1],
            since,
            None,
            False,
            0,
            f"one order ({since} days ago): no cadence yet",
        )
    parsed = [date.fromisoformat(d) for d in days]
    gaps = [(b - a).days for a, b in pairwise(parsed)]
    median = float(statistics.median(gaps))
    recent = float(statistics.median(gaps[-RECENT_GAPS:]))
    threshold = max(factor * median, float(min_days))
    overdue = since > threshold
    expected = last + timedelta(days=round(median))
    usual = f"usually every {median:.0f} days (median of {len(gaps)} gaps)"
    if overdue:
        reason = (
            f"overdue: last order {since} days ago, {usual}; more than "
            f"{factor:g} × the median"
            + (f" ({threshold:.0f} days)" if threshold > min_days else f" and {min_days} days")
        )
    else:
        reason = f"last order {since} days ago, {usual}"
    return Cadence(
        len(days),
        median,
        recent,
        days[-1],
        since,
        expected.isoformat(),
        overdue,
        max(0, since - round(threshold)) if overdue else 0,
        reason,
    )


# --- categories -------------------------------------------------------------------


@dataclass
class CategoryHistory:
    category: str
    first: str
    last: str
    total: float
    orders: int
    by_year: dict[int, float]
    active_12m: bool


def categories_over_time(txs: Iterable[TxLike], today: date) -> list[CategoryHistory]:
    """Each category bought: first and last purchase, revenue per year and whether
    it was bought in the last 12 months. Biggest first."""
    limit = today.isoformat()
    year_ago = _shift_year(today, -1).isoformat()
    acc: dict[str, CategoryHistory] = {}
    for t in txs:
        d = t.date[:10]
        if d > limit:
            continue
        h = acc.get(t.category)
        if h is None:
            h = acc[t.category] = CategoryHistory(t.category, d, d, 0.0, 0, {}, False)
        h.first = min(h.first, d)
        h.last = max(h.last, d)
        h.total += t.amount
        h.orders += 1
        y = int(d[:4])
        h.by_year[y] = h.by_year.get(y, 0.0) + t.amount
        if d > year_ago:
            h.active_12m = True
    out = sorted(acc.values(), key=lambda h: (-h.total, fold(h.category)))
    for h in out:
        h.by_year = dict(sorted(h.by_year.items()))
    return out


def categories_by_year(txs: Iterable[TxLike], today: date) -> dict[int, list[str]]:
    """{year: categories bought that year}: breadth over time (cross-sell)."""
    out: dict[int, set[str]] = defaultdict(set)
    limit = today.isoformat()
    for t in txs:
        if t.date[:10] <= limit:
            out[int(t.date[:4])].add(t.category)
    return {y: sorted(c, key=fold) for y, c in sorted(out.items())}


def categories_bought(txs: Iterable[TxLike], since: date, until: date) -> set[str]:
    """Categories with a positive net purchase in (since, until]."""
    lo, hi = since.isoformat(), until.isoformat()
    totals: dict[str, float] = defaultdict(float)
    for t in txs:
        if lo < t.date[:10] <= hi:
            totals[t.category] += t.amount
    return {c for c, v in totals.items() if v > 0}


# --- wallet share -------------------------------------------------------------------


@dataclass
class CategoryShare:
    category: str
    revenue: float
    wallet: float | None
    share: float | None  # revenue / wallet; None without an estimate


@dataclass
class WalletShare:
    categories: list[CategoryShare]
    revenue: float  # in categories with an estimate
    wallet: float
    share: float | None
    uncovered_revenue: float  # revenue in categories without an estimate
    notes: list[str] = field(default_factory=list)


def wallet_share(
    revenue_by_category: Mapping[str, float],
    wallet_by_category: Mapping[str, float],
    *,
    period: str = "",
) -> WalletShare:
    """Share of wallet per category and overall. Categories match case- and
    accent-insensitively. The overall share counts only categories that have an
    estimate; revenue elsewhere is reported, not silently mixed in."""
    wallet_f = {fold(c): (c, v) for c, v in wallet_by_category.items()}
    revenue_f: dict[str, tuple[str, float]] = {}
    for c, v in revenue_by_category.items():
        name, total = revenue_f.get(fold(c), (c, 0.0))
        revenue_f[fold(c)] = (name, total + v)
    rows: list[CategoryShare] = []
    covered = uncovered = wallet_total = 0.0
    for key in sorted(set(wallet_f) | set(revenue_f)):
        name = wallet_f[key][0] if key in wallet_f else revenue_f[key][0]
        rev = revenue_f.get(key, (name, 0.0))[1]
        est = wallet_f[key][1] if key in wallet_f else None
        if est is None:
            uncovered += rev
            rows.append(CategoryShare(name, rev, None, None))
            continue
        wallet_total += est
        covered += rev
        rows.append(CategoryShare(name, rev, est, rev / est if est > 0 else None))
    rows.sort(key=lambda r: (-(r.wallet or 0), -r.revenue, fold(r.category)))
    notes = []
    if period:
        notes.append(period)
    over = [r.category for r in rows if r.share is not None and r.share > 1]
    if over:
        notes.append(
            "more than 100 % of the estimate in "
            + ", ".join(over)
            + ": the wallet estimate is probably too low"
        )
    missing = [r.category for r in rows if r.wallet is None and r.revenue]
    if missing:
        notes.append(
            "no wallet estimate for " + ", ".join(missing) + " (left out of the overall share)"
        )
    share = covered / wallet_total if wallet_total > 0 else None
    if share is None:
        notes.append("no wallet estimates: share of wallet unknown")
    return WalletShare(rows, covered, wallet_total, share, uncovered, notes)


def wallet_share_by_year(
    txs: Iterable[TxLike], estimates: Iterable[tuple[str, int, float]], today: date
) -> dict[int, float | None]:
    """Overall share per calendar year that has estimates (the trend); the
    current year compares its revenue so far with the whole year's estimate."""
    items = list(txs)
    by_year: dict[int, dict[str, float]] = defaultdict(dict)
    for category, year, amount in estimates:
        by_year[year][category] = amount
    out: dict[int, float | None] = {}
    for year in sorted(by_year):
        if year > today.year:
            continue
        start, end = date(year - 1, 12, 31), min(date(year, 12, 31), today)
        revenue: dict[str, float] = defaultdict(float)
        lo, hi = start.isoformat(), end.isoformat()
        for t in items:
            if lo < t.date[:10] <= hi:
                revenue[t.category] += t.amount
        out[year] = wallet_share(revenue, by_year[year]).share
    return out


def estimates_for_year(
    estimates: Iterable[tuple[str, int, float]], year: int
) -> tuple[dict[str, float], dict[str, int]]:
    """Per category, the estimate for `year`, else the latest earlier one;
    with the year each one comes from."""
    best: dict[str, tuple[int, float]] = {}
    for category, y, amount in estimates:
        if y <= year and (category not in best or y > best[category][0]):
            best[category] = (y, amount)
    return {c: v[1] for c, v in best.items()}, {c: v[0] for c, v in best.items()}


def current_wallet_share(
    txs: Iterable[TxLike], estimates: Iterable[tuple[str, int, float]], today: date
) -> WalletShare:
    """Our last 12 months against the client's estimated yearly spend (this
    year's estimate, else the latest earlier one) — the assumption is in the notes."""
    items = list(txs)
    year_ago = _shift_year(today, -1)
    revenue: dict[str, float] = defaultdict(float)
    lo, hi = year_ago.isoformat(), today.isoformat()
    for t in items:
        if lo < t.date[:10] <= hi:
            revenue[t.category] += t.amount
    wallet, years = estimates_for_year(estimates, today.year)
    used = sorted(set(years.values()))
    period = "our revenue in the last 12 months / the client's estimated yearly spend"
    if used:
        period += f" ({', '.join(str(y) for y in used)} estimate{'s' if len(used) > 1 else ''})"
    return wallet_share(revenue, wallet, period=period)


# --- lifetime value ----------------------------------------------------------------


@dataclass
class LifetimeValue:
    historical_revenue: float
    historical_margin: float | None  # gross margin in money, where margins are known
    margin_coverage: float  # share of revenue whose margin is known
    first_order: str | None
    years_as_client: float
    average_yearly_revenue: float
    projected_revenue: float
    assumption: str
    years: int = 3
    retention: float = 0.9
    yearly_basis: float = 0.0  # the last 12 months' revenue the projection repeats


def lifetime_value(
    txs: Iterable[TxLike],
    today: date,
    *,
    years: int = 3,
    retention: float = 0.9,
) -> LifetimeValue:
    """Historical value (revenue and known gross margin) and a simple projection:
    the last 12 months' revenue repeated for `years` more years, each year kept
    with probability `retention`. The assumption is returned in words."""
    items = [t for t in txs if t.date[:10] <= today.isoformat()]
    total = sum(t.amount for t in items)
    with_margin = [t for t in items if t.margin is not None]
    margin_money = sum(t.amount * (t.margin or 0.0) for t in with_margin) if with_margin else None
    covered = sum(t.amount for t in with_margin)
    coverage = covered / total if total > 0 else 0.0
    first = min((t.date[:10] for t in items), default=None)
    span = (today - date.fromisoformat(first)).days / 365.25 if first else 0.0
    average = total / max(span, 1.0) if first else 0.0
    t12 = _window_sum(items, _shift_year(today, -1), today)
    factor = sum(retention**k for k in range(1, years + 1))
    projected = t12 * factor
    assumption = (
        f"{years} more years at the last 12 months' revenue ({t12:,.0f}/yr), "
        f"{retention:.0%} chance of keeping the client each year"
    )
    return LifetimeValue(
        total,
        margin_money,
        coverage,
        first,
        span,
        average,
        projected,
        assumption,
        years,
        retention,
        t12,
    )


# --- whitespace: accounts x categories -----------------------------------------------

BOUGHT, LAPSED, OPEN, NONE = "bought", "lapsed", "open", "none"


@dataclass(slots=True)
class WhitespaceCell:
    state: str  # bought (last 12 months), lapsed (before), open (estimate, never bought), none
    revenue_12m: float = 0.0
    wallet: float | None = None
    share: float | None = None
    last_bought: str | None = None

    @property
    def potential(self) -> float:
        """What the client spends elsewhere in this category (estimate − ours)."""
        if self.wallet is None:
            return 0.0
        return max(self.wallet - self.revenue_12m, 0.0)


@dataclass(slots=True)
class WhitespaceRow:
    account_id: int
    name: str
    cells: dict[str, WhitespaceCell]
    revenue_12m: float
    wallet: float
    share: float | None
    bought: int
    potential: float


@dataclass
class Whitespace:
    categories: list[str]
    rows: list[WhitespaceRow]
    assumption: str


def build_whitespace(
    accounts: Iterable[tuple[int, str]],
    revenue_12m: Iterable[tuple[int, str, float]],
    last_bought: Iterable[tuple[int, str, str]],
    wallet: Iterable[tuple[int, str, float]],
) -> Whitespace:
    """The portfolio's whitespace: for each account and category whether we sold
    it in the last 12 months, sold it before (lapsed), or never sold it although
    the client buys it (open), with our share of the client's estimated spend.
    Categories match case- and accent-insensitively."""
    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rev: dict[tuple[int, str], float] = defaultdict(float)
    for acc, cat, amount in revenue_12m:
        rev[(acc, fold(cat))] += amount
        names[fold(cat)][cat] += 1
    last: dict[tuple[int, str], str] = {}
    for acc, cat, day in last_bought:
        key = (acc, fold(cat))
        last[key] = max(last.get(key, ""), day)
        names[fold(cat)][cat] += 1
    est: dict[tuple[int, str], float] = defaultdict(float)
    for acc, cat, amount in wallet:
        est[(acc, fold(cat))] += amount
        names[fold(cat)][cat] += 1
    sold: dict[str, float] = defaultdict(float)
    for (_acc, cat), amount in rev.items():
        sold[cat] += amount
    estimated: dict[str, float] = defaultdict(float)
    for (_acc, cat), amount in est.items():
        estimated[cat] += amount
    # the categories we sell most first; never-sold ones by the client's spend
    keys = sorted(names, key=lambda k: (-sold.get(k, 0.0), -estimated.get(k, 0.0), k))
    display = {k: max(names[k].items(), key=lambda kv: (kv[1], kv[0]))[0] for k in keys}
    rows = []
    for acc, name in accounts:
        cells: dict[str, WhitespaceCell] = {}
        r_total = w_total = covered = potential = 0.0
        bought = 0
        for k in keys:
            key = (acc, k)
            r = rev.get(key, 0.0)
            w = est.get(key)
            when = last.get(key)
            if r > 0:
                state = BOUGHT
                bought += 1
            elif when:
                state = LAPSED
            elif w:
                state = OPEN
            else:
                state = NONE
            cell = WhitespaceCell(state, r, w, r / w if w else None, when)
            cells[display[k]] = cell
            r_total += r
            if w:
                w_total += w
                covered += r
                potential += cell.potential
        rows.append(
            WhitespaceRow(
                acc,
                name,
                cells,
                r_total,
                w_total,
                covered / w_total if w_total else None,
                bought,
                potential,
            )
        )
    return Whitespace(
        [display[k] for k in keys],
        rows,
        "bought = sold in the last 12 months; share = our last 12 months / the client's "
        "estimated yearly spend (this year's estimate, else the latest)",
    )
