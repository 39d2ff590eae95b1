"""Row versions and compare-and-set saves: a save made with the version a
form loaded fails with RecordConflict (carrying what is stored now) when the
row was changed or trashed since, by this process or any other."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kamtui.domain.models import AccountInput, PersonInput
from kamtui.services import accounts, complaints, facts, people
from kamtui.services import goals as goal_service
from kamtui.services.errors import RecordConflict
from kamtui.storage.db import Store, apply_migrations, open_store
from kamtui.storage.schema import MIGRATIONS
from kamtui.storage.versions import VERSIONED
from tests.conftest import DEMO_TODAY


@pytest.fixture
def other(db_path: Path, store: Store) -> Iterator[sqlite3.Connection]:
    """A second, plain connection to the same file: another process's writes."""
    conn = sqlite3.connect(db_path, isolation_level=None, timeout=5)
    yield conn
    conn.close()


def version(store: Store, table: str, row_id: int) -> int:
    return int(store.one(f"SELECT version FROM {table} WHERE id = ?", (row_id,))[0])


def test_every_update_from_another_connection_bumps_the_version(
    store: Store, other: sqlite3.Connection
) -> None:
    aid = accounts.create(store, AccountInput(name="Acme"))
    pid = people.create_person(store, aid, PersonInput(name="Ana", side="theirs"))
    assert version(store, "accounts", aid) == 1
    other.execute("UPDATE accounts SET phone = '+34 600' WHERE id = ?", (aid,))
    assert version(store, "accounts", aid) == 2
    other.execute("UPDATE people SET title = 'CFO' WHERE id = ?", (pid,))
    other.execute("UPDATE people SET title = 'CEO' WHERE id = ?", (pid,))
    assert version(store, "people", pid) == 3
    # Trash and restore are changes too.
    accounts.delete(store, aid)
    assert version(store, "accounts", aid) == 3
    accounts.restore(store, aid)
    assert version(store, "accounts", aid) == 4


def test_each_versioned_table_has_a_bumping_trigger(store: Store) -> None:
    triggers = {
        r[0]
        for r in store.query("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")
        if store.one(
            "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?", (f"{r[0]}_version",)
        )
    }
    assert triggers == set(VERSIONED)


def test_a_kamtui_save_moves_the_version_by_one(store: Store) -> None:
    aid = accounts.create(store, AccountInput(name="Acme"))
    accounts.update(store, aid, AccountInput(name="Acme 2"), expected_version=1)
    assert version(store, "accounts", aid) == 2
    assert accounts.get(store, aid).version == 2


def test_stale_account_save_conflicts_and_writes_nothing(
    store: Store, other: sqlite3.Connection
) -> None:
    aid = accounts.create(store, AccountInput(name="Acme", phone="+34 911 111 111"))
    loaded = accounts.get(store, aid)
    other.execute("UPDATE accounts SET phone = '+34 922 222 222' WHERE id = ?", (aid,))
    with pytest.raises(RecordConflict) as caught:
        accounts.update(
            store,
            aid,
            AccountInput(name="Acme", phone="+34 933 333 333"),
            expected_version=loaded.version,
        )
    conflict = caught.value
    assert not conflict.deleted
    assert conflict.current is not None and conflict.current["phone"] == "+34 922 222 222"
    assert conflict.version == 2
    assert accounts.get(store, aid).phone == "+34 922 222 222"
    # Saving again with the version the conflict reported writes over it.
    accounts.update(
        store,
        aid,
        AccountInput(name="Acme", phone="+34 933 333 333"),
        expected_version=conflict.version,
    )
    assert accounts.get(store, aid).phone == "+34 933 333 333"


def test_trashed_meanwhile_conflicts_and_restore_saves(store: Store) -> None:
    aid = accounts.create(store, AccountInput(name="Acme"))
    loaded = accounts.get(store, aid)
    accounts.delete(store, aid)
    with pytest.raises(RecordConflict) as caught:
        accounts.update(store, aid, AccountInput(name="Acme 2"), expected_version=loaded.version)
    assert caught.value.trashed and not caught.value.gone
    accounts.update(
        store, aid, AccountInput(name="Acme 2"), expected_version=caught.value.version, restore=True
    )
    assert accounts.get(store, aid).name == "Acme 2"


def test_deleted_for_good_meanwhile_is_gone(store: Store, other: sqlite3.Connection) -> None:
    aid = accounts.create(store, AccountInput(name="Acme"))
    other.execute("DELETE FROM accounts WHERE id = ?", (aid,))
    with pytest.raises(RecordConflict) as caught:
        accounts.update(store, aid, AccountInput(name="Acme 2"), expected_version=1)
    assert caught.value.gone and caught.value.current is None


def test_person_goal_fact_and_complaint_saves_compare_versions(
    store: Store, other: sqlite3.Connection
) -> None:
    aid = accounts.create(store, AccountInput(name="Acme"))
    pid = people.create_person(store, aid, PersonInput(name="Ana", side="theirs"))
    gid = goal_service.create(
        store,
        aid,
        goal_type="new_method",
        category="QBR",
        title="Start QBRs",
        target="4",
        today=DEMO_TODAY,
    )
    fid = facts.add(store, aid, "Invoices by e-mail")
    cid = complaints.open_complaint(store, aid, title="Late delivery", today=DEMO_TODAY)
    for table, row_id in (("people", pid), ("goals", gid), ("facts", fid), ("complaints", cid)):
        other.execute(f"UPDATE {table} SET account_id = account_id WHERE id = ?", (row_id,))
        assert version(store, table, row_id) == 2

    with pytest.raises(RecordConflict):
        people.update_person(
            store, pid, PersonInput(name="Ana B", side="theirs"), expected_version=1
        )
    people.update_person(store, pid, PersonInput(name="Ana B", side="theirs"), expected_version=2)
    assert people.get_person(store, pid).name == "Ana B"

    with pytest.raises(RecordConflict):
        goal_service.update(store, gid, title="QBRs", expected_version=1)
    assert goal_service.get(store, gid, DEMO_TODAY).title == "Start QBRs"
    goal_service.update(store, gid, title="QBRs", expected_version=2)
    assert goal_service.get(store, gid, DEMO_TODAY).title == "QBRs"

    with pytest.raises(RecordConflict):
        facts.update(store, fid, "By post", expected_version=1)
    assert facts.get(store, fid)["text"] == "Invoices by e-mail"

    with pytest.raises(RecordConflict), store.write():
        complaints.claim(store, cid, 1)
        complaints.update_details(
            store,
            cid,
            title="x",
            description=None,
            severity="high",
            opened_at=None,
            today=DEMO_TODAY,
        )
    assert complaints.get(store, cid).title == "Late delivery"


def test_existing_rows_start_at_version_one_after_the_migration(db_path: Path) -> None:
    s = open_store(db_path, migrate=False)
    apply_migrations(s, 0, MIGRATIONS[:5])
    with s.write() as conn:
        conn.execute(
            "INSERT INTO accounts (name, name_key, created_at, updated_at)"
            " VALUES ('Old', 'old', '2026-01-01', '2026-01-01')"
        )
    apply_migrations(s, 5)
    assert s.one("SELECT version FROM accounts")[0] == 1
    s.conn.execute("UPDATE accounts SET name = 'Older'")
    assert s.one("SELECT version FROM accounts")[0] == 2
    s.close()
