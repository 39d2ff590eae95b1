"""Follow-ups: next steps and goal actions bucketed overdue / today / week."""

from __future__ import annotations

from datetime import date

import pytest

from kamtui.domain.models import AccountInput, PersonInput
from kamtui.services import accounts, people
from kamtui.services import followups as fu
from kamtui.services import goals as goal_service
from kamtui.services import interactions as inter
from kamtui.services.errors import ServiceError
from kamtui.storage.db import Store

TODAY = date(2026, 11, 15)


def test_bucket_boundaries() -> None:
    assert fu.bucket_of("2026-11-14", TODAY) == "overdue"
    assert fu.bucket_of("2026-11-15", TODAY) == "today"
    assert fu.bucket_of("2026-11-16", TODAY) == "week"
    assert fu.bucket_of("2026-11-22", TODAY) == "week"
    assert fu.bucket_of("2026-11-23", TODAY) == "later"
    assert fu.bucket_of(None, TODAY) == "later"


def _log(store: Store, acc: int, steps: list[tuple[str, str | None]]) -> None:
    inter.log_interaction(
        store,
        acc,
        occurred_at="2026-11-01T10:00",
        channel="phone",
        level="operational",
        summary="Seguimiento",
        next_steps=steps,
    )


def test_next_steps_and_goal_actions_across_accounts(store: Store) -> None:
    a = accounts.create(store, AccountInput(name="Alfa"))
    b = accounts.create(store, AccountInput(name="Beta"))
    _log(store, a, [("late", "2026-11-10"), ("now", "2026-11-15"), ("soon", "2026-11-18")])
    _log(store, b, [("far", "2026-12-20"), ("undated", None)])
    gid = goal_service.create(
        store,
        b,
        goal_type="new_method",
        category=None,
        title="QBR",
        baseline="0",
        target="4",
        due_date="2027-03-31",
        today=TODAY,
        actions=[("Proponer fecha", "2026-11-12")],
    )
    result = fu.followups(store, today=TODAY)
    assert [(f.kind, f.text) for f in result.overdue] == [
        ("next_step", "late"),
        ("goal_action", "Proponer fecha"),
    ]
    assert [f.text for f in result.today] == ["now"]
    assert [f.text for f in result.week] == ["soon"]
    assert [f.text for f in result.later] == ["far", "undated"]
    assert result.overdue[1].source == "QBR" and result.overdue[1].account == "Beta"
    assert result.overdue[0].days_late(TODAY) == 5

    # mark done: both kinds disappear, and can come back
    fu.mark_done(store, "next_step", result.overdue[0].id, today=TODAY)
    fu.mark_done(store, "goal_action", result.overdue[1].id, today=TODAY)
    assert fu.followups(store, today=TODAY).overdue == []
    fu.mark_done(store, "next_step", result.overdue[0].id, today=TODAY, done=False)
    assert [f.text for f in fu.followups(store, today=TODAY).overdue] == ["late"]
    assert gid

    # accounts in the trash and deleted interactions drop out
    accounts.delete(store, a)
    assert fu.followups(store, today=TODAY).due == []


def test_mark_all_done_is_all_or_nothing(store: Store) -> None:
    a = accounts.create(store, AccountInput(name="Alfa"))
    _log(store, a, [("uno", "2026-11-10"), ("dos", "2026-11-11")])
    one, two = (f.id for f in fu.followups(store, today=TODAY).overdue)
    with pytest.raises(ServiceError):
        fu.mark_all_done(store, [("next_step", one), ("next_step", 10**9)], today=TODAY)
    assert [f.text for f in fu.followups(store, today=TODAY).overdue] == ["uno", "dos"]
    fu.mark_all_done(store, [("next_step", one), ("next_step", two)], today=TODAY)
    assert fu.followups(store, today=TODAY).overdue == []


def test_demo_followups(demo_store: Store) -> None:
    result = fu.followups(demo_store, today=TODAY)
    assert result.overdue and result.week
    assert all(f.due_date and f.due_date < "2026-11-15" for f in result.overdue)
    assert {f.kind for f in result.due} == {"next_step", "goal_action", "contact_due"}


# -- contact due ("losing touch") ---------------------------------------------------


def _met(store: Store, acc: int, day: str, people: tuple[int, ...] = ()) -> int:
    return inter.log_interaction(
        store,
        acc,
        occurred_at=f"{day}T10:00",
        channel="phone",
        level="operational",
        summary="Llamada",
        participant_ids=people,
    )


def _contacts(store: Store, today: date = TODAY) -> dict[str, int | None]:
    return {f.ref: f.days_late(today) for f in fu.contact_due(store, today=today)}


def test_account_past_its_cadence_is_due_and_logging_resets_it(store: Store) -> None:
    a = accounts.create(store, AccountInput(name="Alfa", cadence_days=30))
    _met(store, a, "2026-10-16")  # 30 days before today: on cadence, not past it
    assert _contacts(store) == {}
    assert _contacts(store, date(2026, 11, 16)) == {f"c{a}": 1}  # one day later: due

    _met(store, a, "2026-12-01")  # in the future of TODAY: does not count
    assert _contacts(store, date(2026, 11, 20)) == {f"c{a}": 5}

    item = fu.followups(store, today=date(2026, 11, 20)).overdue[0]
    assert (item.kind, item.account, item.due_date) == ("contact_due", "Alfa", "2026-11-15")
    assert item.last_contact == "2026-10-16" and item.cadence_days == 30
    assert "last contact 35 d ago" in item.text
    data = item.as_json(date(2026, 11, 20))
    assert data["kind"] == "contact_due" and data["days_overdue"] == 5 and data["ref"] == f"c{a}"

    # not marked done: an interaction resets it, at once
    with pytest.raises(ServiceError, match="log an interaction"):
        fu.mark_done(store, "contact_due", a, today=TODAY)
    _met(store, a, "2026-11-20")
    assert _contacts(store, date(2026, 11, 20)) == {}
    assert fu.due_account_ids(store, today=date(2026, 11, 20)) == set()


