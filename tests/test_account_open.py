"""Opening an account: what the app prepares ahead of the first open."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from kamtui.importers.transactions import import_transactions
from kamtui.services import accounts, health
from kamtui.storage import health as health_sql
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account import AccountScreen
from kamtui.ui.screens.portfolio import PortfolioScreen
from tests.conftest import DEMO_TODAY, screen_text


async def settle(pilot, rounds: int = 3) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)


async def test_account_stylesheet_is_ready_before_the_first_open(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the portfolio's health lands the account screen's stylesheet is
    loaded, so the first Enter does not make Textual re-parse every
    stylesheet; the account screen still looks as its stylesheet says."""
    aid = accounts.resolve(demo_store, "Conservas Peña").id
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        for _ in range(200):
            await pilot.pause(0.05)
            if screen.health:
                break
        assert screen.health
        await settle(pilot)
        assert any(path.endswith("account.tcss") for path, _var in app.stylesheet.source)

        reparsed: list[int] = []
        real = app.stylesheet.reparse
        monkeypatch.setattr(app.stylesheet, "reparse", lambda: (reparsed.append(1), real())[1])
        app.open_account(aid)
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        assert reparsed == []
        identity = app.screen.query_one("#account-identity", Static)
        assert identity.styles.max_height is not None and identity.styles.max_height.value == 3
        assert "Conservas Peña" in screen_text(app)


async def test_account_screen_prepared_only_once(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        sources = dict(app.stylesheet.source)
        app.prepare_account_screen()
        await settle(pilot)
        assert not any(w.group == "prepare-account" and not w.is_finished for w in app.workers)
        assert app.stylesheet.source == sources


def _catalogue_sql(store: Store, today) -> int:  # type: ignore[no-untyped-def]
    return len(
        {
            r[0]
            for r in store.query(
                "SELECT DISTINCT category FROM transactions WHERE date > ? AND date <= ?"
                " AND category IS NOT NULL",
                ((today - timedelta(days=730)).isoformat(), today.isoformat()),
            )
        }
    )


def test_catalogue_is_cached_until_a_transaction_changes_it(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One account's health (every account open) reuses the portfolio's
    catalogue while nothing changed; a new transaction with a new category
    counts at once, and so does another day."""
    aid = accounts.resolve(demo_store, "Conservas Peña").id
    scans: list[date] = []
    real = health_sql.catalogue
    monkeypatch.setattr(
        health_sql, "catalogue", lambda store, today: (scans.append(today), real(store, today))[1]
    )

    def reason() -> str:
        h = health.account_health(demo_store, aid, today=DEMO_TODAY, save=False)
        return h.component("cross_sell").reason

    before = _catalogue_sql(demo_store, DEMO_TODAY)
    assert f" of {before} categories" in reason()
    assert f" of {before} categories" in reason()
    assert scans == [DEMO_TODAY]  # the second open read no transactions

    csv = tmp_path / "t.csv"
    csv.write_text(
        "date,account,amount,category,document\n"
        f"{(DEMO_TODAY - timedelta(days=10)).isoformat()},Conservas Peña,100,Brand new line,T-1\n"
    )
    assert import_transactions(demo_store, csv).created == 1
    assert _catalogue_sql(demo_store, DEMO_TODAY) == before + 1
    assert f" of {before + 1} categories" in reason()
    assert len(scans) == 2

    tomorrow = DEMO_TODAY + timedelta(days=1)
    health.account_health(demo_store, aid, today=tomorrow, save=False)
    assert scans[-1] == tomorrow
