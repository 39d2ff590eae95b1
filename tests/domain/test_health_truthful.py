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
