"""Pilot tests, issue 15: the Duplicates screen, from the portfolio (D) and
the palette, lists pairs ranked with their reasons; x marks one not a
duplicate (gone for good, u takes it back), a and b open the accounts."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from kamtui.domain.models import AccountInput, PersonInput
from kamtui.services import accounts, people
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.duplicates.screen import DuplicatesScreen
from kamtui.ui.screens.merge.dialog import MergeDialog
from kamtui.ui.screens.portfolio.screen import PortfolioScreen
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for


def seed(store: Store) -> dict[str, int]:
    ids = {
        name: accounts.create(store, AccountInput(name=name, **extra))
        for name, extra in [
            ("Transportes Olmo S.L.", {"tax_id": "B-12345678"}),
            ("TRANSPORTES OLMO, SA", {"tax_id": "ES B12345678"}),
            ("Panadería Olmedo", {}),
            ("Panaderia Olmedo SL", {}),
            ("Ferretería Centro", {}),
        ]
    }
    acc = ids["Ferretería Centro"]
    for name, email in [("Ana García", "ana@centro.es"), ("Ana Garcia", "ana@centro.es")]:
        people.create_person(store, acc, PersonInput(side="theirs", name=name, email=email))
    return ids


def not_duplicates(store: Store) -> list[tuple[str, int, int]]:
    return [tuple(r) for r in store.query("SELECT kind, a_id, b_id FROM not_duplicates")]


async def test_duplicates_from_the_portfolio_dismiss_undo_open(store: Store) -> None:
    ids = seed(store)
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(130, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, DuplicatesScreen))
        screen = app.screen
        assert isinstance(screen, DuplicatesScreen)
        await wait_for(pilot, lambda: screen.loaded)
        pairs = [(p.kind, p.a_name, p.b_name) for p in screen.table.rows]
        assert pairs == [
            ("account", "Transportes Olmo S.L.", "TRANSPORTES OLMO, SA"),
            ("person", "Ana García", "Ana Garcia"),
            ("account", "Panadería Olmedo", "Panaderia Olmedo SL"),
        ]
        text = screen_text(app)
        assert "same tax id; same name" in text
        assert "2 pairs of accounts · 1 pair of people" in text
        # not a duplicate: gone from the list and stored
        await pilot.press("x")
        await settle(pilot)
        assert [p.a_name for p in screen.table.rows] == ["Ana García", "Panadería Olmedo"]
        olmo = (ids["Transportes Olmo S.L."], ids["TRANSPORTES OLMO, SA"])
        assert not_duplicates(store) == [("account", *sorted(olmo))]
        # u takes the mark back
        await pilot.press("u")
        await settle(pilot)
        assert not_duplicates(store) == []
        assert screen.table.rows[0].a_name == "Transportes Olmo S.L."
        # b opens the second account of the pair
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))
        assert app.screen.account_id == ids["TRANSPORTES OLMO, SA"]


async def test_a_dismissed_pair_is_not_listed_again(store: Store) -> None:
    seed(store)
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(130, 36)) as pilot:
        await settle(pilot)
        app.action_duplicates()
        await wait_for(pilot, lambda: isinstance(app.screen, DuplicatesScreen))
        screen = app.screen
        await wait_for(pilot, lambda: screen.loaded)
        screen.table.move_cursor(1)  # the people
        await pilot.press("x")
        await settle(pilot)
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(130, 36)) as pilot:
        await settle(pilot)
        app.action_duplicates()
        await wait_for(pilot, lambda: isinstance(app.screen, DuplicatesScreen))
        screen = app.screen
        await wait_for(pilot, lambda: screen.loaded)
        assert [p.kind for p in screen.table.rows] == ["account", "account"]


async def test_duplicates_from_the_palette(store: Store) -> None:
    seed(store)
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"duplicates")
        results = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: results.option_count > 0)
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DuplicatesScreen))


async def test_merge_a_pair_from_the_duplicates_screen(store: Store) -> None:
    ids = seed(store)
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(130, 36)) as pilot:
        await settle(pilot)
        app.action_duplicates()
        await wait_for(pilot, lambda: isinstance(app.screen, DuplicatesScreen))
        screen = app.screen
        assert isinstance(screen, DuplicatesScreen)
        await wait_for(pilot, lambda: screen.loaded)
        assert screen.table.rows[0].a_name == "Transportes Olmo S.L."
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, MergeDialog))
        dialog = app.screen
        assert isinstance(dialog, MergeDialog)
        await wait_for(pilot, lambda: dialog.plan is not None)
        await pilot.press("m")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(
            pilot,
            lambda: (
                screen.loaded
                and [p.a_name for p in screen.table.rows] == ["Ana García", "Panadería Olmedo"]
            ),
        )
    # the newer record went into the older one: its tax id and name stay findable
    assert accounts.get(store, ids["Transportes Olmo S.L."]).deleted_at is None
    gone = ids["TRANSPORTES OLMO, SA"]
    trashed = store.one("SELECT deleted_at FROM accounts WHERE id = ?", (gone,))
    assert trashed is not None and trashed[0] is not None  # in the trash, undoable
    former = store.query(
        "SELECT business_unit, number FROM account_identifiers WHERE account_id = ?",
        (ids["Transportes Olmo S.L."],),
    )
    assert ("former name", "TRANSPORTES OLMO, SA") in [tuple(r) for r in former]
