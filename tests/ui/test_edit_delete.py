"""Pilot tests: correcting the record from the app (issue 15). An interaction
edited from the Interactions tab (participants and next steps too), saved
over a change made from the shell only by choice; interactions, complaints,
facts, goals, goal actions and next steps deleted with undo."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from textual.widgets import Input, SelectionList, TextArea

from kamtui.services import accounts, complaints, facts, people
from kamtui.services import followups as fu
from kamtui.services import goals as goal_service
from kamtui.services.interactions import editing, log
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.tabs.goals_tab import GoalsTab
from kamtui.ui.screens.account.tabs.interactions_tab import InteractionsTab
from kamtui.ui.screens.facts import FactsScreen
from kamtui.ui.screens.followups import FollowupsScreen
from kamtui.ui.screens.forms.action_form import ActionFormScreen
from kamtui.ui.screens.forms.conflict import ConflictScreen
from kamtui.ui.screens.forms.fact_form import FactFormScreen
from kamtui.ui.screens.forms.interaction_edit import EditInteractionScreen
from tests.conftest import screen_text, settle, wait_for
from tests.ui.helpers import open_tab

TODAY = date(2026, 11, 15)


def _account(store: Store) -> tuple[int, int, int, int]:
    aid = accounts.add(store, {"name": "Peña"})
    ana = people.create_person(store, aid, people.person_input({"name": "Ana", "side": "ours"}))
    luis = people.create_person(store, aid, people.person_input({"name": "Luis", "side": "theirs"}))
    iid = log.log_interaction(
        store,
        aid,
        occurred_at="2026-11-10T10:00",
        channel="phone",
        level="strategic",
        summary="Plan 2027",
        notes="first notes",
        participant_ids=[ana],
        next_steps=[("Send offer", "2026-11-20")],
    )
    return aid, ana, luis, iid


async def _interactions(pilot, aid: int) -> InteractionsTab:  # type: ignore[no-untyped-def]
    screen = await open_tab(pilot, aid, "3")
    tab = screen.query_one(InteractionsTab)
    await wait_for(pilot, lambda: tab.data is not None and tab.current is not None)
    return tab


async def _edit_form(pilot) -> EditInteractionScreen:  # type: ignore[no-untyped-def]
    await pilot.press("e")
    await wait_for(
        pilot,
        lambda: isinstance(pilot.app.screen, EditInteractionScreen) and pilot.app.screen.loaded,
    )
    return pilot.app.screen  # type: ignore[no-any-return]


async def test_edit_an_interaction_from_the_tab(store: Store) -> None:
    aid, ana, luis, iid = _account(store)
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        tab = await _interactions(pilot, aid)
        form = await _edit_form(pilot)
        # Filled with what is stored.
        assert form.query_one("#log-summary", Input).value == "Plan 2027"
        assert form.query_one("#log-when", Input).value == "2026-11-10 10:00"
        assert form.query_one("#log-notes", TextArea).text == "first notes"
        assert form.query_one("#log-next", TextArea).text == "Send offer @ 2026-11-20"
        plist = form.query_one("#log-people", SelectionList)
        assert list(plist.selected) == [ana]
        form.query_one("#log-summary", Input).value = "Plan 2027 [b]v2[/b]"
        plist.select(luis)
        form.query_one("#log-next", TextArea).text = "Send offer @ 2026-11-20\nVisit @ 2026-12-01"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, EditInteractionScreen))
        item = editing.one(store, iid)
        assert item["summary"] == "Plan 2027 [b]v2[/b]"
        assert item["when"] == "2026-11-10T10:00"  # untouched
        assert sorted(p["name"] for p in item["with"]) == ["Ana", "Luis"]
        assert [(s["text"], s["due_date"]) for s in item["next_steps"]] == [
            ("Send offer", "2026-11-20"),
            ("Visit", "2026-12-01"),
        ]
        await wait_for(pilot, lambda: tab.current is not None and "v2" in tab.current.title)
        assert "Plan 2027 [b]v2[/b]" in screen_text(app)  # literal, never markup


async def test_esc_on_a_changed_edit_asks_once_and_quit_is_refused(store: Store) -> None:
    aid, _ana, _luis, iid = _account(store)
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        await _interactions(pilot, aid)
        form = await _edit_form(pilot)
        form.query_one("#log-summary", Input).value = "Changed"
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running and app.screen is form
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form  # asked once
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is not form)
    assert editing.one(store, iid)["summary"] == "Plan 2027"


async def test_delete_an_interaction_and_undo(store: Store) -> None:
    aid, _ana, _luis, iid = _account(store)
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        tab = await _interactions(pilot, aid)
        await pilot.press("d")
        await wait_for(pilot, lambda: tab.current is None)
        assert store.one("SELECT deleted_at FROM interactions WHERE id = ?", (iid,))[0]
        assert any("press u to undo" in str(n.message) for n in app._notifications)
        keys = screen_text(app)
        assert " u \nUndo" in keys and " e \nEdit" in keys
        await pilot.press("u")
        await wait_for(pilot, lambda: tab.current is not None and tab.current.id == iid)
        assert store.one("SELECT deleted_at FROM interactions WHERE id = ?", (iid,))[0] is None


async def test_delete_a_complaint_from_the_timeline_and_undo(store: Store) -> None:
    aid, _ana, _luis, _iid = _account(store)
    cid = complaints.open_complaint(
        store, aid, title="Late delivery", severity="high", opened_at="2026-11-12", today=TODAY
    )
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        tab = await _interactions(pilot, aid)
        tab.select_item("complaint", cid)
        await wait_for(pilot, lambda: tab.current is not None and tab.current.type == "complaint")
        await pilot.press("d")
        await wait_for(pilot, lambda: all(i.type != "complaint" for i in tab.table.rows))
        assert complaints.of_account(store, aid) == []
        await pilot.press("u")
        await wait_for(pilot, lambda: any(i.type == "complaint" for i in tab.table.rows))
        assert [c.id for c in complaints.of_account(store, aid)] == [cid]


async def test_the_shell_edited_the_interaction_meanwhile(store: Store, db_path: Path) -> None:
    aid, _ana, _luis, iid = _account(store)
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        await _interactions(pilot, aid)
        form = await _edit_form(pilot)
        form.query_one("#log-summary", Input).value = "Mine"
        shell = subprocess.run(
            [sys.executable, "-m", "kamtui", "--db", str(db_path), "interaction", "edit",
             str(iid), "--summary", "Theirs [/]", "--level", "satisfaction"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert shell.returncode == 0, shell.stderr
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen))
        text = screen_text(app)
        assert "changed meanwhile" in text
        assert "Mine" in text and "Theirs [/]" in text
        assert editing.one(store, iid)["summary"] == "Theirs [/]"  # nothing written yet
        await pilot.press("t")  # take theirs: the form shows what is stored
        await wait_for(pilot, lambda: app.screen is form)
        assert form.query_one("#log-summary", Input).value == "Theirs [/]"
        form.query_one("#log-summary", Input).value = "Mine after all"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, EditInteractionScreen))
    item = editing.one(store, iid)
    assert (item["summary"], item["level"]) == ("Mine after all", "satisfaction")


async def test_keep_mine_over_a_change_and_restore_over_a_trashing(
    store: Store, db_path: Path
) -> None:
    aid, _ana, _luis, iid = _account(store)
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        await _interactions(pilot, aid)
        form = await _edit_form(pilot)
        form.query_one("#log-summary", Input).value = "Mine"
        log.delete(store, iid)  # trashed meanwhile
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen))
        assert "moved to the trash meanwhile" in screen_text(app)
        await pilot.press("r")
        await wait_for(pilot, lambda: not isinstance(app.screen, EditInteractionScreen))
    assert editing.one(store, iid)["summary"] == "Mine"


async def test_facts_edit_delete_and_undo(store: Store) -> None:
    aid, _ana, _luis, _iid = _account(store)
    fid = facts.add(store, aid, "Fiscal year ends in March")
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        await _interactions(pilot, aid)
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, FactsScreen))
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        await wait_for(pilot, lambda: screen.table.current_row is not None)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, FactFormScreen))
        app.screen.query_one("#fact-text", Input).value = "Fiscal year ends in April"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        assert facts.get(store, fid)["text"] == "Fiscal year ends in April"
        await wait_for(pilot, lambda: "April" in screen_text(app))
        await pilot.press("d")
        await wait_for(pilot, lambda: screen.table.current_row is None)
        assert facts.of_account(store, aid) == []
        await pilot.press("u")
        await wait_for(pilot, lambda: screen.table.current_row is not None)
        assert [f["id"] for f in facts.of_account(store, aid)] == [fid]


async def test_goal_and_goal_action_delete_and_undo(store: Store) -> None:
    aid, _ana, _luis, _iid = _account(store)
    gid = goal_service.create(
        store, aid, title="Win back", goal_type="new_method", target=1, baseline=0, today=TODAY
    )
    goal_service.add_action(store, gid, "Call Ana", "2026-11-20")
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        screen = await open_tab(pilot, aid, "4")
        tab = screen.query_one(GoalsTab)
        await wait_for(pilot, lambda: tab.current is not None)
        # The action item: focus the actions, delete, undo.
        tab.actions_table.focus()
        await pilot.pause()
        await pilot.press("d")
        await wait_for(pilot, lambda: tab.actions_table.current_row is None)
        assert store.one("SELECT deleted_at FROM goal_actions")[0]  # in the trash
        await pilot.press("u")
        await wait_for(pilot, lambda: tab.actions_table.current_row is not None)
        assert tuple(store.one("SELECT text, deleted_at FROM goal_actions")) == ("Call Ana", None)
        # The goal itself: to the trash, then back.
        tab.table.focus()
        await pilot.pause()
        await pilot.press("d")
        await wait_for(pilot, lambda: tab.current is None)
        assert store.one("SELECT deleted_at FROM goals WHERE id = ?", (gid,))[0]
        await pilot.press("u")
        await wait_for(pilot, lambda: tab.current is not None and tab.current.id == gid)


async def test_followups_edit_delete_and_undo_a_next_step(store: Store) -> None:
    _aid, _ana, _luis, iid = _account(store)
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowupsScreen))
        screen = app.screen
        assert isinstance(screen, FollowupsScreen)
        await wait_for(pilot, lambda: screen.table.current_row is not None)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ActionFormScreen))
        form = app.screen
        assert form.query_one("#action-text", Input).value == "Send offer"
        form.query_one("#action-text", Input).value = "Send the revised offer"
        form.query_one("#action-due", Input).value = "2026-11-18"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        step = editing.one(store, iid)["next_steps"][0]
        assert (step["text"], step["due_date"]) == ("Send the revised offer", "2026-11-18")
        await wait_for(
            pilot,
            lambda: (
                screen.table.current_row is not None
                and screen.table.current_row.item.text == "Send the revised offer"
            ),
        )
        await pilot.press("d")
        await wait_for(pilot, lambda: screen.table.current_row is None)
        assert editing.one(store, iid)["next_steps"] == []
        await pilot.press("u")
        await wait_for(pilot, lambda: screen.table.current_row is not None)
        back = fu.stored(store, fu.NEXT_STEP, step["id"])
        assert back["text"] == "Send the revised offer"
