"""A pair marked "not a duplicate" no longer lowers either account's data
quality nor shows in its reasons; marking and unmarking recompute both
accounts incrementally (the triggers on not_duplicates), people's marks
their account."""

from __future__ import annotations

from kamtui.config import Config
from kamtui.domain.health.model import Health
from kamtui.domain.models import AccountInput, PersonInput
from kamtui.services import accounts, duplicates, health, health_refresh, people
from kamtui.storage.db import Store
from tests.conftest import DEMO_TODAY

CONFIG = Config()


def _quality(h: Health) -> tuple[float | None, str]:
    (c,) = [c for c in h.components if c.key == "data_quality"]
    return c.score, c.reason


def _twins(store: Store) -> tuple[int, int]:
    a = accounts.create(
        store,
        AccountInput(
            name="Olmo Transportes S.L.",
            tax_id="B-11111111",
            industry="Logística",
            owner="Marta",
            phone="+34 600 111 222",
        ),
    )
    b = accounts.create(store, AccountInput(name="OLMO TRANSPORTÉS S.L."))
    return a, b


def test_a_marked_pair_leaves_data_quality_and_its_reasons(demo_store: Store) -> None:
    a, b = _twins(demo_store)
    before = {h.account_id: h for h in health.portfolio_health(demo_store, today=DEMO_TODAY)}
    score_a, reason_a = _quality(before[a])
    assert "possible duplicate of OLMO TRANSPORTÉS S.L." in reason_a
    assert "possible duplicate of Olmo Transportes S.L." in _quality(before[b])[1]

    assert duplicates.dismiss(demo_store, "account", b, a)
    for account_id, other in ((a, b), (b, a)):
        h = health.account_health(demo_store, account_id, today=DEMO_TODAY, save=False)
        assert "possible duplicate" not in _quality(h)[1], other
    marked = health.account_health(demo_store, a, today=DEMO_TODAY, save=False)
    assert score_a is not None and _quality(marked)[0] == score_a + 30
    whole = {h.account_id: h for h in health.portfolio_health(demo_store, today=DEMO_TODAY)}
    assert "possible duplicate" not in _quality(whole[a])[1]
    assert "possible duplicate" not in _quality(whole[b])[1]


def test_a_mark_keeps_the_other_suspected_duplicates(demo_store: Store) -> None:
    a, b = _twins(demo_store)
    c = accounts.create(demo_store, AccountInput(name="Otro Nombre", tax_id="b-111 11111"))
    duplicates.dismiss(demo_store, "account", a, b)
    h = health.account_health(demo_store, a, today=DEMO_TODAY, save=False)
    assert _quality(h)[1].endswith("possible duplicate of Otro Nombre")
    assert c


def test_marking_and_unmarking_recompute_both_accounts(demo_store: Store) -> None:
    a, b = _twins(demo_store)
    assert health_refresh.refresh(demo_store, today=DEMO_TODAY, config=CONFIG).full
    assert "possible duplicate" in _quality(health_refresh.stored(demo_store, [a])[a])[1]

    duplicates.dismiss(demo_store, "account", a, b)
    done = health_refresh.refresh(demo_store, today=DEMO_TODAY, config=CONFIG)
    assert not done.full and done.recomputed == {a, b}
    stored = health_refresh.stored(demo_store, [a, b])
    assert all("possible duplicate" not in _quality(stored[x])[1] for x in (a, b))

    duplicates.undismiss(demo_store, "account", b, a)
    done = health_refresh.refresh(demo_store, today=DEMO_TODAY, config=CONFIG)
    assert not done.full and done.recomputed == {a, b}
    stored = health_refresh.stored(demo_store, [a, b])
    assert all("possible duplicate" in _quality(stored[x])[1] for x in (a, b))


def test_a_mark_of_two_people_recomputes_their_account(demo_store: Store) -> None:
    acc = accounts.create(demo_store, AccountInput(name="Cuenta Con Gente"))
    p = people.create_person(demo_store, acc, PersonInput(side="theirs", name="Ana García"))
    q = people.create_person(demo_store, acc, PersonInput(side="theirs", name="Ana Garcia"))
    health_refresh.refresh(demo_store, today=DEMO_TODAY, config=CONFIG)
    duplicates.dismiss(demo_store, "person", p, q)
    done = health_refresh.refresh(demo_store, today=DEMO_TODAY, config=CONFIG)
    assert done.recomputed == {acc}
