"""Pilot tests: the Transactions tab, the import dialog and the whitespace view."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Log, Static
from textual_plotext import PlotextPlot

from kamtui.domain.finance import OPEN
from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.textsafe import fold
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.account.tabs.transactions_tab import TransactionsTab
from kamtui.ui.screens.forms.goal_form import GoalFormScreen
from kamtui.ui.screens.import_dialog import ImportDialog
from kamtui.ui.screens.whitespace.screen import WhitespaceScreen
from tests.conftest import screen_text, settle
from tests.helpers import DATA
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
        summary = str(tab.query_one("#tx-summary", Static).render())
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


async def test_import_dialog_checks_then_imports_with_progress(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Talleres Ibáñez S.L.", account_number="C-1001"))
    accounts.create(store, AccountInput(name="Hostelería Peñalver", account_number="C-1002"))
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await open_tab(pilot, acc, "5")
        tab = screen.query_one(TransactionsTab)
        assert tab.table.rows == []
        await pilot.press("i")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one("#import-path", Input).value = str(DATA / "ventas_2025_excel_es.csv")
        await pilot.press("ctrl+t")  # check only
        await settle(pilot)
        log = "\n".join(dialog.query_one(Log).lines)
        assert "assumed numbers use decimal comma" in log
        assert "Check: would import 7 row(s): 7 new" in log
        assert store.one("SELECT COUNT(*) FROM transactions")[0] == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        log = "\n".join(dialog.query_one(Log).lines)
        assert "Imported 7 row(s): 7 new, 0 updated, 0 unchanged" in log
        assert dialog.query_one("#import-progress").percentage == 1.0
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert len(tab.table.rows) == 4  # this account's orders, reloaded


async def test_import_dialog_lists_errors_and_writes_nothing(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Talleres Ibáñez S.L."))
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(110, 36)) as pilot:
        await open_tab(pilot, acc, "5")
        await pilot.press("i")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#import-path", Input).value = str(DATA / "ventas_errores.csv")
        await pilot.press("ctrl+s")
        await settle(pilot)
        log = "\n".join(dialog.query_one(Log).lines)
        assert "ventas_errores.csv:5: amount: 'diez euros' is not a number" in log
        assert "Nothing imported: " in log
        assert store.one("SELECT COUNT(*) FROM transactions")[0] == 0
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)


async def test_whitespace_navigate_sort_and_create_goal_from_a_cell(demo_store: Store) -> None:
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WhitespaceScreen)
        grid = screen.grid
        assert len(grid.rows) == 14 and "Automatización" in grid.categories
        # sort by the first category column: bought with the highest share first
        await pilot.press("right", "right", "right", "s")
        await settle(pilot)
        first = grid.categories[0]
        assert grid.sort_column == first
        shares = [r.cells[first].share or 0 for r in grid.rows if r.cells[first].share]
        assert shares == sorted(shares, reverse=True)
        # walk to an open cell (the client buys it elsewhere) with the keyboard
        target = next(
            (ri, ci)
            for ri, r in enumerate(grid.rows)
            for ci, c in enumerate(grid.categories)
            if r.cells[c].state == OPEN
        )
        await pilot.press("home", *["down"] * target[0], *["right"] * (target[1] - 0))
        await settle(pilot)
        assert grid.cursor_row == target[0] and grid.current_column == grid.categories[target[1]]
        row, category = grid.current_row, grid.current_column
        assert category in str(screen.query_one("#whitespace-cell", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, GoalFormScreen)
        assert form.query_one("#field-title", Input).value == f"Sell {category}"
        assert form.query_one("#field-category", Input).value == category
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        goal = demo_store.one(
            "SELECT type, category, baseline, target FROM goals WHERE account_id = ? "
            "ORDER BY id DESC LIMIT 1",
            (row.account_id,),
        )
        assert (goal["type"], goal["category"], goal["baseline"]) == ("cross_sell", category, 0)
        assert goal["target"] >= 1000
        await settle(pilot)
        assert (row.account_id, fold(category)) in grid.goals  # the cell now shows ◆


async def test_whitespace_filter_and_hostile_names(store: Store) -> None:
    evil = accounts.create(store, AccountInput(name="[bold]x[/] \x1b[31mRed"))
    accounts.create(store, AccountInput(name="Normal S.A."))
    with store.write() as conn:
        conn.execute(
            "INSERT INTO transactions (account_id, date, amount, category, document) "
            "VALUES (?, '2026-10-01', 100, '[/]', 'D1')",
            (evil,),
        )
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        text = screen_text(app)
        assert "[bold]x[/] ␛[31mRed" in text and "\x1b" not in text
        await pilot.press("slash", *"normal")
        await settle(pilot)
        assert [r.name for r in screen.grid.rows] == ["Normal S.A."]
        await pilot.press("escape")  # clears the filter
        await settle(pilot)
        assert len(screen.grid.rows) == 2
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, WhitespaceScreen)
