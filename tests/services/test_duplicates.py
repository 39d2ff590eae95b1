"""Issue 15, the duplicates service: only live records are paired, marks
hide a pair until taken back, wrong ids are refused."""

from __future__ import annotations

import pytest

from kamtui.domain.models import AccountInput, PersonInput
from kamtui.services import accounts, duplicates, people
from kamtui.services.errors import NotFound, ServiceError
from kamtui.storage.db import Store


def test_trashed_records_are_not_paired_and_marks_are_kept(store: Store) -> None:
    a = accounts.create(store, AccountInput(name="Olmo S.L."))
    b = accounts.create(store, AccountInput(name="Olmo SA"))
    c = accounts.create(store, AccountInput(name="OLMO"))
    ana = people.create_person(store, a, PersonInput(side="theirs", name="Ana García"))
    people.create_person(store, a, PersonInput(side="theirs", name="Ana Garcia"))
    assert len(duplicates.find(store, people=False)) == 3
    accounts.delete(store, c)
    assert [(p.a_id, p.b_id) for p in duplicates.find(store, people=False)] == [(a, b)]
    assert duplicates.dismiss(store, "account", b, a)  # either order
    assert not duplicates.dismiss(store, "account", a, b)  # already marked
    assert duplicates.find(store, people=False) == []
    accounts.restore(store, c)
    assert {(p.a_id, p.b_id) for p in duplicates.find(store, people=False)} == {(a, c), (b, c)}
    assert duplicates.undismiss(store, "account", a, b)
    assert len(duplicates.find(store, people=False)) == 3
    people.delete_person(store, ana)
    assert duplicates.find(store, accounts=False) == []


def test_wrong_pairs_are_refused(store: Store) -> None:
    a = accounts.create(store, AccountInput(name="Olmo"))
    with pytest.raises(ServiceError, match="two different"):
        duplicates.dismiss(store, "account", a, a)
    with pytest.raises(NotFound, match="no account #99"):
        duplicates.dismiss(store, "account", a, 99)
    with pytest.raises(NotFound, match="no person #5"):
        duplicates.dismiss(store, "person", 5, 6)
    with pytest.raises(ServiceError, match="neither account nor person"):
        duplicates.dismiss(store, "link", 1, 2)
