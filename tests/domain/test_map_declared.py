"""Issue 14, hard to game: a declared link never met counts only for a grace
period and says so; a goal with nothing measured yet is "not started"."""

from __future__ import annotations

from datetime import date, timedelta

from kamtui.config import HealthConfig, MapConfig
from kamtui.domain import goals as dg
from kamtui.domain import health as dh
from kamtui.domain.contact_map import MapLink, MapPerson, analyse_map, is_active

TODAY = date(2026, 11, 15)
CFG = MapConfig()


def people() -> list[MapPerson]:
    return [
        MapPerson(1, "Jordi", "ours", "sales", None),
        MapPerson(2, "Marta", "ours", "technical_service", None),
        MapPerson(10, "Ramón", "theirs", "purchasing", "decision_maker"),
        MapPerson(11, "Sofía", "theirs", "technical_service", "user"),
    ]


MET = MapLink(1, 10, 5, TODAY - timedelta(days=3), 12)


def declared(days_ago: int) -> MapLink:
    return MapLink(2, 11, 3, None, 0, TODAY - timedelta(days=days_ago))


def test_a_declared_link_counts_within_its_grace_period_and_says_so() -> None:
    a = analyse_map(people(), [MET, declared(10)], today=TODAY, config=CFG)
    assert a.active_links == 2 and a.shape == "developing"
    assert a.declared_pending == [(2, 11)]
    assert any(r.startswith("declared, not yet met: Marta ↔ Sofía") for r in a.reasons)
    # ... but the map as met in interactions is still a bow-tie
    assert a.shape_met == "bow-tie"


def test_a_declared_link_never_met_stops_counting_after_the_grace_period() -> None:
    a = analyse_map(people(), [MET, declared(61)], today=TODAY, config=CFG)
    assert a.shape == "bow-tie" and a.active_links == 1
    assert a.declared_unmet == [(2, 11)] and a.declared_pending == []
    assert any(
        "declared but not met within 60 days, not counted: Marta ↔ Sofía" in r for r in a.reasons
    )
    assert not is_active(declared(61), today=TODAY, window_days=180, grace_days=60)
    assert is_active(declared(60), today=TODAY, window_days=180, grace_days=60)


def test_the_grace_period_is_configurable() -> None:
    a = analyse_map(
        people(), [MET, declared(10)], today=TODAY, config=MapConfig(declared_grace_days=5)
    )
    assert a.shape == "bow-tie" and a.declared_unmet == [(2, 11)]


def test_declaring_a_link_keeps_a_big_bow_tie_in_the_revitalise_queue() -> None:
    a = analyse_map(people(), [MET, declared(1)], today=TODAY, config=CFG)
    f = dh.AccountFacts(
        account_id=1,
        name="Ibáñez",
        map=a,
        map_people=4,
        revenue_12m=1_480_000,
        interactions_total=12,
        first_interaction=TODAY - timedelta(days=400),
        last_interaction=TODAY - timedelta(days=3),
        last_deep=TODAY - timedelta(days=20),
        interactions_window=6,
        deep_window=2,
    )
    h = dh.assess(f, TODAY, HealthConfig())
    bow = next(r for r in h.revitalisation if r.rule == "bow_tie")
    assert "1 declared link not yet met" in bow.reason


def ev(**kw: object) -> dg.Evaluation:
    base: dict[str, object] = {
        "goal_type": "wallet_share",
        "category": None,
        "baseline": 0.30,
        "target": 0.50,
        "current": 0.30,
        "start_date": TODAY.isoformat(),
        "due_date": (TODAY + timedelta(days=180)).isoformat(),
        "stored_status": "active",
        "today": TODAY,
    }
    base.update(kw)
    return dg.evaluate(**base)  # type: ignore[arg-type]


def test_a_goal_created_today_is_not_started() -> None:
    e = ev()
    assert e.status == dg.NOT_STARTED == "not_started"
    assert e.reason.startswith("not started: baseline 30 %")
    assert dg.STATUS_LABELS[e.status] == "not started"


def test_a_goal_without_any_value_is_not_started_until_it_is_due() -> None:
    e = ev(baseline=None, current=None, start_date="2026-10-01")
    assert e.status == "not_started" and "no value measured yet" in e.reason
    late = ev(baseline=None, current=None, start_date="2026-01-01", due_date="2026-06-01")
    assert late.status == "behind"


def test_goals_not_started_stay_out_of_goal_progress() -> None:
    f = dh.AccountFacts(account_id=1, name="Acme")  # goal counts come from started goals only
    assert dh.assess(f, TODAY, HealthConfig()).component("goal_progress").score is None
