"""Pilot tests, issue 15: an account's identifiers (business unit + number)
are edited in the account form, lines added and removed, saved with the
account in one go; a change made to them meanwhile is a conflict the user
sees, not a silent overwrite."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Button, Input, Static

from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.forms.account_form import AccountFormScreen, IdentifierLine
from kamtui.ui.screens.forms.conflict import ConflictScreen
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for


def stored(store: Store, account_id: int) -> list[tuple[str, str]]:
    return [
        (r[0], r[1])
        for r in store.query(
            "SELECT business_unit, number FROM account_identifiers WHERE account_id = ? ORDER BY id",
            (account_id,),
        )
    ]


async def open_form(pilot, app: KamApp, account_id: int) -> AccountFormScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    app.open_account(account_id)
    await settle(pilot)
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(app.screen, AccountFormScreen))
    return app.screen  # type: ignore[return-value]


async def fill_line(pilot, form: AccountFormScreen, unit: str, number: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+n")
    await settle(pilot)
    line = list(form.query(IdentifierLine))[-1]
    line.unit.value = unit
    line.number.value = number
    await settle(pilot)


async def test_identifiers_added_and_removed_in_the_form(store: Store) -> None:
    aid = accounts.create(
        store, AccountInput(name="Transportes Olmo", identifiers="ERP-Norte:4711; OLD:1")
    )
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 44)) as pilot:
        form = await open_form(pilot, app, aid)
        lines = list(form.query(IdentifierLine))
        assert [line.value for line in lines] == [("ERP-Norte", "4711"), ("OLD", "1")]
        # remove OLD:1, add SAT:C-88
        lines[1].query_one(".ident-remove", Button).press()
        await settle(pilot)
        await fill_line(pilot, form, "SAT", "C-88")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, AccountFormScreen))
    assert stored(store, aid) == [("ERP-Norte", "4711"), ("SAT", "C-88")]
    # and a command now finds the account by the new number
    assert accounts.resolve(store, "C-88").id == aid


async def test_a_half_typed_identifier_is_refused_beside_its_field(store: Store) -> None:
    aid = accounts.create(store, AccountInput(name="Olmo"))
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 44)) as pilot:
        form = await open_form(pilot, app, aid)
        await fill_line(pilot, form, "SAT", "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = str(form.query_one("#error-identifiers", Static).render())
        assert "no number after the colon" in error
    assert stored(store, aid) == []


async def test_an_identifier_of_another_account_is_refused_nothing_written(store: Store) -> None:
    accounts.create(store, AccountInput(name="Other", identifiers="SAT:C-88"))
    aid = accounts.create(store, AccountInput(name="Olmo", tier="B"))
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 44)) as pilot:
        form = await open_form(pilot, app, aid)
        form.query_one("#field-tier", Input).value = "A"
        await fill_line(pilot, form, "sat", "C-88")
        await pilot.press("ctrl+s")
        error = form.query_one("#error-identifiers", Static)
        await wait_for(pilot, lambda: "already the identifier of 'Other'" in str(error.render()))
        assert app.screen is form  # still open, with what was typed
    assert stored(store, aid) == []
    assert accounts.get(store, aid).tier == "B"  # one transaction: nothing half-saved


async def test_new_account_with_identifiers_from_the_portfolio(store: Store) -> None:
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 44)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, AccountFormScreen))
        form = app.screen
        assert isinstance(form, AccountFormScreen)
        form.query_one("#field-name", Input).value = "Panadería Olmedo"
        await fill_line(pilot, form, "ERP-Sur", "99")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: store.one("SELECT id FROM accounts") is not None)
        await settle(pilot)
    aid = store.one("SELECT id FROM accounts")[0]
    assert stored(store, aid) == [("ERP-Sur", "99")]


async def test_identifiers_changed_meanwhile_are_a_conflict(store: Store, db_path: Path) -> None:
    aid = accounts.create(store, AccountInput(name="Olmo", identifiers="ERP:1"))
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 44)) as pilot:
        form = await open_form(pilot, app, aid)
        form.query_one("#field-tier", Input).value = "A"
        # another process adds an identifier (an import, the shell)
        conn = sqlite3.connect(db_path, isolation_level=None, timeout=5)
        conn.execute(
            "INSERT INTO account_identifiers (account_id, business_unit, number)"
            " VALUES (?, 'SAT', 'C-88')",
            (aid,),
        )
        conn.close()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen))
        text = screen_text(app)
        assert "ERP:1; SAT:C-88" in text  # what is stored now, shown to choose from
        await pilot.press("t")  # take theirs: the form shows both identifiers
        await wait_for(pilot, lambda: app.screen is form)
        await settle(pilot)
        assert [line.value for line in form.query(IdentifierLine)] == [
            ("ERP", "1"),
            ("SAT", "C-88"),
        ]
    assert stored(store, aid) == [("ERP", "1"), ("SAT", "C-88")]


async def test_identifiers_on_the_account_overview(store: Store) -> None:
    aid = accounts.create(
        store, AccountInput(name="Olmo", identifiers="ERP-Norte:4711; SAT:[b]C-88[/b]")
    )
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        app.open_account(aid)
        await wait_for(pilot, lambda: "Identifiers" in screen_text(app))
        assert "ERP-Norte 4711 · SAT [b]C-88[/b]" in screen_text(app)  # as typed, no markup
