"""The audit trail: every insert, update and delete of every table holding
user data is recorded with who and when, whatever writes it; imports are one
entry; a person's trail can be forgotten and scrubbed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kamtui.storage import audit
from kamtui.storage.db import Store, open_store
from kamtui.storage.migrations.audit import AUDITED, BOOKKEEPING, NOT_AUDITED

T = "'2026-11-01T10:00:00'"

# One row of each table holding user data (in an order its foreign keys
# accept), the update made to it, and its delete. A table added to the
# schema without an audit fails test_every_user_table_is_covered.
ROWS: list[tuple[str, str, str, str]] = [
    (
        "accounts",
        f"INSERT INTO accounts(id, name, name_key, tier, created_at, updated_at)"
        f" VALUES (1, 'Acme', 'acme', 'B', {T}, {T})",
        "UPDATE accounts SET tier = 'A' WHERE id = 1",
        "tier",
    ),
    (
        "account_identifiers",
        "INSERT INTO account_identifiers(id, account_id, business_unit, number)"
        " VALUES (1, 1, 'ERP', 'E-1')",
        "UPDATE account_identifiers SET number = 'E-2' WHERE id = 1",
        "number",
    ),
    (
        "people",
        "INSERT INTO people(id, account_id, side, name, name_key, title, created_at, updated_at)"
        f" VALUES (1, 1, 'ours', 'Olga Nuestra', 'olga nuestra', 'KAM', {T}, {T}),"
        f" (2, 1, 'theirs', 'Ana Peña', 'ana pena', 'Buyer', {T}, {T})",
        "UPDATE people SET title = 'Head of buying' WHERE id = 2",
        "title",
    ),
    (
        "person_aliases",
        "INSERT INTO person_aliases(id, person_id, name, name_key) VALUES (1, 2, 'A. Peña', 'a. pena')",
        "UPDATE person_aliases SET name = 'Ana P.' WHERE id = 1",
        "name",
    ),
    (
        "consents",
        "INSERT INTO consents(id, person_id, status, date, channel, created_at)"
        f" VALUES (1, 2, 'given', '2026-11-01', 'email', {T})",
        "UPDATE consents SET channel = 'phone' WHERE id = 1",
        "channel",
    ),
    (
        "links",
        "INSERT INTO links(id, account_id, our_person_id, their_person_id, strength, created_at)"
        f" VALUES (1, 1, 1, 2, 2, {T})",
        "UPDATE links SET strength = 4 WHERE id = 1",
        "strength",
    ),
    (
        "interactions",
        "INSERT INTO interactions(id, account_id, occurred_at, channel, level, summary,"
        f" created_at) VALUES (1, 1, {T}, 'phone', 'strategic', 'Plan 2027', {T})",
        "UPDATE interactions SET summary = 'Plan 2027 y tarifas' WHERE id = 1",
        "summary",
    ),
    (
        "interaction_participants",
        "INSERT INTO interaction_participants(interaction_id, person_id) VALUES (1, 2)",
        "UPDATE interaction_participants SET person_id = 1 WHERE interaction_id = 1",
        "person_id",
    ),
    (
        "next_steps",
        f"INSERT INTO next_steps(id, account_id, interaction_id, text, created_at)"
        f" VALUES (1, 1, 1, 'Send the offer', {T})",
        "UPDATE next_steps SET done_at = '2026-11-02' WHERE id = 1",
        "done_at",
    ),
    (
        "complaints",
        "INSERT INTO complaints(id, account_id, title, opened_at, created_at)"
        f" VALUES (1, 1, 'Late delivery', '2026-11-01', {T})",
        "UPDATE complaints SET status = 'resolved' WHERE id = 1",
        "status",
    ),
    (
        "facts",
        f"INSERT INTO facts(id, account_id, person_id, text, created_at)"
        f" VALUES (1, 1, 2, 'Ana prefers e-mail', {T})",
        "UPDATE facts SET kind = 'preference' WHERE id = 1",
        "kind",
    ),
    (
        "transactions",
        "INSERT INTO transactions(id, account_id, date, amount, category, document)"
        " VALUES (1, 1, '2026-10-01', 100.5, 'Bearings', 'F-1')",
        "UPDATE transactions SET amount = 200 WHERE id = 1",
        "amount",
    ),
    (
        "wallet_estimates",
        "INSERT INTO wallet_estimates(id, account_id, category, year, amount)"
        " VALUES (1, 1, 'Bearings', 2026, 5000)",
        "UPDATE wallet_estimates SET amount = 6000 WHERE id = 1",
        "amount",
    ),
    (
        "goals",
        "INSERT INTO goals(id, account_id, type, title, start_date, created_at)"
        f" VALUES (1, 1, 'new_method', 'Quarterly reviews', '2026-11-01', {T})",
        "UPDATE goals SET target = 4 WHERE id = 1",
        "target",
    ),
    (
        "goal_actions",
        f"INSERT INTO goal_actions(id, goal_id, text, created_at)"
        f" VALUES (1, 1, 'Propose dates', {T})",
        "UPDATE goal_actions SET due_date = '2026-12-01' WHERE id = 1",
        "due_date",
    ),
]
KIND = {spec.table: spec.kind for spec in AUDITED}


def user_tables(conn: sqlite3.Connection) -> set[str]:
    """Every table that holds what users write: not SQLite's, not the
    full-text indexes' shadow tables, not derived data or the audit."""
    names = {
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    virtual = {
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
    }
    shadow = {n for n in names for v in virtual if n.startswith(v + "_")}
    return {
        n
        for n in names - virtual - shadow
        if not any(n == x or (x.endswith("_") and n.startswith(x)) for x in NOT_AUDITED)
    }


def entries(conn: sqlite3.Connection, **where: object) -> list[dict[str, object]]:
    sql = "SELECT * FROM audit_log"
    if where:
        sql += " WHERE " + " AND ".join(f"{k} IS ?" for k in where)
    return [dict(r) for r in conn.execute(sql + " ORDER BY id", list(where.values()))]


def fill(store: Store) -> None:
    for _table, insert, _update, _field in ROWS:
        with store.write() as conn:
            conn.execute(insert)


def test_every_user_table_is_covered(store: Store) -> None:
    tables = user_tables(store.conn)
    assert tables == {t for t, *_ in ROWS} == {spec.table for spec in AUDITED}


def test_every_column_of_every_user_table_is_audited(store: Store) -> None:
    """A column added later without recreating its table's triggers fails."""
    for table in user_tables(store.conn):
        triggers = {
            r[0]: r[1]
            for r in store.conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                (table,),
            )
        }
        for event in ("insert", "update", "delete"):
            assert f"audit_{table}_{event}" in triggers, (table, event)
            assert f"audit_{table}_{event}_import" in triggers, (table, event)
        update = triggers[f"audit_{table}_update"]
        for col in store.conn.execute(f"PRAGMA table_info({table})"):
            if col[1] not in BOOKKEEPING:
                assert f"OLD.{col[1]} IS NOT NEW.{col[1]}" in update, (table, col[1])


