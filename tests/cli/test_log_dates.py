"""`kamtui log` reads --when as something that happened and a --next due
date as something ahead; a --when after today is logged with a warning."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest

from kamtui.cli.main import main

# conftest freezes today at 2026-11-15, a Sunday.


def _log(demo_path: Path, *args: str) -> int:
    return main(
        [
            "--db",
            str(demo_path),
            "log",
            "conservas peña",
            "--channel",
            "phone",
            "--level",
            "strategic",
            "--summary",
            "Plan",
            *args,
        ]
    )


@pytest.fixture(autouse=True)
def _tty(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Tty(""))


def _row(demo_path: Path, iid: int) -> tuple[str, list[str | None]]:
    conn = sqlite3.connect(demo_path)
    try:
        (when,) = conn.execute(
            "SELECT occurred_at FROM interactions WHERE id = ?", (iid,)
        ).fetchone()
        due = [
            r[0]
            for r in conn.execute(
                "SELECT due_date FROM next_steps WHERE interaction_id = ? ORDER BY id", (iid,)
            )
        ]
    finally:
        conn.close()
    return when, due


def test_the_same_words_are_the_last_day_for_when_and_the_next_for_a_due_date(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _log(
        demo_path,
        "--when",
        "el viernes 10:00",
        "--next",
        "Enviar oferta@el viernes",
        "--next",
        "Revisar precios@30 jun",
        "--next",
        "Cerrar@fin de mes",
        "--next",
        "Visitar@la semana que viene",
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    when, due = _row(demo_path, int(captured.out))
    assert when == "2026-11-13T10:00"
    assert due == ["2026-11-20", "2027-06-30", "2026-11-30", "2026-11-22"]


def test_a_spanish_day_of_a_month_for_when(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _log(demo_path, "--when", "7 de marzo") == 0
    captured = capsys.readouterr()
    assert _row(demo_path, int(captured.out))[0] == "2026-03-07T00:00"


def test_a_when_after_today_is_logged_with_a_warning(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _log(demo_path, "--when", "in 2 weeks") == 0
    captured = capsys.readouterr()
    assert _row(demo_path, int(captured.out))[0] == "2026-11-29T00:00"
    assert captured.err == (
        "kamtui: warning: --when 2026-11-29 is after today (2026-11-15); logged as given\n"
    )


def test_an_unreadable_when_suggests_todays_dates(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAMTUI_TODAY", "2031-02-03")
    assert _log(demo_path, "--when", "whenever") == 2
    err = capsys.readouterr().err
    assert "2031-02-03" in err and "3/2/2031" in err
    assert "2025" not in err
