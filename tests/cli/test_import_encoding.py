"""`--encoding`, which the importers' "read as Windows-1252" note suggests,
exists on every `kamtui import KIND` and reaches the parser."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kamtui.cli.commands.imports import KINDS
from kamtui.cli.main import main


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("cp850"))  # a DOS file: ñ is 0xA4, '¤' in Windows-1252
    return path


def _import(db: Path, kind: str, path: Path, *extra: str) -> int:
    return main(["--db", str(db), "import", kind, str(path), *extra])


def test_every_kind_reads_the_encoding_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "kam.db"
    accounts = _write(tmp_path, "a.csv", "name,account_number\nConservas Peña,X-1\n")
    people = _write(
        tmp_path,
        "p.csv",
        "account,side,name\nConservas Peña,theirs,Íñigo Muñoz\nConservas Peña,ours,Begoña\n",
    )
    links = _write(tmp_path, "l.csv", "account,ours,theirs\nX-1,Begoña,Íñigo Muñoz\n")
    money = _write(
        tmp_path,
        "t.csv",
        "date,account,amount,category,document\n2026-01-05,Conservas Peña,100,Latas,F-1\n",
    )
    wallet = _write(
        tmp_path, "w.csv", "account,category,year,amount\nConservas Peña,Latas,2026,1000\n"
    )
    for kind, path in (
        ("accounts", accounts),
        ("people", people),
        ("links", links),
        ("transactions", money),
        ("wallet", wallet),
    ):
        assert _import(db, kind, path, "--encoding", "cp850") == 0, capsys.readouterr().err
        assert "Windows-1252" not in capsys.readouterr().out
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT name FROM accounts").fetchall() == [("Conservas Peña",)]
        names = {r[0] for r in conn.execute("SELECT name FROM people")}
        assert names == {"Íñigo Muñoz", "Begoña"}
        assert conn.execute("SELECT COUNT(*) FROM transactions").fetchone() == (1,)
    finally:
        conn.close()


def test_without_it_the_fallback_says_how_to_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "a.csv", "name\nConservas Peña\n")
    assert _import(tmp_path / "kam.db", "accounts", path) == 0
    assert "--encoding" in capsys.readouterr().out


# `import all` reads a kamtui export, whose encoding the export's README states.
@pytest.mark.parametrize("kind", sorted(k for k in KINDS if k != "all"))
def test_an_unknown_encoding_is_a_usage_error(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "x.csv", "name\nx\n")
    with pytest.raises(SystemExit) as info:
        _import(tmp_path / "kam.db", kind, path, "--encoding", "klingon")
    assert info.value.code == 2
    assert "not a known text encoding" in capsys.readouterr().err
