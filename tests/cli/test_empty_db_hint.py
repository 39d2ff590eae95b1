"""Right after `kamtui demo`, the default database is still empty: naming an
account there says where the demo is and how to open it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.cli.main import main


@pytest.fixture
def default_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("KAMTUI_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "kamtui"


def test_after_the_demo_the_empty_default_database_points_to_it(
    default_location: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--no-open"]) == 0
    capsys.readouterr()
    assert main(["map", "peña"]) == 2
    err = capsys.readouterr().err
    assert "no account matches 'peña'" in err
    assert f"{default_location / 'kamtui.db'} has no accounts yet" in err
    assert f"the demo portfolio lives in its own file, {default_location / 'demo.db'}" in err
    assert "`kamtui demo` opens it" in err


def test_without_a_demo_it_says_how_to_fill_it(
    default_location: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["map", "peña"]) == 2
    err = capsys.readouterr().err
    assert "has no accounts yet" in err and "kamtui import accounts" in err


def test_a_database_with_accounts_just_says_no_match(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(demo_path), "map", "zzz"]) == 2
    assert capsys.readouterr().err == "kamtui: error: no account matches 'zzz'\n"
