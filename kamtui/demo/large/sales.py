"""The money: transactions (seasonal, growing or falling per account), the
wallet estimates sized from them, and the goals set against both."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from kamtui.demo.large.catalogue import CATEGORIES, CATEGORY_NAMES, SEASON
from kamtui.demo.large.story import allocate, trend_x, weekday
from kamtui.demo.large.texts import GOAL_ACTIONS, GOAL_TITLES, Text

if TYPE_CHECKING:
    from kamtui.demo.large.generator import Generator


def transactions(
    gen: Generator, revenue: dict[tuple[int, str], float]
) -> Iterator[tuple[Any, ...]]:
    """Orders in date order; adds each (account, category)'s last-12-month revenue
    to `revenue`, which the wallet estimates and goals are sized from."""
    r = gen.rng("transactions")
    counts = allocate(gen.size.transactions, [a.weight for a in gen.accs], minimum=1)
    n_acc = len(gen.accs)
    start = gen.start.toordinal()
    today = gen.today.toordinal()
    year_ago = today - 365
    keys: list[int] = []
    top = max(SEASON)
    for idx, (acc, n) in enumerate(zip(gen.accs, counts, strict=True)):
        end = today - acc.lapsed_orders
        span = end - start
        for _ in range(n):
            while True:
                x = trend_x(r.random(), acc.trend)
                d = weekday(start + int(x * span))
                month = date.fromordinal(d).month
                if r.random() * top < SEASON[month - 1]:
                    break
            keys.append(min(d, today) * n_acc + idx)
    keys.sort()
    seq: dict[int, int] = {}
    for tid, key in enumerate(keys, 1):
        d, idx = divmod(key, n_acc)
        acc = gen.accs[idx]
        day = date.fromordinal(d)
        n = seq.get(day.year, 0) + 1
        seq[day.year] = n
        cat = r.choices(acc.categories, cum_weights=acc.cat_cum)[0]
        amount = round(CATEGORIES[cat][1] * acc.size * math.exp(r.gauss(-0.1, 0.55)), 2)
        margin = round(r.uniform(0.12, 0.42), 2) if r.random() < 0.6 else None
        if d > year_ago:
            k = (acc.id, cat)
            revenue[k] = revenue.get(k, 0.0) + amount
        yield (tid, acc.id, day.isoformat(), amount, cat, f"FV-{day.year}-{n:07d}", margin)


def wallet(gen: Generator, revenue: dict[tuple[int, str], float]) -> Iterator[tuple[Any, ...]]:
    r = gen.rng("wallet")
    wid = 0
    year = gen.today.year
    for acc in gen.accs:
        cats = list(acc.categories)
        others = [c for c in CATEGORY_NAMES if c not in cats]
        cats += r.sample(others, min(len(others), r.randint(0, 3)))
        for cat in cats:
            ours = revenue.get((acc.id, cat), 0.0)
            if ours > 0:
                amount = ours / r.uniform(0.12, 0.8)
            else:
                amount = CATEGORIES[cat][1] * acc.size * r.uniform(8, 40)
            amount = round(amount, -2)
            for y, factor in ((year - 1, r.uniform(0.88, 1.04)), (year, 1.0)):
                wid += 1
                yield (wid, acc.id, cat, y, round(amount * factor, -2))


def goals(
    gen: Generator, revenue: dict[tuple[int, str], float]
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    r = gen.rng("goals")
    txt = Text(r, gen.today)
    goals: list[tuple[Any, ...]] = []
    actions: list[tuple[Any, ...]] = []
    types = (
        "wallet_share",
        "cross_sell",
        "broaden_map",
        "new_method",
        "new_channel",
        "satisfaction",
    )
    for acc in gen.accs:
        if r.random() > 0.35:
            continue
        for gtype in r.sample(types, r.choice((1, 1, 2))):
            cat = None
            if gtype == "wallet_share":
                cat = r.choice(acc.categories)
                baseline = round(r.uniform(0.1, 0.4), 2)
                target = round(baseline + r.uniform(0.05, 0.2), 2)
            elif gtype == "cross_sell":
                missing = [c for c in CATEGORY_NAMES if c not in acc.categories]
                cat = r.choice(missing or CATEGORY_NAMES)
                baseline = round(revenue.get((acc.id, cat), 0.0), 2)
                target = float(r.choice((10000, 20000, 40000, 60000, 80000)))
            elif gtype == "broaden_map":
                baseline = float(min(len(acc.theirs), len(acc.links)))
                target = baseline + r.choice((1, 2, 3))
            elif gtype == "satisfaction":
                baseline = round(r.uniform(2.5, 3.5), 1)
                target = round(baseline + r.uniform(0.4, 1.0), 1)
            else:
                baseline, target = 0.0, float(r.choice((1, 2, 4)))
            start = gen.today - timedelta(days=r.randint(20, 400))
            due = start + timedelta(days=r.randint(120, 420))
            status = "active"
            if due < gen.today:
                status = r.choice(("done", "dropped", "active"))
            done_at = f"{due.isoformat()}T12:00:00" if status == "done" else None
            gid = len(goals) + 1
            title = txt.fill(GOAL_TITLES[(acc.lang, gtype)].replace("{cat}", cat or ""), acc)
            goals.append(
                (
                    gid,
                    acc.id,
                    gtype,
                    cat,
                    title,
                    baseline,
                    target,
                    None,
                    start.isoformat(),
                    due.isoformat(),
                    status,
                    gen.stamp,
                    done_at,
                    None,
                )
            )
            # Different actions: the importers know one by its goal and text.
            for template in r.sample(GOAL_ACTIONS[acc.lang], r.choice((0, 1, 2, 3))):
                adue = start + timedelta(days=r.randint(10, 200))
                adone = (
                    f"{adue.isoformat()}T12:00:00"
                    if adue < gen.today and r.random() < 0.7
                    else None
                )
                actions.append(
                    (
                        len(actions) + 1,
                        gid,
                        txt.fill(template, acc),
                        adue.isoformat(),
                        adone,
                        gen.stamp,
                    )
                )
    return goals, actions
