"""Pilot tests: a next step or a goal action deleted in the app goes to the
Trash screen, which lists it with its account and what it hangs on and
restores it (or says what to restore first); an edit form loaded before it
was trashed asks before bringing it back."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from kamtui.services import accounts
from kamtui.services import followups as fu
from kamtui.services import goals as goal_service
from kamtui.services.interactions import editing, log
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.followups import FollowupsScreen
from kamtui.ui.screens.forms.action_form import ActionFormScreen
from kamtui.ui.screens.forms.conflict import ConflictScreen
from kamtui.ui.screens.portfolio.screen import PortfolioScreen
from kamtui.ui.screens.trash import TrashScreen
from tests.conftest import screen_text, settle, wait_for

TODAY = date(2026, 11, 15)


def _world(store: Store) -> tuple[int, int, int, int]:
    """(account, interaction, its next step "Send offer", goal)."""
    aid = accounts.add(store, {"name": "Peña Hermanos"})
    iid = log.log_interaction(
        store, aid, occurred_at="2026-11-10T10:00", channel="phone", level="strategic",
        summary="Plan 2027", next_steps=[("Send offer", "2026-11-18")],
    )  # fmt: skip
    [step] = editing.one(store, iid)["next_steps"]
    gid = goal_service.create(
        store, aid, title="Win back", goal_type="new_method", target=1, baseline=0, today=TODAY,
        actions=[("Call Ana", "2026-11-20")],
    )  # fmt: skip
    return aid, iid, int(step["id"]), gid


def _listed(screen: FollowupsScreen) -> list[str]:
    return [r.item.text for r in screen.rows]


async def _followups(pilot, app: KamApp) -> FollowupsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("F")
    await wait_for(pilot, lambda: isinstance(app.screen, FollowupsScreen))
    screen = app.screen
    assert isinstance(screen, FollowupsScreen)
    await wait_for(pilot, lambda: screen.table.current_row is not None)
    return screen


async def _trash(pilot, app: KamApp) -> TrashScreen:  # type: ignore[no-untyped-def]
    await pilot.press("t")
    await wait_for(pilot, lambda: isinstance(app.screen, TrashScreen) and app.screen.loaded)
    trash = app.screen
    assert isinstance(trash, TrashScreen)
    await settle(pilot)  # painted
    return trash


def _notes(app: KamApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def _trashed(store: Store, table: str, row_id: int) -> bool:
    return store.one(f"SELECT deleted_at FROM {table} WHERE id = ?", (row_id,))[0] is not None


async def test_a_next_step_deleted_in_followups_comes_back_from_the_trash(store: Store) -> None:
    _aid, _iid, step, _gid = _world(store)
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = await _followups(pilot, app)
        assert screen.table.current_row is not None
        assert screen.table.current_row.item.text == "Send offer"
        await pilot.press("d")
        await wait_for(pilot, lambda: "Send offer" not in _listed(screen))
        assert _trashed(store, "next_steps", step)
        assert any(
            "Moved the next step “Send offer” to the trash" in str(n.message)
            for n in app._notifications
        )
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, PortfolioScreen))
        trash = await _trash(pilot, app)
        text = screen_text(app)
        assert "Next step" in text and "Send offer — interaction: Plan 2027" in text
        assert "Peña Hermanos" in text
        await pilot.press("enter")
        await wait_for(pilot, lambda: not _trashed(store, "next_steps", step))
        await wait_for(pilot, lambda: trash.table.current_row is None)
        assert "Restored the next step “Send offer”" in _notes(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, PortfolioScreen))
        screen = await _followups(pilot, app)
        await wait_for(pilot, lambda: "Send offer" in _listed(screen))


async def test_a_goal_action_of_a_trashed_goal_is_not_restored_alone(store: Store) -> None:
    _aid, _iid, _step, gid = _world(store)
    [action] = goal_service.get(store, gid, TODAY).actions
    fu.delete(store, fu.GOAL_ACTION, action.id)
    goal_service.delete(store, gid)
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        trash = await _trash(pilot, app)
        assert "Call Ana — goal: Win back" in screen_text(app)
        kinds = [i["kind"] for i in trash.table.rows]
        trash.table.move_cursor(kinds.index("goal_action"))
        await pilot.pause()
        assert trash.table.current_row is not None
        assert trash.table.current_row["kind"] == "goal_action"
        await pilot.press("r")
        await wait_for(pilot, lambda: "restore the goal first" in _notes(app))
        assert "goal “Win back”" in _notes(app)
        assert _trashed(store, "goal_actions", action.id)  # nothing written
        assert len(trash.table.rows) == 2


async def test_editing_a_step_trashed_meanwhile_asks_before_restoring(store: Store) -> None:
    _aid, _iid, step, _gid = _world(store)
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await _followups(pilot, app)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ActionFormScreen))
        form = app.screen
        form.query_one("#action-text", Input).value = "Send the revised offer"
        fu.delete(store, fu.NEXT_STEP, step)  # trashed meanwhile (another window)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen))
        assert "moved to the trash meanwhile" in screen_text(app)
        assert _trashed(store, "next_steps", step)  # not brought back silently
        await pilot.press("r")  # restore and save
        await wait_for(pilot, lambda: not _trashed(store, "next_steps", step))
    assert fu.stored(store, fu.NEXT_STEP, step)["text"] == "Send the revised offer"
