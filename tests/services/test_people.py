"""People and links: editing, trash/undo, link last contact and the map
analysis for one account and set-wise for the portfolio (storage + services)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kamtui.config import Config, MapConfig
from kamtui.domain.models import AccountInput, PersonInput
from kamtui.services import accounts
from kamtui.services import people as svc
from kamtui.services.errors import Ambiguous, NotFound, ServiceError
from kamtui.storage.db import Store
from tests.conftest import DEMO_TODAY

TODAY = DEMO_TODAY


def _account(store: Store, name: str = "Acme S.A.") -> int:
    return accounts.create(store, AccountInput(name=name))


def _person(store: Store, acc: int, name: str, side: str, function: str | None = None) -> int:
    return svc.create_person(store, acc, PersonInput(name=name, side=side, function=function))


def _interaction(store: Store, acc: int, when: str, people: list[int]) -> int:
    with store.write() as conn:
        cur = conn.execute(
            "INSERT INTO interactions (account_id, occurred_at, channel, level, kind, summary,"
            " created_at) VALUES (?, ?, 'phone', 'operational', 'call', 'x', ?)",
            (acc, when, when),
        )
        iid = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT INTO interaction_participants VALUES (?, ?)", [(iid, p) for p in people]
        )
    return iid


def test_create_edit_list_people(store: Store) -> None:
    acc = _account(store)
    ana = _person(store, acc, "Ana Ruiz", "Nuestro", "Ventas")
    luis = _person(store, acc, "Luis Gómez", "theirs", "Compras")
    listed = svc.list_people(store, acc)
    assert [p.name for p in listed] == ["Ana Ruiz", "Luis Gómez"]  # ours first
    assert listed[0].side == "ours" and listed[0].function == "sales"
    assert listed[1].function == "purchasing"
    svc.update_person(
        store,
        luis,
        PersonInput(name="Luis Gómez", side="theirs", title="CPO", function="executive"),
    )
    assert svc.get_person(store, luis).title == "CPO"
    assert svc.get_person(store, ana).account_id == acc
    with pytest.raises(NotFound):
        svc.create_person(store, 9999, PersonInput(name="X", side="ours"))


def test_delete_person_to_trash_and_restore(store: Store) -> None:
    acc = _account(store)
    ana, luis = _person(store, acc, "Ana", "ours"), _person(store, acc, "Luis", "theirs")
    svc.link_people(store, ana, luis)
    svc.delete_person(store, luis)
    assert [p.name for p in svc.list_people(store, acc)] == ["Ana"]
    assert svc.links(store, acc, today=TODAY) == []  # the link no longer shows
    assert svc.map_analysis(store, acc, today=TODAY, config=Config()).shape == "none"
    svc.restore_person(store, luis)
    assert svc.map_analysis(store, acc, today=TODAY, config=Config()).shape == "bow-tie"


def test_link_rules_and_unlink_undo(store: Store) -> None:
    acc, other = _account(store), _account(store, "Other")
    ana, bea = _person(store, acc, "Ana", "ours"), _person(store, acc, "Bea", "ours")
    luis = _person(store, acc, "Luis", "theirs")
    stranger = _person(store, other, "Zoe", "theirs")
    with pytest.raises(ServiceError, match="one of ours with one of theirs"):
        svc.link_people(store, ana, bea)
    with pytest.raises(ServiceError, match="same account"):
        svc.link_people(store, ana, stranger)
    with pytest.raises(ServiceError, match="1 to 5"):
        svc.link_people(store, ana, luis, strength=9)
    lid = svc.link_people(store, luis, ana, strength=4)  # either order
    (link,) = svc.links(store, acc, today=TODAY)
    assert (link.our_id, link.their_id, link.strength) == (ana, luis, 4)
    assert link.active and link.last_contact is None  # declared, no interactions yet
    svc.unlink(store, lid)
    assert svc.links(store, acc, today=TODAY) == []
    svc.restore_link(store, lid)
    assert len(svc.links(store, acc, today=TODAY)) == 1
    # linking the same pair again revives/updates the one link, no duplicate
    svc.unlink(store, lid)
    assert svc.link_people(store, ana, luis, strength=2) == lid
    assert [lk.strength for lk in svc.links(store, acc, today=TODAY)] == [2]


def test_link_last_contact_comes_from_interactions_both_took_part_in(store: Store) -> None:
    acc = _account(store)
    ana, bea = _person(store, acc, "Ana", "ours"), _person(store, acc, "Bea", "ours")
    luis = _person(store, acc, "Luis", "theirs")
    svc.link_people(store, ana, luis)
    svc.link_people(store, bea, luis)
    old = (TODAY - timedelta(days=400)).isoformat() + "T10:00"
    recent = (TODAY - timedelta(days=10)).isoformat() + "T09:30"
    _interaction(store, acc, old, [ana, luis])
    _interaction(store, acc, recent, [bea, luis])  # Ana was not there
    _interaction(store, acc, recent, [ana])  # alone: not a contact with Luis
    by_our = {lk.our_id: lk for lk in svc.links(store, acc, today=TODAY)}
    assert by_our[ana].last_contact == TODAY - timedelta(days=400)
    assert not by_our[ana].active and by_our[ana].total == 1 and by_our[ana].recent == 0
    assert by_our[bea].last_contact == TODAY - timedelta(days=10) and by_our[bea].active
    a = svc.map_analysis(store, acc, today=TODAY, config=Config())
    assert a.shape == "bow-tie" and a.inactive_links == 1
    assert a.reasons[0] == "only Bea ↔ Luis are in contact"
    # a longer window from the config counts Ana's link again
    longer = svc.map_analysis(store, acc, today=TODAY, config=MapConfig(active_window_days=500))
    assert longer.active_links == 2


def test_find_person_by_name_lists_candidates(store: Store) -> None:
    acc = _account(store)
    _person(store, acc, "Ana Ruiz", "ours")
    _person(store, acc, "Ana Sanz", "theirs")
    assert svc.find_person(store, acc, "ana ruiz").name == "Ana Ruiz"
    assert svc.find_person(store, acc, "ANA", side="theirs").name == "Ana Sanz"
    with pytest.raises(Ambiguous) as exc:
        svc.find_person(store, acc, "ana")
    assert any("Ana Ruiz" in c for c in exc.value.candidates)
    with pytest.raises(NotFound, match="known: Ana Ruiz, Ana Sanz"):
        svc.find_person(store, acc, "Pedro")


def test_what_if_does_not_write(store: Store) -> None:
    acc = _account(store)
    ana, luis = _person(store, acc, "Ana", "ours"), _person(store, acc, "Luis", "theirs")
    svc.link_people(store, ana, luis)
    marker = store.change_marker()
    a = svc.map_analysis(store, acc, today=TODAY, config=Config(), leaving={luis})
    assert a.shape == "none" and a.leaving == [luis]
    assert store.change_marker() == marker
    assert not svc.get_person(store, luis).leaving


def test_demo_stories(demo_store: Store) -> None:
    result = svc.map_analyses(demo_store, today=TODAY, config=Config())
    ibanez = accounts.resolve(demo_store, "Automoción Ibáñez").id
    munoz = accounts.resolve(demo_store, "Grupo Alimentario Muñoz").id
    assert result[ibanez].shape == "bow-tie"
    assert result[ibanez].reasons[0] == "only Jordi Puig ↔ Ramón Ibáñez are in contact"
    assert result[munoz].shape == "diamond"
    assert result[munoz].our_active == 5 and result[munoz].their_active == 6
    assert result[munoz].single_points_of_failure == []
    # the set-wise analysis agrees with the one-account analysis everywhere
    for acc, analysis in result.items():
        one = svc.map_analysis(demo_store, acc, today=TODAY, config=Config())
        assert (one.shape, one.reasons, one.single_points_of_failure) == (
            analysis.shape,
            analysis.reasons,
            analysis.single_points_of_failure,
        ), acc


def test_what_if_ramon_leaves_ibanez(demo_store: Store) -> None:
    acc = accounts.resolve(demo_store, "Ibáñez").id
    ramon = svc.find_person(demo_store, acc, "Ramón Ibáñez")
    a = svc.map_analysis(demo_store, acc, today=TODAY, config=Config(), leaving={ramon.id})
    assert a.shape == "none"
    assert any("Ramón Ibáñez" in r for r in a.reasons)


def test_set_wise_is_a_few_queries_and_cached(demo_store: Store) -> None:
    statements: list[str] = []
    demo_store.conn.set_trace_callback(statements.append)
    try:
        first = svc.map_analyses(demo_store, today=TODAY, config=Config())
        n = len(statements)
        again = svc.map_analyses(demo_store, today=TODAY, config=Config())
    finally:
        demo_store.conn.set_trace_callback(None)
    assert n <= 8  # not one per account (the demo has 14)
    assert again == first
    assert len(statements) - n <= 2  # unchanged data: answered from the cache


def test_map_analyses_skips_deleted_accounts(store: Store) -> None:
    acc = _account(store)
    _person(store, acc, "Ana", "ours")
    assert acc in svc.map_analyses(store, today=TODAY, config=Config())
    accounts.delete(store, acc)
    assert acc not in svc.map_analyses(store, today=date(2026, 11, 16), config=Config())


def test_map_analyses_groups_each_accounts_people_however_they_were_added(store: Store) -> None:
    """The set-wise analysis reads people account by account: people added
    to several accounts in turn (their ids interleaved) still make each
    account's whole map, the same as analysing that account alone."""
    first, second, gone = _account(store, "Acme"), _account(store, "Beta"), _account(store, "Gone")
    made: dict[int, list[int]] = {first: [], second: [], gone: []}
    for i in range(3):
        for acc in (second, first, gone):  # ids alternate between the accounts
            made[acc].append(_person(store, acc, f"Ours {acc}-{i}", "ours", "sales"))
            made[acc].append(_person(store, acc, f"Theirs {acc}-{i}", "theirs", "purchasing"))
    for acc, (ours, theirs, ours2, theirs2, *_rest) in made.items():
        svc.link_people(store, ours, theirs)
        svc.link_people(store, ours2, theirs2)
        svc.link_people(store, ours, theirs2)
        _interaction(store, acc, (TODAY - timedelta(days=3)).isoformat(), [ours, theirs])
    accounts.delete(store, gone)

    result = svc.map_analyses(store, today=TODAY, config=Config())

    assert set(result) == {first, second}
    for acc in (first, second):
        alone = svc.account_map(store, acc, today=TODAY, config=Config()).analysis
        assert result[acc] == alone, acc
        assert result[acc].our_active == 2 and result[acc].their_active == 2
        assert sorted(result[acc].unlinked) == sorted(made[acc][4:])
