"""Follow-ups: next steps and goal actions bucketed overdue / today / week."""

from __future__ import annotations

from datetime import date

import pytest

from kamtui.domain.models import AccountInput
from kamtui.services import accounts
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
    assert {f.kind for f in result.due} == {"next_step", "goal_action"}
