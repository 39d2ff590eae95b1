"""How the main screens look, at 80x24 and in a wide terminal (SVG snapshots;
update with `pytest --snapshot-update` after checking the change is wanted)."""

from __future__ import annotations

from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for


async def _wait_for_portfolio(pilot) -> None:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen

    def fresh() -> bool:  # health computed, not just stored
        rows = getattr(screen, "all_rows", None)
        return bool(rows) and all(r.fresh for r in rows)

    await wait_for(pilot, fresh)
    await settle(pilot)


def test_portfolio_80x24(snap_compare, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    app = KamApp(demo_store, today=DEMO_TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_wait_for_portfolio)


def test_account_overview_wide(snap_compare, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    app = KamApp(demo_store, today=DEMO_TODAY)

    async def open_first(pilot) -> None:  # type: ignore[no-untyped-def]
        await _wait_for_portfolio(pilot)
        await pilot.press("enter")
        # the health breakdown and its chart are drawn
        await wait_for(pilot, lambda: "Relationship health" in screen_text(pilot.app))
        await settle(pilot)

    assert snap_compare(app, terminal_size=(140, 40), run_before=open_first)
