"""The small demo: loaded once, dated from today, with its stories."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.demo.load import DemoError, load_demo
from kamtui.services import accounts
from kamtui.storage.db import Store, open_store
from tests.conftest import DEMO_TODAY


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
