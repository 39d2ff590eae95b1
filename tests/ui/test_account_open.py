"""Opening an account: what the app prepares ahead of the first open."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Static

from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.portfolio.screen import PortfolioScreen
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for_health


async def test_account_stylesheet_is_ready_before_the_first_open(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the portfolio's health lands the account screen's stylesheet is
    loaded, so the first Enter does not make Textual re-parse every
    stylesheet; the account screen still looks as its stylesheet says."""
    aid = accounts.resolve(demo_store, "Conservas Peña").id
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await wait_for_health(pilot, screen)
        assert screen.health
        await settle(pilot)
        assert any(path.endswith("account.tcss") for path, _var in app.stylesheet.source)

        reparsed: list[int] = []
        real = app.stylesheet.reparse
        monkeypatch.setattr(app.stylesheet, "reparse", lambda: (reparsed.append(1), real())[1])
        app.open_account(aid)
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        assert reparsed == []
        identity = app.screen.query_one("#account-identity", Static)
        assert identity.styles.max_height is not None and identity.styles.max_height.value == 3
        assert "Conservas Peña" in screen_text(app)


async def test_account_screen_prepared_only_once(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        sources = dict(app.stylesheet.source)
        app.prepare_account_screen()
        await settle(pilot)
        assert not any(w.group == "prepare-account" and not w.is_finished for w in app.workers)
        assert app.stylesheet.source == sources


def _people(store: Store, account_id: int) -> list[str]:
    return [
        r[0]
        for r in store.query(
            "SELECT name FROM people WHERE account_id = ? AND deleted_at IS NULL", (account_id,)
        )
    ]


async def test_second_account_shows_nothing_of_the_first(demo_store: Store) -> None:
    """The account screen is reused from account to account: every tab of
    the second account is new (built when first shown, as on a new screen),
    its identity replaces the first's, and no text of the first remains."""
    from kamtui.ui.screens.account.tabs.base import AccountTab
    from kamtui.ui.screens.account.tabs.overview import OverviewTab

    a = accounts.resolve(demo_store, "Grupo Alimentario Muñoz")
    b = accounts.resolve(demo_store, "Conservas Peña")
    a_all, b_all = set(_people(demo_store, a.id)), set(_people(demo_store, b.id))
    a_people, b_people = sorted(a_all - b_all), sorted(b_all - a_all)  # only one's
    assert a_people and b_people
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_account(a.id)
        await settle(pilot)
        first = app.screen
        assert isinstance(first, AccountScreen)
        for key in "234561":  # every tab built and loaded with A's data
            await pilot.press(key)
            await settle(pilot)
        assert all(t.built for t in first.query(AccountTab))
        await pilot.press("2")
        await settle(pilot)
        assert any(name in screen_text(app) for name in a_people)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)

        app.open_account(b.id)
        await settle(pilot)
        screen = app.screen
        assert screen is first  # the same screen, showing B
        assert screen.account is not None and screen.account.id == b.id
        assert screen.query_one("#account-tabs").active == "overview"
        tabs = list(screen.query(AccountTab))
        assert len(tabs) == 6 and all(t.account_id == b.id for t in tabs)
        assert [t.built for t in tabs] == [isinstance(t, OverviewTab) for t in tabs]
        identity = str(screen.query_one("#account-identity", Static).render())
        assert b.name in identity and a.name not in identity
        texts = [screen_text(app)]
        for key in "23456":
            await pilot.press(key)
            await settle(pilot)
            texts.append(screen_text(app))
        for text in texts:
            assert a.name not in text
            assert not any(name in text for name in a_people)
        assert any(name in texts[1] for name in b_people)  # the map: B's people


async def test_identity_of_an_account_left_at_once_never_shows(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Leaving an account before its identity is read and opening another:
    the late read of the first is dropped, the second's shows."""
    import threading
    import time

    a = accounts.resolve(demo_store, "Grupo Alimentario Muñoz")
    b = accounts.resolve(demo_store, "Conservas Peña")
    real_get = accounts.get
    slow: list[int] = []

    a_read_started = threading.Event()
    a_read_done = threading.Event()

    def get(store: Store, account_id: int):  # type: ignore[no-untyped-def]
        if account_id not in slow:
            return real_get(store, account_id)
        slow.append(account_id)
        a_read_started.set()
        time.sleep(0.5)  # A's read lands after B's
        try:
            return real_get(store, account_id)
        finally:
            a_read_done.set()

    monkeypatch.setattr(accounts, "get", get)
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_account(a.id)  # builds the account screen
        await settle(pilot)
        first = app.screen
        app.pop_screen()
        await settle(pilot)
        slow.append(a.id)
        app.open_account(a.id)
        assert await asyncio.to_thread(a_read_started.wait, 10)  # A's read under way
        app.pop_screen()
        app.open_account(b.id)
        await settle(pilot)
        assert await asyncio.to_thread(a_read_done.wait, 10)  # A's late read is back
        await settle(pilot)
        screen = app.screen
        assert screen is first and len(slow) >= 2  # A was read while B opened
        assert screen.account is not None and screen.account.id == b.id
        identity = str(screen.query_one("#account-identity", Static).render())
        assert b.name in identity and a.name not in identity
        assert screen.title and b.name.split()[0] in screen.title


async def test_account_opened_from_an_account_gets_its_own_screen(demo_store: Store) -> None:
    """Jumping to another account while one is shown (command palette) stacks
    a second account screen; going back shows the first account again."""
    a = accounts.resolve(demo_store, "Grupo Alimentario Muñoz")
    b = accounts.resolve(demo_store, "Conservas Peña")
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_account(a.id)
        await settle(pilot)
        first = app.screen
        app.open_account(b.id)
        await settle(pilot)
        second = app.screen
        assert isinstance(second, AccountScreen) and second is not first
        assert second.account is not None and second.account.id == b.id
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is first
        assert first.account is not None and first.account.id == a.id
        assert a.name in screen_text(app)
