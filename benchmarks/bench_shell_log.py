"""9. One account changed by a shell `kamtui log` while the app is open on
the large portfolio: the time from the command's exit until the open app's
portfolio row shows the new last contact (the app notices other processes'
commits with a `PRAGMA data_version` poll every 1.5 s), and the CPU the app
spent computing health for it (`services.health_refresh`, this thread's
CPU). The floor: the CPU of one whole-portfolio computation
(`services.health.portfolio_health`, save=False), measured in the same run.
In-process with App.run_test (headless, 120x40), once the portfolio and its
health are loaded; the `kamtui log` is a real process."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from datetime import date
from typing import Any

from _common import (
    PYTHON,
    ROOT,
    Scratch,
    env,
    large_today,
    median,
    parser,
    report,
    require_db,
)

sys.path.insert(0, str(ROOT))

SIZE = (120, 40)


async def until(condition: Any, timeout: float) -> float:
    t = time.perf_counter()
    while not condition():
        if time.perf_counter() - t > timeout:
            raise RuntimeError("the row never showed the change")
        await asyncio.sleep(0.005)
    return time.perf_counter() - t


async def run(path: str, today: date, runs: int, environ: dict[str, str]) -> dict[str, Any]:
    from kamtui.config import Config
    from kamtui.services import health, health_refresh
    from kamtui.storage.db import open_store
    from kamtui.ui.app import KamApp

    store = open_store(path)
    config = Config()
    t = time.thread_time()
    health.portfolio_health(store, today=today, config=config, save=False)
    full_cpu = time.thread_time() - t
    app = KamApp(store, today=today, config=config)
    shown, cpu, computed = [], [], []
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await until(lambda: bool(getattr(screen, "health", None)), 600)
        await until(lambda: all(w.is_finished for w in app.workers), 600)
        await pilot.pause(0.5)
        rows = sorted(screen.all_rows, key=lambda r: r.id)
        for i in range(runs):
            target = rows[(i * 997) % len(rows)]
            stamp = f"{today.isoformat()}T{8 + i % 10:02d}:{i % 60:02d}"
            health_refresh.STATS.reset()
            cmd = [PYTHON, "-m", "kamtui", "--db", path, "log", f"#{target.id}"]
            cmd += ["--when", stamp.replace("T", " "), "--channel", "phone"]
            cmd += ["--level", "strategic", "--summary", "Llamada desde la shell"]
            done = await asyncio.to_thread(
                subprocess.run, cmd, env=environ, input="", capture_output=True, text=True
            )
            if done.returncode != 0:
                raise RuntimeError(done.stderr)

            def row_shows(account_id: int = target.id, when: str = stamp) -> bool:
                row = next((r for r in screen.all_rows if r.id == account_id), None)
                return row is not None and (row.last_contact or "")[:16] == when

            shown.append(await until(row_shows, 30))
            await until(lambda: all(w.is_finished for w in app.workers), 60)
            cpu.append(sum(r.cpu for r in health_refresh.STATS.runs))
            computed.append(health_refresh.STATS.computed)
    store.close()
    return {"shown": shown, "cpu": cpu, "computed": computed, "full_cpu": full_cpu}


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    db = require_db(args.db)
    runs = args.runs or 7
    today = large_today(db)
    with Scratch(db, args.work) as scratch:
        found = asyncio.run(run(str(scratch.path), date.fromisoformat(today), runs, env(today)))
    shown, cpu, full = found["shown"], found["cpu"], found["full_cpu"]
    print(f"  shown after: {', '.join(f'{x * 1000:.0f}' for x in shown)} ms", file=sys.stderr)
    print(f"  health CPU:  {', '.join(f'{x * 1000:.1f}' for x in cpu)} ms", file=sys.stderr)
    print(f"  accounts computed per log: {found['computed']}", file=sys.stderr)
    print(f"  one whole-portfolio computation: {full * 1000:,.0f} ms CPU", file=sys.stderr)
    report(
        "9 shell log: until the app's row shows it",
        kamtui=median(shown),
        target="<= 2 s (max)",
        ok=max(shown) <= 2.0,
        extra={"max": max(shown)},
    )
    report(
        "9 shell log: health CPU vs a whole computation",
        kamtui=median(cpu),
        floor=full,
        target="<= 50 ms and <= 1 %",
        ok=max(cpu) <= 0.05 and median(cpu) / full <= 0.01,
        extra={"max": max(cpu), "computed": found["computed"]},
    )


if __name__ == "__main__":
    main()
