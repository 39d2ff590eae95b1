"""Issue 14 "the map learns from meetings": logging an interaction with people
of both sides puts each ours x theirs pair in contact on the map (a link of
origin 'meeting', in the interaction's own transaction)."""

from __future__ import annotations

from datetime import date

import pytest

from kamtui.domain.models import AccountInput, PersonInput
from kamtui.services import accounts, people
from kamtui.services import interactions as inter
from kamtui.services.interactions import editing
from kamtui.storage.db import Store

TODAY = date(2026, 11, 15)


def account(store: Store) -> tuple[int, dict[str, int]]:
    acc = accounts.create(store, AccountInput(name="Conservas Peña"))
    ids = {
        name: people.create_person(store, acc, PersonInput(name=name, side=side))
        for name, side in (
            ("Rubén Ortega", "ours"),
            ("Lucía Marín", "ours"),
            ("Íñigo Zubiri", "theirs"),
            ("Ane Goikoetxea", "theirs"),
        )
    }
    return acc, ids


def log(store: Store, acc: int, ids: list[int], **extra: object) -> int:
    return inter.log_interaction(
        store,
        acc,
        occurred_at="2026-11-10T10:00",
        channel="in_person",
        level="strategic",
        summary="Plan 2027",
        participant_ids=ids,
        **extra,  # type: ignore[arg-type]
    )


def links(store: Store, acc: int) -> dict[tuple[int, int], people.LinkInfo]:
    return {(lk.our_id, lk.their_id): lk for lk in people.links(store, acc, today=TODAY)}


def test_a_meeting_puts_both_sides_in_contact(store: Store) -> None:
    acc, p = account(store)
    before = people.account_map(store, acc, today=TODAY)
    assert p["Íñigo Zubiri"] in before.analysis.unlinked
    log(store, acc, [p["Rubén Ortega"], p["Íñigo Zubiri"]])
    lk = links(store, acc)[(p["Rubén Ortega"], p["Íñigo Zubiri"])]
    assert lk.origin == "meeting" and lk.from_meetings
    assert lk.strength == 3
    # The meeting is the link's last contact: activity comes from both ends' participation.
    assert lk.last_contact == date(2026, 11, 10) and lk.total == 1
    assert lk.active and not lk.declared_not_met
    amap = people.account_map(store, acc, today=TODAY)
    assert p["Íñigo Zubiri"] not in amap.analysis.unlinked
    assert p["Rubén Ortega"] not in amap.analysis.unlinked
    assert any(
        r.startswith("from meetings: Rubén Ortega ↔ Íñigo Zubiri") for r in amap.analysis.reasons
    )


def test_every_ours_by_theirs_pair_and_no_same_side_pairs(store: Store) -> None:
    acc, p = account(store)
    log(store, acc, list(p.values()))
    assert set(links(store, acc)) == {
        (p[o], p[t])
        for o in ("Rubén Ortega", "Lucía Marín")
        for t in ("Íñigo Zubiri", "Ane Goikoetxea")
    }
    # The portfolio-wide analysis sees them too.
    analysis = people.map_analyses(store, today=TODAY)[acc]
    assert analysis.active_links == 4 and not analysis.unlinked


def test_one_side_only_creates_nothing(store: Store) -> None:
    acc, p = account(store)
    log(store, acc, [p["Rubén Ortega"], p["Lucía Marín"]])
    log(store, acc, [p["Íñigo Zubiri"]])
    assert links(store, acc) == {}


def test_an_existing_declared_link_is_left_untouched(store: Store) -> None:
    acc, p = account(store)
    lid = people.link_people(store, p["Rubén Ortega"], p["Íñigo Zubiri"], strength=5)
    version = store.one("SELECT version FROM links WHERE id = ?", (lid,))[0]
    log(store, acc, [p["Rubén Ortega"], p["Íñigo Zubiri"]])
    row = store.one("SELECT strength, origin, version, created_at FROM links WHERE id = ?", (lid,))
    assert (row["strength"], row["origin"], row["version"]) == (5, "declared", version)
    lk = links(store, acc)[(p["Rubén Ortega"], p["Íñigo Zubiri"])]
    assert lk.origin == "declared" and lk.last_contact == date(2026, 11, 10)
    assert store.one("SELECT COUNT(*) FROM links")[0] == 1


def test_a_link_in_the_trash_stays_there(store: Store) -> None:
    acc, p = account(store)
    lid = people.link_people(store, p["Rubén Ortega"], p["Íñigo Zubiri"])
    people.unlink(store, lid)
    log(store, acc, [p["Rubén Ortega"], p["Íñigo Zubiri"], p["Ane Goikoetxea"]])
    row = store.one("SELECT deleted_at, origin FROM links WHERE id = ?", (lid,))
    assert row["deleted_at"] is not None and row["origin"] == "declared"
    assert set(links(store, acc)) == {(p["Rubén Ortega"], p["Ane Goikoetxea"])}


def test_a_failing_log_creates_no_link(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The links are written in the interaction's transaction: when the rest of
    it fails (here the complaint it opens), neither is kept."""
    from kamtui.storage import complaints as complaint_sql

    acc, p = account(store)

    def boom(*_a: object, **_k: object) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(complaint_sql, "insert", boom)
    with pytest.raises(RuntimeError):
        log(store, acc, [p["Rubén Ortega"], p["Íñigo Zubiri"]], complaint_severity="high")
    assert store.one("SELECT COUNT(*) FROM interactions")[0] == 0
    assert store.one("SELECT COUNT(*) FROM links")[0] == 0


def test_editing_participants_links_new_pairs_only(store: Store) -> None:
    acc, p = account(store)
    iid = log(store, acc, [p["Rubén Ortega"], p["Íñigo Zubiri"]])
    # The user removes the meeting link; re-listing the same pair is not new.
    first = links(store, acc)[(p["Rubén Ortega"], p["Íñigo Zubiri"])]
    people.unlink(store, first.id)
    editing.edit(store, iid, {}, people=["Rubén", "Íñigo", "Ane"])
    assert set(links(store, acc)) == {(p["Rubén Ortega"], p["Ane Goikoetxea"])}
    editing.edit(store, iid, {}, people=["Lucía", "Íñigo", "Ane"])
    assert set(links(store, acc)) == {
        (p["Rubén Ortega"], p["Ane Goikoetxea"]),
        (p["Lucía Marín"], p["Íñigo Zubiri"]),
        (p["Lucía Marín"], p["Ane Goikoetxea"]),
    }
    assert all(lk.origin == "meeting" for lk in links(store, acc).values())
    # Editing only other fields creates nothing.
    before = store.one("SELECT COUNT(*) FROM links")[0]
    editing.edit(store, iid, {"summary": "Plan 2027 v2"})
    assert store.one("SELECT COUNT(*) FROM links")[0] == before


def test_a_failing_edit_creates_no_link(store: Store) -> None:
    from kamtui.services.errors import ServiceError

    acc, p = account(store)
    iid = log(store, acc, [p["Rubén Ortega"]])
    with pytest.raises(ServiceError):
        editing.edit(store, iid, {"level": "nope"}, people=["Rubén", "Íñigo"])
    assert store.one("SELECT COUNT(*) FROM links")[0] == 0


def test_the_version_trigger_still_bumps_links(store: Store) -> None:
    acc, p = account(store)
    log(store, acc, [p["Rubén Ortega"], p["Íñigo Zubiri"]])
    with store.write() as conn:
        conn.execute("UPDATE links SET strength = 4")
    row = store.one("SELECT version, origin FROM links")
    assert (row["version"], row["origin"]) == (2, "meeting")
