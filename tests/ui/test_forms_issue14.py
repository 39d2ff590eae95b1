"""Issue 14, forms and dialogs: a checkbox's state reads without colour, a
dialog's list has its first row highlighted on open, `x` on the Goals tab
acts on the action the user chose."""

from __future__ import annotations

from kamtui.domain.models import AccountInput
from kamtui.services import accounts, people
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.tabs.goals_tab import GoalsTab
from kamtui.ui.screens.forms.link_form import LinkFormScreen, UnlinkScreen
from kamtui.ui.screens.forms.person_form import PersonFormScreen
from kamtui.ui.widgets.tickbox import TickBox
from tests.conftest import DEMO_TODAY, settle
from tests.ui.forms_at import ACCOUNT
from tests.ui.helpers import open_tab


async def test_checkbox_state_reads_without_colour(store: Store) -> None:
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        form = PersonFormScreen(None, side="theirs", today=DEMO_TODAY)
        app.push_screen(form)
        await settle(pilot)
        box = form.query_one("#field-verified", TickBox)
        line = box.render().plain  # what the terminal shows, without colours
        assert line.startswith("▐ ▌") and "checked today" in line, line
        box.value = True
        await settle(pilot)
        assert box.render().plain.startswith("▐✔▌"), box.render().plain


async def test_unlink_dialog_highlights_the_first_link(store: Store) -> None:
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        chosen: list[int | None] = []
        app.push_screen(UnlinkScreen("Ana", [(7, "Luis"), (9, "Eva")]), chosen.append)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert chosen == [7]


async def test_link_dialog_links_the_highlighted_person(demo_store: Store) -> None:
    account = accounts.resolve(demo_store, ACCOUNT)
    crowd = people.list_people(demo_store, account.id)
    ours = next(p for p in crowd if p.side == "ours")
    theirs = [p for p in crowd if p.side == "theirs"]
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        chosen: list[tuple[int, int] | None] = []
        app.push_screen(LinkFormScreen(ours, theirs, {}), chosen.append)
        await settle(pilot)
        await pilot.press("down", "ctrl+s")
        await settle(pilot)
        assert chosen == [(theirs[1].id, 3)]


async def test_x_on_goals_tab_lets_the_user_choose_the_action(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Metales Úbeda S.L."))
    app = KamApp(store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_tab(pilot, acc, "4")
        tab = screen.query_one(GoalsTab)
        await pilot.press("n")
        await settle(pilot)
        from textual.widgets import Input, Select, TextArea

        form = app.screen
        form.query_one("#field-type", Select).value = "new_method"
        await pilot.pause()
        form.query_one("#field-title", Input).value = "QBR con compras"
        form.query_one("#field-target", Input).value = "4"
        form.query_one("#field-due", Input).value = "31/03/2027"
        form.query_one("#field-actions", TextArea).text = "Primera\nSegunda"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        tab.table.focus()
        await pilot.press("x")  # the goals table has the focus: nothing marked yet
        await settle(pilot)
        assert tab.actions_table.has_focus
        assert not [a for a in tab.current.actions if a.done_at]
        await pilot.press("down", "x")
        await settle(pilot)
        done = [a.text for a in tab.current.actions if a.done_at]
        assert done == [tab.current.actions[1].text]


async def test_log_form_people_list_has_its_first_row_highlighted(demo_store: Store) -> None:
    """Space ticks the first person as soon as the list has the focus, with
    no first ↓ to make a highlight appear."""
    from textual.widgets import SelectionList

    from tests.ui.forms_at import build_forms

    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        form = build_forms(demo_store)["log"]()
        app.push_screen(form)
        await settle(pilot)
        plist = form.query_one("#log-people", SelectionList)
        plist.focus()
        await settle(pilot)
        assert plist.highlighted == 0
        await pilot.press("space")
        await settle(pilot)
        assert plist.selected == [plist.get_option_at_index(0).value]


async def test_select_menus_leave_the_key_bar_row_free_at_80x24(demo_store: Store) -> None:
    """Issue 14: a Select's menu low in a form was pushed up only as far as
    the screen's last row, covering the key bar there."""
    from textual.widgets import Select

    from tests.ui.forms_at import build_forms

    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        form = build_forms(demo_store)["person"]()
        app.push_screen(form)
        await settle(pilot)
        for select in form.query(Select):
            select.focus()
            await settle(pilot, 1)
            await pilot.press("enter")
            await settle(pilot, 1)
            menu = select.query_one("SelectOverlay")
            assert menu.region.height > 0 and menu.region.bottom <= 23, (select.id, menu.region)
            await pilot.press("escape")
            await settle(pilot, 1)
