"""A full disk, a read-only file or folder: said as what they are, nothing
half-written, and reading still works where it can."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.storage import db as db_module
from kamtui.storage.db import open_store
from kamtui.storage.errors import DiskFull, ReadOnlyDatabase
from tests.reliability.helpers import add_account, integrity, kamtui, log_args, transactions_csv


def _count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB file system of its own (a tmpfs; needs root and mount)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_real_full_disk_is_reported_as_such_and_nothing_is_written(
    small_disk: Path, tmp_path: Path
) -> None:
    db = small_disk / "kam.db"
    store = open_store(db)
    add_account(store, "Acme Ibérica", "A-1")
    store.close()
    invoices = transactions_csv(tmp_path / "big.csv", 40_000, ["A-1"])
    result = kamtui(db, "import", "transactions", str(invoices))
    assert result.returncode == 1, result.stderr
    assert "disk is full" in result.stderr
    assert "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert "not a usable SQLite database" not in result.stderr
    assert _count(db, "transactions") == 0
    assert integrity(db) == "ok"


def test_a_full_disk_during_a_shell_import_exits_1_and_keeps_the_file(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """The same through SQLite's own page limit, where mounting is not allowed."""
    store = open_store(db_path)
    add_account(store, "Acme Ibérica", "A-1")
    store.close()
    invoices = transactions_csv(tmp_path / "big.csv", 20_000, ["A-1"])
    real_connect = db_module.connect

    def full_connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
        conn = real_connect(path, readonly=readonly)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 5}")
        return conn

    monkeypatch.setattr(db_module, "connect", full_connect)
    code = main(["--db", str(db_path), "import", "transactions", str(invoices)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "disk is full" in err and "nothing was written" in err
    assert _count(db_path, "transactions") == 0


def test_store_write_on_a_full_disk_raises_disk_full_and_rolls_back(db_path: Path) -> None:
    store = open_store(db_path)
    failures: list[Exception] = []
    store.on_failure = failures.append
    pages = store.one("PRAGMA page_count")[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFull), store.write() as conn:
        for i in range(2000):
            conn.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (f"k{i}", "x" * 500))
    assert [type(f) for f in failures] == [DiskFull]
    assert store.one("SELECT COUNT(*) FROM meta WHERE key LIKE 'k%'")[0] == 0
    assert not store.conn.in_transaction
    store.close()


def _pretend_read_only(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """What a 0400 file looks like to a user who is not root (tests run as root)."""
    real_access = os.access

    def access(target: object, mode: int, **kwargs: object) -> bool:
        if Path(str(target)) == path and mode & os.W_OK:
            return False
        return real_access(target, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(db_module.os, "access", access)


def test_read_commands_work_on_a_file_the_user_may_only_read(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    store = open_store(db_path)
    add_account(store, "Acme Ibérica")
    store.close()
    db_path.chmod(0o400)
    _pretend_read_only(monkeypatch, db_path)
    assert main(["--db", str(db_path), "search", "acme"]) == 0
    assert "Acme Ibérica" in capsys.readouterr().out
    assert main(["--db", str(db_path), "map", "Acme"]) == 0
    assert "Acme Ibérica" in capsys.readouterr().out
    assert main(["--db", str(db_path), "health", "--no-save"]) == 0
    assert "Acme Ibérica" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", str(db_path), *log_args("Acme", "x")]) == 1
    err = capsys.readouterr().err
    assert "cannot be written (permission denied)" in err and "search, map" in err


def test_a_read_only_store_refuses_writes(db_path: Path) -> None:
    open_store(db_path).close()
    store = open_store(db_path, readonly=True)
    with pytest.raises(ReadOnlyDatabase, match="read-only"), store.write() as conn:
        conn.execute("INSERT INTO meta(key, value) VALUES ('a', 'b')")
    store.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_a_0400_file_really_opens_for_reading(db_path: Path) -> None:
    store = open_store(db_path)
    add_account(store, "Acme Ibérica")
    store.close()
    db_path.chmod(0o400)
    assert kamtui(db_path, "search", "acme").returncode == 0


def test_a_read_only_folder_is_named_and_reading_still_works(small_disk: Path) -> None:
    db = small_disk / "kam.db"
    store = open_store(db)
    add_account(store, "Acme Ibérica")
    store.close()
    remount = subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], capture_output=True)
    if remount.returncode != 0:
        pytest.skip("cannot remount read-only here")
    found = kamtui(db, "search", "acme")
    assert found.returncode == 0, found.stderr
    assert "Acme Ibérica" in found.stdout
    refused = kamtui(db, *log_args("Acme", "x"))
    assert refused.returncode == 1
    assert "read-only file system" in refused.stderr
    assert "not a usable SQLite database" not in refused.stderr
