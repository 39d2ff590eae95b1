"""`kamtui goal …`: goals created and moved on from the shell."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.storage.db import open_store


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    path = tmp_path / "kam.db"
    store = open_store(path)
    accounts.create(store, AccountInput(name="Química del Ebro", account_number="ES-5"))
    store.close()
    return path


def _goals(db: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:  # type: ignore[type-arg]
    capsys.readouterr()
    assert main(["--db", str(db), "goals", "--all", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_goal_from_the_shell_with_its_actions(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", str(db), "goal", "add", "química", "--type", "Nuevo canal"]
    args += ["--title", "Portal de pedidos", "--target", "1", "--baseline", "0"]
    args += ["--due", "31/12/2026", "--action", "Demo del portal@30 nov"]
    assert main(args) == 0
    goal_id = int(capsys.readouterr().out.strip())
    [goal] = _goals(db, capsys)
    assert goal["id"] == goal_id and goal["title"] == "Portal de pedidos"
    assert goal["type"] == "new_channel" and goal["due_date"] == "2026-12-31"
    [action] = goal["actions"]
    assert action["text"] == "Demo del portal" and action["due_date"] == "2026-11-30"

    assert (
        main(["--db", str(db), "goal", "action", f"#{goal_id}", "Llamar a Ana", "--due", "mañana"])
        == 0
    )
    second = int(capsys.readouterr().out.strip())
    assert main(["--db", str(db), "goal", "action-done", str(second)]) == 0
    [goal] = _goals(db, capsys)
    done = {a["text"]: a["done_at"] for a in goal["actions"]}
    assert done["Llamar a Ana"] and not done["Demo del portal"]

    assert main(["--db", str(db), "goal", "drop", str(goal_id)]) == 0
    assert _goals(db, capsys)[0]["status"] == "dropped"
    assert main(["--db", str(db), "goal", "reopen", str(goal_id)]) == 0
    assert _goals(db, capsys)[0]["status"] != "dropped"


def test_goal_mistakes_are_clear_and_write_nothing(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_type = ["--db", str(db), "goal", "add", "ES-5", "--type", "magic"]
    assert main([*bad_type, "--title", "x", "--target", "1"]) == 2
    assert "type" in capsys.readouterr().err
    assert main(["--db", str(db), "goal", "action", "99", "Nada"]) == 2
    assert "no goal with id 99" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:  # argparse's own usage error
        main(["--db", str(db), "goal", "done", "abc"])
    assert usage.value.code == 2
    assert "not a record id" in capsys.readouterr().err
    assert main(["--db", str(db), "goal", "action-done", "7"]) == 2
    assert "no action with id 7" in capsys.readouterr().err
    assert _goals(db, capsys) == []
