"""The database file: private, current, migrated with a backup, refused when foreign."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.storage import db as dbmod
from kamtui.storage.db import open_store
from kamtui.storage.errors import StorageError
from kamtui.storage.schema import SCHEMA_VERSION


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_private_and_current(db_path: Path) -> None:
    store = open_store(db_path)
    store.close()
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            assert stat.S_IMODE(os.stat(side).st_mode) == 0o600
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in (
        "accounts",
        "people",
        "links",
        "interactions",
        "interaction_participants",
        "complaints",
        "facts",
        "transactions",
        "wallet_estimates",
        "goals",
        "goal_actions",
        "health_snapshots",
        "next_steps",
    ):
        assert table in tables


def test_pragmas(store) -> None:
    assert store.one("PRAGMA foreign_keys")[0] == 1
    assert store.one("PRAGMA journal_mode")[0] == "wal"
    assert store.one("PRAGMA busy_timeout")[0] >= 1000


def test_account_round_trip_with_accents_and_markup(store) -> None:
    data = AccountInput(
        name="Compañía Ibáñez [bold]x[/]",
        tier="a",
        cadence_days="30",
        email="compras@ibanez.es",
        phone="+34 912 345 678",
    )
    account_id = accounts.create(store, data)
    got = accounts.get(store, account_id)
    assert got.name == "Compañía Ibáñez [bold]x[/]"
    assert got.tier == "A" and got.cadence_days == 30
    assert accounts.resolve(store, "compania ibanez").id == account_id


def test_delete_moves_to_trash_and_restore_undoes(store) -> None:
    account_id = accounts.create(store, AccountInput(name="Northwind"))
    accounts.delete(store, account_id)
    assert [r.id for r in accounts.portfolio(store, date(2026, 1, 1))] == []
    assert [a.id for a in accounts.trash(store)] == [account_id]
    accounts.restore(store, account_id)
    assert [r.id for r in accounts.portfolio(store, date(2026, 1, 1))] == [account_id]


def test_failed_write_leaves_nothing(store) -> None:
    with pytest.raises(RuntimeError), store.write() as conn:
        conn.execute(
            "INSERT INTO accounts(name, name_key, created_at, updated_at) VALUES ('A','a','x','x')"
        )
        raise RuntimeError("boom")
    assert store.one("SELECT COUNT(*) FROM accounts")[0] == 0


def test_migration_writes_backup_first(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(db_path)
    accounts.create(store, AccountInput(name="Before upgrade"))
    store.close()
    extra = [*dbmod.MIGRATIONS, ("add a column", "ALTER TABLE accounts ADD COLUMN extra TEXT;")]
    monkeypatch.setattr(dbmod, "MIGRATIONS", extra)
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", len(extra))
    store = open_store(db_path)
    assert store.one("PRAGMA user_version")[0] == len(extra)
    assert store.one("SELECT name FROM accounts")[0] == "Before upgrade"
    store.close()
    backups = list(db_path.parent.glob(f"{db_path.name}.v{len(extra) - 1}-*.bak"))
    assert len(backups) == 1
    assert stat.S_IMODE(os.stat(backups[0]).st_mode) == 0o600
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == len(extra) - 1
    assert old.execute("SELECT name FROM accounts").fetchone()[0] == "Before upgrade"
    cols = [r[1] for r in old.execute("PRAGMA table_info(accounts)")]
    assert "extra" not in cols


def test_newer_version_refused_untouched(db_path: Path) -> None:
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = _digest(db_path)
    with pytest.raises(StorageError, match="newer kamtui"):
        open_store(db_path)
    assert _digest(db_path) == before


def test_directory_and_garbage_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a directory"):
        open_store(tmp_path)
    junk = tmp_path / "notes.txt"
    junk.write_text("hello, not a database\n" * 10)
    with pytest.raises(StorageError, match="not a SQLite database"):
        open_store(junk)
    assert junk.read_text().startswith("hello")


def test_foreign_sqlite_database_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = _digest(other)
    with pytest.raises(StorageError, match="not a kamtui one"):
        open_store(other)
    assert _digest(other) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    open_store(path).close()
    path.chmod(0)
    with pytest.raises(StorageError, match="cannot be read"):
        open_store(path)


def test_two_connections_do_not_lose_writes(db_path: Path) -> None:
    a = open_store(db_path)
    b = open_store(db_path)
    for i in range(20):
        accounts.create(a if i % 2 else b, AccountInput(name=f"Acc {i}"))
    assert a.one("SELECT COUNT(*) FROM accounts")[0] == 20
    a.close()
    b.close()
