"""Issue 14, stale views: what the app shows follows the database — writes
made in the app reach the other tabs, and writes made from the shell (another
connection or process) reach the screen on view without a key press."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.domain.models import PersonInput
from kamtui.services import accounts, people
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.followups import FollowupsScreen
from kamtui.ui.screens.portfolio.screen import PortfolioScreen
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for


@pytest.fixture(autouse=True)
def _quick_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(KamApp, "WATCH_INTERVAL", 0.2, raising=False)


async def open_account(pilot, app: KamApp, name: str) -> AccountScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    app.open_account(accounts.resolve(app.store, name).id)
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, AccountScreen)
    await wait_for(pilot, lambda: "Last conversations" in screen_text(app))
    return screen


async def test_portfolio_shows_a_rename_made_by_another_connection(
    demo_store: Store, demo_path: Path
) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
        assert "Conservas Zebra" not in screen_text(app)
        other = sqlite3.connect(demo_path)
        with other:
            other.execute(
                "UPDATE accounts SET name = 'Conservas Zebra' WHERE name LIKE 'Conservas Peña%'"
            )
        other.close()
        # no key pressed: the app's watch notices the commit
        await wait_for(pilot, lambda: "Conservas Zebra" in screen_text(app))


async def test_overview_shows_an_interaction_logged_from_the_shell(
    demo_store: Store, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 90)) as pilot:
        await open_account(pilot, app, "Conservas Peña")
        assert "Pedido piloto acordado" not in screen_text(app)
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        code = main(
            [
                "--db",
                str(demo_path),
                "log",
                "conservas peña",
                "--when",
                "today 09:00",
                "--channel",
                "Teléfono",
                "--level",
                "strategic",
                "--summary",
                "Pedido piloto acordado",
            ]
        )
        assert code == 0
        await wait_for(pilot, lambda: "Pedido piloto acordado" in screen_text(app))


async def test_overview_counts_follow_a_person_added_on_the_map(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 90)) as pilot:
        screen = await open_account(pilot, app, "Conservas Peña")
        before = next(line for line in screen_text(app).splitlines() if " theirs · " in line)
        await pilot.press("2")
        await settle(pilot)
        # what the person form saves, through the app's own connection
        people.create_person(
            demo_store, screen.account_id, PersonInput(side="theirs", name="Nueva Persona")
        )
        await pilot.press("1")
        await settle(pilot)
        await wait_for(
            pilot,
            lambda: any(
                " theirs · " in line and line != before for line in screen_text(app).splitlines()
            ),
        )


async def test_followups_header_counts_what_is_left(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FollowupsScreen)
        first = screen.rows[0]
        assert first.bucket == "overdue"
        overdue = sum(1 for r in screen.rows if r.bucket == "overdue")
        assert f"{overdue} overdue" in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        await wait_for(pilot, lambda: f"{overdue - 1} overdue" in screen_text(app))
        await pilot.press("up", "x")  # undo
        await settle(pilot)
        await wait_for(pilot, lambda: f"{overdue} overdue" in screen_text(app))
