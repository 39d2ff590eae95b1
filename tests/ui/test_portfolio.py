"""Pilot tests: the portfolio screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, Static

from kamtui.domain.models import AccountInput
from kamtui.domain.records import PortfolioRow
from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.textsafe import fold
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.forms.account_form import AccountFormScreen
from kamtui.ui.screens.help import HelpScreen
from kamtui.ui.screens.portfolio.screen import PortfolioScreen
from tests.conftest import screen_text, settle, wait_for, wait_for_health

TODAY = date(2026, 11, 15)
HOSTILE = "[bold]x[/] Ltd"


@pytest.fixture
def filled(store: Store) -> Store:
    for name, tier, owner in [
        ("Conservas Peña S.A.", "A", "Lucía Fernández"),
        ("Northwind Logistics Ltd", "B", "Tom Baker"),
        ("Industrias Ibáñez", "A", "Jordi Puig"),
        (HOSTILE, "C", "[link=http://evil]me[/link]"),
        ("Tinted \x1b[31mRed\x1b]0;pwned\x07", "C", "Tom Baker"),
    ]:
        accounts.create(store, AccountInput(name=name, tier=tier, owner=owner))
    return store


async def loaded(pilot) -> PortfolioScreen:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    assert isinstance(screen, PortfolioScreen)
    # names first, then revenue, contact and trends
    await wait_for(pilot, lambda: screen.figures_loaded)
    return screen


async def test_filter_open_and_back(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert len(screen.table.rows) == 5
        await pilot.press("f", *"iba")  # accent-insensitive: finds Ibáñez
        await pilot.pause()
        assert [r.name for r in screen.table.rows] == ["Industrias Ibáñez"]
        assert "1 of 5 accounts" in str(app.screen.query_one("#portfolio-status", Static).render())
        await pilot.press("enter")  # leaves the filter for the table
        await pilot.press("enter")  # opens the account
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        assert app.screen.account.name == "Industrias Ibáñez"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)


async def test_filter_by_owner_and_clear(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("f", *"tom")
        await pilot.pause()
        assert {r.name for r in screen.table.rows} == {
            "Northwind Logistics Ltd",
            "Tinted \x1b[31mRed\x1b]0;pwned\x07",
        }
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#portfolio-filter", Input).value == ""
        assert len(screen.table.rows) == 5


async def test_sort_by_column(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert screen.table.sort_column == "health"  # the morning review's order
        screen.table.sort_by("name")
        names = [r.name for r in screen.table.rows]
        assert names == sorted(names, key=fold)  # by name, accent- and case-folded
        assert names.index("Industrias Ibáñez") < names.index("Northwind Logistics Ltd")
        screen.table.sort_by("complaints")
        notes: list[str] = []
        screen.notify = lambda message, **_: notes.append(str(message))  # type: ignore[method-assign]
        # s reaches every column, hidden ones too: Tier gives way below 104 cells
        await pilot.press("s")
        assert screen.table.sort_column == "tier"
        assert notes[-1] == "Sorted by Tier (hidden at this width)"
        await pilot.press("s")
        assert screen.table.sort_column == "owner"
        assert notes[-1] == "Sorted by Owner"
        screen.table.sort_by("tier")
        assert [r.tier for r in screen.table.rows] == ["A", "A", "B", "C", "C"]
        await pilot.press("r")
        assert [r.tier for r in screen.table.rows] == ["C", "C", "B", "A", "A"]


async def test_markup_and_escapes_shown_literally(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(pilot)
        svg = app.export_screenshot()
        assert "[bold]x[/]" in svg.replace("&#160;", " ")
        assert "\x1b" not in svg and "pwned\x07" not in svg
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        screen.table.sort_by("name")
        hostile = next(i for i, r in enumerate(screen.table.rows) if r.name == HOSTILE)
        screen.table.move_cursor(hostile)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        header = str(app.screen.query_one("#account-identity", Static).render())
        assert "[bold]x[/] Ltd" in header
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AccountFormScreen)
        assert form.query_one("#field-name", Input).value == HOSTILE
        assert form.query_one("#field-owner", Input).value == "[link=http://evil]me[/link]"


async def test_create_with_validation_error_then_fix(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AccountFormScreen)
        form.query_one("#field-email", Input).value = "not-an-email"
        form.query_one("#field-cadence_days", Input).value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # not saved
        assert "a name is required" in str(form.query_one("#error-name", Static).render())
        assert "e-mail" in str(form.query_one("#error-email", Static).render())
        assert "greater than or equal to 1" in str(
            form.query_one("#error-cadence_days", Static).render()
        )
        form.query_one("#field-name", Input).value = "Grupo Alimentario Muñoz"
        form.query_one("#field-email", Input).value = "compras@munoz.es"
        form.query_one("#field-cadence_days", Input).value = "45"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(screen.all_rows) == 6)
        assert isinstance(app.screen, PortfolioScreen)
        assert screen.table.current_row is not None
        assert screen.table.current_row.name == "Grupo Alimentario Muñoz"
        created = accounts.resolve(filled, "munoz")
        assert created.email == "compras@munoz.es" and created.cadence_days == 45


async def test_cancel_form_keeps_nothing(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = "Never saved"
        await pilot.press("escape", "escape")  # the second escape confirms the discard
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)
    assert len(accounts.names(filled)) == 5


async def test_delete_and_undo(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        first = screen.table.current_row
        assert first is not None
        await pilot.press("d")
        await pilot.pause()
        assert first.id not in [r.id for r in screen.table.rows]
        assert len(accounts.names(filled)) == 4
        await pilot.press("u")
        await wait_for(pilot, lambda: len(screen.table.rows) == 5)
        assert first.id in [r.id for r in screen.table.rows]
        assert screen.table.current_row is not None and screen.table.current_row.id == first.id


async def test_help_lists_screen_keys_and_quit(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        actions = {description for _, description, _ in app.screen.rows}
        assert {"Filter", "New", "Edit", "Delete", "Sort", "Quit", "Help"} <= actions
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 or app.return_code is None
    assert not app.is_running


async def test_typing_q_in_filter_does_not_quit(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("f", "q")
        await pilot.pause()
        assert app.is_running
        assert screen.query_one("#portfolio-filter", Input).value == "q"


async def test_command_palette_jumps_to_account(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await settle(pilot)
        await pilot.press(*"northwind")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        assert app.screen.account.name == "Northwind Logistics Ltd"


async def test_small_terminal_shows_table_and_footer(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        svg = app.export_screenshot()
        for word in ("Account", "Revenue", "Conservas", "Filter"):
            assert word in svg


async def test_trash_restores_an_account_deleted_earlier(filled: Store) -> None:
    gone = accounts.resolve(filled, "northwind")
    accounts.delete(filled, gone.id)  # deleted in an earlier session
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert gone.id not in [r.id for r in screen.table.rows]
        await pilot.press("t")
        await pilot.pause()
        from kamtui.ui.screens.trash import TrashScreen

        assert isinstance(app.screen, TrashScreen)
        await wait_for(pilot, lambda: app.screen.loaded)  # read in a worker
        await pilot.press("enter")
        await wait_for(pilot, lambda: gone.id in [r.id for r in screen.table.rows])
        assert isinstance(app.screen, PortfolioScreen)
        assert screen.table.current_row is not None and screen.table.current_row.id == gone.id
    assert accounts.trash(filled) == []


async def test_unsaved_form_is_not_lost_by_quit_or_one_escape(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AccountFormScreen)
        await pilot.press(*"Half typed")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and app.screen is form
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form  # first escape only warns
        assert form.query_one("#field-name", Input).value == "Half typed"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)


async def test_errors_clear_as_the_user_fixes_them(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "required" in str(form.query_one("#error-name", Static).render())
        await pilot.press(*"Acme")
        await pilot.pause()
        assert str(form.query_one("#error-name", Static).render()) == ""


async def test_names_first_then_figures_and_fresh_health(demo_store: Store) -> None:
    """The first paint has the accounts with their stored scores, sorted weakest
    first; revenue, last contact, complaints and trends fill in after, then
    fresh health: the end state is what portfolio() and health say."""
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await wait_for_health(pilot, screen)
        assert screen.figures_loaded and screen.health
        expected = {r.id: r for r in accounts.portfolio(demo_store, TODAY)}
        shown = screen.table.rows
        assert {r.id for r in shown} == set(expected)
        for r in shown:
            e = expected[r.id]
            assert (r.revenue_12m, r.last_contact, r.open_complaints) == (
                e.revenue_12m,
                e.last_contact,
                e.open_complaints,
            )
            assert r.score == screen.health[r.id].score and r.trend[-1] == r.score
        scores = [r.score for r in shown]
        assert scores == sorted(scores)  # weakest first, as before


async def test_sorted_by_revenue_while_figures_arrive(filled: Store) -> None:
    """Sorting by a column whose values come with the figures keeps that
    order once they land."""
    for i, name in enumerate(("Conservas", "Northwind", "Ibáñez")):
        account = accounts.resolve(filled, name)
        with filled.write() as conn:
            conn.execute(
                "INSERT INTO transactions (account_id, date, amount, category, document)"
                " VALUES (?, '2026-10-01', ?, 'misc', ?)",
                (account.id, 1000.0 * (i + 1), f"t{i}"),
            )
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        screen.table.sort_by("revenue")  # before the figures are in
        await wait_for_health(pilot, screen)
        revenue = [r.revenue_12m for r in screen.table.rows]
        assert revenue[:3] == [3000.0, 2000.0, 1000.0]  # largest first
        assert revenue == sorted(revenue, reverse=True)


async def test_back_from_an_account_reloads_only_after_a_change(demo_store: Store) -> None:
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await wait_for_health(pilot, screen)
        row = screen.table.current_row
        assert row is not None
        generation, rows = screen._generation, screen.all_rows
        # Looking at an account changes nothing: the same rows, no reload.
        app.open_account(row.id)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
        assert screen._generation == generation and screen.all_rows is rows
        # A change made meanwhile (here: the account renamed) shows on return.
        app.open_account(row.id)
        await settle(pilot)
        data = accounts.get(demo_store, row.id).model_dump(include=set(AccountInput.model_fields))
        accounts.update(demo_store, row.id, AccountInput(**{**data, "name": "Renamed S.L."}))
        await pilot.press("escape")
        await wait_for(pilot, lambda: any(r.name == "Renamed S.L." for r in screen.all_rows))
        # Only that account's row was read again (no reload of every row).
        assert screen._generation == generation
        renamed = next(r for r in screen.all_rows if r.id == row.id)
        assert renamed.name == "Renamed S.L." and renamed.fresh
        assert screen.table.current_row is not None and screen.table.current_row.id == row.id
        await pilot.press("f", *"renamed")
        await pilot.pause()
        assert [r.id for r in screen.table.rows] == [row.id]  # the filter knows the new name


async def test_late_results_never_bring_back_a_deleted_account(filled: Store) -> None:
    """Figures or health computed before a delete must not resurrect the row,
    and results of an older load are dropped."""
    from kamtui.ui.screens.portfolio.screen import Batch

    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        before = list(screen.all_rows)
        victim = screen.table.current_row
        assert victim is not None
        await pilot.press("d")
        await pilot.pause()
        late = Batch(screen._generation, before, screen._haystack, screen.table.sort_state)
        screen._show(late, fresh_rows=False)
        assert victim.id not in [r.id for r in screen.all_rows]
        assert victim.id not in [r.id for r in screen.table.rows]
        assert len(screen.all_rows) == 4
        stale = Batch(screen._generation - 1, before, screen._haystack, screen.table.sort_state)
        screen._on_result("portfolio-load", stale)
        assert len(screen.all_rows) == 4


async def test_bad_config_still_warns_after_the_portfolio_shows(
    filled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The settings file is read after the first paint, but a broken one still
    says so (and the defaults are used)."""
    bad = tmp_path / "bad.toml"
    bad.write_text("[health]\nwatch_min = 90\nhealthy_min = 50\n", encoding="utf-8")
    monkeypatch.setenv("KAMTUI_CONFIG", str(bad))
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: app._notifications)
        messages = [n.message for n in app._notifications]
        assert any("using defaults" in m and "bad.toml" in m for m in messages)
        assert app.config.health.watch_min == 50  # the defaults


