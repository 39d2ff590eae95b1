"""`kamtui followups`: contacts due beside next steps and goal actions."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from kamtui.cli.main import main


def test_contact_due_plain_and_json(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = ["--db", str(demo_path)]
    assert main([*db, "followups", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    due = [r for r in rows if r["kind"] == "contact_due"]
    account = next(r for r in due if r["person_id"] is None)
    # Farmacéutica Alcázar: cadence 30 d, last interaction 06/08/2026 (100 d before 15/11)
    assert account["account"] == "Farmacéutica Alcázar S.A."
    assert account["days_overdue"] == 70 and account["bucket"] == "overdue"
    assert account["ref"] == f"c{account['account_id']}" and account["cadence_days"] == 30
    person = next(r for r in due if r["person_id"] is not None)
    assert person["ref"] == f"p{person['person_id']}" and person["days_overdue"] > 0

    assert main([*db, "followups"]) == 0
    text = capsys.readouterr().out
    assert f"  c{account['account_id']} " in text
    assert "Get in touch: last contact 100 d ago; contact every 30 d (70 d overdue)" in text

    # not marked done: logging an interaction resets it
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main([*db, "followups", "--done", account["ref"]]) == 2
    assert "log an interaction" in capsys.readouterr().err
    assert (
        main(
            [
                *db,
                "log",
                "Alcázar",
                "--when",
                "today",
                "--channel",
                "phone",
                "--level",
                "operational",
                "--summary",
                "Llamada",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main([*db, "followups", "--json"]) == 0
    refs = {r.get("ref") for r in json.loads(capsys.readouterr().out)}
    assert account["ref"] not in refs
