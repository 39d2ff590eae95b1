"""The CLI entry point: help, imports of accounts, errors, database paths."""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kamtui import __version__
from kamtui.cli.main import build_parser, main
from kamtui.storage.schema import SCHEMA_VERSION


def run(*args: str) -> int:
    return main(list(args))


def count_accounts(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM accounts").fetchone()[0]
    finally:
        conn.close()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run("--version")
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def _subcommands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name), sub
                yield from _subcommands(sub, (*prefix, name))


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    commands = list(_subcommands(build_parser()))
    assert ("demo",) in [c for c, _ in commands]
    assert ("import", "accounts") in [c for c, _ in commands]
    for path, sub in commands:
        assert sub.description, f"kamtui {' '.join(path)} has no description"
        with pytest.raises(SystemExit) as exc:
            run(*path, "--help")
        assert exc.value.code == 0
        assert "usage: kamtui" in capsys.readouterr().out


ACCOUNTS = (
    "name,account_number,tax_id,industry,tier,owner,phone,email,address,cadence_days\n"
    "Conservas Peña S.A.,ES-0001,B12345678,Food,A,Lucía Fernández,+34 912 345 678,"
    'compras@pena.es,"Calle Mayor 1, Vigo",30\n'
    "Northwind Logistics Ltd,UK-0002,,Logistics,B,Tom Baker,,,,\n"
)


def test_import_accounts_then_reimport_does_not_duplicate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "k.db"
    csv_file = write(tmp_path / "accounts.csv", ACCOUNTS)
    assert run("--db", str(db), "import", "accounts", str(csv_file)) == 0
    assert "2 new" in capsys.readouterr().out
    # --db after the subcommand works too.
    assert run("import", "accounts", str(csv_file), "--db", str(db)) == 0
    assert "2 unchanged" in capsys.readouterr().out
    assert count_accounts(db) == 2


def test_import_reports_every_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "k.db"
    csv_file = write(
        tmp_path / "bad.csv",
        "name,email,cadence_days\nGood One,ok@x.es,30\n,nobody@x.es,10\nBad Mail,not-an-email,abc\n",
    )
    assert run("--db", str(db), "import", "accounts", str(csv_file)) == 2
    err = capsys.readouterr().err
    assert f"{csv_file}:3: name: a name is required" in err
    assert f"{csv_file}:4: email: not an e-mail address" in err
    assert f"{csv_file}:4: cadence_days: must be a whole number" in err
    assert count_accounts(db) == 0


def test_unknown_column_is_an_error_unless_mapped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "k.db"
    csv_file = write(tmp_path / "a.csv", "Nombre;Colour;Teléfono\nIbáñez;red;912345678\n")
    assert run("--db", str(db), "import", "accounts", str(csv_file)) == 2
    assert f"{csv_file}:1: Colour: unknown column" in capsys.readouterr().err
    assert count_accounts(db) == 0
    assert run("--db", str(db), "import", "accounts", str(csv_file), "--map", "Colour=") == 0
    out = capsys.readouterr().out
    assert "separator: ';'" in out
    assert count_accounts(db) == 1


def test_windows_1252_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "k.db"
    csv_file = write(tmp_path / "excel.csv", "Nombre;Sector\nCompañía Ibáñez;Química\n", "cp1252")
    assert run("--db", str(db), "import", "accounts", str(csv_file)) == 0
    assert "Windows-1252" in capsys.readouterr().out
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT name, industry FROM accounts").fetchone() == (
        "Compañía Ibáñez",
        "Química",
    )


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "k.db"
    csv_file = write(tmp_path / "accounts.csv", ACCOUNTS)
    assert run("--db", str(db), "import", "accounts", str(csv_file), "--dry-run") == 0
    assert "would import 2 row(s): 2 new" in capsys.readouterr().out
    assert count_accounts(db) == 0


