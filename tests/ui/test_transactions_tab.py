"""Pilot tests: the Transactions tab."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static
from textual_plotext import PlotextPlot

from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.tabs.transactions_tab import TransactionsTab
from tests.conftest import screen_text, settle
from tests.ui.helpers import open_tab

TODAY = date(2026, 11, 15)


async def test_transactions_tab_figures_chart_and_filters(demo_store: Store) -> None:
    pena = accounts.resolve(demo_store, "Conservas Peña").id
    total = demo_store.one("SELECT COUNT(*) FROM transactions WHERE account_id = ?", (pena,))[0]
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await open_tab(pilot, pena, "5")
        tab = screen.query_one(TransactionsTab)
        assert len(tab.table.rows) == total
        summary = str(tab.query_one("#tx-summary", Static).render()).replace("\u2800", " ")
        assert "-37 % vs the 12 before" in summary
        assert "Orders " in summary and "assumes 3 more years" in summary
        assert tab.query_one("#tx-chart", PlotextPlot).plt is not None
        assert "Revenue by month (k€)" in screen_text(app)
        # the keyboard lands on the orders: / filters as you type, accent-insensitively
        await pilot.press("slash", *"lubricacion")
        await settle(pilot)
        assert tab.table.rows and {t.category for t in tab.table.rows} == {"Lubricación"}
        assert " of " in str(tab.query_one("#tx-status", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert len(tab.table.rows) == total
        # the categories table shows lubrication as lapsed, with no revenue this year
        cats = {r.category: r for r in tab.query_one("#tx-categories").rows}
        assert cats["Lubricación"].lapsed and cats["Lubricación"].revenue == 0
