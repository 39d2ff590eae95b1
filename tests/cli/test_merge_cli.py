"""`kamtui merge account|person|undo` and `kamtui merges` on the demo."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kamtui.cli.main import main


class Tty(io.StringIO):
    """Standard input that is a terminal, with the user's answer typed."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def k(demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    def run(*args: str, stdin: io.StringIO | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", stdin)
        try:
            code = main(["--db", str(demo_path), *args])
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def ids(k, name: str) -> int:  # type: ignore[no-untyped-def]
    code, out, err = k("accounts", "--json")
    assert code == 0, err
    return next(a["id"] for a in json.loads(out) if a["name"] == name)


def test_without_a_terminal_yes_is_required(k) -> None:  # type: ignore[no-untyped-def]
    code, out, err = k("merge", "account", "Ortiz", "Química")
    assert code == 2
    assert "--yes" in err and "nothing was merged" in err
    assert "moves: 5 people" in out  # the preview was shown
    assert ids(k, "Distribuciones Ortiz e Hijos") == 13  # still there


def test_asks_on_a_terminal(k) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = k("merge", "account", "Ortiz", "Química", stdin=Tty("n\n"))
    assert code == 1 and "Merge? [y/N]" in out and "nothing was merged" in out
    code, out, _ = k("merge", "account", "Ortiz", "Química", stdin=Tty("y\n"))
    assert code == 0
    assert (
        "Merged account Distribuciones Ortiz e Hijos (#13) into Química del Ebro S.L. (#5)" in out
    )
    assert "kamtui merge undo 1" in out


def test_merge_json_merges_list_undo_and_restore_hint(k) -> None:  # type: ignore[no-untyped-def]
    code, out, err = k("merge", "account", "ES-0013", "#5", "--dry-run", "--json")
    assert code == 0, err
    assert json.loads(out)["merge_id"] is None
    code, out, err = k("merge", "account", "ES-0013", "#5", "--yes", "--json")
    assert code == 0, err
    done = json.loads(out)
    assert done["merge_id"] == 1 and done["moved"]["interactions"] == 17
    assert done["identifiers_added"] == [
        {"business_unit": "former number", "number": "ES-0013"},
        {"business_unit": "former name", "number": "Distribuciones Ortiz e Hijos"},
    ]
    # The old number now names the target.
    code, out, _ = k("people", "ES-0013", "--json")
    assert code == 0 and {p["account_id"] for p in json.loads(out)} == {5}
    code, out, err = k("restore", "account", "13")
    assert code == 2 and "kamtui merge undo 1" in err
    journal = json.loads(k("merges", "--json")[1])
    assert journal[0]["id"] == 1 and journal[0]["undone_at"] is None
    assert "Distribuciones Ortiz e Hijos (#13)" in k("merges")[1]
    code, out, err = k("merge", "undo", "--json")
    assert code == 0, err
    assert json.loads(out)["merge_id"] == 1
    assert ids(k, "Distribuciones Ortiz e Hijos") == 13
    code, _, err = k("merge", "undo", "1")
    assert code == 2 and "undone already" in err


def test_refusals(k) -> None:  # type: ignore[no-untyped-def]
    code, _, err = k("merge", "account", "Ortiz", "ES-0013", "--yes")
    assert code == 2 and "itself" in err
    code, _, err = k("merge", "account", "Ortiz", "Nobody at all", "--yes")
    assert code == 2 and "no account matches" in err
    code, _, err = k("merge", "undo")
    assert code == 2 and "no merge to undo" in err


def test_merge_person(k) -> None:  # type: ignore[no-untyped-def]
    assert (
        k("person", "add", "Química", "M. Sanz", "--side", "theirs", "--phone", "+34 600")[0] == 0
    )
    assert k("person", "add", "Química", "Marta Sanz", "--side", "theirs")[0] == 0
    code, out, err = k("people", "Química", "--json")
    target = next(p for p in json.loads(out) if p["name"] == "Marta Sanz")
    code, out, err = k("merge", "person", "Química", "M. Sanz", f"#{target['id']}", "--yes")
    assert code == 0, err
    assert "Merged person M. Sanz" in out and "phone = +34 600" in out
    people = json.loads(k("people", "Química", "--json")[1])
    assert "M. Sanz" not in {p["name"] for p in people}
    assert next(p for p in people if p["id"] == target["id"])["phone"] == "+34 600"
    code, _, err = k("merge", "person", "Química", f"#{target['id']}", f"#{target['id']}", "--yes")
    assert code == 2 and "themselves" in err
