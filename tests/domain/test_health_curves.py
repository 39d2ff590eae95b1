"""Issue 14: a figure past its target is never healthy, and docs/health.md's
tables are what the scoring code computes."""

from __future__ import annotations

import importlib.util
from datetime import date, timedelta
from pathlib import Path

import pytest

from kamtui.config import HealthConfig
from kamtui.domain import health as dh
from kamtui.domain.health import curves

TODAY = date(2026, 11, 15)
C = HealthConfig()
ROOT = Path(__file__).resolve().parents[2]


def _talk(**kw: object) -> dh.AccountFacts:
    base: dict[str, object] = {
        "account_id": 1,
        "name": "Acme",
        "interactions_total": 20,
        "first_interaction": TODAY - timedelta(days=700),
        "last_interaction": TODAY - timedelta(days=5),
        "last_deep": TODAY - timedelta(days=30),
        "interactions_window": 8,
        "deep_window": 2,
    }
    base.update(kw)
    return dh.AccountFacts(**base)  # type: ignore[arg-type]


def test_last_strategic_conversation_past_its_target_is_not_healthy() -> None:
    f = _talk(last_deep=TODAY - timedelta(days=100))
    c = dh.assess(f, TODAY, C).component("conversation_level")
    assert c.reason.startswith("last strategic conversation 100 days ago; target ≤ 90")
    assert c.score is not None and c.score < 70  # was 97


@pytest.mark.parametrize("days", range(31, 120, 7))
def test_contact_past_the_cadence_is_never_healthy(days: int) -> None:
    f = _talk(cadence_days=30, last_interaction=TODAY - timedelta(days=days))
    score = dh.assess(f, TODAY, C).component("contact_recency").score
    assert score is not None and score < 70


def test_every_key_point_past_its_target_scores_below_the_healthy_line() -> None:
    for key, rows in curves.rows().items():
        for r in rows:
            assert r.score is not None, (key, r.figure, r.reason)
            if r.past_target:
                assert r.score < C.healthy_min, (key, r.figure, r.score, r.reason)


def test_at_the_target_every_component_with_one_scores_100() -> None:
    at_target = {
        "contact_recency": "30 days since the last contact, cadence 30",
        "conversation_level": "last strategic 90 days ago, 25 % strategic",
        "satisfaction": "mean mood 4/5",
        "revenue_trend": "revenue +5 % on the year before",
        "cross_sell": "5 of 10 categories",
        "wallet_share": "share of wallet 40 %",
    }
    found = curves.rows()
    for key, figure in at_target.items():
        row = next(r for r in found[key] if r.figure == figure)
        assert row.score == 100, (key, row)


def test_the_healthy_line_moves_the_cap() -> None:
    c = HealthConfig(healthy_min=80, watch_min=50)
    for r in curves.rows(c)["wallet_share"]:
        if r.past_target:
            assert r.score is not None and r.score < 80


def test_docs_health_md_tables_are_generated_from_the_code() -> None:
    spec = importlib.util.spec_from_file_location("health_tables", ROOT / "docs/health_tables.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    text = (ROOT / "docs/health.md").read_text(encoding="utf-8")
    assert mod.render(text) == text, "docs/health.md is stale: run python docs/health_tables.py"
    for key in dh.COMPONENTS:
        assert f"(`{key}`)" in text
