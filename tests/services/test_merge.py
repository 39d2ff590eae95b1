"""Merging two accounts of the demo into one (issue 15), and undoing it:
every kind of record moves, clashes are resolved, health is computed again
from both histories, old numbers and names still find the target, and undo
puts back exactly what was there."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from kamtui.services import accounts, health, merge, people, trash
from kamtui.services.errors import ServiceError
from kamtui.services.imports.finance import import_transactions
from kamtui.services.lookup import resolve_account
from kamtui.storage import merge as merge_sql
from kamtui.storage.db import Store
from tests.conftest import DEMO_TODAY

NORTHWIND, THORNBURY = 3, 14  # two UK accounts of the demo, with every kind of record
TABLES = (
    "people",
    "links",
    "interactions",
    "next_steps",
    "complaints",
    "facts",
    "transactions",
    "wallet_estimates",
    "goals",
    "account_identifiers",
    "health_snapshots",
)
JOURNAL = {"merges", "merge_moves"}


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows (search index included), without row versions:
    every change moves them on, undo included, so edit forms stay honest."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.read() as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT LIKE 'search_%' ORDER BY name"
            )
        ]
        for name in [*names, "search_index", "search_directory"]:
            if name in JOURNAL or name.startswith(("audit_", "health_changes", "health_cache")):
                # the trail records the merge and its undo, and health's change
                # counters count them: both only grow
                continue
            cur = conn.execute(f"SELECT * FROM {name}")
            cols = [d[0] for d in cur.description]
            keep = [i for i, c in enumerate(cols) if c != "version"]
            rows = [tuple(r[i] for i in keep) for r in cur.fetchall()]
            if name in ("search_index", "search_directory"):
                rowids = [r[0] for r in conn.execute(f"SELECT rowid FROM {name}")]
                rows = [(i, *r) for i, r in zip(rowids, rows, strict=True)]
            out[name] = sorted(rows, key=repr)
    return out


def counts(store: Store, account_id: int) -> dict[str, int]:
    return {
        t: store.one(f"SELECT COUNT(*) FROM {t} WHERE account_id = ?", (account_id,))[0]
        for t in TABLES
    }


def test_no_table_keeps_a_row_of_the_merged_account(demo_store: Store) -> None:
    # Tables added later with an account_id move too (by the generic step).
    with demo_store.read() as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table'"
                " AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'search_%'"
            )
            if "account_id" in {r[1] for r in conn.execute(f"PRAGMA table_info({name})")}
        ]
    assert set(TABLES) <= set(tables)
    merge.merge(demo_store, "account", THORNBURY, NORTHWIND, today=DEMO_TODAY)
    for name in tables:
        if name in merge_sql.NOT_RECORDS or name.startswith(merge_sql.NOT_RECORD_PREFIXES):
            continue  # the audit trail and the closure day stay as they were
        left = demo_store.one(f"SELECT COUNT(*) FROM {name} WHERE account_id = ?", (THORNBURY,))
        assert left[0] == 0, name


def test_account_merge_moves_everything_and_undo_puts_it_back(demo_store: Store) -> None:
    s, t = THORNBURY, NORTHWIND
    # Clashes: the same invoice imported under both accounts, a document
    # number both use for different invoices, an identifier of the source.
    with demo_store.write() as conn:
        conn.execute(
            "INSERT INTO transactions (account_id, date, amount, category, document)"
            " VALUES (?, '2026-10-01', 500, 'Recambios', 'DUP-1'),"
            " (?, '2026-10-01', 500, 'Recambios', 'DUP-1'),"
            " (?, '2026-10-02', 70, 'Recambios', 'SAME-2'), (?, '2026-10-03', 90, 'Recambios', 'SAME-2')",
            (s, t, s, t),
        )
        conn.execute(
            "INSERT INTO account_identifiers (account_id, business_unit, number)"
            " VALUES (?, 'SAP', 'T-77')",
            (s,),
        )
    src, tgt = counts(demo_store, s), counts(demo_store, t)
    twins = {
        r["name"]: (r["a"], r["b"])
        for r in demo_store.query(
            "SELECT a.name, a.id AS a, b.id AS b FROM people a JOIN people b"
            " ON b.name_key = a.name_key AND b.side = a.side WHERE a.account_id = ? AND b.account_id = ?",
            (s, t),
        )
    }
    assert set(twins) == {"Hannah Clarke", "Tom Baker"}  # the same people on both accounts
    met = {
        name: {
            r[0]
            for r in demo_store.query(
                "SELECT interaction_id FROM interaction_participants WHERE person_id IN (?, ?)",
                pair,
            )
        }
        for name, pair in twins.items()
    }
    wallet_clash = demo_store.one(
        "SELECT COUNT(*) FROM wallet_estimates a JOIN wallet_estimates b ON a.category = b.category"
        " AND a.year = b.year WHERE a.account_id = ? AND b.account_id = ?",
        (s, t),
    )[0]
    assert wallet_clash > 0  # the demo's UK accounts estimate the same categories
    before = dump(demo_store)

    done = merge.merge(demo_store, "account", s, t, today=DEMO_TODAY)

    assert done.merge_id is not None
    after = counts(demo_store, t)
    assert counts(demo_store, s) == dict.fromkeys(TABLES, 0)
    for table in ("people", "links", "interactions", "next_steps", "complaints", "facts", "goals"):
        assert after[table] == src[table] + tgt[table], table
    assert after["transactions"] == src["transactions"] + tgt["transactions"] - 1
    assert done.dropped["transactions"] == 1
    assert done.renamed["transaction documents"] == 1
    docs = {
        r[0]
        for r in demo_store.query("SELECT document FROM transactions WHERE account_id = ?", (t,))
    }
    assert {"DUP-1", "SAME-2", f"SAME-2 (#{s})"} <= docs
    assert (
        after["wallet_estimates"]
        == src["wallet_estimates"] + tgt["wallet_estimates"] - wallet_clash
    )
    assert done.kept["wallet estimates"] == wallet_clash
    # One snapshot per day: the target's own where both had one, plus today's.
    assert after["health_snapshots"] == tgt["health_snapshots"] + 1
    assert ("former number", "UK-0014") in done.identifiers
    assert ("former name", "Thornbury Packaging Ltd") in done.identifiers
    assert after["account_identifiers"] == 3  # SAP's, the former number and name
    # People on both accounts became one: the target's, with both histories.
    assert sorted(done.people_in_both) == ["Hannah Clarke", "Tom Baker"]
    for name, (_gone, kept) in twins.items():
        live = demo_store.query(
            "SELECT id FROM people WHERE account_id = ? AND name = ? AND deleted_at IS NULL",
            (t, name),
        )
        assert [r[0] for r in live] == [kept]
        joined = {
            r[0]
            for r in demo_store.query(
                "SELECT interaction_id FROM interaction_participants WHERE person_id = ?", (kept,)
            )
        }
        assert joined == met[name]
    # Goal actions and participants follow their goals and interactions.
    assert (
        demo_store.one(
            "SELECT COUNT(*) FROM goal_actions WHERE goal_id IN (SELECT id FROM goals WHERE account_id = ?)",
            (s,),
        )[0]
        == 0
    )
    source = accounts.trash(demo_store)
    assert [a.id for a in source] == [s]
    assert demo_store.one("SELECT COUNT(*) FROM search_index WHERE account_id = ?", (s,))[0] == 0

    report = merge.undo(demo_store)
    assert report.merge_id == done.merge_id and report.gone == 0 and report.kept == []
    assert dump(demo_store) == before
    assert merge.journal(demo_store)[0]["undone_at"] is not None


def test_health_is_computed_from_both_histories(demo_store: Store) -> None:
    from kamtui.config import Config

    s, t = THORNBURY, NORTHWIND

    def gathered(account_id: int) -> Any:
        return health.gather(demo_store, today=DEMO_TODAY, config=Config(), account_id=account_id)[
            0
        ]

    fs, ft = gathered(s), gathered(t)
    merge.merge(demo_store, "account", s, t, today=DEMO_TODAY)
    merged = gathered(t)
    assert merged.interactions_total == fs.interactions_total + ft.interactions_total
    assert merged.revenue_12m == pytest.approx(fs.revenue_12m + ft.revenue_12m)
    assert merged.first_interaction == min(fs.first_interaction, ft.first_interaction)
    # Today's snapshot was computed again, from the merged records.
    fresh = health.account_health(demo_store, t, today=DEMO_TODAY, save=False)
    stored = demo_store.one(
        "SELECT score, band FROM health_snapshots WHERE account_id = ? AND date = ?",
        (t, DEMO_TODAY.isoformat()),
    )
    assert (stored["score"], stored["band"]) == (fresh.score, fresh.band)


def test_target_fields_filled_notes_kept_and_undo_keeps_later_edits(demo_store: Store) -> None:
    with demo_store.write() as conn:
        conn.execute(
            "UPDATE accounts SET phone = NULL, domain = NULL, notes = 'Ours.' WHERE id = 10"
        )
        conn.execute("UPDATE accounts SET domain = 'ortiz.es', notes = 'Theirs.' WHERE id = 13")
    done = merge.merge(demo_store, "account", 13, 10, today=DEMO_TODAY)
    target = demo_store.one("SELECT * FROM accounts WHERE id = 10")
    assert target["phone"] == "+34 953 221 480" and target["domain"] == "ortiz.es"
    assert target["email"] == "procurement@atlanticretail.ie"  # not empty: kept
    assert target["notes"] == "Ours.\n\nDistribuciones Ortiz e Hijos:\nTheirs."
    assert ("phone", "+34 953 221 480") in done.filled and done.appended == ["notes"]
    accounts.edit(demo_store, 10, {"phone": "+353 1 555 0101"})  # corrected after the merge
    report = merge.undo(demo_store)
    target = demo_store.one("SELECT * FROM accounts WHERE id = 10")
    assert target["phone"] == "+353 1 555 0101"  # the later edit is kept…
    assert target["domain"] is None and target["notes"] == "Ours."  # …the rest put back
    assert report.kept == ["account #10: phone"]


def test_old_number_and_name_still_find_the_target(demo_store: Store, tmp_path: Path) -> None:
    merge.merge(demo_store, "account", THORNBURY, NORTHWIND, today=DEMO_TODAY)
    assert resolve_account(demo_store, "UK-0014").id == NORTHWIND
    assert resolve_account(demo_store, "thornbury packaging ltd").id == NORTHWIND
    by_number = tmp_path / "erp.csv"
    by_number.write_text(
        "date,account_number,amount,category,document\n2026-11-01,UK-0014,250,Recambios,OLD-1\n"
    )
    by_name = tmp_path / "names.csv"
    by_name.write_text(
        "date,account,amount,category,document\n2026-11-02,THORNBURY PACKAGING LTD,80,Recambios,OLD-2\n"
    )
    assert import_transactions(demo_store, by_number).created == 1
    assert import_transactions(demo_store, by_name).created == 1
    rows = demo_store.query(
        "SELECT account_id FROM transactions WHERE document IN ('OLD-1', 'OLD-2')"
    )
    assert [r[0] for r in rows] == [NORTHWIND, NORTHWIND]
    # A new account of the old name is not hidden by the target's former name.
    new_id = accounts.add(demo_store, {"name": "Thornbury Packaging Ltd"})
    with pytest.raises(ServiceError, match="ambiguous"):
        resolve_account(demo_store, "Thornbury Packaging Ltd")
    assert resolve_account(demo_store, f"#{new_id}").id == new_id


def _person(store: Store, account_id: int, name: str, side: str = "theirs", **more: Any) -> int:
    return people.create_person(
        store, account_id, people.person_input({"name": name, "side": side, **more})
    )


def test_person_merge_moves_participations_links_facts_and_undoes(demo_store: Store) -> None:
    aid = NORTHWIND
    ours = [p.id for p in people.list_people(demo_store, aid) if p.side == "ours"]
    target = _person(demo_store, aid, "Helen Marsh", email="helen@northwind.co.uk")
    source = _person(demo_store, aid, "H. Marsh", phone="+44 7700 900123", title="Buyer")
    with demo_store.write() as conn:
        # Both at one meeting, each alone at another; links to the same and to
        # different people of ours; a fact about the source.
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM interactions WHERE account_id = ? ORDER BY id LIMIT 3", (aid,)
            )
        ]
        conn.executemany(
            "INSERT INTO interaction_participants (interaction_id, person_id) VALUES (?, ?)",
            [(ids[0], source), (ids[0], target), (ids[1], source), (ids[2], target)],
        )
        conn.executemany(
            "INSERT INTO links (account_id, our_person_id, their_person_id, strength, created_at)"
            " VALUES (?, ?, ?, ?, '2026-01-01')",
            [(aid, ours[0], source, 5), (aid, ours[0], target, 2), (aid, ours[1], source, 4)],
        )
        conn.execute(
            "INSERT INTO facts (account_id, person_id, kind, text, created_at)"
            " VALUES (?, ?, 'preference', 'Prefers calls', '2026-01-01')",
            (aid, source),
        )
    before = dump(demo_store)

    plan = merge.preview(demo_store, "person", source, target, aid)
    assert dump(demo_store) == before  # a preview writes nothing
    done = merge.merge(demo_store, "person", source, target, aid, today=DEMO_TODAY)
    assert plan.moved == done.moved == {"interactions": 1, "links": 1, "facts": 1}
    assert done.dropped == {"shared interactions": 1} and done.kept == {"links": 1}

    part = {
        r[0]
        for r in demo_store.query(
            "SELECT interaction_id FROM interaction_participants WHERE person_id = ?", (target,)
        )
    }
    assert part == set(ids)
    assert (
        demo_store.one(
            "SELECT COUNT(*) FROM interaction_participants WHERE person_id = ?", (source,)
        )[0]
        == 0
    )
    links = demo_store.query(
        "SELECT our_person_id, strength FROM links WHERE their_person_id = ? ORDER BY 1", (target,)
    )
    assert {tuple(r) for r in links} == {(ours[0], 2), (ours[1], 4)}  # the target's own kept
    assert demo_store.one("SELECT person_id FROM facts WHERE text = 'Prefers calls'")[0] == target
    kept = people.get_person(demo_store, target)
    assert (kept.email, kept.phone, kept.title) == (
        "helen@northwind.co.uk",
        "+44 7700 900123",
        "Buyer",
    )
    assert demo_store.one("SELECT deleted_at FROM people WHERE id = ?", (source,))[0] is not None
    with pytest.raises(ServiceError, match="merge undo"):
        trash.restore(demo_store, "person", source)

    merge.undo(demo_store, done.merge_id)
    assert dump(demo_store) == before


def test_refusals(demo_store: Store) -> None:
    with pytest.raises(ServiceError, match="itself"):
        merge.merge(demo_store, "account", 3, 3)
    ours = next(p for p in people.list_people(demo_store, 3) if p.side == "ours")
    theirs = next(p for p in people.list_people(demo_store, 3) if p.side == "theirs")
    with pytest.raises(ServiceError, match="same side"):
        merge.merge(demo_store, "person", ours.id, theirs.id, 3)
    elsewhere = people.list_people(demo_store, 4)[0]
    with pytest.raises(ServiceError, match=f"no person #{elsewhere.id}"):
        merge.merge(demo_store, "person", elsewhere.id, theirs.id, 3)
    with pytest.raises(ServiceError, match="no merge to undo"):
        merge.undo(demo_store)
    accounts.delete(demo_store, 5)
    with pytest.raises(ServiceError, match="no account #5"):
        merge.merge(demo_store, "account", 5, 3)


def test_restore_of_a_merged_account_points_to_undo(demo_store: Store) -> None:
    done = merge.merge(demo_store, "account", 13, 5, today=DEMO_TODAY)
    with pytest.raises(ServiceError, match=f"kamtui merge undo {done.merge_id}"):
        trash.restore(demo_store, "account", 13)
    with pytest.raises(ServiceError, match="merge undo"):
        accounts.restore(demo_store, 13)  # the trash screen's path
    merge.undo(demo_store)
    assert accounts.get(demo_store, 13).name == "Distribuciones Ortiz e Hijos"
    with pytest.raises(ServiceError, match="undone already"):
        merge.undo(demo_store, done.merge_id)


def test_undo_waits_for_later_merges_of_the_same_accounts(demo_store: Store) -> None:
    first = merge.merge(demo_store, "account", 13, 5, today=DEMO_TODAY)
    second = merge.merge(demo_store, "account", 5, 3, today=DEMO_TODAY)
    before = dump(demo_store)
    with pytest.raises(ServiceError, match=f"kamtui merge undo {second.merge_id}"):
        merge.undo(demo_store, first.merge_id)
    assert dump(demo_store) == before
    merge.undo(demo_store)  # the last: the second
    merge.undo(demo_store)  # then the first
    assert counts(demo_store, 13)["interactions"] == 17


def test_undo_refuses_to_split_a_meeting_logged_since(demo_store: Store) -> None:
    from kamtui.services.interactions import log

    moved = next(p for p in people.list_people(demo_store, 13) if p.side == "theirs")
    merge.merge(demo_store, "account", 13, 5, today=DEMO_TODAY)
    log.log_interaction(
        demo_store,
        5,
        occurred_at="2026-11-14T10:00",
        channel="phone",
        level="operational",
        summary="Call after the merge",
        participant_ids=[moved.id],
    )
    before = dump(demo_store)
    with pytest.raises(ServiceError, match="split"):
        merge.undo(demo_store)
    assert dump(demo_store) == before


def test_a_failure_mid_merge_leaves_nothing_changed(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(demo_store)

    def fail(*_: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")  # after every move, before the end

    monkeypatch.setattr(merge_sql.Journal, "added", fail)
    with pytest.raises(Exception, match=r"I/O|disk"):
        merge.merge(demo_store, "account", THORNBURY, NORTHWIND, today=DEMO_TODAY)
    assert dump(demo_store) == before
    assert demo_store.one("SELECT COUNT(*) FROM merges")[0] == 0


def test_an_old_accounts_file_fills_blanks_of_the_target_never_renames_it(
    demo_store: Store, tmp_path: Path
) -> None:
    from kamtui.services.imports.contacts import import_accounts

    with demo_store.write() as conn:
        conn.execute(
            "UPDATE accounts SET industry = NULL WHERE id IN (?, ?)", (NORTHWIND, THORNBURY)
        )
    merge.merge(demo_store, "account", THORNBURY, NORTHWIND, today=DEMO_TODAY)
    old = tmp_path / "old_erp_accounts.csv"
    old.write_text(
        "name,account_number,industry,phone\n"
        "Thornbury Packaging Ltd,UK-0014,Packaging,+44 117 000 0000\n"
    )
    report = import_accounts(demo_store, old)
    assert report.created == 0
    kept = demo_store.one("SELECT * FROM accounts WHERE id = ?", (NORTHWIND,))
    assert (kept["name"], kept["account_number"]) == ("Northwind Logistics Ltd", "UK-0003")
    assert kept["phone"] == "+44 1706 555 142"  # its own, not the old file's
    assert kept["industry"] == "Packaging"  # a blank filled
    # Its own file still updates it as before.
    own = tmp_path / "own.csv"
    own.write_text("name,account_number,phone\nNorthwind Logistics Ltd,UK-0003,+44 1706 555 999\n")
    import_accounts(demo_store, own)
    assert demo_store.one("SELECT phone FROM accounts WHERE id = ?", (NORTHWIND,))[0] == (
        "+44 1706 555 999"
    )


def test_undo_refuses_when_a_moved_record_was_moved_again(demo_store: Store) -> None:
    merge.merge(demo_store, "account", 13, 5, today=DEMO_TODAY)
    with demo_store.write() as conn:  # another tool re-filed one of the moved facts
        fact = conn.execute(
            "SELECT id FROM facts WHERE account_id = 5 AND person_id IS NULL AND id IN"
            " (SELECT row_key FROM merge_moves WHERE tbl = 'facts')"
        ).fetchone()
        assert fact is not None
        conn.execute("UPDATE facts SET account_id = 3 WHERE id = ?", (fact[0],))
    before = dump(demo_store)
    with pytest.raises(ServiceError, match=f"fact #{fact[0]} was moved again"):
        merge.undo(demo_store)
    assert dump(demo_store) == before
