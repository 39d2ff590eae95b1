"""Midnight with the app open computes the new day in a child process (the
UI keeps its core: benchmark 11); when the child cannot run, the app
computes it itself; quitting while the child computes ends the child."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest

from kamtui.services import health_child, health_refresh
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.portfolio.screen import PortfolioScreen
from tests.conftest import DEMO_TODAY, settle, wait_for, wait_for_health

TOMORROW = DEMO_TODAY + timedelta(days=1)


@pytest.fixture(autouse=True)
def _large(monkeypatch: pytest.MonkeyPatch) -> None:
    # The demo's few dozen accounts count as a large portfolio here.
    monkeypatch.setattr(health_refresh, "CHILD_ABOVE", 0)
    monkeypatch.setattr(KamApp, "WATCH_INTERVAL", 0.2, raising=False)


async def midnight(  # type: ignore[no-untyped-def]
    pilot, monkeypatch: pytest.MonkeyPatch, executable: Path | None = None
) -> None:
    """Start-up's health computed, then midnight passes (children started
    from then on run `executable`)."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, PortfolioScreen)
    await wait_for_health(pilot, screen)
    await settle(pilot)
    health_refresh.STATS.reset()
    if executable is not None:
        monkeypatch.setattr(health_child, "EXECUTABLE", str(executable))
    monkeypatch.setenv("KAMTUI_TODAY", TOMORROW.isoformat())
    await wait_for(pilot, lambda: app.today == TOMORROW)


def stored_days(store: Store) -> list[str]:
    return [r[0] for r in store.query("SELECT DISTINCT day FROM health_cache")]


async def test_a_new_day_is_computed_in_a_child_process(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await midnight(pilot, monkeypatch)
        await wait_for(pilot, lambda: health_refresh.STATS.full == 1, timeout=30)
        run = next(r for r in health_refresh.STATS.runs if r.full)
        assert run.child is not None and run.child != os.getpid()
        assert not run.fallback
        assert stored_days(demo_store) == [TOMORROW.isoformat()]
        # the rows show the new day's stored health
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await wait_for(pilot, lambda: all(r.fresh for r in screen.all_rows))
        stamps = health_refresh.stamps(demo_store)
        await wait_for(pilot, lambda: all(r.stamp == stamps[r.id] for r in screen.all_rows))


async def test_a_new_day_is_computed_in_the_app_when_no_child_can_run(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await midnight(pilot, monkeypatch, tmp_path / "gone" / "python")
        await wait_for(pilot, lambda: health_refresh.STATS.full == 1, timeout=30)
        run = next(r for r in health_refresh.STATS.runs if r.full)
        assert run.child is None and "could not start" in run.fallback
        assert stored_days(demo_store) == [TOMORROW.isoformat()]


async def test_quitting_while_a_child_computes_ends_it(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pidfile = tmp_path / "child.pid"
    script = tmp_path / "slow-python"  # stands in for a child that takes long
    script.write_text(f'#!/bin/sh\necho $$ > "{pidfile}"\nexec sleep 60\n')
    script.chmod(0o700)
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await midnight(pilot, monkeypatch, script)
        await wait_for(pilot, lambda: pidfile.exists() and bool(pidfile.read_text().strip()))
        pid = int(pidfile.read_text())
        started = time.monotonic()
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running)
    assert time.monotonic() - started < 10  # not the child's 60 s
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert health_refresh.STATS.full == 0  # not computed in the app instead
    assert stored_days(demo_store) == [DEMO_TODAY.isoformat()]
