"""Pilot tests: the Map tab draws the map and edits it by keyboard (add,
edit, link, unlink, delete with undo, what-if leaving); one SVG snapshot."""

from __future__ import annotations

import html
import re
from datetime import date

from textual.widgets import Checkbox, Input, OptionList, Select, Static

from kamtui.domain.models import AccountInput, PersonInput
from kamtui.services import accounts
from kamtui.services import people as svc
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.tabs.map_canvas import MapCanvas
from kamtui.ui.screens.account.tabs.map_tab import MapTab
from kamtui.ui.screens.forms.link_form import LinkFormScreen, UnlinkScreen
from kamtui.ui.screens.forms.person_form import PersonFormScreen
from tests.conftest import settle
from tests.ui.helpers import open_tab

TODAY = date(2026, 11, 15)


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """The visible screen as lines of text, each cell where the terminal draws it
    (rebuilt from the app's SVG export, so a line's pieces stay together)."""
    svg = app.export_screenshot()
    rows: dict[int, dict[int, str]] = {}
    pattern = (
        r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
        r'clip-path="url\(#terminal-[^"]*?line-(\d+)\)">(.*?)</text>'
    )
    for m in re.finditer(pattern, svg, flags=re.S):
        col, line = round(float(m.group(1)) / 12.2), int(m.group(2))
        text = html.unescape(m.group(3)).replace("\xa0", " ")
        row = rows.setdefault(line, {})
        for i, ch in enumerate(text):
            row[col + i] = ch
    return "\n".join(
        "".join(r.get(c, " ") for c in range(max(r, default=-1) + 1)).rstrip()
        for _, r in sorted(rows.items())
    )


def _tab(screen) -> MapTab:  # type: ignore[no-untyped-def]
    return screen.query_one(MapTab)


async def _select(pilot, tab: MapTab, name: str) -> None:  # type: ignore[no-untyped-def]
    assert tab.amap is not None
    person = next(p for p in tab.amap.people if p.name == name)
    tab.query_one(MapCanvas).select(person.id)
    await pilot.pause()


async def test_demo_diamond_is_drawn_with_its_shape(demo_store: Store) -> None:
    munoz = accounts.resolve(demo_store, "Grupo Alimentario Muñoz").id
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_tab(pilot, munoz, "2")
        text = screen_text(app)
        assert "< >" in text and "DIAMOND" in text
        assert "no single point of failure" in text
        for name in ("Lucía Fernández", "Begoña Muñoz", "Rocío Prieto", "Sergio Navarro"):
            assert name in text
        assert "Executive" in text and "Quality" in text  # grouped by function
        assert any(ch in text for ch in "┌┐└┘├┤┬┴┼")  # lines for links
        canvas = screen.query_one(MapCanvas)
        assert canvas.has_focus
        # ours are drawn left of theirs
        lucia = next(line for line in text.splitlines() if "Lucía Fernández" in line)
        assert "Lucía" in lucia


async def test_bow_tie_marks_single_points_and_what_if(demo_store: Store) -> None:
    acc = accounts.resolve(demo_store, "Automoción Ibáñez").id
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_tab(pilot, acc, "2")
        tab = _tab(screen)
        text = screen_text(app)
        assert "> <" in text and "BOW-TIE" in text
        assert "only Jordi Puig ↔ Ramón Ibáñez are in contact" in text
        assert "! single point of failure" in text and "○ not in contact" in text  # legend
        ramon = next(line for line in text.splitlines() if "Ramón Ibáñez, Director" in line)
        assert "!" in ramon  # a symbol, not colour alone
        marker = store_marker = demo_store.change_marker()
        await _select(pilot, tab, "Ramón Ibáñez")
        await pilot.press("w")
        await settle(pilot)
        text = screen_text(app)
        assert "WHAT-IF" in text and "NONE" in text
        assert tab.amap is not None and tab.amap.analysis.shape == "none"
        assert demo_store.change_marker() == store_marker == marker  # nothing written
        await pilot.press("w")
        await settle(pilot)
        assert "WHAT-IF" not in screen_text(app)
        assert tab.amap.analysis.shape == "bow-tie"


async def test_add_person_with_inline_validation_then_link_unlink_undo(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Acme S.A."))
    ana = svc.create_person(store, acc, PersonInput(name="Ana Ruiz", side="ours"))
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_tab(pilot, acc, "2")
        tab = _tab(screen)
        assert tab.query_one(MapCanvas).selected == ana
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PersonFormScreen)
        assert form.query_one("#field-side", Select).value == "ours"  # the selected side
        await pilot.press(*"Luis Gómez")
        form.query_one("#field-side", Select).value = "theirs"
        form.query_one("#field-function", Select).value = "purchasing"
        form.query_one("#field-email", Input).value = "not-an-email"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # stays open with the error shown
        error = str(form.query_one("#error-email", Static).render())
        assert "not an e-mail address" in error
        form.query_one("#field-email", Input).value = "luis@acme.es"
        await pilot.pause()
        assert str(form.query_one("#error-email", Static).render()) == ""  # re-checked
        await pilot.press("ctrl+s")
        await settle(pilot)
        luis = svc.find_person(store, acc, "Luis Gómez")
        assert luis.side == "theirs" and luis.function == "purchasing"
        assert "Luis Gómez" in screen_text(app)

        # link Ana -> Luis with strength 4
        await _select(pilot, tab, "Ana Ruiz")
        await pilot.press("l")
        await settle(pilot)
        link_form = app.screen
        assert isinstance(link_form, LinkFormScreen)
        link_form.query_one("#link-strength", Select).value = 4
        await pilot.press("ctrl+s")
        await settle(pilot)
        (link,) = svc.links(store, acc, today=TODAY)
        assert (link.our_id, link.their_id, link.strength) == (ana, luis.id, 4)
        assert "BOW-TIE" in screen_text(app)

        # unlink (only one link: no picker) then undo
        await pilot.press("x")
        await settle(pilot)
        assert svc.links(store, acc, today=TODAY) == []
        assert "NONE" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert len(svc.links(store, acc, today=TODAY)) == 1


