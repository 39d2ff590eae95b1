"""Contact due in the app: the portfolio's #due filter and the follow-ups
screen (x on a contact due says how to reset it, and marks nothing)."""

from __future__ import annotations

from kamtui.domain.records import PortfolioRow
from kamtui.services import followups as fu
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.followups import FollowupsScreen
from kamtui.ui.screens.portfolio import loading
from kamtui.ui.screens.portfolio.columns import tags
from kamtui.ui.screens.portfolio.screen import PortfolioScreen
from tests.conftest import DEMO_TODAY, settle, wait_for


def _row(due: bool) -> PortfolioRow:
    return PortfolioRow(1, "Alfa", "alfa", "A", "Ana", "", 0.0, None, 0, due=due)


def test_due_tag_and_haystack() -> None:
    assert "#due" in tags(_row(True)).split() and "#due" not in tags(_row(False))
    plain = loading.haystacks([_row(False)])
    assert "#due" in loading.with_due(plain, [_row(True)])[1]
    assert loading.with_due(plain, [_row(False)]) is plain


async def test_portfolio_filters_due_accounts(demo_store: Store) -> None:
    expected = fu.due_account_ids(demo_store, today=DEMO_TODAY)
    assert expected
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await wait_for(pilot, lambda: any(r.due for r in screen.all_rows))
        await settle(pilot)
        assert {r.id for r in screen.all_rows if r.due} == expected
        await pilot.press("f", *"#due")
        await pilot.pause()
        assert {r.id for r in screen.table.rows} == expected


async def test_x_on_a_contact_due_says_log_an_interaction(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FollowupsScreen)
        rows = screen.table.rows
        at = next(i for i, r in enumerate(rows) if r.item.kind == fu.CONTACT_DUE)
        screen.table.move_cursor(at)
        await pilot.press("x")
        await settle(pilot)
        assert not rows[at].done
        assert any("log an interaction" in str(n.message) for n in app._notifications)
