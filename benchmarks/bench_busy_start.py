"""Extra (not one of the issue's seven): the app while it computes the whole
portfolio's health right after start-up (seconds of CPU on 10,000 accounts,
in a worker). Times, in a fresh app, opening the first account as soon as the
portfolio is painted, from Enter to the account's tabs loaded, and typing in
the filter meanwhile; the floor is the same open in a fresh app once health
has landed. Headless 120x40, App.run_test, keys sent as in bench_keys.py."""

from __future__ import annotations

import asyncio
import sys
import time
from datetime import date
from typing import Any

from _common import ROOT, Scratch, large_today, median, parser, report, require_db
from bench_keys import SIZE, key, settle

sys.path.insert(0, str(ROOT))


SHOWN: list[float] = []  # when an account's Overview got its data


def watch_overview() -> None:
    from kamtui.ui.screens.account.tabs.overview import OverviewTab

    real = OverviewTab.show

    def show(self: Any, data: Any) -> None:
        real(self, data)
        SHOWN.append(time.perf_counter())

    OverviewTab.show = show  # type: ignore[method-assign]


async def account_loaded(pilot: Any, since: float, timeout: float = 60.0) -> None:
    """Until the Overview shows the account's data, painted."""
    t = time.perf_counter()
    while not any(s >= since for s in SHOWN):
        if time.perf_counter() - t > timeout:
            raise RuntimeError("the account never loaded")
        await asyncio.sleep(0.002)
    await settle(pilot)


async def one_run(path: str, today: date, *, busy: bool) -> dict[str, Any]:
    from kamtui.config import Config
    from kamtui.storage.db import open_store
    from kamtui.ui.app import KamApp

    store = open_store(path)
    app = KamApp(store, today=today, config=Config())
    out: dict[str, Any] = {"filter": []}
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        while not (getattr(screen, "table", None) and screen.table.rows):
            await asyncio.sleep(0.005)
        if busy:
            await settle(pilot)
            await key(pilot, "f")
            for ch in ["g", "a", "r", "backspace", "backspace", "backspace"]:
                out["filter"].append(await key(pilot, ch))
            await key(pilot, "escape")
        else:
            while not screen.health:
                await asyncio.sleep(0.02)
            await settle(pilot)
        out["health_done_before_open"] = bool(screen.health)
        t = time.perf_counter()
        await key(pilot, "enter")
        await account_loaded(pilot, t)
        out["open"] = time.perf_counter() - t
        while not screen.health:  # let it finish before closing the store
            await asyncio.sleep(0.05)
    store.close()
    return out


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    db = require_db(args.db)
    today = date.fromisoformat(large_today(db))
    runs = args.runs or 3
    watch_overview()
    busy, idle, typed = [], [], []
    with Scratch(db, args.work) as scratch:
        for _ in range(runs):
            b = asyncio.run(one_run(str(scratch.path), today, busy=True))
            if b["health_done_before_open"]:
                print("  (health landed before the open: run not counted)", file=sys.stderr)
            else:
                busy.append(b["open"])
                typed.extend(b["filter"])
            idle.append(asyncio.run(one_run(str(scratch.path), today, busy=False))["open"])
    print(
        f"  open while health computes: {', '.join(f'{x * 1000:.0f}' for x in busy)} ms; "
        f"after: {', '.join(f'{x * 1000:.0f}' for x in idle)} ms",
        file=sys.stderr,
    )
    if typed:
        print(
            f"  filter keys while health computes: median {median(typed) * 1000:.0f} ms, "
            f"max {max(typed) * 1000:.0f} ms (n={len(typed)})",
            file=sys.stderr,
        )
    report(
        "extra: open an account while start-up health computes",
        kamtui=median(busy) if busy else None,
        floor=median(idle),
    )


if __name__ == "__main__":
    main()
