"""`b` on the account screen: the brief, readable at 80×24 and scrollable,
saved to Markdown or HTML with `m` / `h` (the status line says where)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.brief.screen import BriefScreen
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for
from tests.hostile import FORBIDDEN, make_evil


async def _open_brief(pilot, aid: int) -> BriefScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    await settle(pilot)
    app.open_account(aid)
    await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen) and app.screen.account)
    await pilot.press("b")
    await wait_for(pilot, lambda: isinstance(app.screen, BriefScreen) and app.screen.brief)
    await pilot.pause(0.1)
    screen = app.screen
    assert isinstance(screen, BriefScreen)
    return screen


def test_the_account_screen_binds_b_with_an_id_and_a_description() -> None:
    binding = next(b for b in AccountScreen.BINDINGS if getattr(b, "id", None) == "account.brief")
    assert binding.key == "b" and binding.description == "Brief" and binding.tooltip  # type: ignore[union-attr]
    ids = {getattr(b, "id", None) for b in BriefScreen.BINDINGS}
    assert {"brief.back", "brief.export_md", "brief.export_html"} <= ids


async def test_brief_reads_at_80x24_and_scrolls(demo_store: Store) -> None:
    aid = accounts.resolve(demo_store, "Northwind").id
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_brief(pilot, aid)
        shown = screen_text(app)
        assert "Northwind Logistics Ltd" in shown and "Health" in shown
        assert "Save .md" in shown and "Save .html" in shown
        scroll = screen.query_one("#brief-scroll")
        assert scroll.max_scroll_y > 0  # longer than the screen: it scrolls
        await pilot.press("end")
        await pilot.pause(0.1)
        assert "Not bought yet" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))


@pytest.mark.parametrize(
    ("key", "suffix", "start"), [("m", ".md", "# Brief: "), ("h", ".html", "<!DOCTYPE html>")]
)
async def test_saving_says_where(
    demo_store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    suffix: str,
    start: str,
) -> None:
    monkeypatch.setenv("KAMTUI_EXPORT_DIR", str(tmp_path))
    aid = accounts.resolve(demo_store, "Northwind").id
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_brief(pilot, aid)
        await pilot.press(key)
        target = tmp_path / f"brief-northwind-logistics-ltd-2026-11-15{suffix}"
        await wait_for(pilot, target.exists)
        await settle(pilot)
        assert target.read_text(encoding="utf-8").startswith(start)
        status = str(app.screen.query_one("#brief-status").render())
        assert f"Saved to {target}" in status


async def test_saving_where_it_cannot_says_why(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAMTUI_EXPORT_DIR", str(tmp_path / "missing"))
    aid = accounts.resolve(demo_store, "Northwind").id
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_brief(pilot, aid)
        await pilot.press("m")
        await settle(pilot)
        assert "Not saved: no directory" in str(app.screen.query_one("#brief-status").render())


async def test_hostile_text_is_shown_literally(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("KAMTUI_EXPORT_DIR", str(out))
    aid = make_evil(demo_store)
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_brief(pilot, aid)
        shown = screen_text(app)
        assert "[bold red]" in shown and not FORBIDDEN.search(shown)
        body = str(screen.query_one("#brief-body").render())
        assert "[@click=app.quit]x[/]" in body and not FORBIDDEN.search(body)
        await pilot.press("m")
        await wait_for(pilot, lambda: any(out.iterdir()))
        await settle(pilot)
        (written,) = out.iterdir()
        assert written.name.startswith("brief-bold-red-evil-")
        assert isinstance(app.screen, BriefScreen)  # nothing quit the app


def test_brief_80x24(snap_compare, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    aid = accounts.resolve(demo_store, "Northwind").id
    app = KamApp(demo_store, today=DEMO_TODAY)

    async def open_brief(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_brief(pilot, aid)
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_brief)
