"""Health in the app: the portfolio sorted by health, the Revitalise queue
creating a goal, the Overview's breakdown."""

from __future__ import annotations

from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.forms.goal_form import GoalFormScreen
from kamtui.ui.screens.portfolio.screen import PortfolioScreen
from kamtui.ui.screens.revitalise import RevitaliseScreen
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for


async def test_portfolio_sorted_by_health_with_bands_and_flags(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await wait_for(pilot, lambda: screen.all_rows and all(r.fresh for r in screen.all_rows))
        rows = screen.table.rows
        scores = [r.score for r in rows]
        assert scores == sorted(scores)  # weakest first
        assert rows[0].revitalise or rows[0].band != "healthy"
        text = screen_text(app)
        assert "Health ▲" in text
        # band as a word, not colour alone
        assert " healthy" in text
        northwind = next(r for r in rows if r.name.startswith("Northwind"))
        assert northwind.revitalise == ("operational_only",)
        assert len(northwind.trend) >= 2  # the demo comes with weeks of history
        # reverse: healthiest first
        await pilot.press("r")
        assert [r.score for r in screen.table.rows] == sorted(scores, reverse=True)
        # filter by tag
        await pilot.press("f", *"#revitalise")
        await pilot.pause()
        assert [r.name for r in screen.table.rows] == [
            r.name for r in screen.all_rows if r.revitalise
        ]


async def test_revitalise_queue_creates_a_goal(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        screen = app.screen
        assert isinstance(screen, RevitaliseScreen)
        await wait_for(pilot, lambda: bool(screen.result))
        queue = screen.table.rows
        # Revitalisation first; an account flagged only for its perception gap
        # is listed too (issue 14: the summary counted it but showed none).
        assert queue and all(
            h.needs_revitalisation or (h.perception_gap and h.perception_gap.flagged) for h in queue
        )
        assert any(h.account.startswith("Northwind") for h in queue)
        # losing touch (issue 14): Alcázar, 100 days silent on a 30-day cadence
        alcazar = next(h for h in queue if h.account.startswith("Farmacéutica Alcázar"))
        assert "silent" in {r.rule for r in alcazar.revitalisation}
        assert "losing touch" in screen_text(app)
        northwind = next(i for i, h in enumerate(queue) if h.account.startswith("Northwind"))
        screen.table.move_cursor(northwind)
        await wait_for(pilot, lambda: "only operational conversations for" in screen_text(app))
        text = screen_text(app)
        assert "strategic review" in text
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, GoalFormScreen))
        form = app.screen
        assert isinstance(form, GoalFormScreen)
        assert form.prefill["type"] == "new_method"
        assert form.prefill["category"] == "strategic"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, RevitaliseScreen))
        goals = demo_store.query(
            "SELECT type, category FROM goals g JOIN accounts a ON a.id = g.account_id"
            " WHERE a.name LIKE 'Northwind%' AND type = 'new_method' AND category = 'strategic'"
        )
        assert len(goals) == 1


async def test_overview_breaks_the_score_down(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        pena = demo_store.one("SELECT id FROM accounts WHERE name LIKE 'Conservas Pe%'")[0]
        app.open_account(pena)
        await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))
        await wait_for(
            pilot,
            lambda: (
                "Relationship health" in screen_text(app) and "Revenue trend" in screen_text(app)
            ),
        )
        text = screen_text(app)
        assert "Perception gap" in text and "meetings say" in text
        assert "Revenue trend" in text and "−37 %" in text
        assert "Contact recency" in text and "target ≤ 30" in text


async def test_revitalise_lists_every_account_with_a_perception_gap(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        screen = app.screen
        assert isinstance(screen, RevitaliseScreen)
        await wait_for(pilot, lambda: bool(screen.result))
        gaps = {
            h.account_id
            for h in screen.result
            if h.perception_gap is not None and h.perception_gap.flagged
        }
        assert gaps, "the demo has an account with a perception gap"
        assert gaps <= {h.account_id for h in screen.table.rows}
        row = next(i for i, h in enumerate(screen.table.rows) if h.account_id in gaps)
        screen.table.move_cursor(row)
        await settle(pilot)
        assert "perception gap" in screen_text(app)
