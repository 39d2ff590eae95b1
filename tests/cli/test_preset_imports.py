"""`kamtui import accounts|people --preset salesforce|hubspot` end to end:
counts, the CRM's record id kept as an identifier, re-importing changes
nothing, errors exit 2 with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.storage.db import open_store
from tests.helpers import DATA, add_accounts


def _db(tmp_path: Path) -> Path:
    db = tmp_path / "p.db"
    s = open_store(db)
    add_accounts(s)
    s.close()
    return db


def _rows(db: Path, query: str) -> list[tuple]:
    s = open_store(db)
    try:
        return [tuple(r) for r in s.query(query)]
    finally:
        s.close()


def test_salesforce_accounts_then_contacts(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path)
    imp = ["--db", str(db), "import"]
    accounts = [*imp, "accounts", str(DATA / "salesforce_accounts.csv"), "--preset", "salesforce"]
    assert main(accounts) == 0
    out = capsys.readouterr().out
    assert "assumed columns of a Salesforce export (--preset)" in out
    assert "imported 2 row(s): 1 new, 1 updated, 0 unchanged" in out
    assert _rows(db, "SELECT business_unit, number FROM account_identifiers ORDER BY number") == [
        ("Salesforce", "0015g00000XyZ1aAAF"),
        ("Salesforce", "0015g00000XyZ2bAAF"),
    ]
    assert main(accounts) == 0
    assert "imported 2 row(s): 0 new, 0 updated, 2 unchanged" in capsys.readouterr().out
    people = [*imp, "people", str(DATA / "salesforce_contacts.csv"), "--preset", "salesforce"]
    assert main(people) == 0
    out = capsys.readouterr().out
    assert "imported 3 row(s): 3 new" in out
    assert "'Plant Operations' (1)" in out
    assert _rows(db, "SELECT name, side, function FROM people ORDER BY name") == [
        ("Lucía Ferrer", "theirs", "purchasing"),
        ("Pons", "theirs", "finance"),
        ("Íñigo Sanz", "theirs", None),
    ]
    assert main(people) == 0
    assert "0 new, 0 updated, 3 unchanged" in capsys.readouterr().out


def test_hubspot_companies_match_by_record_id_on_reimport(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path)
    src = DATA / "hubspot_companies.csv"
    args = ["--db", str(db), "import", "accounts", str(src), "--preset", "hubspot"]
    assert main(args) == 0
    assert "1 new, 1 updated" in capsys.readouterr().out
    # the company renamed in HubSpot: matched by its record id, not duplicated
    renamed = tmp_path / "renamed.csv"
    renamed.write_text(
        src.read_text(encoding="utf-8").replace("Vinos Altamira", "Bodegas Altamira"),
        encoding="utf-8",
    )
    args[4] = str(renamed)
    assert main(args) == 0
    assert "0 new, 1 updated, 1 unchanged" in capsys.readouterr().out
    assert ("Bodegas Altamira",) in _rows(db, "SELECT name FROM accounts")
    assert ("Vinos Altamira",) not in _rows(db, "SELECT name FROM accounts")
    contacts = ["--db", str(db), "import", "people", str(DATA / "hubspot_contacts.csv")]
    assert main([*contacts, "--preset", "hubspot"]) == 2  # "Vinos Altamira" is gone
    err = capsys.readouterr().err
    assert "hubspot_contacts.csv:4: Associated Company:" in err
    assert "nothing imported (1 error(s))" in err
    assert _rows(db, "SELECT COUNT(*) FROM people") == [(0,)]


def test_without_preset_the_export_columns_are_unknown(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path)
    args = ["--db", str(db), "import", "accounts", str(DATA / "salesforce_accounts.csv")]
    assert main(args) == 2
    assert "Created Date: unknown column" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main([*args, "--preset", "sap"])
    assert exc.value.code == 2
    assert "invalid choice: 'sap'" in capsys.readouterr().err