async def test_unlink_picker_edit_and_delete_with_undo(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Acme S.A."))
    ana = svc.create_person(store, acc, PersonInput(name="Ana", side="ours"))
    luis = svc.create_person(store, acc, PersonInput(name="Luis", side="theirs"))
    marta = svc.create_person(store, acc, PersonInput(name="Marta", side="theirs"))
    svc.link_people(store, ana, luis)
    svc.link_people(store, ana, marta)
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_tab(pilot, acc, "2")
        tab = _tab(screen)
        await _select(pilot, tab, "Ana")
        await pilot.press("x")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, UnlinkScreen)
        options = picker.query_one(OptionList)
        assert options.option_count == 2
        await pilot.press("down", "enter")
        await settle(pilot)
        left = svc.links(store, acc, today=TODAY)
        assert len(left) == 1

        # edit Luis's title
        await _select(pilot, tab, "Luis")
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PersonFormScreen)
        assert form.query_one("#field-name", Input).value == "Luis"
        form.query_one("#field-title", Input).value = "CPO"
        form.query_one("#field-verified", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert svc.get_person(store, luis).title == "CPO"
        assert svc.get_person(store, luis).verified_at == TODAY.isoformat()
        assert "checked 15/11/2026" in screen_text(app)

        # delete Luis to the trash, then undo
        await pilot.press("d")
        await settle(pilot)
        assert [p.name for p in svc.list_people(store, acc)] == ["Ana", "Marta"]
        await pilot.press("u")
        await settle(pilot)
        assert {p.name for p in svc.list_people(store, acc)} == {"Ana", "Luis", "Marta"}


async def test_hostile_names_are_drawn_literally(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Acme S.A."))
    a = svc.create_person(store, acc, PersonInput(name="[bold]Ana[/]", side="ours"))
    b = svc.create_person(
        store, acc, PersonInput(name="\x1b[31mLuis\x1b]0;pwned\x07", side="theirs")
    )
    svc.create_person(store, acc, PersonInput(name="[@click=app.quit]x[/]", side="theirs"))
    svc.link_people(store, a, b)
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_tab(pilot, acc, "2")
        text = screen_text(app)
        assert "[bold]Ana[/]" in text
        assert "[@click=app.quit]x[/]" in text
        assert "\x1b" not in text and "␛[31mLuis" in text
        assert app.is_running


async def test_fifteen_a_side_scrolls_at_80x24(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Big S.A."))
    functions = ["purchasing", "production", "quality", "finance", "executive"]
    ours = [
        svc.create_person(store, acc, PersonInput(name=f"Nuestro {i:02d}", side="ours"))
        for i in range(15)
    ]
    theirs = [
        svc.create_person(
            store,
            acc,
            PersonInput(name=f"Cliente {i:02d}", side="theirs", function=functions[i % 5]),
        )
        for i in range(15)
    ]
    for i in range(15):
        svc.link_people(store, ours[i], theirs[i])
        svc.link_people(store, ours[i], theirs[(i + 1) % 15])
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, acc, "2")
        canvas = screen.query_one(MapCanvas)
        assert canvas.virtual_size.height > canvas.size.height  # it scrolls
        assert canvas.virtual_size.width <= canvas.size.width  # fits the width
        assert "DIAMOND" in screen_text(app)
        await pilot.press("end")
        await settle(pilot)
        assert canvas.scroll_offset.y > 0
        assert canvas.selected == canvas.drawing.sides["ours"][-1]  # type: ignore[union-attr]
        assert "Nuestro 14" in screen_text(app)


def test_map_snapshot_diamond_100x30(snap_compare, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    munoz = accounts.resolve(demo_store, "Grupo Alimentario Muñoz").id
    app = KamApp(demo_store, today=TODAY)

    async def open_map(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_tab(pilot, munoz, "2")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=open_map)


async def test_map_follows_interactions_logged_elsewhere(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Acme S.A."))
    ana = svc.create_person(store, acc, PersonInput(name="Ana", side="ours"))
    luis = svc.create_person(store, acc, PersonInput(name="Luis", side="theirs"))
    svc.link_people(store, ana, luis)
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_tab(pilot, acc, "2")
        assert "no interactions yet" in screen_text(app)
        with store.write() as conn:
            cur = conn.execute(
                "INSERT INTO interactions (account_id, occurred_at, channel, level, kind,"
                " summary, created_at) VALUES (?, '2026-11-10T10:00', 'phone', 'strategic',"
                " 'call', 'x', '2026-11-10')",
                (acc,),
            )
            conn.executemany(
                "INSERT INTO interaction_participants VALUES (?, ?)",
                [(cur.lastrowid, ana), (cur.lastrowid, luis)],
            )
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert "last contact 10/11/2026" in screen_text(app)
