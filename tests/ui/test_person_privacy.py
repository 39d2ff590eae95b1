"""Pilot tests: the person form shows and saves the lawful basis, "do not
contact" and a consent entry; the app purges old trash when it opens; an
erasure from the shell while the app is open reaches its screens."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from textual.widgets import Checkbox, Select, Static

from kamtui.domain.models import AccountInput, PersonInput
from kamtui.services import accounts, people, privacy
from kamtui.storage.db import Store, open_store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.forms.person_form import PersonFormScreen
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for


async def test_person_form_saves_lawful_basis_do_not_contact_and_consent(store: Store) -> None:
    aid = accounts.create(store, AccountInput(name="Acme"))
    pid = people.create_person(store, aid, PersonInput(name="Ana Ruiz", side="theirs"))
    privacy.record_consent(store, pid, privacy.consent_entry("given", date(2026, 3, 1), "email"))
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 50)) as pilot:
        await settle(pilot)
        form = PersonFormScreen(people.get_person(store, pid), today=DEMO_TODAY)
        app.push_screen(form)
        await settle(pilot)
        now = form.query_one("#consent-now", Static)
        await wait_for(pilot, lambda: "given 2026-03-01 by e-mail" in str(now.render()))
        form.query_one("#field-lawful_basis", Select).value = "consent"
        form.query_one("#field-do_not_contact", Checkbox).value = True
        form.query_one("#field-consent", Select).value = "withdrawn"
        form.query_one("#field-consent_channel", Select).value = "phone"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form)
    saved = people.get_person(store, pid)
    assert saved.lawful_basis == "consent" and saved.do_not_contact is True
    history = privacy.consent_history(store, pid)
    assert [(h["status"], h["date"], h["channel"]) for h in history] == [
        ("given", "2026-03-01", "email"),
        ("withdrawn", DEMO_TODAY.isoformat(), "phone"),
    ]


async def test_new_person_form_returns_consent_with_the_person(store: Store) -> None:
    aid = accounts.create(store, AccountInput(name="Acme"))
    app = KamApp(store, today=DEMO_TODAY)
    returned: list[PersonInput | None] = []
    async with app.run_test(size=(110, 50)) as pilot:
        await settle(pilot)
        form = PersonFormScreen(None, today=DEMO_TODAY)
        app.push_screen(form, returned.append)
        await settle(pilot)
        await pilot.click("#field-name")
        await pilot.press(*"Bea Gil")
        form.query_one("#field-lawful_basis", Select).value = "contract"
        form.query_one("#field-consent", Select).value = "given"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(returned))
    data = returned[0]
    assert data is not None and data.lawful_basis == "contract"
    pid = people.create_person(store, aid, data)
    assert privacy.consent_history(store, pid)[0]["status"] == "given"


async def test_app_open_purges_trash_past_retention(store: Store) -> None:
    aid = accounts.create(store, AccountInput(name="Acme"))
    old = people.create_person(store, aid, PersonInput(name="Old Contact", side="theirs"))
    recent = people.create_person(store, aid, PersonInput(name="Recent Contact", side="theirs"))
    with store.write() as conn:
        conn.execute("UPDATE people SET deleted_at = '2026-09-01T10:00:00' WHERE id = ?", (old,))
        conn.execute("UPDATE people SET deleted_at = '2026-11-10T10:00:00' WHERE id = ?", (recent,))
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)

        def ids() -> set[int]:
            return {r[0] for r in store.query("SELECT id FROM people")}

        await wait_for(pilot, lambda: old not in ids())
    assert recent in ids()


async def test_erasure_from_the_shell_while_the_app_is_open(store: Store, db_path: Path) -> None:
    from tests.services.privacy_world import NAME, build, file_bytes, leftovers

    w = build(store)
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_account(w.account_id)
        await settle(pilot)
        await pilot.press("2")  # the map: she is on it
        await settle(pilot)
        await wait_for(pilot, lambda: "Lucía Gómez" in screen_text(app))
        # Another process (the shell) erases her while the app holds its connection.
        other = open_store(db_path)
        result = privacy.erase_person(other, w.lucia)
        other.close()
        assert result.clean
        await wait_for(pilot, lambda: app.outside_changes > 0, timeout=10)
        await settle(pilot)
        await wait_for(pilot, lambda: "Lucía Gómez" not in screen_text(app))
        with store.read() as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert leftovers(file_bytes(db_path)) == []
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM people WHERE name = ?", (NAME,)).fetchone()[0] == 0
    conn.close()
