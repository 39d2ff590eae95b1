from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from textual.widgets import TabbedContent

from kamtui.cli.main import main
from kamtui.demo.load import DemoError, load_demo
from kamtui.services import accounts
from kamtui.storage.db import Store, open_store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.portfolio.screen import PortfolioScreen
from kamtui.ui.widgets.virtual_table import VirtualTable
from tests.conftest import DEMO_TODAY, screen_text

TABLES = (
    "accounts",
    "people",
    "links",
    "interactions",
    "complaints",
    "facts",
    "transactions",
    "wallet_estimates",
    "goals",
    "goal_actions",
)


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def test_demo_twice_does_not_duplicate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.db"
    assert main(["demo", "--no-open", "--db", str(db)]) == 0
    first = counts(db)
    assert first["accounts"] >= 12
    assert all(first[t] > 0 for t in TABLES)
    assert main(["--db", str(db), "demo", "--no-open"]) == 0
    assert "already loaded" in capsys.readouterr().out
    assert counts(db) == first
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600


def test_demo_without_db_never_touches_the_real_database(tmp_path: Path) -> None:
    real = Path(os.environ["KAMTUI_DB"])
    assert main(["demo", "--no-open"]) == 0
    assert not real.exists()
    demo_files = list((tmp_path / "xdg-data").rglob("demo.db"))
    assert len(demo_files) == 1
    assert counts(demo_files[0])["accounts"] >= 12


def test_demo_refuses_a_database_with_accounts(store: Store) -> None:
    from kamtui.domain.models import AccountInput

    accounts.create(store, AccountInput(name="My real client"))
    with pytest.raises(DemoError, match="already holds accounts"):
        load_demo(store, today=DEMO_TODAY)
    assert [n for _, n in accounts.names(store)] == ["My real client"]


def test_demo_dates_follow_today(tmp_path: Path) -> None:
    from datetime import date, timedelta

    later = DEMO_TODAY + timedelta(days=400)
    store = open_store(tmp_path / "later.db")
    load_demo(store, today=later)
    last = store.one("SELECT MAX(occurred_at) FROM interactions")[0]
    assert date.fromisoformat(last[:10]) <= later
    assert (later - date.fromisoformat(last[:10])).days < 30
    store.close()


def test_demo_has_identifiable_stories(demo_store: Store) -> None:
    names = {fold_name for _, fold_name in accounts.names(demo_store)}
    assert any("ñ" in n or "Ñ" in n for n in names)
    industries = {r[0] for r in demo_store.query("SELECT DISTINCT industry FROM accounts")}
    assert len(industries) >= 5
    sides = dict(demo_store.query("SELECT side, COUNT(*) FROM people GROUP BY side"))
    assert sides["ours"] > 0 and sides["theirs"] > 0
    span = demo_store.one("SELECT MIN(date), MAX(date) FROM transactions")
    assert span[0] <= "2024-12-31" and span[1] >= "2026-11-01"


async def test_demo_account_screen_shows_real_data(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        for _ in range(100):  # names first, then revenue and the other figures
            await pilot.pause(0.02)
            if screen.figures_loaded:
                break
        assert len(screen.table.rows) >= 12
        top = max(screen.all_rows, key=lambda r: r.revenue_12m)
        assert top.revenue_12m > 300_000
        app.open_account(top.id)
        await pilot.pause(0.5)
        account_screen = app.screen
        assert isinstance(account_screen, AccountScreen)
        for _ in range(60):
            await pilot.pause(0.05)
            if "Relationship health" in screen_text(app):
                break
        visible = screen_text(app)
        assert "Relationship health" in visible and "Revenue trend" in visible
        assert top.name[:10] in visible
        for key, tab in (("5", "transactions"), ("3", "interactions")):
            await pilot.press(key)
            await pilot.pause(0.3)
            assert account_screen.query_one(TabbedContent).active == tab
            table = account_screen.query_one(f"#{tab}-table")
            count = len(table.rows) if isinstance(table, VirtualTable) else table.row_count
            assert count > 0
