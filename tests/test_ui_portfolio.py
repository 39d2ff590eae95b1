from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Static

from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.textsafe import fold
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account import AccountScreen
from kamtui.ui.screens.account_form import AccountFormScreen
from kamtui.ui.screens.help import HelpScreen
from kamtui.ui.screens.portfolio import PortfolioScreen

TODAY = date(2026, 11, 15)
HOSTILE = "[bold]x[/] Ltd"


@pytest.fixture
def filled(store: Store) -> Store:
    for name, tier, owner in [
        ("Conservas Peña S.A.", "A", "Lucía Fernández"),
        ("Northwind Logistics Ltd", "B", "Tom Baker"),
        ("Industrias Ibáñez", "A", "Jordi Puig"),
        (HOSTILE, "C", "[link=http://evil]me[/link]"),
        ("Tinted \x1b[31mRed\x1b]0;pwned\x07", "C", "Tom Baker"),
    ]:
        accounts.create(store, AccountInput(name=name, tier=tier, owner=owner))
    return store


async def loaded(pilot) -> PortfolioScreen:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    assert isinstance(screen, PortfolioScreen)
    for _ in range(50):
        await pilot.pause(0.02)
        if screen.all_rows:
            break
    return screen


async def test_filter_open_and_back(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert len(screen.table.rows) == 5
        await pilot.press("f", *"iba")  # accent-insensitive: finds Ibáñez
        await pilot.pause()
        assert [r.name for r in screen.table.rows] == ["Industrias Ibáñez"]
        assert "1 of 5 accounts" in str(app.screen.query_one("#portfolio-status", Static).render())
        await pilot.press("enter")  # leaves the filter for the table
        await pilot.press("enter")  # opens the account
        await pilot.pause(0.2)
        assert isinstance(app.screen, AccountScreen)
        assert app.screen.account.name == "Industrias Ibáñez"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)


async def test_filter_by_owner_and_clear(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("f", *"tom")
        await pilot.pause()
        assert {r.name for r in screen.table.rows} == {
            "Northwind Logistics Ltd",
            "Tinted \x1b[31mRed\x1b]0;pwned\x07",
        }
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#portfolio-filter", Input).value == ""
        assert len(screen.table.rows) == 5


async def test_sort_by_column(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert screen.table.sort_column == "health"  # the morning review's order
        screen.table.sort_by("name")
        names = [r.name for r in screen.table.rows]
        assert names == sorted(names, key=fold)  # by name, accent- and case-folded
        assert names.index("Industrias Ibáñez") < names.index("Northwind Logistics Ltd")
        screen.table.sort_by("complaints")
        await pilot.press("s")  # the next shown column: Tier gives way below 104 cells
        assert screen.table.sort_column == "owner"
        screen.table.sort_by("tier")
        assert [r.tier for r in screen.table.rows] == ["A", "A", "B", "C", "C"]
        await pilot.press("r")
        assert [r.tier for r in screen.table.rows] == ["C", "C", "B", "A", "A"]


async def test_markup_and_escapes_shown_literally(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(pilot)
        svg = app.export_screenshot()
        assert "[bold]x[/]" in svg.replace("&#160;", " ")
        assert "\x1b" not in svg and "pwned\x07" not in svg
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        screen.table.sort_by("name")
        hostile = next(i for i, r in enumerate(screen.table.rows) if r.name == HOSTILE)
        screen.table._move(hostile)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, AccountScreen)
        header = str(app.screen.query_one("#account-identity", Static).render())
        assert "[bold]x[/] Ltd" in header
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AccountFormScreen)
        assert form.query_one("#field-name", Input).value == HOSTILE
        assert form.query_one("#field-owner", Input).value == "[link=http://evil]me[/link]"


async def test_create_with_validation_error_then_fix(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AccountFormScreen)
        form.query_one("#field-email", Input).value = "not-an-email"
        form.query_one("#field-cadence_days", Input).value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # not saved
        assert "a name is required" in str(form.query_one("#error-name", Static).render())
        assert "e-mail" in str(form.query_one("#error-email", Static).render())
        assert "greater than or equal to 1" in str(
            form.query_one("#error-cadence_days", Static).render()
        )
        form.query_one("#field-name", Input).value = "Grupo Alimentario Muñoz"
        form.query_one("#field-email", Input).value = "compras@munoz.es"
        form.query_one("#field-cadence_days", Input).value = "45"
        await pilot.press("ctrl+s")
        for _ in range(20):
            await pilot.pause(0.05)
            if len(screen.all_rows) == 6:
                break
        assert isinstance(app.screen, PortfolioScreen)
        assert screen.table.current_row is not None
        assert screen.table.current_row.name == "Grupo Alimentario Muñoz"
        created = accounts.resolve(filled, "munoz")
        assert created.email == "compras@munoz.es" and created.cadence_days == 45


async def test_cancel_form_keeps_nothing(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = "Never saved"
        await pilot.press("escape", "escape")  # the second escape confirms the discard
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)
    assert len(accounts.names(filled)) == 5


async def test_delete_and_undo(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        first = screen.table.current_row
        assert first is not None
        await pilot.press("d")
        await pilot.pause()
        assert first.id not in [r.id for r in screen.table.rows]
        assert len(accounts.names(filled)) == 4
        await pilot.press("u")
        for _ in range(20):
            await pilot.pause(0.05)
            if len(screen.table.rows) == 5:
                break
        assert first.id in [r.id for r in screen.table.rows]
        assert screen.table.current_row is not None and screen.table.current_row.id == first.id


async def test_help_lists_screen_keys_and_quit(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        actions = {description for _, description, _ in app.screen.rows}
        assert {"Filter", "New", "Edit", "Delete", "Sort", "Quit", "Help"} <= actions
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 or app.return_code is None
    assert not app.is_running


async def test_typing_q_in_filter_does_not_quit(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("f", "q")
        await pilot.pause()
        assert app.is_running
        assert screen.query_one("#portfolio-filter", Input).value == "q"


async def test_command_palette_jumps_to_account(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"northwind")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, AccountScreen)
        assert app.screen.account.name == "Northwind Logistics Ltd"


async def test_small_terminal_shows_table_and_footer(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        svg = app.export_screenshot()
        for word in ("Account", "Revenue", "Conservas", "Filter"):
            assert word in svg


async def test_trash_restores_an_account_deleted_earlier(filled: Store) -> None:
    gone = accounts.resolve(filled, "northwind")
    accounts.delete(filled, gone.id)  # deleted in an earlier session
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert gone.id not in [r.id for r in screen.table.rows]
        await pilot.press("t")
        await pilot.pause()
        from kamtui.ui.screens.trash import TrashScreen

        assert isinstance(app.screen, TrashScreen)
        await pilot.press("enter")
        for _ in range(20):
            await pilot.pause(0.05)
            if gone.id in [r.id for r in screen.table.rows]:
                break
        assert isinstance(app.screen, PortfolioScreen)
        assert screen.table.current_row is not None and screen.table.current_row.id == gone.id
    assert accounts.trash(filled) == []


async def test_unsaved_form_is_not_lost_by_quit_or_one_escape(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AccountFormScreen)
        await pilot.press(*"Half typed")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and app.screen is form
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form  # first escape only warns
        assert form.query_one("#field-name", Input).value == "Half typed"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)


async def test_errors_clear_as_the_user_fixes_them(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "required" in str(form.query_one("#error-name", Static).render())
        await pilot.press(*"Acme")
        await pilot.pause()
        assert str(form.query_one("#error-name", Static).render()) == ""
