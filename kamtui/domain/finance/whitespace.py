"""The whitespace matrix: accounts x categories, what each could still buy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kamtui.textsafe import fold

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
