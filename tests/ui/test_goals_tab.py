"""Pilot tests: the Goals tab, the goal form and action items."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Select, Static, TextArea

from kamtui.domain.goals import BEHIND, DONE
from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.services import goals as goal_service
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.tabs.goals_tab import GoalsTab
from kamtui.ui.screens.forms.action_form import ActionFormScreen
from kamtui.ui.screens.forms.goal_form import GoalFormScreen
from tests.conftest import screen_text, settle
from tests.ui.helpers import open_tab

TODAY = date(2026, 11, 15)


async def test_goals_tab_shows_status_reason_and_actions(demo_store: Store) -> None:
    pena = accounts.resolve(demo_store, "Conservas Peña").id
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await open_tab(pilot, pena, "4")
        tab = screen.query_one(GoalsTab)
        [goal] = tab.table.rows
        assert goal.title == "Recuperar cuota en repuestos" and goal.status == BEHIND
        detail = str(tab.query_one("#goal-detail", Static).render())
        assert "Measured: our revenue in the last 12 months" in detail
        assert "expected by today" in detail
        assert tab.actions_table.rows[0].text.startswith("Propuesta de stock")
        assert "behind" in screen_text(app)


async def test_new_goal_form_then_actions_done_and_mark_done(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Metales Úbeda S.L."))
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_tab(pilot, acc, "4")
        tab = screen.query_one(GoalsTab)
        assert tab.table.rows == []
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, GoalFormScreen)
        form.query_one("#field-type", Select).value = "new_method"
        await pilot.pause()
        form.query_one("#field-title", Input).focus()
        await pilot.press(*"QBR con compras")
        form.query_one("#field-target", Input).value = "4"
        form.query_one("#field-due", Input).value = "31/03/2027"
        form.query_one(
            "#field-actions", TextArea
        ).text = "Proponer calendario @ next friday\nPreparar primer informe"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        [goal] = tab.table.rows
        assert (goal.title, goal.type, goal.target, goal.due_date) == (
            "QBR con compras",
            "new_method",
            4.0,
            "2027-03-31",
        )
        assert [(a.text, a.due_date) for a in goal.actions] == [
            ("Proponer calendario", "2026-11-20"),
            ("Preparar primer informe", None),
        ]
        # add an action item with a natural date
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActionFormScreen)
        await pilot.press(*"Llamar a Ana")
        app.screen.query_one("#action-due", Input).value = "tomorrow"
        await pilot.press("ctrl+s")
        await settle(pilot)
        texts = [a.text for a in tab.current.actions]
        assert "Llamar a Ana" in texts
        # x marks the highlighted action done; it feeds the follow-ups no more
        tab.actions_table.focus()
        await pilot.press("home", "x")  # soonest first: tomorrow's call
        await settle(pilot)
        done = [a for a in tab.current.actions if a.done_at]
        assert [a.text for a in done] == ["Llamar a Ana"]
        assert "Llamar a Ana" not in [a["text"] for a in goal_service.open_actions(store)]
        # m marks the goal itself done
        tab.table.focus()
        await pilot.press("m")
        await settle(pilot)
        assert tab.current.status == DONE


async def test_goal_form_errors_stay_on_the_form(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Errores S.A."))
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(110, 40)) as pilot:
        await open_tab(pilot, acc, "4")
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        form.query_one("#field-title", Input).value = "Sin objetivo"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "target: is required" in str(form.query_one("#goal-error", Static).render())
        form.query_one("#field-target", Input).value = "50"
        form.query_one("#field-due", Input).value = "el día del juicio"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "due date: cannot read" in str(form.query_one("#goal-error", Static).render())
        form.query_one("#field-due", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        row = store.one("SELECT type, target FROM goals WHERE account_id = ?", (acc,))
        assert (row["type"], row["target"]) == ("wallet_share", 0.5)  # "50" read as 50 %


async def test_edit_goal_records_progress_by_hand_and_hostile_title(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Hostil S.L."))
    gid = goal_service.create(
        store,
        acc,
        goal_type="new_method",
        title="[bold]x[/] \x1b]0;pwned\x07",
        target=4,
        due_date="2026-12-31",
        today=date(2026, 1, 1),
    )
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_tab(pilot, acc, "4")
        tab = screen.query_one(GoalsTab)
        text = screen_text(app)
        assert "[bold]x[/]" in text and "\x1b" not in text and "\x07" not in text
        assert tab.current.status == BEHIND
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, GoalFormScreen)
        form.query_one("#field-current", Input).value = "4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert goal_service.get(store, gid, TODAY).current == 4
        assert tab.current.status == DONE
