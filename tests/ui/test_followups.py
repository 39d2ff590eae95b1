"""Pilot tests: the follow-ups screen."""

from __future__ import annotations

from datetime import date

from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.followups import FollowupsScreen
from tests.conftest import screen_text, settle

TODAY = date(2026, 11, 15)


async def test_followups_screen_marks_done(demo_store: Store) -> None:
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FollowupsScreen)
        rows = screen.table.rows
        assert rows and rows[0].bucket == "overdue"
        assert {r.bucket for r in rows} <= {"overdue", "today", "week"}
        assert "overdue" in screen_text(app)
        first = rows[0]
        await pilot.press("x")
        await settle(pilot)
        assert first.done
        table = "goal_actions" if first.item.kind == "goal_action" else "next_steps"
        assert (
            demo_store.one(f"SELECT done_at FROM {table} WHERE id = ?", (first.item.id,))[0]
            == "2026-11-15"
        )
        await pilot.press("a")
        await settle(pilot)
        assert any(r.bucket == "later" for r in screen.table.rows)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FollowupsScreen)


async def test_followups_detail_line_shows_the_selected_row_in_full_at_80x24(
    demo_store: Store,
) -> None:
    """Issue 14: at 80 columns the follow-up's text was cut to 22 characters
    with nowhere to read the rest; a detail line shows the selected row."""
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FollowupsScreen)
        rows = screen.table.rows
        long = next(i for i, r in enumerate(rows) if len(r.item.text) > 30)
        screen.table.move_cursor(long)
        await settle(pilot)
        item = rows[long].item
        detail = str(screen.query_one("#followups-detail").render())
        assert item.text in detail and item.account in detail
        assert item.text in screen_text(app).replace("\n", "")
