"""Pilot tests: the search screen."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, OptionList

from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.account.tabs.interactions_tab import InteractionsTab
from kamtui.ui.screens.search import SearchScreen
from tests.conftest import screen_text, settle, wait_for

TODAY = date(2026, 11, 15)


async def test_search_screen_highlights_and_opens(demo_store: Store) -> None:
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)

        def typed() -> str:
            return screen.query_one("#search-input", Input).value

        await pilot.press(*'"(lubricacion -*')
        await wait_for(pilot, lambda: screen.searched == typed())
        await settle(pilot)
        await pilot.press(*" automatica")
        await wait_for(pilot, lambda: screen.searched == typed())
        await settle(pilot)
        assert screen.hits, "hostile text around real words still finds them"
        await pilot.press("ctrl+u")  # clear the input
        await pilot.press(*"lubricacion automatica")
        await wait_for(pilot, lambda: screen.searched == typed())
        await settle(pilot)
        hits = screen.hits
        assert hits and hits[0].kind == "interaction"
        results = screen.query_one("#search-results", OptionList)
        assert results.option_count == len(hits)
        assert "lubricación" in screen_text(app).casefold()
        await pilot.press("down", "enter")
        await settle(pilot)
        account = app.screen
        assert isinstance(account, AccountScreen)
        assert account.account_id == hits[0].account_id
        tab = account.query_one(InteractionsTab)
        await settle(pilot)
        assert tab.current is not None and tab.current.key == ("interaction", hits[0].id)


async def test_search_screen_shows_the_latest_query_whatever_finishes_first(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow search for an older query never replaces a newer query's results."""
    import threading

    from kamtui.services import search as search_service

    real = search_service.search
    release = threading.Event()
    started = threading.Event()

    def search(store: Store, query: str, limit: int = 50) -> list:  # type: ignore[type-arg]
        if query == "lubricacion":
            started.set()
            release.wait(5)  # the older query is slow
        return real(store, query, limit)

    monkeypatch.setattr(search_service, "search", search)
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.ask("lubricacion")
        await wait_for(pilot, started.is_set)  # the older query is running
        screen.ask("rodamientos")
        await wait_for(pilot, lambda: screen.searched == "rodamientos")
        release.set()
        await settle(pilot)
        assert screen.searched == "rodamientos"
        assert screen.hits and [h.id for h in screen.hits] == [
            h.id for h in real(demo_store, "rodamientos")
        ]
