"""10. A save in the app (the log form, ctrl+s) until the portfolio's row
shows it: from the key reaching the app to the portfolio row (under the
account screen) carrying the new last contact and score. The save's worker
computes the account's health and reads its row before confirming
(`ui/health_sync.py`), so the row and the confirmation come in one call.
The floor: the same save with that step switched off, timed to its
confirmation, interleaved in the same run. Both also timed to the repaint
after the confirmation (the form closed, the account screen back). In-process with App.run_test (headless, 120x40) on the large database,
once the portfolio and its health are loaded."""

from __future__ import annotations

import asyncio
import sys
import time
from datetime import date
from typing import Any

from _common import ROOT, Scratch, large_today, median, p95, parser, report, require_db

sys.path.insert(0, str(ROOT))

SIZE = (120, 40)


async def until(condition: Any, timeout: float = 60.0) -> None:
    t = time.perf_counter()
    while not condition():
        if time.perf_counter() - t > timeout:
            raise RuntimeError("timed out")
        await asyncio.sleep(0.001)


async def repainted(app: Any) -> None:
    done = asyncio.get_running_loop().create_future()
    app.call_after_refresh(lambda: done.done() or done.set_result(None))
    await done


async def send(app: Any, name: str) -> None:
    from textual import events

    event = events.Key(name, None)
    event.set_sender(app)
    app._driver.send_message(event)


async def run(path: str, today: date, runs: int) -> dict[str, list[float]]:
    from kamtui.config import Config
    from kamtui.storage.db import open_store
    from kamtui.ui import health_sync
    from kamtui.ui.app import KamApp
    from kamtui.ui.screens.account.screen import AccountScreen
    from kamtui.ui.screens.forms.log_form import LogFormScreen
    from kamtui.ui.screens.portfolio.screen import PortfolioScreen

    store = open_store(path)
    app = KamApp(store, today=today, config=Config())
    confirmed: list[float] = []
    real_notify = KamApp.notify

    def notify(self: Any, message: str, **kwargs: Any) -> None:
        if message.startswith("Logged interaction"):
            confirmed.append(time.perf_counter())
        real_notify(self, message, **kwargs)

    KamApp.notify = notify  # type: ignore[method-assign]
    applied: list[float] = []
    real_apply = PortfolioScreen.apply_sync

    def apply_sync(self: Any, found: Any) -> None:
        real_apply(self, found)
        applied.append(time.perf_counter())

    PortfolioScreen.apply_sync = apply_sync  # type: ignore[method-assign]
    real_after_write = health_sync.after_write
    out: dict[str, list[float]] = {
        "row": [],
        "confirmed": [],
        "repainted": [],
        "bare_save": [],
        "bare_repainted": [],
    }
    async with app.run_test(size=SIZE) as pilot:
        portfolio = app.screen
        await until(lambda: bool(getattr(portfolio, "health", None)), 600)
        await until(lambda: all(w.is_finished for w in app.workers), 600)
        rows = sorted(portfolio.all_rows, key=lambda r: r.id)
        for i in range(runs * 2):
            with_row = i % 2 == 0
            health_sync.after_write = real_after_write if with_row else (lambda _app: lambda: None)
            account = rows[(i * 389) % len(rows)]
            app.open_account(account.id)
            await until(lambda: isinstance(app.screen, AccountScreen))
            await until(lambda: all(w.is_finished for w in app.workers))
            await until(lambda: app.screen._loaded_account() is not None)
            app.screen.action_log()  # what L does
            await until(lambda: isinstance(app.screen, LogFormScreen))
            form = app.screen

            def ready(form: Any = form) -> bool:
                return bool(form.is_mounted and form.query("#log-when"))

            await until(ready)
            await pilot.pause(0.05)
            await until(lambda: all(w.is_finished for w in app.workers))
            when = f"{20 + i // 60:02d}:{i % 60:02d}"
            form.set_values({"summary": f"Llamada {i}", "when": f"today {when}"})
            await pilot.pause(0.05)
            confirmed.clear()
            t = time.perf_counter()
            await send(app, "ctrl+s")

            before = next(r for r in portfolio.all_rows if r.id == account.id)

            def shows(account_id: int = account.id, before: Any = before) -> bool:
                # the row read again after the save, with its health computed again
                row = next((r for r in portfolio.all_rows if r.id == account_id), None)
                return row is not None and row.changes > before.changes and row.stamp > before.stamp

            if with_row:
                await until(shows)
                # the moment the UI thread swapped the row in (polling lags)
                out["row"].append(applied[-1] - t)
                await until(lambda: bool(confirmed))
                out["confirmed"].append(confirmed[0] - t)
                await repainted(app)
                out["repainted"].append(time.perf_counter() - t)
            else:
                await until(lambda: bool(confirmed))
                out["bare_save"].append(confirmed[0] - t)
                await repainted(app)
                out["bare_repainted"].append(time.perf_counter() - t)
            await until(lambda: all(w.is_finished for w in app.workers))
            await pilot.press("escape")  # back to the portfolio
            await until(lambda: app.screen is portfolio)
            await until(lambda: all(w.is_finished for w in app.workers))
    health_sync.after_write = real_after_write
    KamApp.notify = real_notify  # type: ignore[method-assign]
    PortfolioScreen.apply_sync = real_apply  # type: ignore[method-assign]
    store.close()
    return out


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    db = require_db(args.db)
    runs = args.runs or 12
    today = date.fromisoformat(large_today(db))
    with Scratch(db, args.work) as scratch:
        out = asyncio.run(run(str(scratch.path), today, runs))
    for kind, values in out.items():
        print(
            f"  {kind:<13} n={len(values):<3} median {median(values) * 1000:6.1f} ms"
            f"  p95 {p95(values) * 1000:6.1f} ms",
            file=sys.stderr,
        )
    report(
        "10 app save until the portfolio row updates",
        kamtui=p95(out["row"]),
        floor=p95(out["bare_save"]),
        target="p95 <= 150 ms",
        ok=p95(out["row"]) <= 0.15,
        extra={f"{k}_ms": [median(v) * 1000, p95(v) * 1000] for k, v in out.items()},
    )


if __name__ == "__main__":
    main()
