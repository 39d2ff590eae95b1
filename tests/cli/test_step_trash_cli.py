"""Next steps and goal actions in the trash, from the shell: `kamtui
followups` (text and --ics) leaves them out, `kamtui trash` lists them with
what they hang on, `kamtui restore step|action ID` takes them back or says
what to restore first (exit 2), `kamtui privacy report` counts them."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import icalendar
import pytest

from kamtui.cli.main import main
from kamtui.services import followups as fu
from kamtui.services.goals import editing as goals
from kamtui.services.interactions import editing, log
from kamtui.storage.db import open_store
from tests.helpers import add_accounts

TODAY = "2026-03-02"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KAMTUI_TODAY", TODAY)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    path = tmp_path / "steps.db"
    s = open_store(path)
    ids = add_accounts(s)
    acme = ids["Acme Iberia"]
    goals.create(
        s,
        acme,
        goal_type="broaden_map",
        title="Más contactos",
        target=3,
        today=date(2026, 3, 2),
        actions=[("Conocer a compras", "2026-03-04"), ("Invitar a la feria", "2026-03-05")],
    )
    log.log_interaction(
        s,
        acme,
        occurred_at="2026-03-01T10:00",
        channel="phone",
        level="operational",
        summary="Visita",
        next_steps=[("Enviar oferta", "2026-03-01"), ("Llamar a Ana", "2026-03-03")],
    )
    s.close()
    return path


def _ids(path: Path) -> tuple[int, int, int]:
    """(the interaction, its step "Enviar oferta", the action "Conocer a compras")."""
    s = open_store(path)
    try:
        iid = int(s.one("SELECT id FROM interactions")[0])
        step = next(x for x in editing.one(s, iid)["next_steps"] if x["text"] == "Enviar oferta")
        action = s.one("SELECT id FROM goal_actions WHERE text = 'Conocer a compras'")[0]
        return iid, int(step["id"]), int(action)
    finally:
        s.close()


def _trash(path: Path, kind: str, row_id: int) -> None:
    s = open_store(path)
    try:
        fu.delete(s, kind, row_id)
        table = "next_steps" if kind == fu.NEXT_STEP else "goal_actions"
        row = s.one(f"SELECT deleted_at FROM {table} WHERE id = ?", (row_id,))
        assert row is not None and row[0], "kept in the file, in the trash"
    finally:
        s.close()


def test_followups_and_ics_leave_trashed_ones_out(db: Path, tmp_path: Path, capsys) -> None:
    _iid, step, action = _ids(db)
    _trash(db, fu.NEXT_STEP, step)
    _trash(db, fu.GOAL_ACTION, action)
    assert main(["--db", str(db), "followups", "--json"]) == 0
    listed = {i["text"] for i in json.loads(capsys.readouterr().out)}
    assert {"Llamar a Ana", "Invitar a la feria"} <= listed
    assert not {"Enviar oferta", "Conocer a compras"} & listed
    out = tmp_path / "f.ics"
    assert main(["--db", str(db), "followups", "--ics", "-o", str(out)]) == 0
    todos = icalendar.Calendar.from_ical(out.read_bytes()).walk("VTODO")
    assert sorted(str(t["SUMMARY"]) for t in todos) == ["Invitar a la feria", "Llamar a Ana"]
    # Marking one done by its reference: not found, exit 2.
    assert main(["--db", str(db), "followups", "--done", f"n{step}"]) == 2
    assert "no next step" in capsys.readouterr().err


def test_trash_lists_them_and_restore_takes_them_back(db: Path, capsys) -> None:
    _iid, step, action = _ids(db)
    _trash(db, fu.NEXT_STEP, step)
    _trash(db, fu.GOAL_ACTION, action)
    capsys.readouterr()
    assert main(["--db", str(db), "trash"]) == 0
    text = capsys.readouterr().out
    assert "next_step" in text and "Enviar oferta — interaction: Visita" in text
    assert "goal_action" in text and "Conocer a compras — goal: Más contactos" in text
    assert main(["--db", str(db), "trash", "--json"]) == 0
    items = {i["kind"]: i for i in json.loads(capsys.readouterr().out)}
    assert items["next_step"]["parent"] == "Visita"
    assert items["goal_action"]["account"] == "Acme Iberia"
    assert main(["--db", str(db), "restore", "next-step", str(step)]) == 0
    assert main(["--db", str(db), "restore", "action", str(action)]) == 0
    assert "restored goal_action" in capsys.readouterr().out
    assert main(["--db", str(db), "followups", "--json"]) == 0
    listed = {i["text"] for i in json.loads(capsys.readouterr().out)}
    assert {"Enviar oferta", "Conocer a compras"} <= listed


def test_restore_names_the_interaction_to_restore_first(db: Path, capsys) -> None:
    iid, step, _action = _ids(db)
    _trash(db, fu.NEXT_STEP, step)
    assert main(["--db", str(db), "interaction", "delete", str(iid)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "restore", "step", str(step)]) == 2
    err = capsys.readouterr().err
    assert f"interaction “Visita” (#{iid})" in err and "restore the interaction first" in err
    assert "Traceback" not in err
    assert main(["--db", str(db), "restore", "interaction", str(iid)]) == 0
    assert main(["--db", str(db), "restore", "step", str(step)]) == 0


def test_privacy_report_counts_them_past_retention(db: Path, capsys) -> None:
    _iid, step, _action = _ids(db)
    _trash(db, fu.NEXT_STEP, step)
    capsys.readouterr()
    args = ["--db", str(db), "privacy", "report", "--json", "--today", "2099-06-30"]
    main(args)
    report = json.loads(capsys.readouterr().out)
    assert [(i["kind"], i["label"]) for i in report["trash_past_retention"]] == [
        ("next_step", "Enviar oferta")
    ]
