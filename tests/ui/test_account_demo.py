"""Pilot test: the account screen on the demo data."""

from __future__ import annotations

from textual.widgets import TabbedContent

from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.portfolio.screen import PortfolioScreen
from kamtui.ui.widgets.virtual_table import VirtualTable
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for


async def test_demo_account_screen_shows_real_data(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        # names first, then revenue and the other figures
        await wait_for(pilot, lambda: screen.figures_loaded)
        assert len(screen.table.rows) >= 12
        top = max(screen.all_rows, key=lambda r: r.revenue_12m)
        assert top.revenue_12m > 300_000
        app.open_account(top.id)
        await settle(pilot)
        account_screen = app.screen
        assert isinstance(account_screen, AccountScreen)
        await wait_for(pilot, lambda: "Relationship health" in screen_text(app))
        visible = screen_text(app)
        assert "Relationship health" in visible and "Revenue trend" in visible
        assert top.name[:10] in visible
        for key, tab in (("5", "transactions"), ("3", "interactions")):
            await pilot.press(key)
            await settle(pilot)
            assert account_screen.query_one(TabbedContent).active == tab
            table = account_screen.query_one(f"#{tab}-table")
            count = len(table.rows) if isinstance(table, VirtualTable) else table.row_count
            assert count > 0
