"""A database the user names (--db, $KAMTUI_DB) must be in a folder that
exists: a typo would otherwise create an empty database somewhere. Only the
default location is created."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.cli.main import main


@pytest.mark.parametrize("command", [["followups"], ["search", "x"], ["demo", "--no-open"]])
def test_db_in_a_missing_folder_is_refused(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "typo" / "deeper" / "kam.db"
    assert main(["--db", str(target), *command]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kamtui: error: --db ")
    assert f"{target.parent} does not exist" in err
    assert not (tmp_path / "typo").exists()


def test_kamtui_db_in_a_missing_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAMTUI_DB", str(tmp_path / "typo" / "kam.db"))
    assert main(["followups"]) == 2
    assert "KAMTUI_DB" in capsys.readouterr().err
    assert not (tmp_path / "typo").exists()


def test_a_file_in_place_of_the_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("")
    assert main(["--db", str(tmp_path / "file" / "kam.db"), "followups"]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_a_new_file_in_an_existing_folder_and_the_default_folder_are_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--db", str(tmp_path / "new.db"), "followups"]) == 0
    assert (tmp_path / "new.db").exists()
    monkeypatch.delenv("KAMTUI_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh"))
    assert main(["followups"]) == 0
    assert list((tmp_path / "fresh").rglob("kamtui.db"))
