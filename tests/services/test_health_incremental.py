"""Incremental health equals the whole computation, account by account,
after every write of a random sequence; the change counters follow rows
moved between accounts; nothing is computed when nothing changed; a new
day or other settings compute everything."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kamtui.config import Config
from kamtui.domain.models import AccountInput, PersonInput
from kamtui.services import accounts, complaints, duplicates, health, health_refresh, people
from kamtui.services.goals import editing as goals
from kamtui.services.interactions import log as inter
from kamtui.storage.db import Store, open_store
from tests.conftest import DEMO_TODAY

CONFIG = Config()


def assert_incremental_equals_full(store: Store) -> health_refresh.Refreshed:
    done = health_refresh.refresh(store, today=DEMO_TODAY, config=CONFIG)
    full = {
        h.account_id: h
        for h in health.portfolio_health(store, today=DEMO_TODAY, config=CONFIG, save=False)
    }
    stored = health_refresh.stored(store)
    assert stored.keys() == full.keys()
    for account_id, h in full.items():
        assert stored[account_id] == h, account_id
    return done


def _ids(store: Store, sql: str) -> list[int]:
    return [r[0] for r in store.query(sql)]


def _write(store: Store, data: st.DataObject, op: str) -> None:
    live = _ids(store, "SELECT id FROM accounts WHERE deleted_at IS NULL ORDER BY id")
    every = _ids(store, "SELECT id FROM accounts ORDER BY id")
    acc = data.draw(st.sampled_from(live)) if live else None
    day = DEMO_TODAY - timedelta(days=data.draw(st.integers(0, 800)))
    if op == "log" and acc:
        theirs = _ids(
            store, f"SELECT id FROM people WHERE account_id = {acc} AND deleted_at IS NULL"
        )
        inter.log_interaction(
            store,
            acc,
            occurred_at=f"{day.isoformat()}T10:00:00",
            channel=data.draw(st.sampled_from(["in_person", "phone", "email"])),
            level=data.draw(st.sampled_from(["operational", "strategic", "satisfaction"])),
            summary="call",
            mood=data.draw(st.none() | st.integers(1, 5)),
            participant_ids=data.draw(st.lists(st.sampled_from(theirs), max_size=3, unique=True))
            if theirs
            else [],
            complaint_severity=data.draw(st.none() | st.just("high")),
        )
    elif op == "complaint" and acc:
        cid = complaints.open_complaint(
            store, acc, title="late", today=DEMO_TODAY, opened_at=day.isoformat()
        )
        if data.draw(st.booleans()):
            complaints.resolve(store, cid, resolution="fixed", today=DEMO_TODAY)
    elif op == "transaction" and acc:
        category = data.draw(st.sampled_from(["Tubos", "Válvulas", "Nueva categoría", "Otra"]))
        with store.write() as conn:  # what an import or any SQLite tool writes
            conn.execute(
                "INSERT INTO transactions (account_id, date, amount, category, document)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    acc,
                    day.isoformat(),
                    data.draw(st.integers(-500, 50000)),
                    category,
                    f"D{id(data)}{day}",
                ),
            )
    elif op == "wallet" and acc:
        with store.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO wallet_estimates (account_id, category, year, amount)"
                " VALUES (?, 'Tubos', ?, ?)",
                (
                    acc,
                    DEMO_TODAY.year - data.draw(st.integers(0, 1)),
                    data.draw(st.integers(1, 90000)),
                ),
            )
    elif op == "person" and acc:
        side = data.draw(st.sampled_from(["ours", "theirs"]))
        role = data.draw(st.none() | st.just("decision_maker"))
        people.create_person(
            store,
            acc,
            PersonInput(side=side, name=f"P {data.draw(st.integers(0, 999))}", decision_role=role),
        )
    elif op == "link" and acc:
        ours = _ids(
            store,
            f"SELECT id FROM people WHERE account_id = {acc} AND side = 'ours' AND deleted_at IS NULL",
        )
        theirs = _ids(
            store,
            f"SELECT id FROM people WHERE account_id = {acc} AND side = 'theirs' AND deleted_at IS NULL",
        )
        if ours and theirs:
            a, b = data.draw(st.sampled_from(ours)), data.draw(st.sampled_from(theirs))
            if not store.one(
                "SELECT 1 FROM links WHERE our_person_id = ? AND their_person_id = ?", (a, b)
            ):
                people.link_people(store, a, b, data.draw(st.integers(1, 5)))
    elif op == "unlink":
        found = _ids(store, "SELECT id FROM links WHERE deleted_at IS NULL ORDER BY id")
        if found:
            people.unlink(store, data.draw(st.sampled_from(found)))
    elif op == "delete_person":
        found = _ids(store, "SELECT id FROM people WHERE deleted_at IS NULL ORDER BY id")
        if found:
            pid = data.draw(st.sampled_from(found))
            people.delete_person(store, pid)
            if data.draw(st.booleans()):
                people.restore_person(store, pid)
    elif op == "goal" and acc:
        goal_type, category = data.draw(
            st.sampled_from(
                [("broaden_map", "people"), ("new_method", "strategic"), ("satisfaction", None)]
            )
        )
        gid = goals.create(
            store,
            acc,
            goal_type=goal_type,
            category=category,
            title="grow",
            target=data.draw(st.integers(1, 10)),
            today=DEMO_TODAY,
            start_date=day.isoformat(),
        )
        what = data.draw(st.sampled_from(["keep", "done", "drop", "delete"]))
        if what in ("done", "drop"):
            goals.set_status(store, gid, "done" if what == "done" else "dropped", DEMO_TODAY)
        elif what == "delete":
            goals.delete(store, gid)
    elif op == "delete_interaction":
        found = _ids(
            store, "SELECT id FROM interactions WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 40"
        )
        if found:
            iid = data.draw(st.sampled_from(found))
            inter.delete(store, iid)
            if data.draw(st.booleans()):
                inter.restore(store, iid)
    elif op == "account" and acc:
        change: dict[str, Any] = data.draw(
            st.sampled_from(
                [
                    {"cadence_days": 7},
                    {"cadence_days": None},
                    {"tax_id": "B-12345678"},  # the same tax id: suspected duplicates
                    {"tax_id": None},
                    {"name": "Duplicada S.L."},
                    {"phone": "+34 600 000 000"},
                ]
            )
        )
        accounts.edit(store, acc, change)
    elif op == "new_account":
        accounts.create(
            store, AccountInput(name=data.draw(st.sampled_from(["Duplicada S.L.", "Nueva S.A."])))
        )
    elif op == "delete_account" and acc:
        accounts.delete(store, acc)
    elif op == "restore_account":
        gone = sorted(set(every) - set(live))
        if gone:
            accounts.restore(store, data.draw(st.sampled_from(gone)))
    elif op == "mark" and len(live) > 1:
        # a suspected pair when there is one (the same name or tax id), else any two
        suspects = _ids(
            store,
            "SELECT id FROM accounts WHERE deleted_at IS NULL AND (name = 'Duplicada S.L.'"
            " OR tax_id = 'B-12345678') ORDER BY id",
        )
        pool = suspects if len(suspects) > 1 else live
        a, b = data.draw(st.lists(st.sampled_from(pool), min_size=2, max_size=2, unique=True))
        if not duplicates.dismiss(store, "account", a, b):
            duplicates.undismiss(store, "account", a, b)
    elif op == "mark_people" and acc:
        found = _ids(
            store, f"SELECT id FROM people WHERE account_id = {acc} AND deleted_at IS NULL"
        )
        if len(found) > 1:
            p, q = data.draw(st.lists(st.sampled_from(found), min_size=2, max_size=2, unique=True))
            if not duplicates.dismiss(store, "person", p, q):
                duplicates.undismiss(store, "person", p, q)
    elif op == "move" and acc and len(live) > 1:
        # a merge moves rows between accounts (another helper builds it)
        other = data.draw(st.sampled_from([a for a in live if a != acc]))
        with store.write() as conn:
            conn.execute(
                "UPDATE interactions SET account_id = ? WHERE account_id = ?", (other, acc)
            )
            conn.execute(
                "UPDATE transactions SET account_id = ? WHERE account_id = ?", (other, acc)
            )


OPS = [
    "log",
    "complaint",
    "transaction",
    "wallet",
    "person",
    "link",
    "unlink",
    "delete_person",
    "goal",
    "delete_interaction",
    "account",
    "new_account",
    "delete_account",
    "restore_account",
    "move",
    "mark",
    "mark",
    "mark_people",
]


def _fresh_demo(template: Path, folder: Path) -> Store:
    """A copy of the demo database of its own for each example."""
    target = folder / f"demo-{next(_copies)}.db"
    src, dst = sqlite3.connect(template), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return open_store(target)


_copies = itertools.count()


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_incremental_health_equals_the_whole_computation_after_every_write(
    _demo_template: Path, tmp_path: Path, data: st.DataObject
) -> None:
    store = _fresh_demo(_demo_template, tmp_path)
    try:
        assert_incremental_equals_full(store)
        for _ in range(data.draw(st.integers(1, 8))):
            op = data.draw(st.sampled_from(OPS))
            _write(store, data, op)
            done = assert_incremental_equals_full(store)
            assert not done.full or op in ("transaction", "move")  # the catalogue may move
    finally:
        store.close()


def test_one_logged_call_computes_only_its_account(demo_store: Store) -> None:
    health_refresh.refresh(demo_store, today=DEMO_TODAY, config=CONFIG)
    acc = demo_store.query("SELECT id FROM accounts ORDER BY id")[3][0]
    inter.log_interaction(
        demo_store,
        acc,
        occurred_at=f"{DEMO_TODAY}T09:00:00",
        channel="phone",
        level="strategic",
        summary="x",
    )
    done = health_refresh.refresh(demo_store, today=DEMO_TODAY, config=CONFIG)
    assert done.recomputed == {acc} and not done.full


def test_nothing_changed_computes_nothing_even_in_another_process(demo_path: Any) -> None:
    from kamtui.storage.db import open_store

    first = open_store(demo_path)
    try:
        assert health_refresh.refresh(first, today=DEMO_TODAY, config=CONFIG).full
    finally:
        first.close()
    again = open_store(demo_path)  # a restart
    try:
        assert health_refresh.refresh(again, today=DEMO_TODAY, config=CONFIG).recomputed == set()
    finally:
        again.close()


def test_a_new_day_or_other_weights_compute_everything(demo_store: Store) -> None:
    n = demo_store.one("SELECT COUNT(*) FROM accounts")[0]
    assert health_refresh.refresh(demo_store, today=DEMO_TODAY, config=CONFIG).full
    tomorrow = health_refresh.refresh(
        demo_store, today=DEMO_TODAY + timedelta(days=1), config=CONFIG
    )
    assert tomorrow.full and len(tomorrow.recomputed) == n
    other = Config.model_validate({"health": {"weights": {"complaints": 3.0}}})
    assert other.health != CONFIG.health
    changed = health_refresh.refresh(demo_store, today=DEMO_TODAY + timedelta(days=1), config=other)
    assert changed.full and len(changed.recomputed) == n


def test_a_row_moved_between_accounts_bumps_both(demo_store: Store) -> None:
    a, b = (r[0] for r in demo_store.query("SELECT id FROM accounts ORDER BY id LIMIT 2"))
    before = dict(demo_store.query("SELECT account_id, n FROM health_changes"))
    with demo_store.write() as conn:
        conn.execute(
            "UPDATE people SET account_id = ? WHERE id = (SELECT MIN(id) FROM people WHERE account_id = ?)",
            (b, a),
        )
    after = dict(demo_store.query("SELECT account_id, n FROM health_changes"))
    assert after[a] > before.get(a, 0) and after[b] > before.get(b, 0)
    untouched = [x for x in after if x not in (a, b)]
    assert all(after[x] == before.get(x, 0) for x in untouched)
