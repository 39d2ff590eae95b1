"""Pilot tests: an edit form saved after another process changed (or trashed)
the same record shows both values and does what the user chooses; nothing
is overwritten or lost without that choice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input

from kamtui.domain.models import AccountInput, PersonInput
from kamtui.services import accounts, people
from kamtui.services import goals as goal_service
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.forms.account_form import AccountFormScreen
from kamtui.ui.screens.forms.action_form import ActionFormScreen
from kamtui.ui.screens.forms.conflict import ConflictScreen
from kamtui.ui.screens.forms.goal_form import GoalFormScreen
from kamtui.ui.screens.forms.person_form import PersonFormScreen
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for


def elsewhere(db_path: Path, sql: str, *params: object) -> None:
    """A write by another process: its own connection, committed at once."""
    conn = sqlite3.connect(db_path, isolation_level=None, timeout=5)
    try:
        conn.execute(sql, params)
    finally:
        conn.close()


def row(store: Store, sql: str, *params: object) -> sqlite3.Row:
    return store.one(sql, params)


@pytest.mark.parametrize("choice", ["keep mine", "take theirs", "back to editing"])
async def test_account_form_over_a_change_made_meanwhile(
    store: Store, db_path: Path, choice: str
) -> None:
    aid = accounts.create(store, AccountInput(name="Acme", owner="Lucía", tier="A"))
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        app.open_account(aid)
        await settle(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, AccountFormScreen))
        form = app.screen
        form.query_one("#field-owner", Input).value = "Marta [b]mine[/b]"
        elsewhere(
            db_path, "UPDATE accounts SET owner = 'Pedro [/]theirs', tier = 'B' WHERE id = ?", aid
        )
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen))
        text = screen_text(app)
        assert "changed meanwhile" in text
        assert "Marta [b]mine[/b]" in text and "Pedro [/]theirs" in text  # plain text
        assert "(as loaded)" in text  # tier: the user did not touch it
        # Nothing was written by the attempt.
        assert row(store, "SELECT owner FROM accounts WHERE id = ?", aid)[0] == "Pedro [/]theirs"

        if choice == "keep mine":
            await pilot.press("k")
            await wait_for(
                pilot, lambda: not isinstance(app.screen, AccountFormScreen | ConflictScreen)
            )
            stored = row(store, "SELECT owner, tier, version FROM accounts WHERE id = ?", aid)
            assert (stored["owner"], stored["tier"], stored["version"]) == (
                "Marta [b]mine[/b]",
                "A",
                3,
            )
        elif choice == "take theirs":
            await pilot.press("t")
            await wait_for(pilot, lambda: isinstance(app.screen, AccountFormScreen))
            assert form.query_one("#field-owner", Input).value == "Pedro [/]theirs"
            assert form.query_one("#field-tier", Input).value == "B"
            assert not form.dirty
            assert (
                row(store, "SELECT owner FROM accounts WHERE id = ?", aid)[0] == "Pedro [/]theirs"
            )
            # The form now holds the new version: saving again goes through.
            form.query_one("#field-name", Input).value = "Acme S.A."
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: not isinstance(app.screen, AccountFormScreen))
            stored = row(store, "SELECT name, owner FROM accounts WHERE id = ?", aid)
            assert tuple(stored) == ("Acme S.A.", "Pedro [/]theirs")
        else:
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, AccountFormScreen))
            assert form.query_one("#field-owner", Input).value == "Marta [b]mine[/b]"
            assert (
                row(store, "SELECT owner FROM accounts WHERE id = ?", aid)[0] == "Pedro [/]theirs"
            )
            # Saving again still refuses to overwrite silently.
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen))


async def test_person_form_changed_meanwhile_keep_mine(store: Store, db_path: Path) -> None:
    aid = accounts.create(store, AccountInput(name="Acme"))
    pid = people.create_person(store, aid, PersonInput(name="Ana", side="theirs", title="CFO"))
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        form = PersonFormScreen(people.get_person(store, pid), today=DEMO_TODAY)
        app.push_screen(form)
        await settle(pilot)
        form.query_one("#field-title", Input).value = "CEO"
        elsewhere(db_path, "UPDATE people SET title = 'COO' WHERE id = ?", pid)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen))
        assert "COO" in screen_text(app) and "CEO" in screen_text(app)
        await pilot.press("k")
        await wait_for(
            pilot, lambda: app.screen is not form and not isinstance(app.screen, ConflictScreen)
        )
        assert people.get_person(store, pid).title == "CEO"


async def test_person_trashed_meanwhile_restore_and_save(store: Store, db_path: Path) -> None:
    aid = accounts.create(store, AccountInput(name="Acme"))
    pid = people.create_person(store, aid, PersonInput(name="Ana", side="theirs"))
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        form = PersonFormScreen(people.get_person(store, pid), today=DEMO_TODAY)
        app.push_screen(form)
        await settle(pilot)
        form.query_one("#field-title", Input).value = "Buyer"
        elsewhere(db_path, "UPDATE people SET deleted_at = '2026-11-15T10:00' WHERE id = ?", pid)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen))
        assert "moved to the trash meanwhile" in screen_text(app)
        await pilot.press("k")  # not offered for a trashed record
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("r")
        await wait_for(
            pilot, lambda: app.screen is not form and not isinstance(app.screen, ConflictScreen)
        )
        restored = people.get_person(store, pid)  # live again
        assert restored.title == "Buyer"


async def test_account_deleted_meanwhile_discard_closes_the_form(
    store: Store, db_path: Path
) -> None:
    aid = accounts.create(store, AccountInput(name="Acme"))
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        form = AccountFormScreen(accounts.get(store, aid))
        app.push_screen(form)
        await settle(pilot)
        form.query_one("#field-owner", Input).value = "Marta"
        elsewhere(db_path, "DELETE FROM accounts WHERE id = ?", aid)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen))
        assert "deleted meanwhile" in screen_text(app)
        await pilot.press("d")
        await wait_for(
            pilot, lambda: app.screen is not form and not isinstance(app.screen, ConflictScreen)
        )
        assert row(store, "SELECT COUNT(*) FROM accounts")[0] == 0


async def test_goal_form_changed_meanwhile(store: Store, db_path: Path) -> None:
    aid = accounts.create(store, AccountInput(name="Acme"))
    gid = goal_service.create(
        store,
        aid,
        goal_type="new_method",
        category="visits",
        title="Visit plant",
        target="4",
        today=DEMO_TODAY,
    )
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        form = GoalFormScreen(aid, goal=goal_service.get(store, gid, DEMO_TODAY))
        app.push_screen(form)
        await settle(pilot)
        form.query_one("#field-title", Input).value = "Visit both plants"
        elsewhere(
            db_path, "UPDATE goals SET title = 'Visit the new plant', target = 6 WHERE id = ?", gid
        )
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen))
        text = screen_text(app)
        assert "Visit both plants" in text and "Visit the new plant" in text
        await pilot.press("t")
        await wait_for(pilot, lambda: app.screen is form)
        assert form.query_one("#field-title", Input).value == "Visit the new plant"
        assert form.query_one("#field-target", Input).value == "6"
        form.query_one("#field-target", Input).value = "8"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form)
        stored = goal_service.get(store, gid, DEMO_TODAY)
        assert (stored.title, stored.target) == ("Visit the new plant", 8)


async def test_action_item_changed_meanwhile_keep_mine(store: Store, db_path: Path) -> None:
    aid = accounts.create(store, AccountInput(name="Acme"))
    gid = goal_service.create(
        store,
        aid,
        goal_type="new_method",
        category="visits",
        title="Visit plant",
        target="4",
        today=DEMO_TODAY,
        actions=[("Call Ana", None)],
    )
    action = goal_service.get(store, gid, DEMO_TODAY).actions[0]
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        form = ActionFormScreen(
            "Visit plant", action.text, action_id=action.id, version=action.version
        )
        app.push_screen(form)
        await settle(pilot)
        form.query_one("#action-text", Input).value = "Call Ana and Luis"
        elsewhere(db_path, "UPDATE goal_actions SET text = 'Call Luis' WHERE id = ?", action.id)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen))
        assert "Call Luis" in screen_text(app)
        await pilot.press("k")
        await wait_for(
            pilot, lambda: app.screen is not form and not isinstance(app.screen, ConflictScreen)
        )
        assert goal_service.get(store, gid, DEMO_TODAY).actions[0].text == "Call Ana and Luis"
