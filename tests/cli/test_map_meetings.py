"""Issue 14: `kamtui map --json` after `kamtui log` of a meeting of people of
both sides who had no link."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.domain.models import AccountInput, PersonInput
from kamtui.services import accounts, people
from kamtui.storage.db import open_store


def test_map_json_lists_the_link_a_meeting_made(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    s = open_store(db_path)
    acc = accounts.create(s, AccountInput(name="Conservas Peña"))
    people.create_person(s, acc, PersonInput(name="Rubén Ortega", side="ours"))
    people.create_person(s, acc, PersonInput(name="Íñigo Zubiri", side="theirs"))
    s.close()
    db = ["--db", str(db_path)]
    assert main([*db, "map", "peña", "--json", "--today", "2026-11-15"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert before["links"] == [] and "Íñigo Zubiri" in before["unlinked"]
    assert main([*db, "log", "peña", "--when", "2026-11-10 10:00", "--channel", "in_person",
                 "--level", "strategic", "--with", "Rubén, Íñigo",
                 "--summary", "Plan 2027"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main([*db, "map", "peña", "--json", "--today", "2026-11-15"]) == 0
    data = json.loads(capsys.readouterr().out)
    [link] = data["links"]
    assert (link["ours"], link["theirs"]) == ("Rubén Ortega", "Íñigo Zubiri")
    assert link["active"] is True and link["last_contact"] == "2026-11-10"
    assert link["origin"] == "meeting" and link["from_meetings"] is True
    assert link["declared_not_met"] is False
    assert data["unlinked"] == [] and data["active_links"] == 1
    assert any(r.startswith("from meetings: Rubén Ortega ↔ Íñigo Zubiri") for r in data["reasons"])
    assert main([*db, "map", "peña", "--today", "2026-11-15"]) == 0
    text = capsys.readouterr().out
    assert "from meetings" in text and "not in contact" not in text
