"""Run kamtui (through its real `kamtui --db FILE` entry point) or a bare
Textual app headless, and report on stdout when the first screen with data is
painted, then optionally when it is fully loaded, with the peak memory.

    python _app_probe.py kamtui DB [--until painted|loaded]
    python _app_probe.py bare [--until painted|loaded]

Lines printed: `painted`, then (for --until loaded) `loaded MAXRSS_KB`.
The parent times from spawning the process to reading `painted`."""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import resource
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

SIZE = (120, 40)


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def maxrss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


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
        state["phase"] = "health"

    def finished() -> None:
        say(f"loaded {maxrss_kb()}")
        os._exit(0)

    def on_mount(self: Any) -> None:
        original_mount(self)
        self.set_interval(0.002, lambda: check(self))

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
    else:
        kamtui(args[1], until)
