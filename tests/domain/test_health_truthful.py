"""Issue 14, "truthful health": no band without enough data, a figure past
its target is never healthy, goals without a measurement stay out, losing
touch queues the account, reasons speak the vocabulary's words."""

from __future__ import annotations

from datetime import date, timedelta

from kamtui.config import HealthConfig
from kamtui.domain import health as dh
from kamtui.domain.display import band_word

TODAY = date(2026, 11, 15)
C = HealthConfig()


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def facts(**kw: object) -> dh.AccountFacts:
    base: dict[str, object] = {"account_id": 1, "name": "Acme"}
    base.update(kw)
    return dh.AccountFacts(**base)  # type: ignore[arg-type]


def three_invoices() -> dh.AccountFacts:
    return facts(
        revenue_12m=30_000,
        first_order=days_ago(60),
        last_order=days_ago(10),
        order_days_recent=3,
        categories_12m=1,
        catalogue=2,
    )


# -- 1. no band without enough data -------------------------------------------------


def test_a_name_alone_has_no_band_no_score_and_is_not_queued() -> None:
    h = dh.assess(facts(fields_present=1), TODAY, C)
    assert h.band == dh.INSUFFICIENT == "insufficient_data"
    assert h.score is None
    assert not h.needs_revitalisation
    assert h.revitalisation == []
    assert h.to_json()["band"] == "insufficient_data"
    assert h.to_json()["suggested_goals"] == []
    (reason,) = h.to_json()["reasons"]
    assert reason.startswith("no data yet: 0 of the 3 components")
    assert "contact recency (no interactions recorded)" in reason
    assert "map strength (nobody on the contact map)" in reason
    assert band_word(h.band) == "no data yet"


def test_three_invoices_and_nothing_else_are_not_healthy() -> None:
    h = dh.assess(three_invoices(), TODAY, C)
    assert h.band == "insufficient_data" and h.score is None
    assert "2 of the 3 components" in h.reasons[0]
    assert "purchase cadence, cross-sell breadth" in h.reasons[0]


def test_three_components_with_data_give_a_band() -> None:
    f = three_invoices()
    f.mood_sum, f.mood_count = 4.0, 1
    h = dh.assess(f, TODAY, C)
    assert h.band in ("healthy", "watch", "at_risk") and h.score is not None
    assert h.missing is None


def test_the_threshold_is_configurable() -> None:
    h = dh.assess(three_invoices(), TODAY, HealthConfig(min_components_for_band=2))
    assert h.band != "insufficient_data" and h.score is not None


def test_no_data_sorts_apart_from_real_scores() -> None:
    empty = dh.assess(facts(), TODAY, C)
    f = three_invoices()
    f.mood_sum, f.mood_count = 1.0, 1
    low = dh.assess(f, TODAY, C)
    assert low.score is not None
    # Most urgent first: a scored account (even a poor one) before no data.
    assert sorted([empty, low], key=lambda h: h.urgency)[0] is low


# -- 4. losing touch is urgent -------------------------------------------------------


def quiet_tier_a(days: int) -> dh.AccountFacts:
    return facts(
        cadence_days=30,
        interactions_total=40,
        first_interaction=days_ago(700),
        last_interaction=days_ago(days),
        last_deep=days_ago(days),
        interactions_window=2,
        deep_window=1,
        revenue_12m=900_000,
        revenue_prev_12m=880_000,
        first_order=days_ago(700),
        last_order=days_ago(12),
        order_days_recent=40,
        order_days_before=40,
        categories_12m=4,
        categories_prev_12m=4,
        catalogue=6,
    )


def test_silence_past_three_cadences_queues_the_account() -> None:
    h = dh.assess(quiet_tier_a(100), TODAY, C)
    assert h.band != "at_risk"  # the numbers alone would only say "watch"
    silent = next(r for r in h.revitalisation if r.rule == "silent")
    assert silent.reason == (
        "losing touch: no contact for 100 days, 3.3× the 30-day cadence (threshold 3×)"
    )
    assert silent.suggestion_label == "new channel"
    from kamtui.domain.display import rule_word

    assert rule_word("silent") == "losing touch"


def test_silence_within_three_cadences_is_not_a_rule() -> None:
    h = dh.assess(quiet_tier_a(90), TODAY, C)
    assert "silent" not in {r.rule for r in h.revitalisation}


def test_the_silence_factor_is_configurable() -> None:
    h = dh.assess(quiet_tier_a(70), TODAY, HealthConfig(silence_factor=2))
    assert "silent" in {r.rule for r in h.revitalisation}
