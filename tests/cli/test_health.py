"""`kamtui health`: JSON and text, an earlier day, the weekly backfill."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.services import accounts, health


def test_cli_health_json(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_path), "health", "--json", "--today", "2026-11-15"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 14
    first = data[0]
    assert set(first) >= {
        "account",
        "score",
        "band",
        "needs_revitalisation",
        "reasons",
        "perception_gap",
        "components",
    }
    assert first["needs_revitalisation"]  # those needing revitalisation come first
    pena = next(d for d in data if d["account"].startswith("Conservas"))
    assert pena["perception_gap"]["mood_score"] > pena["perception_gap"]["behaviour_score"]
    names = [c["name"] for c in pena["components"]]
    assert names[:3] == ["contact_recency", "conversation_level", "map_strength"]
    assert len(names) == 11
    missing = [c for c in first["components"] if c["score"] is None]
    assert all(c["reason"].startswith("no data") for c in missing)


def test_cli_health_account_text_and_errors(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["health", "northwind", "--db", str(demo_path)]) == 0
    text = capsys.readouterr().out
    assert "Northwind Logistics Ltd:" in text
    assert "Conversation level" in text and "target ≤ 90" in text
    assert "suggested goal: strategic review" in text
    assert main(["--db", str(demo_path), "health", "S.A."]) == 2
    err = capsys.readouterr().err
    assert "ambiguous" in err and "Conservas Peña S.A." in err
    assert main(["--db", str(demo_path), "health", "--today", "not a date"]) == 2


def test_cli_health_as_of_an_earlier_day(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["--db", str(demo_path), "health", "alcázar", "--json", "--today", "2026-08-10"]) == 0
    )
    (alcazar,) = json.loads(capsys.readouterr().out)
    recency = next(c for c in alcazar["components"] if c["name"] == "contact_recency")
    assert recency["reason"].startswith("last contact 3 days ago")
    assert recency["score"] == 100


def test_cli_backfill_builds_weekly_history(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(demo_path), "health", "--backfill", "20", "--json"]) == 0
    capsys.readouterr()
    from kamtui.storage.db import open_store

    store = open_store(demo_path)
    try:
        pena = accounts.resolve(store, "Conservas Peña").id
        assert len(health.history(store, pena)) == 21  # 20 weeks back and today
    finally:
        store.close()
    assert main(["--db", str(demo_path), "health", "--backfill", "0"]) == 2
    assert "--backfill" in capsys.readouterr().err
