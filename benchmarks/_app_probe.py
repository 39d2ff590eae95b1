"""Run kamtui (through its real `kamtui --db FILE` entry point) or a bare
Textual app headless, and report on stdout when the first screen with data is
painted, then optionally when it is fully loaded, with the peak memory.

    python _app_probe.py kamtui DB [--until painted|loaded|cpu15]
    python _app_probe.py bare [--until painted|loaded]
    python _app_probe.py bare-rows DB --until cpu15

Lines printed: `painted`, then (for --until loaded) `loaded MAXRSS_KB`;
for --until cpu15, after 15 s from the start: `cpu SECONDS` (the process's
user + system CPU), and for kamtui `resorted 0|1` (whether the rows' order
changed after the first paint) and `computed N` (accounts whose health was
computed). `bare-rows` shows the live accounts' names of DB in a DataTable.
The parent times from spawning the process to reading `painted`."""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import resource
import sys
import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

SIZE = (120, 40)
STARTED = time.monotonic()
WINDOW = 15.0


def cpu_seconds() -> float:
    """This process's CPU and that of its children that ended (the app
    computes a whole portfolio's health in a child process)."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime + kids.ru_utime + kids.ru_stime


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def maxrss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child_maxrss_kb() -> int:
    """The peak of the largest child that ended (a health computation)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def bare(until: str) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self.painted)

        def painted(self) -> None:
            say("painted")
            if until == "painted":
                os._exit(0)
            say(f"loaded {maxrss_kb()}")
            os._exit(0)

    Bare().run(headless=True, size=SIZE)


def bare_rows(db: str) -> None:
    """A bare Textual app showing the same live accounts (names, owners) in
    a DataTable, for the first 15 s of its process."""
    import sqlite3

    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT name, COALESCE(owner, '') FROM accounts WHERE deleted_at IS NULL"
    ).fetchall()
    conn.close()

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Account", "Owner")
            table.add_rows(rows)
            self.call_after_refresh(lambda: say("painted"))
            self.set_timer(max(0.0, WINDOW - (time.monotonic() - STARTED)), self.done)

        def done(self) -> None:
            say(f"cpu {cpu_seconds():.3f}")
            os._exit(0)

    Bare().run(headless=True, size=SIZE)


def when_imported(name: str, patch: Callable[[ModuleType], None]) -> None:
    """Call `patch` on module `name` right after it is first imported, so the
    entry point runs with its own import order (`kamtui` reads the portfolio
    while Textual loads; importing the app here first would hide that)."""

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            assert spec is not None and spec.loader is not None
            exec_module = spec.loader.exec_module

            def exec_and_patch(module: ModuleType) -> None:
                exec_module(module)
                patch(module)

            spec.loader.exec_module = exec_and_patch  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Finder())


def kamtui(db: str, until: str) -> None:
    when_imported("kamtui.ui.app", lambda module: hook(module, until))
    from kamtui.cli.main import main

    main(["--db", db])


def hook(app_module: ModuleType, until: str) -> None:
    state: dict[str, Any] = {"phase": "rows"}
    original_mount = app_module.KamApp.on_mount
    original_run = app_module.KamApp.run

    def check(app: Any) -> None:
        screen = app.screen
        table = getattr(screen, "table", None)
        if state["phase"] == "rows":
            try:
                rows = table.rows if table is not None else None
            except Exception:
                rows = None
            if rows:
                state["phase"] = "painting"
                app.call_after_refresh(painted, app)
        elif state["phase"] == "health":
            if getattr(screen, "health", None):
                state["phase"] = "account"
                app.open_account(screen.table.rows[0].id)
                state["wait"] = 0
        elif state["phase"] == "account":
            busy = [w for w in app.workers if not w.is_finished]
            state["wait"] += 1
            if (not busy and state["wait"] > 20) or state["wait"] > 3000:
                app.call_after_refresh(finished)

    def painted(app: Any) -> None:
        say("painted")
        if until == "painted":
            os._exit(0)
        if until == "cpu15":
            state["timer"].stop()  # its 500 wake-ups a second would count as kamtui's
            state["phase"] = "idle"
            state["order"] = [r.id for r in app.screen.table.rows]
            app.set_timer(max(0.0, WINDOW - (time.monotonic() - STARTED)), lambda: window(app))
            return
        state["phase"] = "health"

    def window(app: Any) -> None:
        cpu = cpu_seconds()
        order = [r.id for r in app.screen.table.rows]
        refresh = sys.modules.get("kamtui.services.health_refresh")
        computed = refresh.STATS.computed if refresh is not None else 0
        say(f"cpu {cpu:.3f}")
        say(f"resorted {int(order != state['order'])}")
        say(f"computed {computed}")
        os._exit(0)

    def finished() -> None:
        say(f"loaded {maxrss_kb()} {child_maxrss_kb()}")
        os._exit(0)

    def on_mount(self: Any) -> None:
        original_mount(self)
        state["timer"] = self.set_interval(0.002, lambda: check(self))

    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs.update(headless=True, size=SIZE)
        return original_run(self, *args, **kwargs)

    app_module.KamApp.on_mount = on_mount  # type: ignore[method-assign]
    app_module.KamApp.run = run  # type: ignore[method-assign]


if __name__ == "__main__":
    args = sys.argv[1:]
    until = "painted"
    if "--until" in args:
        i = args.index("--until")
        until = args[i + 1]
        del args[i : i + 2]
    if args[0] == "bare":
        bare(until)
    elif args[0] == "bare-rows":
        bare_rows(args[1])
    else:
        kamtui(args[1], until)
