"""Issue 14 end to end: the portfolio's health as the service and `kamtui
health --json` give it, on a real database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.domain.models import AccountInput
from kamtui.services import accounts, health
from kamtui.storage.db import Store, open_store
from tests.conftest import DEMO_TODAY


def test_a_new_account_has_no_band_and_is_not_queued(store: Store) -> None:
    accounts.create(store, AccountInput(name="Nueva S.L."))
    (h,) = health.portfolio_health(store, today=DEMO_TODAY)
    assert h.band == "insufficient_data" and h.score is None
    assert not h.needs_revitalisation
    assert "broaden the map" not in h.to_json()["suggested_goals"]
    assert health.latest(store)[h.account_id] == (None, "insufficient_data")


def test_cli_health_json_says_insufficient_data(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = open_store(db_path)
    accounts.create(s, AccountInput(name="Nueva S.L."))
    s.close()
    assert main(["--db", str(db_path), "health", "--json", "--today", "2026-11-15"]) == 0
    (data,) = json.loads(capsys.readouterr().out)
    assert data["band"] == "insufficient_data" and data["score"] is None
    assert data["needs_revitalisation"] is False
    assert data["reasons"][0].startswith("no data yet")
    assert main(["--db", str(db_path), "health", "nueva"]) == 0
    text = capsys.readouterr().out
    assert "(no data yet)" in text and "missing: contact recency" in text
