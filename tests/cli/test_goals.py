"""`kamtui goals`: text and JSON, errors, hostile titles."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from kamtui.cli.main import main
from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.services import goals as goals_service
from kamtui.storage.db import open_store

TODAY = date(2026, 11, 15)


# --- CLI --------------------------------------------------------------------------


def test_cli_goals_text_and_json(demo_path: Path, capsys) -> None:
    assert main(["--db", str(demo_path), "goals", "Conservas Peña"]) == 0
    text = capsys.readouterr().out
    assert "Conservas Peña S.A. — 1 goal(s)" in text
    assert "wallet share (Repuestos): 45 % → now" in text
    assert "measured: our revenue in the last 12 months" in text
    assert main(["--db", str(demo_path), "goals", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data and {"status", "reason", "actions", "baseline", "current"} <= set(data[0])
    assert all(g["status"] in ("on_track", "behind", "done") for g in data)
    assert main(["--db", str(demo_path), "goals"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["STATUS", "DUE", "ACCOUNT"]


def test_cli_goals_unknown_account_exit_2(demo_path: Path, capsys) -> None:
    assert main(["--db", str(demo_path), "goals", "Nadie en absoluto"]) == 2
    assert "no account matches 'Nadie en absoluto'" in capsys.readouterr().err


def test_cli_goals_hostile_title_is_cleaned(tmp_path: Path, capsys) -> None:
    db = tmp_path / "h.db"
    s = open_store(db)
    acc = accounts.create(s, AccountInput(name="Evil"))
    goals_service.create(
        s,
        acc,
        goal_type="new_method",
        title="\x1b]0;pwned\x07 [bold]x[/]",
        target=1,
        today=TODAY,
    )
    s.close()
    assert main(["--db", str(db), "goals", "Evil"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold]x[/]" in out
