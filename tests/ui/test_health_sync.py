"""Issue 19, incremental health in the open app: a `kamtui log` from the
shell shows on the portfolio's row within the watch's poll, computing only
that account; a save in the app updates its row with the confirmation; a
restart with nothing changed computes nothing and never re-sorts; other
weights or a new day compute everything."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from kamtui.config import Config
from kamtui.domain.records import PortfolioRow
from kamtui.services import accounts, health_refresh
from kamtui.storage.db import Store, open_store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.forms.log_form import LogFormScreen
from kamtui.ui.screens.portfolio.screen import PortfolioScreen
from tests.conftest import DEMO_TODAY, settle, wait_for, wait_for_health

ACCOUNT = "Conservas Peña"


def row_of(screen: PortfolioScreen, account_id: int) -> PortfolioRow:
    return next(r for r in screen.all_rows if r.id == account_id)


async def portfolio(pilot) -> PortfolioScreen:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    assert isinstance(screen, PortfolioScreen)
    await wait_for_health(pilot, screen)
    await settle(pilot)
    return screen


async def test_a_log_from_the_shell_shows_within_the_poll_computing_only_its_account(
    demo_store: Store, demo_path: Path
) -> None:
    account_id = accounts.resolve(demo_store, ACCOUNT).id
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await portfolio(pilot)
        before = row_of(screen, account_id)
        assert before.last_contact is not None
        assert before.last_contact[:10] < DEMO_TODAY.isoformat()
        health_refresh.STATS.reset()
        cmd = [sys.executable, "-m", "kamtui", "--db", str(demo_path), "log", ACCOUNT]
        cmd += ["--when", "today 09:00", "--channel", "phone", "--level", "strategic"]
        cmd += ["--summary", "Pedido piloto acordado"]
        done = await asyncio.to_thread(
            subprocess.run, cmd, capture_output=True, text=True, input="", check=False
        )
        assert done.returncode == 0, done.stderr
        started = asyncio.get_running_loop().time()
        await wait_for(
            pilot,
            lambda: (row_of(screen, account_id).last_contact or "")[:10] == DEMO_TODAY.isoformat(),
            timeout=KamApp.WATCH_INTERVAL + 3,
        )
        assert asyncio.get_running_loop().time() - started <= KamApp.WATCH_INTERVAL + 3
        after = row_of(screen, account_id)
        # its health was computed again (a strategic call today: a new score)
        assert after.stamp > before.stamp
        assert after.score != before.score or after.band == before.band
        # ... and only its health
        assert [r.recomputed for r in health_refresh.STATS.runs if r.recomputed] == [
            frozenset({account_id})
        ]
        assert not any(r.full for r in health_refresh.STATS.runs)


async def test_a_save_in_the_app_updates_the_row_with_the_confirmation(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    account_id = accounts.resolve(demo_store, ACCOUNT).id
    app = KamApp(demo_store, today=DEMO_TODAY)
    seen_at_confirmation: list[str | None] = []
    real_notify = KamApp.notify

    def notify(self: KamApp, message: str, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if message.startswith("Logged interaction"):
            bottom = next(s for s in self.screen_stack if isinstance(s, PortfolioScreen))
            seen_at_confirmation.append(row_of(bottom, account_id).last_contact)
        real_notify(self, message, **kwargs)

    monkeypatch.setattr(KamApp, "notify", notify)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await portfolio(pilot)
        assert (row_of(screen, account_id).last_contact or "")[:10] < DEMO_TODAY.isoformat()
        health_refresh.STATS.reset()
        app.open_account(account_id)
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        await pilot.press("L")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LogFormScreen)
        form.set_values({"summary": "Llamada de seguimiento", "when": "today 11:00"})
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(seen_at_confirmation))
        # the portfolio's row had the call when the save was confirmed
        assert (seen_at_confirmation[0] or "")[:10] == DEMO_TODAY.isoformat()
        assert [r.recomputed for r in health_refresh.STATS.runs if r.recomputed] == [
            frozenset({account_id})
        ]


async def test_a_restart_with_nothing_changed_computes_nothing_and_keeps_the_first_paint(
    demo_path: Path,
) -> None:
    first = open_store(demo_path)
    try:
        async with KamApp(first, today=DEMO_TODAY).run_test(size=(120, 30)) as pilot:
            await portfolio(pilot)
    finally:
        first.close()
    health_refresh.STATS.reset()
    again = open_store(demo_path)
    try:
        app = KamApp(again, today=DEMO_TODAY)
        painted: list[list[tuple[int, float | None]]] = []
        async with app.run_test(size=(120, 30)) as pilot:
            screen = app.screen
            assert isinstance(screen, PortfolioScreen)
            await wait_for(pilot, lambda: bool(screen.table.rows))
            painted.append([(r.id, r.score) for r in screen.table.rows])
            first_rows = screen.all_rows
            await portfolio(pilot)
            # the first paint was final: same order and scores, no rows swapped in
            assert [(r.id, r.score) for r in screen.table.rows] == painted[0]
            assert all(r.fresh for r in screen.all_rows)
            assert {r.id for r in screen.all_rows} == {r.id for r in first_rows}
        assert health_refresh.STATS.computed == 0
    finally:
        again.close()


async def test_other_weights_compute_every_account(demo_path: Path) -> None:
    first = open_store(demo_path)
    try:
        async with KamApp(first, today=DEMO_TODAY).run_test(size=(120, 30)) as pilot:
            await portfolio(pilot)
        live = len(accounts.listing(first))
    finally:
        first.close()
    health_refresh.STATS.reset()
    other = Config.model_validate({"health": {"weights": {"complaints": 3.0}}})
    again = open_store(demo_path)
    try:
        app = KamApp(again, today=DEMO_TODAY, config=other)
        async with app.run_test(size=(120, 30)) as pilot:
            await portfolio(pilot)
        assert health_refresh.STATS.full == 1
        assert health_refresh.STATS.computed >= live
    finally:
        again.close()


async def test_a_new_day_with_the_app_open_computes_everything_in_the_background(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(KamApp, "WATCH_INTERVAL", 0.2, raising=False)
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await portfolio(pilot)
        assert not app.check_day()  # same day: nothing
        health_refresh.STATS.reset()
        tomorrow = DEMO_TODAY + timedelta(days=1)
        monkeypatch.setenv("KAMTUI_TODAY", tomorrow.isoformat())  # midnight passes
        await wait_for(pilot, lambda: app.today == tomorrow)  # the watch noticed
        await wait_for(pilot, lambda: health_refresh.STATS.full == 1)
        await settle(pilot)
        stored = demo_store.query("SELECT DISTINCT day FROM health_cache")
        assert [r[0] for r in stored] == [tomorrow.isoformat()]
        assert health_refresh.STATS.computed >= len(screen.all_rows)


def test_changed_rows_go_where_a_full_sort_puts_them() -> None:
    """A few changed rows are put in their sorted places one by one (no sort
    of 10,000 rows): the order is the one a full sort gives, missing values
    last, both directions."""
    import random

    from kamtui.ui.widgets.virtual_table import Column, VirtualTable

    table: VirtualTable[tuple[int, float | None]] = VirtualTable(
        [Column("score", "Score", 5, lambda r: str(r[1]), lambda r: r[1])]
    )
    rnd = random.Random(7)
    rows = [(i, rnd.choice([None, *range(20)])) for i in range(300)]
    for reverse in (False, True):
        state = ("score", reverse)
        ordered = table.sorted(rows, state)
        new = [(1000 + i, rnd.choice([None, *range(20)])) for i in range(12)]
        placed = table.insert_sorted(ordered, new, state)
        key = [r[1] for r in placed]
        assert key == [r[1] for r in table.sorted(rows + new, state)]
        assert sorted(placed) == sorted(rows + new)


async def test_an_empty_portfolio_shows_an_account_created_from_the_shell(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamtui.domain.models import AccountInput

    monkeypatch.setattr(KamApp, "WATCH_INTERVAL", 0.2, raising=False)
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await wait_for(pilot, lambda: screen.health_ready)
        assert screen.all_rows == []
        other = open_store(db_path)  # the shell's connection
        try:
            accounts.create(other, AccountInput(name="Primera Cuenta S.L."))
        finally:
            other.close()
        await wait_for(pilot, lambda: [r.name for r in screen.all_rows] == ["Primera Cuenta S.L."])
