"""kamtui export / import all / backup / restore-backup from the shell."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from kamtui.cli.main import main


def test_export_then_import_all(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(demo_path), "export", str(tmp_path / "out"), "--excel"]) == 0
    assert "exported" in capsys.readouterr().out
    assert main(["--db", str(tmp_path / "new.db"), "import", "all", str(tmp_path / "out")]) == 0
    assert "imported transactions: 1582 row(s)" in capsys.readouterr().out


def test_import_all_refuses_what_is_not_an_export(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "accounts.csv").write_text("name\nA\n")
    db = str(tmp_path / "new.db")
    assert main(["--db", db, "import", "all", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "no README.txt" in err and "Traceback" not in err
    main(["--db", str(demo_path), "export", str(tmp_path / "out")])
    (tmp_path / "out" / "evil.sh").write_text("rm -rf /")
    capsys.readouterr()
    assert main(["--db", db, "import", "all", str(tmp_path / "out")]) == 2
    assert "evil.sh: not a file of a kamtui export" in capsys.readouterr().err
    # all or nothing: a bad row in the last file leaves the database empty
    (tmp_path / "out" / "evil.sh").unlink()
    actions = tmp_path / "out" / "goal_actions.csv"
    actions.write_text(actions.read_text() + "ES-0001,No such goal,,call,,\n")
    assert main(["--db", db, "import", "all", str(tmp_path / "out")]) == 2
    assert "goal_actions.csv:" in capsys.readouterr().err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM accounts").fetchone()[0] == 0
    conn.close()


def test_backup_keeps_the_last_n_and_is_private(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "config.toml").write_text("[backup]\nkeep = 2\n")
    for _ in range(3):
        assert main(["--db", str(demo_path), "backup"]) == 0
    found = sorted((demo_path.parent / "backups").iterdir())
    assert len(found) == 2
    assert all(os.stat(p).st_mode & 0o777 == 0o600 for p in found)
    conn = sqlite3.connect(found[-1])
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM accounts").fetchone()[0] == 14
    conn.close()


def test_restore_backup_swaps_in_the_backup_and_keeps_the_current_file(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "b.db"
    assert main(["--db", str(demo_path), "backup", str(backup)]) == 0
    conn = sqlite3.connect(demo_path)
    conn.execute("DELETE FROM transactions")
    conn.commit()
    conn.close()
    assert main(["--db", str(demo_path), "restore-backup", str(backup)]) == 0
    out = capsys.readouterr().out
    conn = sqlite3.connect(demo_path)
    assert conn.execute("SELECT COUNT(*) FROM transactions").fetchone()[0] == 1582
    conn.close()
    aside = [p for p in tmp_path.iterdir() if ".before-restore-" in p.name]
    assert len(aside) == 1 and aside[0].name in out
    conn = sqlite3.connect(aside[0])
    assert conn.execute("SELECT COUNT(*) FROM transactions").fetchone()[0] == 0
    conn.close()


def test_restore_refuses_a_damaged_backup_or_an_open_database(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    assert main(["--db", str(demo_path), "restore-backup", str(bad)]) != 0
    assert "not restored" in capsys.readouterr().err
    good = tmp_path / "good.db"
    main(["--db", str(demo_path), "backup", str(good)])
    from kamtui.storage.db import open_store

    store = open_store(demo_path)  # the app has it open
    try:
        assert main(["--db", str(demo_path), "restore-backup", str(good)]) != 0
        assert "open in another kamtui" in capsys.readouterr().err
    finally:
        store.close()
    assert not [p for p in tmp_path.iterdir() if ".before-restore-" in p.name]