def test_only_active_accounts_with_a_cadence(store: Store) -> None:
    plain = accounts.create(store, AccountInput(name="Sin cadencia"))
    dormant = accounts.create(store, AccountInput(name="Dormida", cadence_days=7, status="dormant"))
    gone = accounts.create(store, AccountInput(name="Borrada", cadence_days=7))
    for acc in (plain, dormant, gone):
        _met(store, acc, "2026-01-01")
    accounts.delete(store, gone)
    assert _contacts(store) == {}


def test_never_contacted_counts_from_when_it_was_added(store: Store) -> None:
    a = accounts.create(store, AccountInput(name="Nueva", cadence_days=14))
    store.conn.execute("UPDATE accounts SET created_at = '2026-11-01T09:00:00' WHERE id = ?", (a,))
    assert _contacts(store, date(2026, 11, 15)) == {}
    item = fu.contact_due(store, today=date(2026, 11, 16))[0]
    assert item.days_late(date(2026, 11, 16)) == 1 and item.last_contact is None
    assert "never contacted" in item.text


def test_key_people_past_the_cadence(store: Store) -> None:
    a = accounts.create(store, AccountInput(name="Alfa", cadence_days=30))

    def person(name: str, side: str = "theirs", **kw: str) -> int:
        return people.create_person(store, a, PersonInput(side=side, name=name, **kw))

    boss = person("Decisora", decision_role="decision_maker")
    fan = person("Campeón", stance="champion", decision_role="user")
    other = person("Influyente", decision_role="influencer", stance="neutral")
    ours = person("Nuestra", side="ours", decision_role="decision_maker")
    gone = person("Borrada", decision_role="decision_maker")
    for pid in (boss, fan, other, ours, gone):
        store.conn.execute(
            "UPDATE people SET created_at = '2026-01-01T00:00:00' WHERE id = ?", (pid,)
        )
    people.delete_person(store, gone)
    _met(store, a, "2026-09-01", (boss, other, ours))
    _met(store, a, "2026-11-10", (fan,))  # the account is on cadence, the boss is not
    assert _contacts(store) == {f"p{boss}": 45}
    item = fu.contact_due(store, today=TODAY)[0]
    assert item.person_id == boss and "Decisora (decision maker)" in item.text
    assert fu.due_account_ids(store, today=TODAY) == {a}

    # a champion never met is due from when they were added
    _met(store, a, "2026-11-14", (boss,))
    assert _contacts(store) == {}
    assert _contacts(store, date(2026, 12, 15)) == {f"p{fan}": 5, f"p{boss}": 1, f"c{a}": 1}


def test_contact_due_is_one_query_for_the_portfolio(store: Store) -> None:
    for n in range(20):
        acc = accounts.create(store, AccountInput(name=f"Cuenta {n}", cadence_days=10))
        pid = people.create_person(
            store, acc, PersonInput(side="theirs", name=f"P {n}", stance="champion")
        )
        _met(store, acc, "2026-10-01", (pid,))
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        found = fu.contact_due(store, today=TODAY)
    finally:
        store.conn.set_trace_callback(None)
    assert len(found) == 40
    assert len([s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]) == 1


def test_demo_contact_due(demo_store: Store) -> None:
    due = fu.contact_due(demo_store, today=TODAY)
    assert due and all(f.kind == "contact_due" and (f.days_late(TODAY) or 0) > 0 for f in due)
    assert {f.ref for f in due} & {f.ref for f in fu.followups(demo_store, today=TODAY).overdue}


def test_actions_of_a_goal_measured_as_done_are_not_follow_ups(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Alfa"))
    goal = goal_service.create(
        store,
        acc,
        goal_type="new_method",
        title="Quarterly reviews",
        target=2,
        baseline=0,
        today=TODAY,
        due_date="2026-12-31",
        actions=[("Book the Q4 review", "2026-11-10")],
    )
    assert [f.text for f in fu.followups(store, today=TODAY).overdue] == ["Book the Q4 review"]
    goal_service.set_progress(store, goal, 2)  # target reached: nothing left to do
    assert fu.followups(store, today=TODAY).overdue == []


def test_a_goal_action_repeating_a_next_step_is_listed_once(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Alfa"))
    _log(store, acc, [("Enviar la oferta", "2026-11-12")])
    goal_service.create(
        store,
        acc,
        goal_type="new_channel",
        title="Portal de pedidos",
        target=1,
        baseline=0,
        today=TODAY,
        due_date="2026-12-31",
        actions=[("enviar la  OFERTA", "2026-11-12")],
    )
    due = fu.followups(store, today=TODAY).overdue
    assert [(f.kind, f.text) for f in due] == [("next_step", "Enviar la oferta")]
    assert due[0].source == "Seguimiento · goal: Portal de pedidos"
