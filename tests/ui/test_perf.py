"""kamtui.ui.perf: the performance tricks, and the one switch that turns them
all off (KAMTUI_NO_TUNING=1) while the app keeps working."""

from __future__ import annotations

import gc
import inspect
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kamtui import gcpause
from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.ui import perf
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.portfolio.screen import PortfolioScreen
from tests.conftest import settle, wait_for, wait_for_health

TODAY = date(2026, 11, 15)
ACCOUNT_CSS = str((Path(inspect.getfile(AccountScreen)).parent / AccountScreen.CSS_PATH).resolve())


@pytest.fixture
def no_tuning(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(perf.SWITCH, "1")
    yield
    gcpause.set_enabled(True)


@pytest.fixture
def two(store: Store) -> Store:
    for name in ("Conservas Peña S.A.", "Northwind Logistics Ltd"):
        accounts.create(store, AccountInput(name=name))
    return store


def test_the_switch_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(perf.SWITCH, raising=False)
    assert perf.enabled()
    for off in ("1", "yes", "true"):
        monkeypatch.setenv(perf.SWITCH, off)
        assert not perf.enabled()
    for on in ("", "0"):
        monkeypatch.setenv(perf.SWITCH, on)
        assert perf.enabled()


def test_without_tuning_textual_keeps_its_frame_rate() -> None:
    code = "import kamtui.ui.app, textual.constants as c; print(c.MAX_FPS)"
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    env[perf.SWITCH] = "1"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "60", out.stderr


def test_without_tuning_kamtui_starts_with_no_pause_and_no_early_read(
    two: Store, no_tuning: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamtui.cli.main import main

    seen: list[tuple[KamApp, bool, list[str]]] = []

    def run(self: KamApp) -> None:
        seen.append((self, gc.isenabled(), [t.name for t in threading.enumerate()]))

    monkeypatch.setattr(KamApp, "run", run)
    assert main(["--db", str(two.path)]) == 0
    ((app, collecting, threads),) = seen
    assert collecting  # the collector was never paused
    assert app.first_portfolio is None  # nothing read before the app
    assert "kamtui-first-read" not in threads


async def test_without_tuning_the_app_works_and_no_trick_runs(
    demo_store: Store, no_tuning: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    gc.unfreeze()
    paused: list[bool] = []
    pause = gcpause.pause
    monkeypatch.setattr(gcpause, "pause", lambda: paused.append(pause()) or paused[-1])
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await wait_for_health(pilot, screen)
        assert screen.health and screen.table.rows
        assert gc.get_freeze_count() == 0  # nothing frozen
        assert paused and not any(paused)  # health computed without pausing the collector
        assert not app.stylesheet.has_source(ACCOUNT_CSS)  # the account screen not warmed up
        await pilot.press("f", *screen.table.rows[0].name[:4].lower())
        await pilot.pause()
        assert screen.table.rows
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
    assert gc.get_freeze_count() == 0


async def test_with_tuning_the_tricks_run(demo_store: Store) -> None:
    """The counterpart: the switch is what turns them off."""
    gc.unfreeze()
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await wait_for_health(pilot, screen)
        # the account screen's warm-up follows health
        await wait_for(pilot, lambda: app.stylesheet.has_source(ACCOUNT_CSS))
        assert app.stylesheet.has_source(ACCOUNT_CSS)
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