def test_each_insert_update_and_delete_is_recorded_with_who_and_when(store: Store) -> None:
    store.user = "ana"
    fill(store)
    for _table, _insert, update, _field in ROWS:
        with store.write() as conn:
            conn.execute(update)
    with store.write() as conn:  # deleting the account cascades to every row
        conn.execute("DELETE FROM accounts WHERE id = 1")
    conn = store.conn
    for table, _insert, _update, field in ROWS:
        kind = KIND[table]
        got = entries(conn, kind=kind)
        actions = [e["action"] for e in got]
        assert actions[0] == "created" and "edited" in actions and "deleted" in actions, table
        assert all(e["user"] == "ana" and str(e["at"]).startswith("20") for e in got), table
        edit = next(e for e in got if e["action"] == "edited")
        changes = json.loads(str(edit["changes"]))
        assert field in changes and changes[field][0] != changes[field][1], table
        assert all(e["account_id"] == 1 for e in got if e["action"] != "deleted"), table


def test_an_edit_records_old_and_new_values_and_who_from_the_context(store: Store) -> None:
    fill(store)
    store.user = "bob"
    with store.write() as conn:
        conn.execute("UPDATE people SET title = 'CPO', phone = '600 111 222' WHERE id = 2")
    [edit] = entries(store.conn, kind="person", action="edited")
    assert edit["user"] == "bob" and edit["label"] == "Ana Peña"
    assert json.loads(str(edit["changes"])) == {
        "title": ["Buyer", "CPO"],
        "phone": [None, "600 111 222"],
    }


def test_trash_and_restore_and_purge(store: Store) -> None:
    fill(store)
    for sql in (
        "UPDATE complaints SET deleted_at = '2026-11-03' WHERE id = 1",
        "UPDATE complaints SET deleted_at = NULL WHERE id = 1",
        "UPDATE complaints SET deleted_at = '2026-11-04' WHERE id = 1",
        "DELETE FROM complaints WHERE id = 1",
    ):
        with store.write() as conn:
            conn.execute(sql)
    actions = [e["action"] for e in entries(store.conn, kind="complaint")]
    assert actions == ["created", "deleted", "restored", "deleted", "purged"]


