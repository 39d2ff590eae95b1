"""Pilot tests: the log form (drafts, $EDITOR), the Interactions timeline,
complaints and facts from the tab."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select, SelectionList, Static, TextArea

from kamtui.services import accounts
from kamtui.services import interactions as inter
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.account.tabs.interactions_tab import InteractionsTab
from kamtui.ui.screens.forms.complaint_form import ComplaintFormScreen
from kamtui.ui.screens.forms.fact_form import FactFormScreen
from kamtui.ui.screens.forms.log_form import LogFormScreen
from tests.conftest import screen_text, settle, wait_for
from tests.ui.helpers import open_tab

TODAY = date(2026, 11, 15)
HOSTILE_NOTES = "## Acuerdos\n\n- [bold]literal[/] y [/] y [@click=app.quit]x[/]\n- **negrita**"


async def _open_form(pilot) -> LogFormScreen:  # type: ignore[no-untyped-def]
    await pilot.press("L")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, LogFormScreen)
    return form


async def test_log_from_the_account_screen(demo_store: Store) -> None:
    pena = accounts.resolve(demo_store, "Conservas Peña").id
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        screen = await open_tab(pilot, pena, "3")
        form = await _open_form(pilot)
        assert form.query_one("#log-summary", Input).has_focus
        await pilot.press(*"Plan 2027 con compras")
        form.query_one("#log-when", Input).value = "yesterday 15:00"
        form.query_one("#log-channel", Select).value = "video"
        form.query_one("#log-level", Select).value = "strategic"
        form.query_one("#log-mood", Select).value = 4
        people = form.query_one("#log-people", SelectionList)
        names = {p.name: p.id for p in form.people}
        assert {"Lucía Fernández", "Íñigo Peña"} <= set(names)
        assert {p.side for p in form.people} == {"ours", "theirs"}
        people.select(names["Lucía Fernández"])
        people.select(names["Íñigo Peña"])
        form.query_one("#log-notes", TextArea).text = HOSTILE_NOTES
        form.query_one("#log-next", TextArea).text = "Enviar oferta @ next friday"
        await pilot.pause()
        assert "Sat 14/11/2026 15:00" in str(form.query_one("#log-when-preview", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        row = demo_store.one("SELECT * FROM interactions WHERE summary = 'Plan 2027 con compras'")
        assert (row["occurred_at"], row["channel"], row["level"], row["mood"]) == (
            "2026-11-14T15:00",
            "video",
            "strategic",
            4,
        )
        assert row["notes"] == HOSTILE_NOTES
        assert tuple(
            demo_store.one(
                "SELECT text, due_date FROM next_steps WHERE interaction_id = ?", (row["id"],)
            )
        ) == ("Enviar oferta", "2026-11-20")
        # the new interaction is selected in the timeline; notes are Markdown,
        # the markup-like text is shown literally
        tab = screen.query_one(InteractionsTab)
        assert tab.current is not None and tab.current.id == row["id"]
        text = screen_text(app)
        assert "[bold]literal[/]" in text and "[@click=app.quit]x[/]" in text
        assert "Acuerdos" in text and "Lucía Fernández" in text
        assert inter.load_draft(demo_store, pena) is None


async def test_draft_survives_escape_and_is_offered_back(demo_store: Store) -> None:
    acc = accounts.resolve(demo_store, "Northwind").id
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        await open_tab(pilot, acc, "3")
        form = await _open_form(pilot)
        await pilot.press(*"Half typed [/] summary")
        form.query_one("#log-notes", TextArea).text = "line one\nline two"

        def draft_written() -> bool:  # shortly after typing stops
            saved = inter.load_draft(demo_store, acc)
            return saved is not None and saved[1].get("notes") == "line one\nline two"

        await wait_for(pilot, draft_written)
        saved = inter.load_draft(demo_store, acc)
        assert saved is not None and saved[1]["summary"] == "Half typed [/] summary"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        form = await _open_form(pilot)
        assert form.query_one("#log-summary", Input).value == "Half typed [/] summary"
        assert form.query_one("#log-notes", TextArea).text == "line one\nline two"
        # ctrl+r discards it
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert form.query_one("#log-summary", Input).value == ""
        assert inter.load_draft(demo_store, acc) is None


async def test_draft_kept_when_the_app_quits_mid_form(demo_store: Store) -> None:
    acc = accounts.resolve(demo_store, "Northwind").id
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        await open_tab(pilot, acc, "3")
        await _open_form(pilot)
        await pilot.press(*"Typed just before the crash")
        # no pause: the debounce timer has not fired yet
    saved = inter.load_draft(demo_store, acc)
    assert saved is not None and saved[1]["summary"] == "Typed just before the crash"


async def test_form_errors_keep_the_form(demo_store: Store) -> None:
    acc = accounts.resolve(demo_store, "Northwind").id
    before = demo_store.one("SELECT COUNT(*) FROM interactions")[0]
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        await open_tab(pilot, acc, "3")
        form = await _open_form(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "summary: is required" in str(form.query_one("#log-error", Static).render())
        await pilot.press(*"ok")
        form.query_one("#log-when", Input).value = "the day after the party"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "when: cannot read" in str(form.query_one("#log-error", Static).render())
    assert demo_store.one("SELECT COUNT(*) FROM interactions")[0] == before


async def test_new_person_inline_and_complaint_from_the_form(demo_store: Store) -> None:
    acc = accounts.resolve(demo_store, "Northwind").id
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        await open_tab(pilot, acc, "3")
        form = await _open_form(pilot)
        form.query_one("#log-new-person", Input).focus()
        await pilot.press(*"Zoe Quinn, theirs, quality", "enter")
        await settle(pilot)
        zoe = next(p for p in form.people if p.name == "Zoe Quinn")
        assert zoe.id in form.query_one("#log-people", SelectionList).selected
        form.query_one("#log-kind", Select).value = "complaint"
        await pilot.pause()
        assert form.query_one("#log-complaint-row").display
        form.query_one("#log-severity", Select).value = "high"
        form.query_one("#log-summary", Input).value = "Damaged pallets"
        await pilot.press("ctrl+s")
        await settle(pilot)
    row = demo_store.one(
        "SELECT c.severity, c.status FROM complaints c JOIN interactions i"
        " ON i.id = c.interaction_id WHERE i.summary = 'Damaged pallets'"
    )
    assert tuple(row) == ("high", "open")
    assert demo_store.one("SELECT function FROM people WHERE name = 'Zoe Quinn'")[0] == "quality"


@pytest.mark.skipif(os.name != "posix", reason="shell script editor")
async def test_notes_in_editor(demo_store: Store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    script = tmp_path / "fake-editor"
    script.write_text('#!/bin/sh\nprintf "edited in vim\\n[red]kept[/]\\n" >> "$1"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(script))
    acc = accounts.resolve(demo_store, "Northwind").id
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        await open_tab(pilot, acc, "3")
        form = await _open_form(pilot)
        form.query_one("#log-notes", TextArea).text = "first"
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert form.query_one("#log-notes", TextArea).text == "firstedited in vim\n[red]kept[/]"


async def test_timeline_filters_and_orders(demo_store: Store) -> None:
    pena = accounts.resolve(demo_store, "Conservas Peña").id
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_tab(pilot, pena, "3")
        tab = screen.query_one(InteractionsTab)
        types = {i.type for i in tab.table.rows}
        assert {"interaction", "order"} <= types
        tab.query_one("#filter-level", Select).value = "strategic"
        await settle(pilot)
        assert tab.table.rows and all(i.level == "strategic" for i in tab.table.rows)
        tab.query_one("#filter-level", Select).clear()
        tab.query_one("#filter-kind", Select).value = "order"
        await settle(pilot)
        assert tab.table.rows and all(i.type == "order" for i in tab.table.rows)
        tab.query_one("#filter-kind", Select).clear()
        person = next(p for p in tab.data.people if p.side == "theirs")
        tab.query_one("#filter-person", Select).value = person.id
        await settle(pilot)
        assert tab.table.rows
        assert all(person.id in {p.id for p in i.people} for i in tab.table.rows)
        assert "Facts — don't ask again" in screen_text(app)


async def test_complaint_lifecycle_from_the_tab(demo_store: Store) -> None:
    acc = accounts.resolve(demo_store, "Northwind").id
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        screen = await open_tab(pilot, acc, "3")
        tab = screen.query_one(InteractionsTab)
        tab.table.focus()
        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ComplaintFormScreen)
        form.query_one("#complaint-title", Input).value = "[b]Wrong labels[/b]"
        form.query_one("#complaint-severity", Select).value = "high"
        form.query_one("#complaint-link", Checkbox).value = True  # asked, off by default
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        cid, linked = demo_store.one(
            "SELECT id, interaction_id FROM complaints WHERE title = '[b]Wrong labels[/b]'"
        )
        assert linked == tab.table.rows[0].id
        tab.select_item("complaint", cid)
        await settle(pilot)
        assert tab.current is not None and tab.current.key == ("complaint", cid)
        await pilot.press("p")
        await settle(pilot)
        assert demo_store.one("SELECT status FROM complaints WHERE id = ?", (cid,))[0] == (
            "in_progress"
        )
        await pilot.press("r")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ComplaintFormScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "resolution" in str(form.query_one("#complaint-error", Static).render())
        form.query_one("#complaint-resolution", TextArea).text = "Relabelled on site"
        form.saving = False
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        row = demo_store.one(
            "SELECT status, resolved_at, resolution FROM complaints WHERE id = ?", (cid,)
        )
        assert tuple(row) == ("resolved", "2026-11-15", "Relabelled on site")
        # opened from the selected interaction (the newest, three days earlier)
        head = str(tab.query_one("#int-head", Static).render())
        assert "resolved in 3 day(s)" in head and "Relabelled on site" in head
        assert "[b]Wrong labels[/b]" in screen_text(app)


async def test_fact_from_the_tab(demo_store: Store) -> None:
    acc = accounts.resolve(demo_store, "Northwind").id
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        screen = await open_tab(pilot, acc, "3")
        screen.query_one(InteractionsTab).table.focus()
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FactFormScreen)
        await pilot.press(*"Invoices only as PDF [i]really[/i]")
        app.screen.query_one("#fact-kind", Select).value = "preference"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        facts = str(screen.query_one("#int-facts", Static).render())
        assert "Preference: Invoices only as PDF [i]really[/i]" in facts
        assert (
            demo_store.one(
                "SELECT kind FROM facts WHERE text = 'Invoices only as PDF [i]really[/i]'"
            )[0]
            == "preference"
        )


async def test_complaint_form_asks_before_linking_the_selected_interaction(
    demo_store: Store,
) -> None:
    """Issue 14: the form neither fills itself from nor links itself to the
    interaction that happens to be selected; it offers that, off by default."""
    acc = accounts.resolve(demo_store, "Northwind").id
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        screen = await open_tab(pilot, acc, "3")
        tab = screen.query_one(InteractionsTab)
        tab.table.focus()
        selected = tab.table.rows[0]
        assert selected.type == "interaction"
        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ComplaintFormScreen)
        assert form.query_one("#complaint-title", Input).value == ""
        link = form.query_one("#complaint-link", Checkbox)
        assert link.value is False
        assert "Link to the selected interaction:" in str(link.label)
        assert selected.title[:10] in str(link.label)
        form.query_one("#complaint-title", Input).value = "Unlinked one"
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = demo_store.one("SELECT interaction_id FROM complaints WHERE title = 'Unlinked one'")
        assert row[0] is None

        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        form.query_one("#complaint-link", Checkbox).value = True
        await settle(pilot)
        assert form.query_one("#complaint-title", Input).value == selected.title
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = demo_store.one(
            "SELECT interaction_id FROM complaints WHERE title = ?", (selected.title,)
        )
        assert row[0] == selected.id
