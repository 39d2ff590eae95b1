"""A merge carries the "not a duplicate" marks of the record merged away to
the record it became, and its undo puts them back exactly."""

from __future__ import annotations

import pytest

from kamtui.services import accounts, duplicates, merge, people
from kamtui.services.errors import ServiceError
from kamtui.storage.db import Store
from tests.conftest import DEMO_TODAY
from tests.services.test_merge import dump


def marks(store: Store) -> set[tuple[str, int, int]]:
    return {(r[0], r[1], r[2]) for r in store.query("SELECT kind, a_id, b_id FROM not_duplicates")}


def pairs(store: Store, kind: str) -> set[frozenset[int]]:
    return {
        frozenset((p.a_id, p.b_id))
        for p in duplicates.find(store, accounts=kind == "account", people=kind == "person")
    }


def test_account_marks_follow_the_merge_and_undo_puts_them_back(store: Store) -> None:
    # Three accounts of one web domain: each pair looks like a duplicate.
    s = accounts.add(store, {"name": "Talleres Norte S.L.", "domain": "talleresnorte.es"})
    t = accounts.add(store, {"name": "Talleres del Norte SA", "domain": "talleresnorte.es"})
    x = accounts.add(store, {"name": "Recambios Cantábrico", "domain": "talleresnorte.es"})
    y = accounts.add(store, {"name": "Frenos Astur", "domain": "talleresnorte.es"})
    duplicates.dismiss(store, "account", s, x)  # told apart before the merge
    duplicates.dismiss(store, "account", s, t)  # and this one, though merged after all
    duplicates.dismiss(store, "account", s, y)
    duplicates.dismiss(store, "account", t, y)  # the target's own: kept once
    assert frozenset((t, x)) in pairs(store, "account")
    before = dump(store)

    done = merge.merge(store, "account", s, t, today=DEMO_TODAY)
    assert done.moved["not-a-duplicate marks"] == 1
    assert marks(store) == {("account", min(t, x), max(t, x)), ("account", min(t, y), max(t, y))}
    assert frozenset((t, x)) not in pairs(store, "account")

    merge.undo(store, done.merge_id)
    assert dump(store) == before  # the marks as they were, their dates too
    assert frozenset((t, x)) in pairs(store, "account")


def test_person_marks_follow_the_merge_and_undo_puts_them_back(store: Store) -> None:
    acc = accounts.add(store, {"name": "Conservas Peña S.A."})

    def person(name: str) -> int:
        return people.create_person(
            store,
            acc,
            people.person_input({"name": name, "side": "theirs", "email": "compras@pena.es"}),
        )

    s, t, x = person("M. Sanz"), person("Marta Sanz"), person("Marta Sainz")
    duplicates.dismiss(store, "person", s, x)
    assert frozenset((t, x)) in pairs(store, "person")
    before = dump(store)

    done = merge.merge(store, "person", s, t, acc, today=DEMO_TODAY)
    assert done.moved["not-a-duplicate marks"] == 1
    assert marks(store) == {("person", min(t, x), max(t, x))}
    assert pairs(store, "person") == set()

    merge.undo(store, done.merge_id)
    assert dump(store) == before
    assert marks(store) == {("person", min(s, x), max(s, x))}


def test_undo_waits_for_a_later_merge_of_a_marked_account(store: Store) -> None:
    s = accounts.add(store, {"name": "Talleres Norte S.L.", "domain": "talleresnorte.es"})
    t = accounts.add(store, {"name": "Talleres del Norte SA", "domain": "talleresnorte.es"})
    x = accounts.add(store, {"name": "Recambios Cantábrico", "domain": "talleresnorte.es"})
    y = accounts.add(store, {"name": "Recambios Cantábrico S.L.", "domain": "talleresnorte.es"})
    duplicates.dismiss(store, "account", s, x)
    before = dump(store)
    first = merge.merge(store, "account", s, t, today=DEMO_TODAY)
    second = merge.merge(store, "account", x, y, today=DEMO_TODAY)  # moves (t, x) on to (t, y)
    assert marks(store) == {("account", min(t, y), max(t, y))}
    with pytest.raises(ServiceError, match=f"undo it first .kamtui merge undo {second.merge_id}"):
        merge.undo(store, first.merge_id)
    merge.undo(store, second.merge_id)
    merge.undo(store, first.merge_id)
    assert dump(store) == before
