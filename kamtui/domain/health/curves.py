"""Each health component's curve at its key points: the figure, the score it
gets and the reason it gives, computed by the scoring code itself (so
docs/health.md, whose tables `markdown()` writes, stays true; a test checks
it). Pure: no file is read or written here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from kamtui.config import HealthConfig
from kamtui.domain.health.model import COMPONENTS, AccountFacts
from kamtui.domain.health.scores import components

TODAY = date(2026, 11, 15)


@dataclass(frozen=True)
class Point:
    figure: str  # the figure in words
    past_target: bool  # the figure is past the component's target
    facts: AccountFacts


@dataclass(frozen=True)
class Row:
    figure: str
    past_target: bool
    score: float | None
    reason: str


def _ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def _talk(**kw: object) -> AccountFacts:
    base: dict[str, object] = {
        "account_id": 1,
        "name": "Example",
        "cadence_days": 30,
        "interactions_total": 20,
        "first_interaction": _ago(700),
        "last_interaction": _ago(5),
        "last_deep": _ago(30),
        "interactions_window": 8,
        "deep_window": 2,
    }
    base.update(kw)
    return AccountFacts(**base)  # type: ignore[arg-type]


def _orders(**kw: object) -> AccountFacts:
    base: dict[str, object] = {
        "account_id": 1,
        "name": "Example",
        "first_order": _ago(730),
        "last_order": _ago(5),
        "order_days_recent": 36,
        "order_days_before": 36,
        "revenue_12m": 100_000.0,
        "revenue_prev_12m": 100_000.0,
        "catalogue": 10,
        "categories_12m": 5,
        "categories_prev_12m": 5,
    }
    base.update(kw)
    return AccountFacts(**base)  # type: ignore[arg-type]


@dataclass
class _Map:
    shape: str
    reasons: list[str]
    single_points_of_failure: list[int]
    decision_maker_covered: bool = True
    executive_covered: bool = True


def _map(shape: str, why: str, spof: int = 0, dm: bool = True) -> AccountFacts:
    m = _Map(shape, [why], list(range(spof)), dm, False)
    return AccountFacts(account_id=1, name="Example", map=m, map_people=6)  # type: ignore[arg-type]


def points(c: HealthConfig) -> dict[str, list[Point]]:
    """The key points of every component (default-like accounts, "today" fixed)."""
    cad = 30
    strat = c.strategic_target_days
    return {
        "contact_recency": [
            Point(
                f"{d} days since the last contact, cadence {cad}",
                d > cad,
                _talk(last_interaction=_ago(d)),
            )
            for d in (0, cad, cad + 1, cad * 3 // 2, cad * 2, cad * 3)
        ],
        "conversation_level": [
            Point(
                f"last strategic {d} days ago, 25 % strategic",
                d > strat,
                _talk(last_deep=_ago(d), last_interaction=_ago(5)),
            )
            for d in (30, strat, strat + 10, 180, c.strategic_zero_days)
        ]
        + [
            Point(
                f"last strategic 30 days ago, {n} of 8 strategic",
                n / 8 < c.strategic_share_target,
                _talk(deep_window=n),
            )
            for n in (4, 1, 0)
        ],
        "map_strength": [
            Point("diamond", False, _map("diamond", "4 of ours and 5 of theirs")),
            Point("diamond, no decision maker", False, _map("diamond", "…", dm=False)),
            Point("developing", True, _map("developing", "only 2 of ours")),
            Point("developing, 2 single points of failure", True, _map("developing", "…", 2)),
            Point("bow-tie", True, _map("bow-tie", "only Ana ↔ Luis")),
            Point("none", True, _map("none", "no links yet")),
        ],
        "complaints": [
            Point("no open complaints", False, _talk()),
            Point(
                "1 open, 10 days old",
                False,
                _talk(open_complaints=1, complaints_total=1, oldest_open=_ago(10)),
            ),
            Point(
                "2 open, 10 days old",
                False,
                _talk(open_complaints=2, complaints_total=2, oldest_open=_ago(10)),
            ),
            Point(
                "1 open, 31 days old",
                True,
                _talk(open_complaints=1, complaints_total=1, oldest_open=_ago(31)),
            ),
            Point(
                "1 open, 60 days old",
                True,
                _talk(open_complaints=1, complaints_total=1, oldest_open=_ago(60)),
            ),
            Point(
                "none open, resolved in 20 d",
                False,
                _talk(complaints_total=1, resolution_days=[20.0]),
            ),
            Point(
                "none open, resolved in 45 d",
                True,
                _talk(complaints_total=1, resolution_days=[45.0]),
            ),
        ],
        "satisfaction": [
            Point(f"mean mood {m:g}/5", m < c.mood_target, _talk(mood_sum=m, mood_count=1))
            for m in (5.0, 4.0, 3.9, 3.0, 2.0, 1.0)
        ],
        "revenue_trend": [
            Point(
                f"revenue {'+' if p >= 0 else '−'}{abs(p)} % on the year before",
                p / 100 < c.revenue_growth_target,
                _orders(revenue_12m=100_000.0 * (1 + p / 100)),
            )
            for p in (10, 5, 0, -10, -20, -30)
        ],
        "purchase_cadence": [
            Point(
                f"last order {d} days ago, usually every 20 d",
                d / 20 > c.cadence_target_factor,
                _orders(
                    first_order=_ago(d + 720),
                    last_order=_ago(d),
                    order_days_recent=18,
                    order_days_before=19,
                ),
            )
            for d in (10, 30, 31, 50, 80)
        ]
        + [
            Point(
                f"ordering on {n} days in the last year, 36 the year before",
                (365 / n) / (365 / 36) > c.rhythm_target_factor,
                _orders(first_order=_ago(730), order_days_recent=n, last_order=_ago(2)),
            )
            for n in (36, 30, 20, 12)
        ],
        "cross_sell": [
            Point(
                f"{n} of 10 categories",
                n / 10 < c.cross_sell_target,
                _orders(categories_12m=n, categories_prev_12m=n),
            )
            for n in (6, 5, 4, 2, 0)
        ]
        + [
            Point(
                "4 of 10 categories, 2 more than before",
                True,
                _orders(categories_12m=4, categories_prev_12m=2),
            )
        ],
        "wallet_share": [
            Point(
                f"share of wallet {p} %",
                p / 100 < c.wallet_share_target,
                _orders(revenue_12m=1000.0 * p, wallet_estimate=100_000.0, wallet_year=2026),
            )
            for p in (50, 40, 39, 20, 0)
        ],
        "goal_progress": [
            Point("2 on track", False, AccountFacts(1, "Example", goals_on_track=2)),
            Point(
                "1 done, 1 on track",
                False,
                AccountFacts(1, "Example", goals_on_track=1, goals_done=1),
            ),
            Point(
                "3 on track, 1 behind",
                True,
                AccountFacts(1, "Example", goals_on_track=3, goals_behind=1),
            ),
            Point("1 behind", True, AccountFacts(1, "Example", goals_behind=1)),
        ],
        "data_quality": [
            Point(
                "7 of 7 fields, all verified",
                False,
                AccountFacts(1, "Example", fields_present=7, their_people=4, verified_recent=4),
            ),
            Point(
                "5 of 7 fields, half verified",
                False,
                AccountFacts(1, "Example", fields_present=5, their_people=4, verified_recent=2),
            ),
            Point(
                "7 of 7 fields, a possible duplicate",
                False,
                AccountFacts(1, "Example", fields_present=7, duplicates=["Example SA"]),
            ),
        ],
    }


def rows(c: HealthConfig | None = None) -> dict[str, list[Row]]:
    """Each component's key points scored by the engine."""
    c = c or HealthConfig()
    out: dict[str, list[Row]] = {}
    for key, pts in points(c).items():
        out[key] = []
        for p in pts:
            comp = _component(key, p.facts, c)
            out[key].append(Row(p.figure, p.past_target, comp[0], comp[1]))
    return out


def _component(key: str, f: AccountFacts, c: HealthConfig) -> tuple[float | None, str]:
    part = next(x for x in components(f, TODAY, c) if x.key == key)
    return part.score, part.reason


def markdown(c: HealthConfig | None = None, cell: Callable[[str], str] | None = None) -> str:
    """The tables of docs/health.md (between its generated-table markers)."""
    esc = cell or (lambda t: t.replace("|", "\\|"))
    lines: list[str] = []
    for key, found in rows(c).items():
        lines.append(f"### {COMPONENTS[key]} (`{key}`)")
        lines.append("")
        lines.append("| figure | past target | score | reason |")
        lines.append("| --- | --- | ---: | --- |")
        for r in found:
            score = "no data" if r.score is None else f"{r.score:g}"
            lines.append(
                f"| {esc(r.figure)} | {'yes' if r.past_target else ''} | {score} | {esc(r.reason)} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
