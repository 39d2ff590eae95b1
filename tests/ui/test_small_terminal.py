"""Issue 14, 80x24: every screen stays usable in the smallest common terminal."""

from __future__ import annotations

import pytest

from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.widgets.keybar import KeyBar
from tests.conftest import DEMO_TODAY, settle, wait_for


def drawn(app: KamApp) -> list[str]:
    return [k.description for k in app.screen.query_one(KeyBar).drawn]


@pytest.mark.parametrize("tab", ["1", "2", "3", "4", "5"])
async def test_the_key_bar_always_shows_help(demo_store: Store, tab: str) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Help" in drawn(app)
        app.open_account(accounts.resolve(demo_store, "Conservas Peña").id)
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        await pilot.press(tab)
        await settle(pilot)
        await wait_for(pilot, lambda: len(app.screen.query_one(KeyBar).keys) > 6)
        assert "Help" in drawn(app), drawn(app)
        for key in ("F", "w", "v"):  # follow-ups, whitespace, revitalise
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press(key)
            await settle(pilot)
            assert "Help" in drawn(app), (key, drawn(app))
