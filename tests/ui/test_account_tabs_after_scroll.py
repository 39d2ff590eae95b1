"""Issue 14, blank tabs: after Tab and scrolling the Overview, pressing 2–5
shows every tab's content and its keys (not the bare widget name)."""

from __future__ import annotations

import pytest

from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.account.tabs.goals_tab import GoalsTab
from kamtui.ui.screens.account.tabs.interactions_tab import InteractionsTab
from kamtui.ui.screens.account.tabs.map_tab import MapTab
from kamtui.ui.screens.account.tabs.transactions_tab import TransactionsTab
from kamtui.ui.widgets.keybar import KeyBar
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for

TABS = [("2", MapTab), ("3", InteractionsTab), ("4", GoalsTab), ("5", TransactionsTab)]


@pytest.mark.parametrize("scroll", ["down", "end"])
async def test_tabs_after_tab_and_scrolling_the_overview(demo_store: Store, scroll: str) -> None:
    aid = accounts.resolve(demo_store, "Grupo Alimentario Muñoz").id
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_account(aid)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AccountScreen)
        await wait_for(pilot, lambda: "Relationship health" in screen_text(app))
        await pilot.press("tab")
        await pilot.press(scroll, scroll, scroll)
        await settle(pilot)
        for key, cls in TABS:
            await pilot.press(key)
            await settle(pilot)
            tab = screen.query_one(cls)
            assert tab.built and tab.children, cls.__name__
            text = screen_text(app)
            assert cls.__name__ not in text, text
            keys = [k.description for k in screen.query_one(KeyBar).keys]
            own = {b.description for b in cls.BINDINGS if getattr(b, "show", True)}  # type: ignore[union-attr]
            assert own & set(keys), (cls.__name__, keys)
