"""Goal status against the straight line, and goal values (pure functions)."""

from __future__ import annotations

from datetime import date

import pytest

from kamtui.domain.goals import (
    BEHIND,
    DONE,
    DROPPED,
    ON_TRACK,
    evaluate,
    format_value,
)


def ev(**kw):  # type: ignore[no-untyped-def]
    base = dict(
        goal_type="wallet_share",
        category=None,
        baseline=0.30,
        target=0.50,
        current=0.40,
        start_date="2026-01-01",
        due_date="2026-12-31",
        stored_status="active",
        today=date(2026, 7, 2),  # half-way: 0.40 expected
    )
    base.update(kw)
    return evaluate(**base)


def test_straight_line_on_track_behind_done() -> None:
    e = ev(current=0.41)
    assert e.status == ON_TRACK
    assert e.expected == pytest.approx(0.40, abs=0.002)
    assert e.progress == pytest.approx(0.55)
    assert e.reason == (
        "41 %, 55% of the way from 30 % to 50 %; 50% expected by today "
        "(straight line to 31/12/2026)"
    )
    assert ev(current=0.35).status == BEHIND
    assert ev(current=0.52).status == DONE
    assert ev(current=0.52).reason == "target reached: 52 % (target 50 %)"
    assert ev(stored_status="dropped").status == DROPPED
    assert ev(stored_status="done", current=0.1).status == DONE


def test_past_due_without_target_is_behind_and_downward_goals_work() -> None:
    late = ev(current=0.45, today=date(2027, 1, 5))
    assert late.status == BEHIND and "due 31/12/2026 has passed" in late.reason
    # a goal that goes down (e.g. fewer complaints) is on track when below the line
    down = ev(baseline=10, target=4, current=6, goal_type="new_method")
    assert down.status == ON_TRACK
    assert ev(baseline=10, target=4, current=9, goal_type="new_method").status == BEHIND
    assert ev(baseline=10, target=4, current=4, goal_type="new_method").status == DONE


def test_no_due_date_no_current_and_no_target() -> None:
    assert ev(due_date=None).status == ON_TRACK
    assert ev(due_date=None, current=0.2).status == BEHIND
    manual = ev(current=None, today=date(2026, 3, 1))
    assert manual.status == BEHIND  # nothing recorded while the line has moved on
    assert manual.reason.startswith("no progress recorded since the baseline 30 %")
    no_target = ev(target=None)
    assert no_target.reason == "not started: no target to measure against"
    assert no_target.status == "not_started"  # left out of health


def test_format_value_by_type() -> None:
    assert format_value("wallet_share", 0.355) == "36 %"
    assert format_value("cross_sell", 12345.6, "Recambios") == "12\u202f346 €"
    assert format_value("cross_sell", 3, None) == "3"
    assert format_value("satisfaction", 3.96) == "4.0/5"
    assert format_value("broaden_map", None) == "—"
