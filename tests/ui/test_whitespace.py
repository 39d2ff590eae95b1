"""Pilot tests: the whitespace view."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from kamtui.domain.finance import OPEN
from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.textsafe import fold
from kamtui.ui.app import KamApp
from kamtui.ui.screens.forms.goal_form import GoalFormScreen
from kamtui.ui.screens.whitespace.screen import WhitespaceScreen
from tests.conftest import screen_text, settle

TODAY = date(2026, 11, 15)


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


async def test_whitespace_headers_are_not_cut_when_there_is_room(demo_store: Store) -> None:
    """Issue 14: category headers were cut to ten characters even at 180."""
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(180, 36)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WhitespaceScreen)
        grid = screen.grid
        header = grid.render_line(0).text
        shown = [grid.columns[i] for i in grid._visible_columns() if i > 2]
        assert len(shown) >= 4
        assert any(len(c) > 10 for c in shown)
        for category in shown:
            assert category in header, (category, header)