def test_duplicate_rows_in_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = write(tmp_path / "d.csv", "name\nAcme\nACME \n")
    assert run("--db", str(tmp_path / "k.db"), "import", "accounts", str(csv_file)) == 2
    assert f"{csv_file}:3: name: duplicate of line 2" in capsys.readouterr().err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--db", str(tmp_path / "k.db"), "import", "accounts", str(tmp_path / "no.csv")) == 2
    assert "file not found" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["directory", "garbage", "newer"])
def test_bad_database_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    csv_file = write(tmp_path / "accounts.csv", ACCOUNTS)
    if kind == "directory":
        target = tmp_path / "dir"
        target.mkdir()
    elif kind == "garbage":
        target = write(tmp_path / "garbage.db", "not sqlite at all " * 50)
    else:
        target = tmp_path / "newer.db"
        conn = sqlite3.connect(target)
        conn.execute("CREATE TABLE meta (key TEXT)")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.close()
    before = None if target.is_dir() else target.read_bytes()
    assert run("--db", str(target), "import", "accounts", str(csv_file)) == 2
    err = capsys.readouterr().err
    assert err.startswith("kamtui: error:") and err.count("\n") == 1
    if before is not None:
        assert target.read_bytes() == before


def test_kamtui_db_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("KAMTUI_DB", str(db))
    csv_file = write(tmp_path / "accounts.csv", ACCOUNTS)
    assert run("import", "accounts", str(csv_file)) == 0
    assert count_accounts(db) == 2


def test_console_script_runs(tmp_path: Path) -> None:
    env = {**os.environ, "KAMTUI_DB": str(tmp_path / "x.db")}
    proc = subprocess.run(
        [sys.executable, "-m", "kamtui", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0
    assert "demo" in proc.stdout


def _registered(parser: argparse.ArgumentParser) -> list[str]:
    return [name for (name, *rest), _ in _subcommands(parser) if not rest]


ALL_COMMANDS = [
    "demo",
    "import",
    "export",
    "backup",
    "restore-backup",
    "goals",
    "goal",
    "health",
    "log",
    "search",
    "followups",
    "map",
    "brief",
    "accounts",
    "account",
    "people",
    "person",
    "interactions",
    "interaction",
    "complaints",
    "complaint",
    "facts",
    "fact",
    "trash",
    "restore",
    "privacy",
    "purge",
    "merge",
    "merges",
    "history",
    "duplicates",
    "not-duplicate",
]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["log", "Peña", "--when", "today"], ["log"]),
        (["--db", "map", "log", "x"], ["log"]),  # --db's value is not the command
        (["--db=log", "search", "x"], ["search"]),
        (["--user", "log", "history", "x"], ["history"]),  # --user's value neither
        (["--user=ana", "log", "x"], ["log"]),
        (["import", "accounts", "f.csv", "--db", "x"], ["import"]),
        ([], []),  # the app: no command to build
        (["--db", "x.db"], []),
        (["--version"], []),
        (["--help"], ALL_COMMANDS),
        (["-h", "log"], ALL_COMMANDS),
        (["--he"], ALL_COMMANDS),  # argparse takes abbreviations: play safe
        (["nosuch"], ALL_COMMANDS),  # the error lists every command
        (["--bogus", "log"], ALL_COMMANDS),
    ],
)
def test_parser_builds_only_the_command_asked_for(argv: list[str], expected: list[str]) -> None:
    assert _registered(build_parser(argv)) == expected
    assert _registered(build_parser()) == ALL_COMMANDS


def test_help_and_errors_still_list_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run("--help")
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert all(name in out for name in ALL_COMMANDS)
    with pytest.raises(SystemExit) as exc:
        run("nosuch")
    assert exc.value.code == 2
    assert "invalid choice: 'nosuch' (choose from 'demo', 'import'" in capsys.readouterr().err


def test_no_command_opens_the_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import kamtui.cli.main as cli

    opened: list[argparse.Namespace] = []
    monkeypatch.setattr(cli, "run_tui", lambda args: opened.append(args) or 0)
    assert run("--db", str(tmp_path / "x.db")) == 0
    assert [a.db for a in opened] == [str(tmp_path / "x.db")]
