"""`kamtui import vcard` and `kamtui export vcard`: counts, all-or-nothing
errors with exit 2, and the round trip."""

from __future__ import annotations

from pathlib import Path

import vobject

from kamtui.cli.main import main
from kamtui.domain.models import PersonInput
from kamtui.services import people
from kamtui.storage.db import open_store
from tests.helpers import DATA, add_accounts

ACCOUNT = "Talleres Ibáñez S.L."


def _db(tmp_path: Path) -> Path:
    db = tmp_path / "v.db"
    s = open_store(db)
    add_accounts(s)
    s.close()
    return db


def _names(db: Path) -> list[tuple[str, str]]:
    s = open_store(db)
    try:
        return [(r[0], r[1]) for r in s.query("SELECT name, side FROM people ORDER BY name")]
    finally:
        s.close()


def test_import_vcard_then_reimport_changes_nothing(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path)
    args = ["--db", str(db), "import", "vcard", str(DATA / "contactos_android.vcf")]
    assert main([*args, "--account", "C-1001", "--dry-run"]) == 0
    assert "dry run: would import 3 row(s): 3 new" in capsys.readouterr().out
    assert _names(db) == []
    assert main([*args, "--account", "C-1001"]) == 0
    assert "imported 3 row(s): 3 new, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert main([*args, "--account", "C-1001"]) == 0
    assert "imported 3 row(s): 0 new, 0 updated, 3 unchanged" in capsys.readouterr().out
    assert _names(db) == [
        ("José Gómez López", "theirs"),
        ("Luis Ortega", "theirs"),
        ("Marta Ruiz", "theirs"),
    ]
    assert main([*args, "--account", "C-1001", "--side", "ours"]) == 0
    assert len(_names(db)) == 6


def test_import_vcard_errors_exit_2_nothing_written(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path)
    bad = tmp_path / "bad.vcf"
    bad.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Bea\n",
        encoding="utf-8",
    )
    assert main(["--db", str(db), "import", "vcard", str(bad), "--account", "C-1001"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:5: card 2: BEGIN:VCARD is never closed" in err
    assert "nothing imported (1 error(s))" in err
    assert "Traceback" not in err
    assert _names(db) == []
    good = DATA / "contactos_android.vcf"
    assert main(["--db", str(db), "import", "vcard", str(good), "--account", "Nadie"]) == 2
    assert "--account 'Nadie':" in capsys.readouterr().err


def test_export_vcard_round_trip(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path)
    src = ["--db", str(db), "import", "vcard", str(DATA / "contactos_android.vcf")]
    assert main([*src, "--account", "C-1001"]) == 0
    out = tmp_path / "out.vcf"
    assert main(["--db", str(db), "export", "vcard", "C-1001", "-o", str(out)]) == 0
    assert "exported 3 card(s) of Talleres Ibáñez S.L." in capsys.readouterr().out
    assert out.stat().st_mode & 0o777 == 0o600  # personal data: the user's eyes only
    first = out.read_text(encoding="utf-8")
    cards = list(vobject.readComponents(first))
    assert {c.version.value for c in cards} == {"3.0"}
    assert {c.fn.value for c in cards} == {"José Gómez López", "Luis Ortega", "Marta Ruiz"}
    # the same cards (UIDs included) on a second export
    assert main(["--db", str(db), "export", "vcard", "C-1001", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == first
    # into another account of another database: the same people
    other = tmp_path / "other.db"
    s = open_store(other)
    add_accounts(s)
    s.close()
    assert main(["--db", str(other), "import", "vcard", str(out), "--account", "C-1002"]) == 0
    a, b = open_store(db), open_store(other)
    try:
        q = (
            "SELECT name, side, title, function, decision_role, email, phone FROM people "
            "ORDER BY name"
        )
        assert [tuple(r) for r in a.query(q)] == [tuple(r) for r in b.query(q)]
    finally:
        a.close()
        b.close()


def test_export_vcard_40_related_and_hostile_text(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path)
    s = open_store(db)
    acc = s.query("SELECT id FROM accounts WHERE account_number = 'C-1001'")[0][0]
    ours = people.create_person(
        s, acc, PersonInput(side="ours", name="Kam; Uno, =cmd|' /C calc'!A0")
    )
    theirs = people.create_person(s, acc, PersonInput(side="theirs", name="Eva\\Nadal"))
    people.link_people(s, ours, theirs)
    s.close()
    args = ["--db", str(db), "export", "vcard", ACCOUNT, "--vcard-version", "4.0"]
    assert main([*args, "--side", "all"]) == 0
    text = capsys.readouterr().out
    cards = {c.fn.value: c for c in vobject.readComponents(text)}
    kam, eva = cards["Kam; Uno, =cmd|' /C calc'!A0"], cards["Eva\\Nadal"]
    assert kam.version.value == "4.0"
    assert kam.related.value == eva.uid.value
    assert eva.related.value == kam.uid.value
    assert main(["--db", str(db), "export", "vcard"]) == 2
    assert "name the account" in capsys.readouterr().err
    assert main(["--db", str(db), "export", "vcard", "Nadie"]) == 2
