"""`kamtui map`, `kamtui import people` and `kamtui import links`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kamtui.cli.main import main

ACCOUNTS = "name,account_number\nAcme Ibérica S.A.,ES-1\nAcme Norte S.L.,ES-2\n"
PEOPLE = (
    "account,side,name,title,function,role,stance,email,phone\n"
    "Acme Ibérica,ours,Ana Ruiz,KAM,Ventas,,,ana@us.es,\n"
    "Acme Ibérica,Suyo,Luis Gómez,Director de Compras,Compras,Decisor,campeón,luis@acme.es,"
    "+34 600 000 000\n"
    "Acme Ibérica,theirs,Marta Díaz,Jefa de Planta,Producción,influencer,,,\n"
)
LINKS = "account,ours,theirs,strength\nES-1,ana ruiz,LUIS GOMEZ,5\nES-1,Ana Ruiz,Marta Diaz,\n"


def run(*args: str) -> int:
    return main(list(args))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "k.db"
    assert (
        run("--db", str(path), "import", "accounts", str(write(tmp_path / "a.csv", ACCOUNTS))) == 0
    )
    capsys.readouterr()
    return path


def test_import_people_and_links_then_map(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = write(tmp_path / "people.csv", PEOPLE)
    links = write(tmp_path / "links.csv", LINKS)
    assert run("--db", str(db), "import", "people", str(people)) == 0
    assert "3 new" in capsys.readouterr().out
    assert run("--db", str(db), "import", "links", str(links)) == 0
    assert "2 new" in capsys.readouterr().out
    # re-import: nothing duplicated
    assert run("--db", str(db), "import", "people", str(people)) == 0
    assert "3 unchanged" in capsys.readouterr().out
    assert run("--db", str(db), "import", "links", str(links)) == 0
    assert "2 unchanged" in capsys.readouterr().out
    assert count(db, "people") == 3 and count(db, "links") == 2

    assert run("--db", str(db), "map", "acme iberica", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["account"] == "Acme Ibérica S.A."
    assert data["shape"] == "bow-tie"
    assert data["our_people"] == 1 and data["their_people"] == 2
    assert data["their_functions"] == ["production", "purchasing"]
    assert data["decision_maker_covered"] is True
    assert data["single_points_of_failure"] == ["Ana Ruiz"]
    assert data["busiest_pair_share"] is None  # no interactions yet
    assert data["reasons"][0] == "all 2 links pass through Ana Ruiz"
    for key in (
        "account",
        "shape",
        "our_people",
        "their_people",
        "their_functions",
        "decision_maker_covered",
        "single_points_of_failure",
        "busiest_pair_share",
        "reasons",
    ):
        assert key in data

    assert run("--db", str(db), "map", "ES-1") == 0
    text = capsys.readouterr().out
    assert "contact map: bow-tie > <" in text
    assert "Ana Ruiz" in text and "single point of failure" in text
    assert "↔ Luis Gómez (5" in text


def test_reimport_updates_without_erasing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--db", str(db), "import", "people", str(write(tmp_path / "p.csv", PEOPLE))) == 0
    change = "account,side,name,title,email\nAcme Ibérica,theirs,luis gómez,CEO,\n"
    assert run("--db", str(db), "import", "people", str(write(tmp_path / "c.csv", change))) == 0
    assert "1 updated" in capsys.readouterr().out
    conn = sqlite3.connect(db)
    title, email = conn.execute(
        "SELECT title, email FROM people WHERE name_key = 'luis gomez'"
    ).fetchone()
    conn.close()
    assert (title, email) == ("CEO", "luis@acme.es")
    assert count(db, "people") == 3


def test_people_errors_list_valid_values_and_write_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(
        tmp_path / "bad.csv",
        "account,side,name,function\n"
        "Acme Ibérica,ours,Ana,Ventas\n"
        "Acme Ibérica,both,Bea,Ventas\n"
        "Acme Ibérica,ours,Carla,astrology\n"
        "Acme,ours,Dani,\n"
        "Nobody Inc,ours,Eva,\n"
        "Acme Ibérica,ours,,\n"
        "Acme Ibérica,ours,ana,\n",
    )
    assert run("--db", str(db), "import", "people", str(bad)) == 2
    errors = capsys.readouterr().err
    assert f"{bad}:3: side: unknown side 'both'; valid: ours, theirs" in errors
    assert (
        f"{bad}:4: function: unknown function 'astrology'; valid: executive, purchasing" in errors
    )
    assert (
        f"{bad}:5: account: account 'Acme' is ambiguous: Acme Ibérica S.A. (#1); Acme Norte"
        in errors
    )
    assert f"{bad}:6: account: no account matches 'Nobody Inc'" in errors
    assert f"{bad}:7: name: is required" in errors
    assert f"{bad}:8: name: duplicate of line 2" in errors
    assert "nothing imported" in errors
    assert count(db, "people") == 0


def test_links_errors_name_candidates(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--db", str(db), "import", "people", str(write(tmp_path / "p.csv", PEOPLE))) == 0
    capsys.readouterr()
    bad = write(
        tmp_path / "bad.csv",
        "account,ours,theirs,strength\n"
        "ES-1,Ana Ruiz,Pedro,3\n"
        "ES-1,Luis Gómez,Marta Díaz,3\n"
        "ES-1,Ana Ruiz,Marta,9\n",
    )
    assert run("--db", str(db), "import", "links", str(bad)) == 2
    errors = capsys.readouterr().err
    assert (
        f"{bad}:2: theirs: no person 'Pedro' on the theirs side of the account; known: " in errors
    )
    assert "known: Marta Díaz, Luis Gómez" in errors
    assert f"{bad}:3: ours: no person 'Luis Gómez' on the ours side" in errors
    assert f"{bad}:4: strength: '9' is not a strength; use a whole number 1 (weak) to 5" in errors
    assert count(db, "links") == 0


def test_dry_run_and_map_option(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = write(
        tmp_path / "odd.csv",
        "Cliente;Lado;Nombre;Notas\nAcme Ibérica;nuestro;Ana;x\n",
    )
    assert run("--db", str(db), "import", "people", str(odd), "--dry-run", "--map", "Notas=") == 0
    assert "dry run: would import 1 row(s): 1 new" in capsys.readouterr().out
    assert count(db, "people") == 0
    assert run("--db", str(db), "import", "people", str(odd)) == 2
    assert "Notas: unknown column" in capsys.readouterr().err


def test_map_ambiguous_account_lists_candidates(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--db", str(db), "map", "acme") == 2
    errors = capsys.readouterr().err
    assert "Acme Ibérica S.A. (#1)" in errors and "Acme Norte S.L. (#2)" in errors
    assert run("--db", str(db), "map", "nobody") == 2
    assert "no account matches 'nobody'" in capsys.readouterr().err


def test_map_demo_what_if_and_hostile_names(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--db", str(demo_path), "map", "munoz", "--json") == 0
    assert json.loads(capsys.readouterr().out)["shape"] == "diamond"
    assert run("--db", str(demo_path), "map", "ibanez", "--json", "--leaving", "ramon") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["shape"] == "none" and data["leaving"] == ["Ramón Ibáñez"]
    # Imports refuse control characters; the app's forms took them before.
    from kamtui.domain.models import PersonInput
    from kamtui.services import accounts as account_service
    from kamtui.services import people as people_service
    from kamtui.storage.db import open_store

    store = open_store(demo_path)
    ibanez = account_service.resolve(store, "ibanez").id
    people_service.create_person(
        store, ibanez, PersonInput(side="theirs", name="\x1b[31m[bold]Evil[/]")
    )
    store.close()
    assert run("--db", str(demo_path), "map", "ibanez") == 0
    text = capsys.readouterr().out
    assert "\x1b" not in text and "[bold]Evil[/]" in text