async def test_rows_read_before_the_app_started_are_the_first_paint(filled: Store) -> None:
    """`kamtui` reads the accounts while Textual loads: the screen shows them
    on mount (sorted, no worker round trip), then fills the figures."""
    from concurrent.futures import Future

    first: Future[tuple[tuple[int, int], list[PortfolioRow]]] = Future()
    first.set_result((filled.change_marker(), accounts.portfolio_accounts(filled)))
    app = KamApp(filled, today=TODAY, first_portfolio=first)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        assert len(screen.table.rows) == 5  # on mount, before any worker ran
        assert app.first_portfolio is None  # taken once
        await loaded(pilot)
        assert screen.figures_loaded
        await pilot.press("f", *"iba")
        await pilot.pause()
        assert [r.name for r in screen.table.rows] == ["Industrias Ibáñez"]


async def test_a_failed_early_read_is_read_again(filled: Store) -> None:
    from concurrent.futures import Future

    first: Future[tuple[tuple[int, int], list[PortfolioRow]]] = Future()
    first.set_exception(RuntimeError("database is locked"))
    app = KamApp(filled, today=TODAY, first_portfolio=first)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert len(screen.all_rows) == 5
        assert not app._notifications  # nothing to report: the screen read them itself


def test_kamtui_reads_the_portfolio_while_the_app_loads(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamtui.cli.main import main

    seen: list[KamApp] = []
    monkeypatch.setattr(KamApp, "run", lambda self: seen.append(self))
    assert main(["--db", str(filled.path)]) == 0
    (app,) = seen
    assert app.first_portfolio is not None
    _marker, rows = app.first_portfolio.result(timeout=10)
    assert sorted(r.name for r in rows) == sorted(n for _i, n in accounts.names(filled))


async def test_long_lived_objects_are_frozen_once_loaded_and_released_on_exit(
    demo_store: Store,
) -> None:
    """After the first paint and again when health lands, what lives for the
    session leaves the garbage collector's full passes (they took 100-250 ms
    on a 10,000-account portfolio); leaving the app gives it back."""
    import gc

    gc.unfreeze()
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await wait_for_health(pilot, screen)
        assert screen.health
        assert gc.isenabled() and gc.get_freeze_count() > 0
        row = next(r for r in screen.all_rows)
        assert gc.is_tracked(row) and row not in gc.get_objects()  # frozen: not scanned
    assert gc.get_freeze_count() == 0


def test_collector_paused_only_while_the_app_starts(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from kamtui.cli.main import main

    states: list[bool] = []
    monkeypatch.setattr(KamApp, "run", lambda self: states.append(gc.isenabled()))
    assert main(["--db", str(filled.path)]) == 0
    assert states == [False]  # paused during start-up (the app resumes it once painted)
    assert gc.isenabled()  # and never left off


async def test_key_bar_dims_keys_that_do_nothing_and_a_click_on_one_only_rings(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No account yet: Edit and Delete stay on the bar, dimmed; clicking one
    rings the bell and opens nothing."""
    from kamtui.ui.widgets.keybar import KeyBar

    app = KamApp(store, today=TODAY)
    rings: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        await settle(pilot)
        bar = screen.query_one(KeyBar)
        enabled = {k.description: k.enabled for k in bar.keys}
        assert enabled["Edit"] is False and enabled["Delete"] is False
        assert enabled["New"] is True
        line = bar.render()
        edit_at = line.plain.index(" e Edit")
        assert line.get_style_at_offset(app.console, edit_at + 1).dim
        assert not line.get_style_at_offset(app.console, line.plain.index(" n New") + 1).dim
        assert await pilot.click(KeyBar, offset=(edit_at + 2, 0))
        await settle(pilot)
        assert rings == [1]
        assert app.screen is screen  # no form opened


async def test_key_bar_follows_the_bindings_and_its_keys_can_be_clicked(filled: Store) -> None:
    """The bottom line shows the keys that work now: typing in the filter
    hides the letter keys, something to undo shows Undo; a click on a key
    presses it; hovering shows what it does."""
    from kamtui.ui.widgets.keybar import KeyBar

    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        await settle(pilot)
        bar = screen.query_one(KeyBar)

        def shown() -> set[str]:
            return {k.description for k in bar.keys}

        assert {"Filter", "New", "Edit", "Delete", "Sort", "Quit"} <= shown()
        assert "Undo" not in shown()
        await pilot.press("f")  # typing in the filter: the letter keys give way
        await settle(pilot)
        assert "Filter" not in shown() and "New" not in shown()
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")  # something to undo: the Undo key shows
        await settle(pilot)
        assert {"Filter", "Undo"} <= shown()
        # A click on "Filter" focuses the filter, as pressing f does.
        await settle(pilot)
        line = bar.render().plain
        x = line.index(" f Filter") + 2
        assert await pilot.click(KeyBar, offset=(x, 0))
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "portfolio-filter"
        await pilot.press("escape")
        await pilot.hover(KeyBar, offset=(line.index(" s Sort") + 4, 0))
        await settle(pilot)
        assert bar.tooltip and "sort" in str(bar.tooltip).lower()


async def test_cursor_moves_redraw_the_same_picture(filled: Store) -> None:
    """Moving the cursor repaints only the two rows involved: the screen must
    look exactly as if it had been drawn whole."""
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        await settle(pilot)
        await pilot.press("down", "down", "up")
        await settle(pilot)
        assert screen.table.cursor_row == 1
        moved = app.export_screenshot()
        screen.table.refresh()  # everything redrawn
        await settle(pilot)
        assert app.export_screenshot() == moved


async def test_filtering_draws_the_same_picture_as_a_full_redraw(store: Store) -> None:
    """The filter repaints the rows and the scrollbar in the frame of the
    keystroke (without a layout of its own): what shows must be what a full
    layout and redraw would show, as the rows shrink and grow back."""
    for group in ("Norte", "Sur"):
        for i in range(40):
            accounts.create(store, AccountInput(name=f"Cuenta {group} {i:02d}", tier="B"))
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        await settle(pilot)
        await pilot.press("f")
        steps = (("cuenta", 80), (" norte", 40), (" 1", 13), ("\b\b", 40), ("\b" * 6, 80))
        for text, count in steps:
            for ch in text:
                await pilot.press("backspace" if ch == "\b" else "space" if ch == " " else ch)
            await settle(pilot)
            table = screen.table
            assert len(table.rows) == count
            # The scrollbar is there when the rows (and header) overflow, sized for them.
            overflow = count + 1 > table.container_size.height
            assert table.show_vertical_scrollbar == overflow
            if overflow:
                assert table.vertical_scrollbar.window_virtual_size == count + 1
            typed = app.export_screenshot()
            screen.refresh(layout=True)
            screen.table.refresh(layout=True)
            await settle(pilot)
            assert app.export_screenshot() == typed, f"after {text!r}"


async def test_table_follows_a_theme_change(filled: Store) -> None:
    """The table keeps its style between lines of one repaint, never across a
    style change."""
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        await settle(pilot)
        dark = screen.table.render_line(3)
        app.theme = "textual-light"
        await settle(pilot)
        light = screen.table.render_line(3)
        assert dark.text == light.text
        assert [s.style for s in dark] != [s.style for s in light]


async def test_help_explains_the_symbols_of_the_portfolio(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(100, 60)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await settle(pilot)
        text = screen_text(app)
        for symbol, meaning in (
            ("⚑", "needs revitalisation"),
            ("≠", "perception gap"),
            ("> <", "bow-tie"),
            ("< >", "diamond"),
            ("no data yet", "too few health components"),
        ):
            assert symbol in text and meaning in text


async def test_sort_reaches_the_columns_hidden_at_80(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        shown = {c.key for c in screen.table.shown}
        assert not {"wallet", "tier", "owner"} & shown
        notes: list[str] = []
        screen.notify = lambda message, **_: notes.append(str(message))  # type: ignore[method-assign]
        screen.table.sort_by("tier")
        await pilot.press("s")
        assert screen.table.sort_column == "owner"
        assert notes == ["Sorted by Owner (hidden at this width)"]
        owners = [(r.owner or "~").casefold() for r in screen.table.rows]
        assert owners == sorted(owners)


async def test_the_portfolio_says_what_its_symbols_mean(filled: Store) -> None:
    app = KamApp(filled, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await settle(pilot)
        text = screen_text(app)
        assert "⚑ revitalise" in text and "≠ gap" in text and "> < bow-tie" in text
