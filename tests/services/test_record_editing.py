"""Services behind the shell's record corrections: field-wise edits with
compare-and-set, interaction edits, the trash across kinds."""

from __future__ import annotations

import pytest

from kamtui.services import accounts, people, trash
from kamtui.services.errors import NotFound, RecordConflict, ServiceError
from kamtui.services.interactions import editing, log
from kamtui.storage.db import Store


def _account(store: Store) -> int:
    return accounts.add(store, {"name": "Peña", "tier": "b", "status": "Potencial"})


def test_account_edit_changes_only_given_fields(store: Store) -> None:
    aid = _account(store)
    a = accounts.edit(store, aid, {"owner": "Ana"})
    assert (a.tier, a.status, a.owner, a.version) == ("B", "prospect", "Ana", 2)
    with pytest.raises(ServiceError, match="cadence_days"):
        accounts.edit(store, aid, {"cadence_days": "0"})
    assert accounts.get(store, aid).version == 2


def test_account_edit_conflict_writes_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = _account(store)
    real_get = accounts.get
    calls: list[int] = []

    def stale_then_real(s: Store, i: int):  # type: ignore[no-untyped-def]
        got = real_get(s, i)
        if not calls:
            calls.append(1)
            accounts.update(s, i, accounts.account_input({"name": "Peña", "owner": "Eve"}))
        return got

    monkeypatch.setattr(accounts, "get", stale_then_real)
    with pytest.raises(RecordConflict):
        accounts.edit(store, aid, {"tier": "C"})
    monkeypatch.undo()
    assert (accounts.get(store, aid).tier, accounts.get(store, aid).owner) == (None, "Eve")


def test_person_edit_and_vocabulary_labels(store: Store) -> None:
    aid = _account(store)
    pid = people.create_person(
        store, aid, people.person_input({"name": "Lucía", "side": "Suyo", "stance": "CAMPEÓN"})
    )
    p = people.edit_person(store, pid, {"decision_role": "decisor"})
    assert (p.side, p.stance, p.decision_role) == ("theirs", "champion", "decision_maker")
    with pytest.raises(ServiceError, match="side"):
        people.edit_person(store, pid, {"side": "nobody's"})


def test_interaction_edit_validates_before_writing(store: Store) -> None:
    aid = _account(store)
    ana = people.create_person(store, aid, people.person_input({"name": "Ana", "side": "ours"}))
    iid = log.log_interaction(
        store,
        aid,
        occurred_at="2026-11-10T10:00",
        channel="phone",
        level="strategic",
        summary="Plan",
    )
    with pytest.raises(ServiceError, match="channel"):
        editing.edit(store, iid, {"channel": "carrier pigeon", "summary": "changed"})
    with pytest.raises(NotFound):
        editing.edit(store, iid, {"summary": "changed"}, people=["Nobody"])
    assert editing.one(store, iid)["summary"] == "Plan"
    item = editing.edit(store, iid, {"channel": "Correo electrónico", "mood": 4}, people=["ana"])
    assert (item["channel"], item["mood"]) == ("email", 4)
    assert [p["id"] for p in editing.one(store, iid)["with"]] == [ana]
    with pytest.raises(ServiceError, match="cannot edit"):
        editing.edit(store, iid, {"account_id": 9})


def test_trash_lists_every_kind_and_restores(store: Store) -> None:
    aid = _account(store)
    other = accounts.add(store, {"name": "Other"})
    pid = people.create_person(store, aid, people.person_input({"name": "Ana", "side": "ours"}))
    tid = people.create_person(store, aid, people.person_input({"name": "Luis", "side": "theirs"}))
    lid = people.link_people(store, pid, tid)
    people.unlink(store, lid)
    people.delete_person(store, pid)
    accounts.delete(store, other)
    assert {(i["kind"], i["id"]) for i in trash.items(store)} == {
        ("link", lid),
        ("person", pid),
        ("account", other),
    }
    trash.restore(store, "links", lid)
    trash.restore(store, "person", pid)
    trash.restore(store, "Account", other)
    assert trash.items(store) == []
    with pytest.raises(NotFound):
        trash.restore(store, "account", other)
    with pytest.raises(ServiceError, match="unknown kind"):
        trash.kind_of("widget")
