"""`kamtui privacy consent|export|erase|report`, `kamtui purge` and the
privacy options of `kamtui person` and `kamtui import people`."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.storage.db import open_store
from tests.services.privacy_world import EMAIL, NAME, build, file_bytes, leftovers


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "k.db"
    store = open_store(path)
    build(store)
    store.close()
    return path


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


class Tty:
    """Standard input that says it is a terminal and answers `answer`."""

    def __init__(self, answer: str) -> None:
        self.answer = answer

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        return self.answer + "\n"


def test_consent_then_export_json_and_markdown(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            db,
            "privacy",
            "consent",
            "ES-9",
            "lucia",
            "given",
            "--when",
            "1/3/2026",
            "--channel",
            "correo",
            "--note",
            "newsletter",
        )
        == 0
    )
    assert "recorded: consent given on 2026-03-01" in capsys.readouterr().out
    assert run(db, "privacy", "consent", "ES-9", "lucia", "quizá") == 2
    assert "consent" in capsys.readouterr().err
    out = tmp_path / "lucia.json"
    assert run(db, "privacy", "export", "ES-9", "Lucía", "-o", str(out)) == 0
    assert os.stat(out).st_mode & 0o777 == 0o600
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["person"]["email"] == EMAIL
    assert data["consents"][0]["note"] == "newsletter"
    assert data["interactions"][0]["summary"].startswith("Kick-off")
    capsys.readouterr()
    # Markdown: user text escaped (a name that is a link stays text).
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE facts SET text = '[click](javascript:alert(1))' WHERE person_id IS NOT NULL"
        )
    assert run(db, "privacy", "export", "ES-9", "Lucía", "--format", "md") == 0
    md = capsys.readouterr().out
    assert f"# Data held about {NAME}" in md
    assert "\\[click\\](javascript:alert(1))" in md and "[click](" not in md


def test_erase_refuses_ambiguous_unknown_and_a_pipe_without_yes(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(db, "person", "add", "ES-9", "Lucía Gómez Ruiz", "--side", "ours") == 0
    capsys.readouterr()
    assert run(db, "privacy", "erase", "ES-9", "Lucía Gómez", "--yes") == 2
    err = capsys.readouterr().err
    assert "matches 2 people" in err and "Lucía Gómez Pardo (theirs, #1)" in err
    assert run(db, "privacy", "erase", "ES-9", "Nadie", "--yes") == 2
    assert "no person 'Nadie'" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", open(os.devnull))  # noqa: SIM115 - closed by pytest
    assert run(db, "privacy", "erase", "ES-9", NAME) == 2
    captured = capsys.readouterr()
    assert "Erasing Lucía Gómez Pardo" in captured.out and "--yes" in captured.err
    monkeypatch.setattr("sys.stdin", Tty("n"))
    assert run(db, "privacy", "erase", "ES-9", NAME) == 2
    assert "nothing was changed" in capsys.readouterr().err
    with sqlite3.connect(db) as conn:
        assert (
            conn.execute("SELECT COUNT(*) FROM people WHERE name = ?", (NAME,)).fetchone()[0] == 1
        )


def test_erase_asks_then_erases_and_names_backups(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(db, "backup") == 0
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", Tty("y"))
    monkeypatch.setattr("builtins.input", lambda prompt="": "y")
    assert run(db, "privacy", "erase", "ES-9", "#1") == 0
    out = capsys.readouterr().out
    assert "text(s) where they are named become '[erased contact]'" in out
    assert "erased Lucía Gómez Pardo" in out
    assert "backups may still hold them" in out and "backups/k-" in out
    assert leftovers(file_bytes(db)) == []


def test_person_options_and_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(
            db,
            "person",
            "edit",
            "ES-9",
            "Pedro",
            "--lawful-basis",
            "interés legítimo",
            "--do-not-contact",
            "--consent",
            "no 2/3/2026 teléfono",
            "--verified",
            "--json",
        )
        == 0
    )
    p = json.loads(capsys.readouterr().out)
    assert p["lawful_basis"] == "legitimate_interest" and p["do_not_contact"] is True
    assert p["consent"]["status"] == "withdrawn" and p["consent"]["channel"] == "phone"
    assert p["verified_at"] == "2026-11-15"
    assert run(db, "person", "edit", "ES-9", "Pedro", "--lawful-basis", "porque sí") == 2
    assert "lawful basis" in capsys.readouterr().err
    assert run(db, "people", "ES-9", "--json") == 0
    listed = {x["name"]: x for x in json.loads(capsys.readouterr().out)}
    assert listed["Pedro Sanz"]["do_not_contact"] is True
    assert listed[NAME]["lawful_basis"] == "consent" and listed[NAME]["consent"] is None
    assert run(db, "map", "ES-9", "--json") == 0
    people = {x["name"]: x for x in json.loads(capsys.readouterr().out)["people"]}
    assert people["Pedro Sanz"]["consent"]["status"] == "withdrawn"
    assert run(db, "person", "edit", "ES-9", "Pedro", "--may-contact", "--json") == 0
    assert json.loads(capsys.readouterr().out)["do_not_contact"] is False


def test_import_people_privacy_columns(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "contactos.csv"
    good.write_text(
        "cuenta,lado,nombre,base legal,consentimiento,no contactar\n"
        "ES-9,suyo,Rosa Vidal,contrato,sí 1/3/2026 formulario web,no\n"
        "ES-9,suyo,Pedro Sanz,interés legítimo,withdrawn 2026-10-01 email,sí\n",
        encoding="utf-8",
    )
    assert run(db, "import", "people", str(good)) == 0
    assert "1 new, 1 updated" in capsys.readouterr().out
    assert run(db, "import", "people", str(good)) == 0  # again: nothing new
    assert "0 new, 0 updated, 2 unchanged" in capsys.readouterr().out
    assert run(db, "privacy", "export", "ES-9", "Rosa") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["person"]["lawful_basis"] == "contract"
    assert [(c["status"], c["date"], c["channel"]) for c in data["consents"]] == [
        ("given", "2026-03-01", "web_form")
    ]
    assert [(s["action"], s["file"]) for s in data["sources"]] == [("created", "contactos.csv")]
    assert run(db, "privacy", "export", "ES-9", "Pedro") == 0
    pedro = json.loads(capsys.readouterr().out)
    assert pedro["person"]["do_not_contact"] is True
    assert [(s["action"], s["file"]) for s in pedro["sources"]] == [("updated", "contactos.csv")]

    bad = tmp_path / "malo.csv"
    bad.write_text(
        "account,side,name,lawful_basis,consent,do_not_contact\n"
        "ES-9,theirs,Eva,because,maybe,perhaps\n",
        encoding="utf-8",
    )
    assert run(db, "import", "people", str(bad)) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2: lawful_basis: unknown lawful basis 'because'" in err
    assert f"{bad}:2: consent: 'maybe' is not a consent" in err
    assert f"{bad}:2: do_not_contact: write yes or no" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM people WHERE name = 'Eva'").fetchone()[0] == 0


def test_report_and_purge(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE people SET deleted_at = '2026-09-01T10:00:00' WHERE name = 'Ana Ruiz'")
        conn.execute(
            "UPDATE interactions SET deleted_at = '2026-11-10T10:00:00' WHERE summary LIKE 'Call%'"
        )
        conn.execute("UPDATE accounts SET status = 'lost'")
        conn.execute("UPDATE account_closures SET closed_on = '2019-01-01'")
    assert run(db, "privacy", "consent", "ES-9", "Lucía", "withdrawn") == 0
    capsys.readouterr()
    assert run(db, "privacy", "report", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in report["no_lawful_basis"]] == ["Pedro Sanz"]
    assert [p["name"] for p in report["consent_withdrawn"]] == [NAME]
    assert {p["name"] for p in report["not_verified"]} == set()  # added today
    assert [(t["kind"], t["label"]) for t in report["trash_past_retention"]] == [
        ("person", "Ana Ruiz")
    ]
    assert {p["name"] for p in report["closed_accounts"]} == {NAME, "Pedro Sanz"}
    assert run(db, "privacy", "report") == 0
    assert "People with no lawful basis: 1" in capsys.readouterr().out

    assert run(db, "purge") == 2  # not a terminal, no --yes
    capsys.readouterr()
    assert run(db, "purge", "--older-than", "nonsense", "--yes") == 2
    assert run(db, "purge", "--yes", "--json") == 0
    purged = json.loads(capsys.readouterr().out)["purged"]
    assert [(p["kind"], p["label"]) for p in purged] == [("person", "Ana Ruiz")]
    with sqlite3.connect(db) as conn:
        assert (
            conn.execute("SELECT COUNT(*) FROM people WHERE name = 'Ana Ruiz'").fetchone()[0] == 0
        )
        # the call trashed 5 days ago stays
        assert (
            conn.execute(
                "SELECT COUNT(*) FROM interactions WHERE deleted_at IS NOT NULL"
            ).fetchone()[0]
            == 1
        )
    assert b"Ana Ruiz" not in file_bytes(db)
    assert run(db, "purge", "--older-than", "0d", "--yes") == 0
    with sqlite3.connect(db) as conn:
        assert (
            conn.execute(
                "SELECT COUNT(*) FROM interactions WHERE deleted_at IS NOT NULL"
            ).fetchone()[0]
            == 0
        )


def test_export_and_import_all_keep_lawful_basis_consent_and_do_not_contact(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            db,
            "privacy",
            "consent",
            "ES-9",
            "Lucía",
            "given",
            "--when",
            "2026-03-01",
            "--channel",
            "web_form",
        )
        == 0
    )
    assert run(db, "person", "edit", "ES-9", "Pedro", "--do-not-contact") == 0
    assert run(db, "export", str(tmp_path / "out")) == 0
    other = tmp_path / "other.db"
    assert run(other, "import", "all", str(tmp_path / "out")) == 0
    capsys.readouterr()
    assert run(other, "people", "ES-9", "--json") == 0
    listed = {x["name"]: x for x in json.loads(capsys.readouterr().out)}
    assert listed[NAME]["lawful_basis"] == "consent"
    assert (listed[NAME]["consent"]["status"], listed[NAME]["consent"]["date"]) == (
        "given",
        "2026-03-01",
    )
    assert listed[NAME]["consent"]["channel"] == "web_form"
    assert listed["Pedro Sanz"]["do_not_contact"] is True


def test_erase_says_which_texts_name_them_by_first_name_alone(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE interactions SET notes = 'Lucía will send the forecast' WHERE summary LIKE 'Call%'"
        )
    assert run(db, "privacy", "erase", "ES-9", "#1", "--yes") == 0
    out = capsys.readouterr().out
    assert re.search(r"\d+ more text\(s\) name them by first name alone \('Lucía'\)", out)
    assert "add --first-name to replace those too" in out
    with sqlite3.connect(db) as conn:
        kept = conn.execute("SELECT notes FROM interactions WHERE summary LIKE 'Call%'").fetchone()
    assert kept == ("Lucía will send the forecast",)  # what it said: left as it was
