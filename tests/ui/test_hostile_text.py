"""User text is data on every screen: markup in a name is shown literally
(never parsed, never a live `@click` link), and no escape sequence, C1 control
or bidi override reaches the terminal."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from kamtui.storage.db import Store
from kamtui.textsafe import clean
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.account.tabs.interactions_tab import InteractionsTab
from kamtui.ui.screens.forms.account_form import AccountFormScreen
from kamtui.ui.screens.forms.link_form import LinkFormScreen, UnlinkScreen
from kamtui.ui.screens.forms.person_form import PersonFormScreen
from kamtui.ui.screens.portfolio.screen import PortfolioScreen
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for
from tests.hostile import FORBIDDEN, LINK, NAME, make_evil


@pytest.fixture
def evil(demo_store: Store) -> tuple[Store, int]:
    """The demo with one account whose every text field is hostile."""
    return demo_store, make_evil(demo_store)


def check(app: KamApp, *visible: str) -> str:
    """The app runs, draws no terminal control, and shows `visible` literally."""
    assert app.is_running, "the app quit"
    assert app.return_code is None
    text = screen_text(app)
    bad = sorted({f"U+{ord(c):04X}" for c in FORBIDDEN.findall(text)})
    assert not bad, f"{type(app.screen).__name__} draws {bad}"
    for v in visible:
        assert v in text, f"{v!r} not shown on {type(app.screen).__name__}"
    return text


async def account_shown(pilot) -> AccountScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))
    await wait_for(pilot, lambda: app.screen.account is not None)
    await settle(pilot)
    return app.screen


async def test_palette_shows_a_hostile_name_literally(evil: tuple[Store, int]) -> None:
    store, aid = evil
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(160, 50), notifications=True, tooltips=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await settle(pilot)
        check(app)  # discovery hits: every account, unfiltered
        await pilot.press(*"evil")
        await settle(pilot)
        check(app, "[bold red]Evil", "[@click=app.quit]x")
        await pilot.press("enter")
        await account_shown(pilot)
        assert app.screen.account_id == aid
        check(app, "[bold red]Evil")


async def test_every_screen_shows_hostile_text_literally(evil: tuple[Store, int]) -> None:
    store, aid = evil
    (cid,) = store.one(
        "SELECT id FROM complaints WHERE account_id = ? AND deleted_at IS NULL LIMIT 1", (aid,)
    )
    store.conn.execute("UPDATE complaints SET status = 'open' WHERE id = ?", (cid,))
    store.conn.commit()
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(160, 50), notifications=True, tooltips=True) as pilot:
        await settle(pilot)
        portfolio = app.screen
        assert isinstance(portfolio, PortfolioScreen)
        check(app, "[bold red]Evil")
        await pilot.press("f", *"evil")
        await settle(pilot)
        assert [r.id for r in portfolio.table.rows] == [aid]
        check(app, "[bold red]Evil")
        await pilot.press("enter")  # the filter hands over to the table
        await pilot.press("e")  # edit the account
        await settle(pilot)
        assert app.screen.query_one("#field-name", Input).value == clean(NAME, one_line=True)
        check(app, "[bold red]Ind")
        await pilot.press("escape")
        await settle(pilot)

        # The account: every tab, every form on the hostile records.
        await pilot.press("enter")
        screen = await account_shown(pilot)
        check(app, "[bold red]Evil", "[bold red]Ind", "[bold red]Own")
        await pilot.press("2")
        await settle(pilot)
        check(app, "[bold red]Name")
        for key, form in [("e", PersonFormScreen), ("l", LinkFormScreen), ("x", UnlinkScreen)]:
            await pilot.press(key)  # edit the person, link them, unlink them
            await settle(pilot)
            assert isinstance(app.screen, form)
            check(app, LINK)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        check(app, "[bold red]Summary")
        tab = screen.query_one(InteractionsTab)
        await pilot.press("f")  # a new fact: its people picker lists hostile names
        await settle(pilot)
        check(app)
        await pilot.press("escape")
        await settle(pilot)
        tab.select_item("complaint", cid)
        await settle(pilot)
        check(app, "[bold red]Title")
        await pilot.press("r")  # resolve: the complaint form on the hostile complaint
        await settle(pilot)
        check(app, LINK)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        check(app, "[bold red]Title", "[bold red]Action")
        for key in ("enter", "a"):  # edit the goal, add an action to it
            await pilot.press(key)
            await settle(pilot)
            check(app, LINK)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        check(app, "[bold red]Cat")
        await pilot.press("c")  # the category picker, open
        await settle(pilot)
        check(app, "[bold red]Cat")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen

        # Save the account: the notification names it.
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, AccountFormScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        check(app, "Saved [/][bold red]Evil")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is portfolio

        # The portfolio-wide screens.
        for key, query, visible in [
            ("slash", "evil", ["[bold red]Evil"]),
            ("F", "", ["[bold red]Text"]),
            ("v", "", []),
            ("w", "", ["[bold red]Cat", "[/][bold red]Evil"]),  # a column per category
            ("question_mark", "", []),
        ]:
            await pilot.press(key, *query)
            await settle(pilot)
            check(app, *visible)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is portfolio, key

        # Delete, see it in the trash, restore it.
        await pilot.press("d")
        await settle(pilot)
        check(app, "Moved [/][bold red]Evil")
        await pilot.press("t")
        await settle(pilot)
        check(app, "[bold red]Evil")
        await pilot.press("enter")
        await settle(pilot)
        check(app, "Restored [/][bold red]Evil")