def test_a_save_that_changes_nothing_records_nothing_and_commits_nothing(
    store: Store, db_path: Path
) -> None:
    fill(store)
    other = sqlite3.connect(db_path)
    version = other.execute("PRAGMA data_version").fetchone()[0]
    before = store.change_marker()
    count = len(entries(store.conn))
    with store.write() as conn:
        conn.execute("UPDATE accounts SET tier = 'Z' WHERE id = -5")
        conn.execute("DELETE FROM facts WHERE id = -5")
    assert len(entries(store.conn)) == count
    assert other.execute("PRAGMA data_version").fetchone()[0] == version
    assert store.change_marker() == before
    other.close()


def test_a_write_from_plain_sqlite3_still_works_and_is_recorded_without_a_user(
    store: Store, db_path: Path
) -> None:
    store.user = "ana"
    fill(store)
    plain = sqlite3.connect(db_path)  # no kamtui functions, no context set
    plain.execute("UPDATE facts SET text = 'Ana prefers phone calls' WHERE id = 1")
    plain.execute(
        "INSERT INTO facts(account_id, text, created_at) VALUES (1, 'Closed in August', 'x')"
    )
    plain.commit()
    plain.close()
    got = entries(store.conn, kind="fact")
    assert [(e["action"], e["user"]) for e in got] == [
        ("created", "ana"),
        ("edited", None),
        ("created", None),
    ]
    assert json.loads(str(got[1]["changes"]))["text"] == [
        "Ana prefers e-mail",
        "Ana prefers phone calls",
    ]


def test_the_context_is_empty_between_writes(store: Store) -> None:
    store.user = "ana"
    fill(store)
    row = store.one("SELECT user, at, txn, import_id FROM audit_context WHERE id = 1")
    assert row is not None and tuple(row) == (None, None, None, None)


def test_a_rolled_back_write_leaves_no_entry(store: Store) -> None:
    fill(store)
    count = len(entries(store.conn))
    with store.write(rollback=True) as conn:
        conn.execute("UPDATE accounts SET tier = 'C' WHERE id = 1")
    with pytest.raises(RuntimeError), store.write() as conn:
        conn.execute("UPDATE accounts SET tier = 'C' WHERE id = 1")
        raise RuntimeError
    assert len(entries(store.conn)) == count


