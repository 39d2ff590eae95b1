"""Health components at their edges, missing data, the rules and the
perception gap — pure functions with a fixed today."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest

from kamtui.config import Config, ConfigError, HealthConfig, load_config
from kamtui.domain import health as dh

TODAY = date(2026, 11, 15)
C = HealthConfig()


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def facts(**kw: object) -> dh.AccountFacts:
    base: dict[str, object] = {"account_id": 1, "name": "Acme"}
    base.update(kw)
    return dh.AccountFacts(**base)  # type: ignore[arg-type]


def comp(f: dh.AccountFacts, key: str, config: HealthConfig = C) -> dh.Component:
    return dh.assess(f, TODAY, config).component(key)


@dataclass
class FakeMap:
    shape: str
    reasons: list[str]
    single_points_of_failure: list[int] = field(default_factory=list)
    decision_maker_covered: bool = True
    executive_covered: bool = False


def talking(**kw: object) -> dh.AccountFacts:
    """An account with some conversation history."""
    base: dict[str, object] = {
        "interactions_total": 10,
        "first_interaction": days_ago(400),
        "last_interaction": days_ago(5),
        "last_deep": days_ago(30),
        "interactions_window": 8,
        "deep_window": 2,
    }
    base.update(kw)
    return facts(**base)


def test_linear_is_100_at_target_0_at_limit_and_clamped() -> None:
    assert dh.linear(30, 30, 90) == 100
    assert dh.linear(10, 30, 90) == 100
    assert dh.linear(90, 30, 90) == 0
    assert dh.linear(200, 30, 90) == 0
    assert dh.linear(60, 30, 90) == 50
    # the other direction (bigger is better)
    assert dh.linear(0.25, 0.5, 0.0) == 50


def test_contact_recency_edges_against_the_accounts_cadence() -> None:
    on_time = comp(talking(cadence_days=14, last_interaction=days_ago(14)), "contact_recency")
    assert on_time.score == 100
    assert on_time.reason == "last contact 14 days ago; target ≤ 14"
    late = comp(talking(cadence_days=14, last_interaction=days_ago(42)), "contact_recency")
    assert late.score == 0  # 3 × the cadence
    half = comp(talking(cadence_days=14, last_interaction=days_ago(28)), "contact_recency")
    assert half.score == 34.5  # past the target: 69 falling to 0 at 3 × the cadence
    just = comp(talking(cadence_days=14, last_interaction=days_ago(15)), "contact_recency")
    assert just.score is not None and 60 < just.score < 70
    default = comp(talking(last_interaction=days_ago(30)), "contact_recency")
    assert default.score == 100 and "default cadence" in default.reason


def test_conversation_level_names_days_and_target() -> None:
    c = comp(
        talking(last_deep=days_ago(142), interactions_window=10, deep_window=0),
        "conversation_level",
    )
    assert c.reason.startswith("last strategic conversation 142 days ago; target ≤ 90")
    assert "0 of 10 conversations strategic" in c.reason
    assert 0 < c.score < 50  # type: ignore[operator]
    best = comp(
        talking(last_deep=days_ago(10), interactions_window=4, deep_window=2), "conversation_level"
    )
    assert best.score == 100
    never = comp(talking(last_deep=None, deep_window=0), "conversation_level")
    assert never.score == 0 and "no strategic conversation recorded" in never.reason


def test_components_without_data_say_so_and_stay_out_of_the_mean() -> None:
    h = dh.assess(facts(fields_present=7), TODAY, C)
    missing = [c for c in h.components if c.score is None]
    assert {c.key for c in missing} >= {
        "contact_recency",
        "conversation_level",
        "map_strength",
        "complaints",
        "satisfaction",
        "revenue_trend",
        "purchase_cadence",
        "cross_sell",
        "wallet_share",
        "goal_progress",
    }
    assert all(c.reason.startswith("no data") for c in missing)
    # only data quality has data: the score is its score, not dragged to 0 by the rest
    assert dh.weighted_mean(h.components) == h.component("data_quality").score == 100
    # ...and data quality alone gives no score or band (issue 14)
    assert h.score is None and h.band == "insufficient_data"


def test_no_component_with_data_means_no_score_and_no_band() -> None:
    config = HealthConfig(weights={"data_quality": 0})  # type: ignore[arg-type]
    h = dh.assess(facts(), TODAY, config)
    assert h.score is None and h.band == "insufficient_data"
    assert not h.needs_revitalisation


def test_weights_change_the_mean() -> None:
    f = talking(cadence_days=10, last_interaction=days_ago(30), fields_present=7)
    even = dh.assess(f, TODAY, C).score
    heavy = dh.assess(
        f,
        TODAY,
        HealthConfig(weights={"contact_recency": 100}),  # type: ignore[arg-type]
    ).score
    assert heavy is not None and even is not None and heavy < even


def test_bands_at_their_limits() -> None:
    assert dh.band_of(70, C) == "healthy"
    assert dh.band_of(69.9, C) == "watch"
    assert dh.band_of(50, C) == "watch"
    assert dh.band_of(49.9, C) == "at_risk"


def test_complaints_open_and_old_lower_the_score() -> None:
    none_open = comp(talking(complaints_total=3, resolution_days=[5, 7, 9]), "complaints")
    assert none_open.score == 100
    assert "resolved in 7 d" in none_open.reason
    two = comp(
        talking(complaints_total=2, open_complaints=2, oldest_open=days_ago(60)), "complaints"
    )
    assert two.score == 34.5  # 30 days past the target: 69 falling to 0 at 3 × it
    assert two.reason.startswith("2 open complaints, oldest 60 days old (target ≤ 30)")
    slow = comp(talking(complaints_total=1, resolution_days=[45]), "complaints")
    assert slow.score == 51.8  # resolved slower than the target: not healthy


def test_revenue_trend_edges() -> None:
    flat = comp(
        facts(first_order=days_ago(900), revenue_12m=105, revenue_prev_12m=100), "revenue_trend"
    )
    assert flat.score == 100
    down = comp(
        facts(first_order=days_ago(900), revenue_12m=70, revenue_prev_12m=100), "revenue_trend"
    )
    assert down.score == 0 and "(−30 %)" in down.reason
    new = comp(facts(first_order=days_ago(100), revenue_12m=50), "revenue_trend")
    assert new.score is None and "no earlier year" in new.reason


def test_purchase_cadence_overdue_and_slowing() -> None:
    regular = facts(
        first_order=days_ago(730),
        last_order=days_ago(5),
        order_days_recent=36,
        order_days_before=36,
    )
    assert comp(regular, "purchase_cadence").score == 100
    overdue = facts(
        first_order=days_ago(730),
        last_order=days_ago(60),
        order_days_recent=30,
        order_days_before=36,
    )
    c = comp(overdue, "purchase_cadence")
    assert c.score is not None and c.score < 50
    assert c.reason.startswith("last order 60 days ago, usually every")
    few = comp(
        facts(first_order=days_ago(10), last_order=days_ago(5), order_days_recent=2),
        "purchase_cadence",
    )
    assert few.score is None


def test_wallet_share_and_cross_sell() -> None:
    f = facts(
        first_order=days_ago(800),
        revenue_12m=100_000,
        revenue_prev_12m=100_000,
        wallet_estimate=250_000,
        wallet_year=2026,
        categories_12m=2,
        categories_prev_12m=2,
        catalogue=8,
    )
    ws = comp(f, "wallet_share")
    assert ws.score == 100 and "share of wallet 40 %" in ws.reason
    cs = comp(f, "cross_sell")
    assert cs.score == 34.5 and cs.reason.startswith("2 of 8 categories")
    assert comp(facts(first_order=days_ago(800)), "wallet_share").score is None


def test_goal_progress_and_satisfaction() -> None:
    g = comp(facts(goals_on_track=1, goals_behind=1), "goal_progress")
    assert g.score == 50
    assert g.reason == "1 of 2 goals on track or done; 1 behind; target: none behind"
    s = comp(facts(mood_sum=12, mood_count=3), "satisfaction")
    assert s.score == 100 and "mean mood 4.0/5 over 3 readings" in s.reason
    assert s.reason.endswith("target ≥ 4/5")
    low = comp(facts(mood_sum=11, mood_count=3), "satisfaction")
    assert low.score is not None and low.score < 70


def test_map_strength_from_the_shape() -> None:
    bow = comp(
        facts(map=FakeMap("bow-tie", ["only Ana ↔ Luis are in contact"]), map_people=2),
        "map_strength",
    )
    assert bow.score == 25 and "only Ana ↔ Luis" in bow.reason
    diamond = comp(
        facts(map=FakeMap("diamond", ["9 people, 4 functions"]), map_people=9), "map_strength"
    )
    assert diamond.score == 100
    nobody = comp(facts(map=FakeMap("none", []), map_people=0), "map_strength")
    assert nobody.score is None


def test_data_quality_flags_duplicates() -> None:
    dq = comp(
        facts(fields_present=7, their_people=4, verified_recent=4, duplicates=["ACME SA"]),
        "data_quality",
    )
    assert dq.score == 70 and "possible duplicate of ACME SA" in dq.reason


def test_rule_operational_only() -> None:
    h = dh.assess(talking(last_deep=days_ago(250), last_interaction=days_ago(3)), TODAY, C)
    rules = {r.rule: r for r in h.revitalisation}
    assert "operational_only" in rules
    assert rules["operational_only"].reason.startswith(
        "only operational conversations for 250 days"
    )
    assert rules["operational_only"].suggestion_label == "strategic review"
    ok = dh.assess(talking(last_deep=days_ago(100), last_interaction=days_ago(3)), TODAY, C)
    assert "operational_only" not in {r.rule for r in ok.revitalisation}


def test_rule_bow_tie_above_the_revenue_threshold() -> None:
    m = FakeMap("bow-tie", ["only Ana ↔ Luis are in contact"])
    big = dh.assess(
        talking(map=m, map_people=2, revenue_12m=500_000, first_order=days_ago(50)), TODAY, C
    )
    bow = next(r for r in big.revitalisation if r.rule == "bow_tie")
    assert bow.goal_type == "broaden_map"
    assert bow.reason.startswith("bow-tie (only Ana ↔ Luis are in contact) with 500")
    small = dh.assess(
        talking(map=m, map_people=2, revenue_12m=50_000, first_order=days_ago(50)), TODAY, C
    )
    assert "bow_tie" not in {r.rule for r in small.revitalisation}


def test_rule_at_risk_names_the_weakest_component() -> None:
    f = talking(
        cadence_days=10, last_interaction=days_ago(100), last_deep=days_ago(300), deep_window=0
    )
    h = dh.assess(f, TODAY, C)
    assert h.band == "at_risk"
    at_risk = next(r for r in h.revitalisation if r.rule == "at_risk")
    assert at_risk.reason.startswith(f"at risk: health {h.score:.0f} < 50")
    assert (
        "weakest: contact recency 0" in at_risk.reason or "conversation level 0" in at_risk.reason
    )


def test_perception_gap_meetings_fine_orders_down() -> None:
    f = facts(
        mood_sum=18,
        mood_count=4,  # 4.5/5
        first_order=days_ago(900),
        revenue_12m=60_000,
        revenue_prev_12m=100_000,
    )
    gap = dh.assess(f, TODAY, C).perception_gap
    assert gap is not None and gap.flagged
    assert gap.mood_score == 87.5 and gap.behaviour_score == 0
    assert "meetings say 4.5/5" in gap.reason and "(−40 %)" in gap.reason
    calm = dh.assess(facts(mood_sum=18, mood_count=4), TODAY, C).perception_gap
    assert calm is None  # no numbers to compare with


def test_health_config_from_toml_is_validated(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "config.toml"
    path.write_text("[health]\nhealthy_min = 80\n[health.weights]\nmap_strength = 40\n")
    cfg = load_config(path)
    assert cfg.health.healthy_min == 80 and cfg.health.weights.map_strength == 40
    path.write_text("[health]\nwatch_min = 90\n")
    with pytest.raises(ConfigError, match="watch_min must not be above healthy_min"):
        load_config(path)
    path.write_text("[health.weights]\nmood = 3\n")
    with pytest.raises(ConfigError, match=r"health\.weights\.mood"):
        load_config(path)
    assert Config().health.weights.contact_recency == 15
