"""Pilot tests: the account screen builds only the tab it opens on; every other
tab is built, loaded and focused the first time it is shown (80x24)."""

from __future__ import annotations

import pytest
from textual.widgets import Static, TabbedContent

from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.account.tabs.base import AccountTab
from kamtui.ui.screens.account.tabs.goals_tab import GoalsTab
from kamtui.ui.screens.account.tabs.interactions_tab import InteractionsTab
from kamtui.ui.screens.account.tabs.map_canvas import MapCanvas
from kamtui.ui.screens.account.tabs.map_tab import MapTab
from kamtui.ui.screens.account.tabs.overview import OverviewTab
from kamtui.ui.screens.account.tabs.transactions_tab import TransactionsTab
from kamtui.ui.widgets.keybar import KeyBar
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for


def footer_keys(screen) -> list[str]:  # type: ignore[no-untyped-def]
    return [k.description for k in screen.query_one(KeyBar).keys]


def expected_keys(screen) -> list[str]:  # type: ignore[no-untyped-def]
    """What Textual's own Footer shows for the screen's active bindings."""
    out: list[str] = []
    seen: set[str] = set()
    for b in screen.active_bindings.values():
        if b.binding.show and b.binding.action not in seen:
            seen.add(b.binding.action)
            out.append(b.binding.description)
    return out


def focused_in(app, tab: AccountTab) -> bool:  # type: ignore[no-untyped-def]
    return app.focused is not None and tab in app.focused.ancestors


async def test_each_tab_shows_its_content_when_first_switched_to(demo_store: Store) -> None:
    account = accounts.resolve(demo_store, "Grupo Alimentario Muñoz")
    aid = account.id
    people = [
        r[0]
        for r in demo_store.query(
            "SELECT name FROM people WHERE account_id = ? AND deleted_at IS NULL", (aid,)
        )
    ]
    n_orders = demo_store.one("SELECT COUNT(*) FROM transactions WHERE account_id = ?", (aid,))[0]
    n_goals = demo_store.one(
        "SELECT COUNT(*) FROM goals WHERE account_id = ? AND deleted_at IS NULL", (aid,)
    )[0]
    assert people and n_orders and n_goals
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_account(aid)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AccountScreen)
        # the identity is read in a worker and shown
        await wait_for(pilot, lambda: screen.account is not None)
        identity = str(screen.query_one("#account-identity", Static).render())
        assert account.name in identity
        # Overview is built and loaded; the other tabs are still empty shells
        overview = screen.query_one(OverviewTab)
        await wait_for(pilot, lambda: "Relationship health" in screen_text(app))
        assert overview.built and overview.children
        later = [MapTab, InteractionsTab, GoalsTab, TransactionsTab]
        for cls in later:
            tab = screen.query_one(cls)
            assert not tab.built and not tab.children

        # 2 Map: the people are drawn and the keyboard is on the map
        await pilot.press("2")
        await settle(pilot)
        tab = screen.query_one(MapTab)
        assert tab.built and tab.amap is not None
        assert {p.name for p in tab.amap.people} == set(people)
        assert isinstance(app.focused, MapCanvas)
        assert "Add person" in footer_keys(screen)
        assert footer_keys(screen) == expected_keys(screen)
        text = screen_text(app)
        assert "Loading the map" not in text
        assert any(name in text for name in people)

        # 3 Interactions: the timeline with this account's records, focused
        await pilot.press("3")
        await settle(pilot)
        tab = screen.query_one(InteractionsTab)
        assert tab.data is not None and tab.table.rows
        assert focused_in(app, tab)
        newest = tab.table.rows[0]
        assert newest.title[:12] in screen_text(app)

        # 4 Goals: the account's goals, focused, the first one's details shown
        await pilot.press("4")
        await settle(pilot)
        tab = screen.query_one(GoalsTab)
        assert tab.loaded is not None and len(tab.table.rows) == n_goals
        assert focused_in(app, tab)
        assert tab.table.rows[0].title[:12] in screen_text(app)

        # 5 Transactions: every order, focused, the figures and the status line
        await pilot.press("5")
        await settle(pilot)
        tab = screen.query_one(TransactionsTab)
        assert tab.loaded is not None and len(tab.table.rows) == n_orders
        assert focused_in(app, tab)
        assert f"{n_orders:,} orders" in screen_text(app)
        assert "Import" in footer_keys(screen) and "Add person" not in footer_keys(screen)
        assert footer_keys(screen) == expected_keys(screen)

        # back to 1: the overview is still there, and each tab was built once
        await pilot.press("1")
        await settle(pilot)
        assert "Relationship health" in screen_text(app)
        for cls in [OverviewTab, *later]:
            assert screen.query_one(cls).built

        # switching between built tabs lands on the tab asked for, its content
        # focused (the pane left behind never takes the focus back)
        tabbed = screen.query_one(TabbedContent)
        for key, pane, cls in [
            ("4", "goals", GoalsTab),
            ("5", "transactions", TransactionsTab),
            ("3", "interactions", InteractionsTab),
            ("5", "transactions", TransactionsTab),
            ("2", "map", MapTab),
            ("4", "goals", GoalsTab),
        ]:
            await pilot.press(key)
            await settle(pilot)
            assert tabbed.active == pane
            assert focused_in(app, screen.query_one(cls))