def test_the_user_comes_from_kamtui_user_then_the_login(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAMTUI_USER", "  carol\x1b[31m ")
    name = audit.current_user()
    assert name.startswith("carol") and "\x1b" not in name and not name.endswith(" ")
    with audit.acting_as("dave"):
        assert audit.current_user() == "dave"
    monkeypatch.delenv("KAMTUI_USER")
    monkeypatch.setattr("getpass.getuser", lambda: (_ for _ in ()).throw(OSError("no login")))
    assert audit.current_user().startswith("uid ")


def test_an_import_is_one_entry_with_its_counts_and_marks_the_accounts(store: Store) -> None:
    fill(store)
    count = len(entries(store.conn))
    with store.write() as conn, audit.imported(conn, "transactions", "sales.csv") as entry:
        conn.executemany(
            "INSERT INTO transactions(account_id, date, amount, category, document)"
            " VALUES (1, '2026-10-02', ?, 'Bearings', ?)",
            [(n, f"G-{n}") for n in range(500)],
        )
        conn.execute("UPDATE people SET title = 'CEO' WHERE id = 2")
        entry.counts.update(rows=500, created=500)
    new = entries(store.conn)[count:]
    assert len(new) == 1
    [e] = new
    assert e["kind"] == "import" and e["label"] == "sales.csv" and e["account_id"] is None
    assert json.loads(str(e["changes"])) == {
        "what": "transactions",
        "file": "sales.csv",
        "rows": 500,
        "created": 500,
    }
    rows, total = audit.account_history(store, 1)
    assert total == count + 1 and rows[0]["id"] == e["id"]
    # after the import, rows are recorded one by one again
    with store.write() as conn:
        conn.execute("UPDATE people SET title = 'CFO' WHERE id = 2")
    assert entries(store.conn)[-1]["action"] == "edited"


def test_forget_removes_every_record_of_a_person(store: Store) -> None:
    fill(store)
    with store.write() as conn:
        conn.execute("UPDATE people SET phone = '600 111 222' WHERE id = 2")
    removed = audit.forget(store, "person", [2])
    left = entries(store.conn)
    # the person, their former name, consent, link, participation and the fact about them
    assert removed == 7
    assert not [e for e in left if e["people"] and 2 in json.loads(str(e["people"]))]
    assert not [e for e in left if e["kind"] == "person" and e["row_id"] == 2]
    assert [e for e in left if e["kind"] == "person" and e["row_id"] == 1]  # Olga stays
    assert audit.forget(store, "facts", [99]) == 0
    with pytest.raises(ValueError, match="unknown kind"):
        audit.forget(store, "nonsense", [1])


def test_forget_inside_an_erasure_transaction(store: Store) -> None:
    fill(store)
    with store.write() as conn:
        conn.execute("DELETE FROM interactions WHERE id = 1")
        audit.forget(conn, "interaction", [1])
    kinds = {e["kind"] for e in entries(store.conn) if e["row_id"] == 1}
    assert "interaction" not in kinds and "participant" not in kinds


def test_scrub_replaces_text_in_labels_and_old_and_new_values(store: Store) -> None:
    fill(store)
    with store.write() as conn:
        conn.execute(
            "UPDATE interactions SET notes = 'Called ANA PEÑA at 600 111 222' WHERE id = 1"
        )
    changed = audit.scrub(store, ["Ana Peña", "600 111 222"], "[erased contact]")
    assert changed >= 3  # the person, the link, the participant, the fact, the notes
    raw = json.dumps([entries(store.conn)], default=str)
    assert "Peña" not in raw and "PEÑA" not in raw and "600 111 222" not in raw
    [notes] = entries(store.conn, kind="interaction", action="edited")
    assert json.loads(str(notes["changes"]))["notes"][1] == (
        "Called [erased contact] at [erased contact]"
    )
    assert audit.scrub(store, ["", "  "], "x") == 0


def test_an_existing_database_gets_the_audit_from_the_migration_on(tmp_path: Path) -> None:
    """History before the migration is 'not recorded': the file says since when."""
    from kamtui.storage.db import apply_migrations
    from kamtui.storage.schema import MIGRATIONS

    path = tmp_path / "old.db"
    old = open_store(path, migrate=False)
    at = next(i for i, (name, _sql) in enumerate(MIGRATIONS) if name == "audit trail")
    apply_migrations(old, 0, MIGRATIONS[:at])
    with old.write() as conn:
        conn.execute(ROWS[0][1])
    old.close()
    store = open_store(path)
    try:
        assert audit.recorded_since(store) is not None
        assert entries(store.conn) == []
        with store.write() as conn:
            conn.execute(ROWS[0][2])
        assert [e["action"] for e in entries(store.conn)] == ["edited"]
    finally:
        store.close()
    fresh = open_store(tmp_path / "new.db")
    assert audit.recorded_since(fresh) is None  # a new file: everything is recorded
    fresh.close()


def test_a_bulk_import_sets_its_tables_triggers_aside_and_puts_them_back(store: Store) -> None:
    fill(store)
    schema = store.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY 1")
    count = len(entries(store.conn))
    with (
        store.write() as conn,
        audit.imported(conn, "transactions", "big.csv", set_aside=("transactions",)) as entry,
    ):
        gone = conn.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE tbl_name = 'transactions'"
            " AND name LIKE 'audit%'"
        ).fetchone()[0]
        assert gone == 0
        conn.executemany(
            "INSERT INTO transactions(account_id, date, amount, category, document)"
            " VALUES (1, '2026-10-02', ?, 'Bearings', ?)",
            [(n, f"B-{n}") for n in range(2000)],
        )
        entry.accounts.add(1)
    after = store.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY 1")
    assert [tuple(r) for r in after] == [tuple(r) for r in schema]
    assert len(entries(store.conn)) == count + 1
    rows, _total = audit.account_history(store, 1)
    assert rows[0]["kind"] == "import" and rows[0]["label"] == "big.csv"
    with store.write() as conn:
        conn.execute("UPDATE transactions SET amount = 1 WHERE document = 'B-7'")
    assert entries(store.conn)[-1]["kind"] == "transaction"


def test_a_failed_bulk_import_leaves_the_triggers_and_no_entry(store: Store) -> None:
    fill(store)
    schema = store.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY 1")
    count = len(entries(store.conn))
    with (
        pytest.raises(ValueError, match="row 7"),
        store.write() as conn,
        audit.imported(conn, "transactions", "bad.csv", set_aside=("transactions",)),
    ):
        conn.execute(
            "INSERT INTO transactions(account_id, date, amount, category, document)"
            " VALUES (1, '2026-10-02', 5, 'Bearings', 'X-1')"
        )
        raise ValueError("bad.csv: row 7")
    after = store.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY 1")
    assert [tuple(r) for r in after] == [tuple(r) for r in schema]
    assert len(entries(store.conn)) == count
    assert store.one("SELECT import_id FROM audit_context")[0] is None  # type: ignore[index]
