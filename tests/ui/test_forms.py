"""Pilot tests: what the user typed in a complaint, fact or action-item form is
never lost to one stray Escape or a quit; an untouched form closes at once."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, TextArea

from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.account.tabs.interactions_tab import InteractionsTab
from kamtui.ui.screens.forms.action_form import ActionFormScreen
from kamtui.ui.screens.forms.complaint_form import ComplaintFormScreen
from kamtui.ui.screens.forms.fact_form import FactFormScreen
from tests.conftest import settle
from tests.ui.helpers import open_tab

TODAY = date(2026, 11, 15)


async def test_complaint_text_survives_escape_and_quit(demo_store: Store) -> None:
    acc = accounts.resolve(demo_store, "Northwind").id
    before = demo_store.one("SELECT COUNT(*) FROM complaints")[0]
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(100, 36)) as pilot:
        screen = await open_tab(pilot, acc, "3")
        screen.query_one(InteractionsTab).table.focus()
        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ComplaintFormScreen)
        form.query_one("#complaint-description", TextArea).text = "Pallets arrived [bold]wet[/]"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form, "one Escape must not throw away what was typed"
        await app.run_action("quit")  # quitting is refused too, with a warning
        await settle(pilot)
        assert app.is_running and app.screen is form
        await pilot.press("escape")  # the second Escape confirms the discard
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
    assert demo_store.one("SELECT COUNT(*) FROM complaints")[0] == before


async def test_untouched_fact_form_closes_on_one_escape_typed_one_asks(
    demo_store: Store,
) -> None:
    acc = accounts.resolve(demo_store, "Northwind").id
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(100, 36)) as pilot:
        screen = await open_tab(pilot, acc, "3")
        screen.query_one(InteractionsTab).table.focus()
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FactFormScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)

        await pilot.press("f")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FactFormScreen)
        await pilot.press(*"ISO 9001")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form and form.query_one("#fact-text", Input).value == "ISO 9001"
        await pilot.press("backspace", "1")  # typing again: the next Escape asks again
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form
        await pilot.press("enter")  # Enter in the field saves
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
    assert demo_store.one("SELECT COUNT(*) FROM facts WHERE text = 'ISO 9001'")[0] == 1


async def test_action_item_form_asks_before_discarding(demo_store: Store) -> None:
    app = KamApp(demo_store, today=TODAY)
    results: list[object] = []
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        form = ActionFormScreen("Broaden the map")
        app.push_screen(form, results.append)
        await settle(pilot)
        form.query_one("#action-text", Input).value = "Call Elena"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form and results == []
        await pilot.press("escape")
        await settle(pilot)
        assert results == [None]
