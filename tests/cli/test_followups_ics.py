"""`kamtui followups --ics`: one VTODO per follow-up, parsed back with
icalendar; the same UIDs on every export; hostile text stays text."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import icalendar
import pytest

from kamtui.cli.main import main
from kamtui.services.goals import editing as goals
from kamtui.storage.db import open_store
from tests.helpers import add_accounts

TODAY = "2026-03-02"
LOG = ["log", "--when", "2026-03-02", "--channel", "phone", "--level", "operational"]
HOSTILE = "Llamar; a, \x1b[31mRojo\u202e END:VTODO\\nBEGIN:VEVENT"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    monkeypatch.setenv("KAMTUI_TODAY", TODAY)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # no notes for kamtui log
    path = tmp_path / "ics.db"
    s = open_store(path)
    ids = add_accounts(s)
    goals.create(
        s,
        ids["Acme Iberia"],
        goal_type="broaden_map",
        title="Más contactos",
        target=3,
        today=date(2026, 3, 2),
        actions=[("Conocer a compras", "2026-03-04")],
    )
    s.close()
    args = [*LOG, "--db", str(path), "C-1001", "--summary", "Visita"]
    assert (
        main([*args, "--next", "Enviar oferta@2026-03-01", "--next", f"{HOSTILE}@2026-03-03"]) == 0
    )
    capsys.readouterr()
    return path


def _todos(data: bytes) -> list[icalendar.Todo]:
    cal = icalendar.Calendar.from_ical(data)
    return list(cal.walk("VTODO"))


def test_ics_one_todo_per_followup_stable_uids(db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "f.ics"
    assert main(["--db", str(db), "followups", "--ics", "-o", str(out)]) == 0
    assert "wrote 3 follow-up(s)" in capsys.readouterr().out
    assert out.stat().st_mode & 0o777 == 0o600  # personal data: the user's eyes only
    todos = _todos(out.read_bytes())
    by_summary = {str(t["SUMMARY"]): t for t in todos}
    assert len(todos) == 3
    offer = by_summary["Enviar oferta"]
    assert offer["DUE"].dt == date(2026, 3, 1)
    assert "Talleres Ibáñez S.L." in str(offer["DESCRIPTION"])
    assert offer["CATEGORIES"].cats == ["Talleres Ibáñez S.L."]
    action = by_summary["Conocer a compras"]
    assert "Goal: Más contactos" in str(action["DESCRIPTION"])
    assert action["DUE"].dt == date(2026, 3, 4)
    # hostile text: one summary, still text, no control or bidi characters
    hostile = [t for t in todos if str(t["SUMMARY"]).startswith("Llamar; a, ")]
    assert len(hostile) == 1
    summary = str(hostile[0]["SUMMARY"])
    assert "\x1b" not in summary and "\u202e" not in summary
    assert "END:VTODO" in summary  # the words, not a line of the file
    assert out.read_bytes().count(b"BEGIN:VTODO") == 3
    assert b"BEGIN:VEVENT" not in out.read_bytes().replace(b"\\nBEGIN:VEVENT", b"")
    # a second export (to stdout): the same UIDs
    assert main(["--db", str(db), "followups", "--ics"]) == 0
    again = _todos(capsys.readouterr().out.encode("utf-8"))
    assert sorted(str(t["UID"]) for t in again) == sorted(str(t["UID"]) for t in todos)
    assert len({str(t["UID"]) for t in todos}) == 3


def test_ics_uids_differ_between_databases(db: Path, tmp_path: Path, capsys) -> None:
    copy = tmp_path / "other.db"
    s = open_store(copy)
    add_accounts(s)
    s.close()
    args = [*LOG, "--db", str(copy), "C-1001", "--summary", "V", "--next", "X@2026-03-01"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "followups", "--ics"]) == 0
    first = {str(t["UID"]) for t in _todos(capsys.readouterr().out.encode())}
    assert main(["--db", str(copy), "followups", "--ics"]) == 0
    second = {str(t["UID"]) for t in _todos(capsys.readouterr().out.encode())}
    assert first.isdisjoint(second)


def test_ics_unwritable_output_exit_2(db: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "no" / "such" / "dir.ics"
    assert main(["--db", str(db), "followups", "--ics", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "Traceback" not in err
