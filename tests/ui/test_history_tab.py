"""Pilot tests: the account's History tab, and writes from the app recorded
with who made them."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Static

from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.tabs.history_tab import HistoryTab
from tests.conftest import screen_text, settle, wait_for
from tests.ui.helpers import open_tab

TODAY = date(2026, 11, 15)


async def test_a_change_made_in_the_app_shows_in_the_history_tab(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAMTUI_USER", "erin")
    pena = accounts.resolve(demo_store, "Conservas Peña").id
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(110, 36)) as pilot:
        await open_tab(pilot, pena, "4")
        await pilot.press("m")  # the goal done, written by a worker
        await wait_for(
            pilot,
            lambda: demo_store.one("SELECT 1 FROM audit_log WHERE kind = 'goal'") is not None,
        )
        await pilot.press("6")
        await settle(pilot)
        tab = app.screen.query_one(HistoryTab)
        await wait_for(pilot, lambda: tab.history is not None and bool(tab.table.rows))
        first = tab.table.rows[0]
        assert (first.user, first.kind, first.action) == ("erin", "goal", "edited")
        detail = str(tab.query_one("#history-detail", Static).render())
        assert "erin" in detail and "status: “active” → “done”" in detail
        # the demo load is one entry, at the bottom
        assert tab.table.rows[-1].kind == "import"
        assert "demo portfolio loaded" in screen_text(app)


async def test_history_tab_shows_user_text_literally(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="[bold]Acme[/] \x1b[31mS.L."))
    store.user = "[@click=app.quit]mallory"
    with store.write() as conn:
        conn.execute("UPDATE accounts SET notes = '[red]hi[/]' WHERE id = ?", (acc,))
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_tab(pilot, acc, "6")
        tab = screen.query_one(HistoryTab)
        await wait_for(pilot, lambda: len(tab.table.rows) == 2)
        text = screen_text(app)
        assert "[@click=app.quit]mallory" in text and "“[red]hi[/]”" in text
        assert "\x1b" not in text
        assert app.is_running
