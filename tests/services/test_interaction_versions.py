"""Interactions and their next steps carry row versions: an edit saves only
over the version it read (compare-and-set), a change made by anyone else
(another process, any SQLite tool) moves the version, and a stale edit
writes nothing. Next steps and goal actions deleted go to the trash and come back."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from kamtui.services import accounts, people
from kamtui.services import followups as fu
from kamtui.services import goals as goal_service
from kamtui.services.errors import RecordConflict, ServiceError
from kamtui.services.interactions import editing, log
from kamtui.storage.db import Store

TODAY = date(2026, 11, 20)


def _setup(store: Store) -> tuple[int, int, int, int]:
    aid = accounts.add(store, {"name": "Peña"})
    ana = people.create_person(store, aid, people.person_input({"name": "Ana", "side": "ours"}))
    luis = people.create_person(store, aid, people.person_input({"name": "Luis", "side": "theirs"}))
    iid = log.log_interaction(
        store,
        aid,
        occurred_at="2026-11-10T10:00",
        channel="phone",
        level="strategic",
        summary="Plan",
        participant_ids=[ana],
        next_steps=[("Send offer", "2026-11-25"), ("Call back", None)],
    )
    return aid, ana, luis, iid


def elsewhere(db_path: Path, sql: str, *params: object) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None, timeout=5)
    try:
        conn.execute(sql, params)
    finally:
        conn.close()


def test_a_new_interaction_starts_at_version_1_and_every_edit_moves_it(store: Store) -> None:
    _aid, _ana, _luis, iid = _setup(store)
    assert editing.one(store, iid)["version"] == 1
    editing.edit(store, iid, {"summary": "Plan 2027"}, expected_version=1)
    assert editing.one(store, iid)["version"] > 1


def test_a_change_made_elsewhere_moves_the_version_and_a_stale_edit_writes_nothing(
    store: Store, db_path: Path
) -> None:
    _aid, ana, luis, iid = _setup(store)
    loaded = editing.one(store, iid)["version"]
    elsewhere(db_path, "UPDATE interactions SET summary = 'Theirs' WHERE id = ?", iid)
    with pytest.raises(RecordConflict) as caught:
        editing.edit(
            store,
            iid,
            {"summary": "Mine"},
            participant_ids=[ana, luis],
            next_steps=[("Other", None)],
            expected_version=loaded,
        )
    assert not caught.value.deleted
    assert caught.value.current is not None and caught.value.current["summary"] == "Theirs"
    item = editing.one(store, iid)
    assert item["summary"] == "Theirs"
    assert [p["id"] for p in item["with"]] == [ana]
    assert [s["text"] for s in item["next_steps"]] == ["Send offer", "Call back"]
    # Saving over the version now stored (the user chose "keep mine") works.
    editing.edit(store, iid, {"summary": "Mine"}, expected_version=caught.value.version)
    assert editing.one(store, iid)["summary"] == "Mine"


def test_a_trashed_interaction_is_a_conflict_and_restore_saves_it(store: Store) -> None:
    _aid, _ana, _luis, iid = _setup(store)
    loaded = editing.one(store, iid)["version"]
    log.delete(store, iid)
    with pytest.raises(RecordConflict) as caught:
        editing.edit(store, iid, {"summary": "Mine"}, expected_version=loaded)
    assert caught.value.trashed
    editing.edit(
        store, iid, {"summary": "Mine"}, expected_version=caught.value.version, restore=True
    )
    assert editing.one(store, iid)["summary"] == "Mine"


def test_edit_replaces_participants_and_next_steps_keeping_done_marks(store: Store) -> None:
    aid, ana, luis, iid = _setup(store)
    steps = {s["text"]: s for s in editing.one(store, iid)["next_steps"]}
    log.complete_next_step(store, steps["Send offer"]["id"], TODAY)
    item = editing.edit(
        store,
        iid,
        {},
        participant_ids=[ana, luis],
        next_steps=[("Send offer", "2026-11-25"), ("Visit the plant", "2026-12-01")],
    )
    item = editing.one(store, iid)
    assert sorted(p["name"] for p in item["with"]) == ["Ana", "Luis"]
    got = {s["text"]: s for s in item["next_steps"]}
    assert set(got) == {"Send offer", "Visit the plant"}
    assert got["Send offer"]["id"] == steps["Send offer"]["id"]
    assert got["Send offer"]["done_at"] == TODAY.isoformat()  # kept as it was
    assert got["Visit the plant"]["due_date"] == "2026-12-01"
    # Meeting together puts the two in contact on the map.
    assert len(people.account_map(store, aid, today=TODAY).links) == 1


def test_edit_refuses_a_stranger_and_a_bad_step_writing_nothing(store: Store) -> None:
    _aid, ana, _luis, iid = _setup(store)
    other = accounts.add(store, {"name": "Other"})
    eve = people.create_person(store, other, people.person_input({"name": "Eve", "side": "ours"}))
    with pytest.raises(ServiceError, match="participants"):
        editing.edit(store, iid, {"summary": "x"}, participant_ids=[ana, eve])
    with pytest.raises(ServiceError, match="not a date"):
        editing.edit(store, iid, {"summary": "x"}, next_steps=[("Go", "someday")])
    assert editing.one(store, iid)["summary"] == "Plan"


def test_a_next_step_edited_trashed_and_restored(store: Store, db_path: Path) -> None:
    _aid, _ana, _luis, iid = _setup(store)
    step = editing.one(store, iid)["next_steps"][0]
    elsewhere(db_path, "UPDATE next_steps SET text = 'Theirs' WHERE id = ?", step["id"])
    with pytest.raises(RecordConflict):
        fu.update(store, fu.NEXT_STEP, step["id"], "Mine", None, expected_version=step["version"])
    assert fu.stored(store, fu.NEXT_STEP, step["id"])["text"] == "Theirs"
    now = fu.stored(store, fu.NEXT_STEP, step["id"])["version"]
    fu.update(store, fu.NEXT_STEP, step["id"], "Mine", "2026-12-24", expected_version=now)
    fu.delete(store, fu.NEXT_STEP, step["id"])
    assert all(s["id"] != step["id"] for s in editing.one(store, iid)["next_steps"])
    fu.restore(store, fu.NEXT_STEP, step["id"])
    back = fu.stored(store, fu.NEXT_STEP, step["id"])
    assert (back["text"], back["due_date"], back["interaction_id"]) == ("Mine", "2026-12-24", iid)


def test_a_goal_action_trashed_and_restored(store: Store) -> None:
    aid = accounts.add(store, {"name": "Peña"})
    gid = goal_service.create(
        store, aid, title="Win back", goal_type="new_method", target=1, baseline=0, today=TODAY
    )
    action = goal_service.add_action(store, gid, "Call Ana", "2026-11-24")
    assert [f.text for f in fu.followups(store, today=TODAY, contacts=False).due] == ["Call Ana"]
    fu.delete(store, fu.GOAL_ACTION, action)
    assert fu.followups(store, today=TODAY, contacts=False).due == []
    fu.restore(store, fu.GOAL_ACTION, action)
    assert [f.text for f in fu.followups(store, today=TODAY, contacts=False).due] == ["Call Ana"]


def test_a_contact_due_is_not_edited(store: Store) -> None:
    with pytest.raises(ServiceError, match="contact due"):
        fu.delete(store, fu.CONTACT_DUE, 1)