async def test_tab_keys_work_on_a_tab_built_just_now(demo_store: Store) -> None:
    """The first key after switching reaches the new tab (here: the
    Transactions filter), so a lazily built tab is usable at once."""
    aid = accounts.resolve(demo_store, "Conservas Peña").id
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_account(aid)
        await settle(pilot)
        await pilot.press("5", "slash", *"lubricacion")
        await settle(pilot)
        tab = app.screen.query_one(TransactionsTab)
        assert tab.table.rows
        assert {t.category for t in tab.table.rows} == {"Lubricación"}


async def test_account_gone_closes_the_screen(demo_store: Store) -> None:
    aid = accounts.resolve(demo_store, "Conservas Peña").id
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        accounts.delete(demo_store, aid)
        app.open_account(aid)
        await settle(pilot)
        assert not isinstance(app.screen, AccountScreen)


async def test_key_bar_follows_the_tab_shown(demo_store: Store) -> None:
    aid = accounts.resolve(demo_store, "Conservas Peña").id
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_account(aid)
        await settle(pilot)
        screen = app.screen
        assert footer_keys(screen) == expected_keys(screen)
        assert "Add person" not in footer_keys(screen)
        await pilot.press("2")  # the map's keys join the bar
        await settle(pilot)
        assert "Add person" in footer_keys(screen)
        assert footer_keys(screen) == expected_keys(screen)
        bar = screen.query_one(KeyBar)
        # Whole keys only at 80 columns, as many as fit, Help always among
        # them (issue 14), the palette key last.
        assert bar.drawn[-1] == bar.palette_key
        shown = [k.description for k in bar.drawn[:-1]]
        assert "Help" in shown
        others = [d for d in shown if d != "Help"]
        assert others == [d for d in footer_keys(screen) if d != "Help"][: len(others)]
        line = bar.render().plain
        assert len(line) == 80 and line.rstrip().endswith("^p Jump")
        for description in shown:
            assert f" {description} " in line


async def test_health_chart_is_not_drawn_empty_while_the_account_loads(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from textual_plotext import PlotextPlot

    release = threading.Event()
    real = OverviewTab.fetch

    fetching = threading.Event()

    def slow(self: OverviewTab):  # type: ignore[no-untyped-def]
        fetching.set()
        release.wait(5)
        return real(self)

    monkeypatch.setattr(OverviewTab, "fetch", slow)
    aid = accounts.resolve(demo_store, "Conservas Peña").id
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_account(aid)
        await wait_for(pilot, fetching.is_set)  # the overview is being read
        chart = app.screen.query_one("#health-chart", PlotextPlot)
        assert not chart.visible  # no empty axes while loading
        release.set()
        await settle(pilot)
        assert chart.visible


async def test_health_chart_legend_is_text_outside_the_plot(demo_store: Store) -> None:
    """Issue 14: plotext drew its legend over the lines; the names are now a
    line of text under the chart."""
    from textual_plotext import PlotextPlot

    aid = accounts.resolve(demo_store, "Conservas Peña").id
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_account(aid)
        await settle(pilot)
        plot = app.screen.query_one("#health-chart", PlotextPlot).render().plain
        assert "score" not in plot and "⢕⢕" not in plot
        legend = app.screen.query_one("#health-legend", Static).render()
        assert str(legend).strip().startswith("━━ score")


async def test_numbers_never_wrap_at_80x24(demo_store: Store) -> None:
    """Issue 14: "(33" ended one line and "%, target…" began the next; a
    number and its unit or thousands stay on one line."""
    import itertools
    import re

    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        for name in ("Conservas Peña", "Northwind"):
            await settle(pilot)
            app.open_account(accounts.resolve(demo_store, name).id)
            await settle(pilot)
            lines = [ln for ln in screen_text(app).split("\n") if ln.strip()]
            for above, below in itertools.pairwise(lines):
                broken = re.search(r"\d[ \u202f]*$", above) and re.match(
                    r"^[ \u202f]*(\d{3}\b|€|%)", below
                )
                assert not broken, (name, above[-30:], below[:30])
            await pilot.press("escape")


def test_whole_numbers_keeps_groups_and_units_together() -> None:
    from kamtui.ui.safe import KEEP_TOGETHER as K
    from kamtui.ui.safe import text, whole_numbers

    assert whole_numbers("344\u202f000 € (33 %) in 180 d, 5 of 15") == (
        f"344{K}000{K}€ (33{K}%) in 180 d, 5 of 15"
    )
    assert text("1\u202f362 €").plain == f"1{K}362{K}€"
