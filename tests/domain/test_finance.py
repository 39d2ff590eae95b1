"""Finance analytics on known data (pure functions, no database)."""

from __future__ import annotations

from datetime import date

import pytest

from kamtui.domain.finance import (
    BOUGHT,
    LAPSED,
    NONE,
    OPEN,
    Sale,
    build_whitespace,
    categories_by_year,
    categories_over_time,
    current_wallet_share,
    lifetime_value,
    purchase_cadence,
    revenue_by_month,
    revenue_by_quarter,
    revenue_summary,
    wallet_share,
    wallet_share_by_year,
)

TODAY = date(2026, 11, 15)


def sales(*items: tuple[str, float, str]) -> list[Sale]:
    return [Sale(d, a, c) for d, a, c in items]


def test_revenue_by_month_fills_empty_months_and_ignores_the_future() -> None:
    txs = sales(
        ("2026-08-03", 100, "A"),
        ("2026-08-30", 50, "B"),
        ("2026-10-01", 10, "A"),
        ("2026-12-01", 999, "A"),  # after today
    )
    assert revenue_by_month(txs, TODAY) == [
        ("2026-08", 150.0),
        ("2026-09", 0.0),
        ("2026-10", 10.0),
        ("2026-11", 0.0),
    ]
    last12 = revenue_by_month(txs, TODAY, months=12)
    assert len(last12) == 12 and last12[0] == ("2025-12", 0.0) and last12[-1] == ("2026-11", 0.0)
    assert revenue_by_month([], TODAY) == []


def test_revenue_by_quarter() -> None:
    txs = sales(("2026-01-31", 10, "A"), ("2026-03-01", 5, "A"), ("2026-07-01", 1, "A"))
    assert revenue_by_quarter(txs, TODAY) == [
        ("2026-Q1", 15.0),
        ("2026-Q2", 0.0),
        ("2026-Q3", 1.0),
        ("2026-Q4", 0.0),
    ]


def test_trailing_twelve_months_and_year_on_year() -> None:
    txs = sales(
        ("2024-11-16", 100, "A"),  # first day of the previous 12 months
        ("2025-06-01", 200, "A"),  # previous 12 months, and last year to date
        ("2025-11-15", 300, "A"),  # last day of the previous 12 months
        ("2025-11-16", 400, "A"),  # first day of the last 12 months (not this year)
        ("2026-03-01", 500, "A"),  # last 12 months and this year
        ("2026-11-15", 600, "A"),  # today
    )
    s = revenue_summary(txs, TODAY)
    assert s.trailing_12m == 1500 and s.previous_12m == 600
    assert s.trailing_change == pytest.approx(1.5)
    assert s.reason == "last 12 months +150 % vs the 12 before"
    assert s.year_to_date == 1100 and s.same_period_last_year == 500
    assert s.ytd_change == pytest.approx(1.2)
    assert s.by_year == {2024: 100, 2025: 900, 2026: 1100}
    new = revenue_summary(sales(("2026-10-01", 5, "A")), TODAY)
    assert new.trailing_change is None
    assert new.reason == "no revenue in the 12 months before the last 12: no trend yet"


def test_purchase_cadence_median_and_overdue() -> None:
    # orders every 30 days, the last one 50 days ago: 50 > 1.5 x 30 -> overdue
    days = ["2026-06-28", "2026-07-28", "2026-08-27", "2026-09-26", "2026-09-26"]
    c = purchase_cadence(days, TODAY)
    assert c.orders == 4  # two invoices on one day are one order
    assert c.median_days == 30 and c.days_since_last == 50
    assert c.overdue and c.overdue_days == 5
    assert c.expected_next == "2026-10-26"
    assert c.reason == (
        "overdue: last order 50 days ago, usually every 30 days (median of 3 gaps); "
        "more than 1.5 × the median (45 days)"
    )
    ok = purchase_cadence(["2026-10-01", "2026-10-31"], TODAY)
    assert (
        not ok.overdue
        and ok.reason == "last order 15 days ago, usually every 30 days (median of 1 gaps)"
    )
    assert purchase_cadence([], TODAY).reason == "no orders yet"
    # a client who orders every other day is not overdue after a long weekend
    frequent = purchase_cadence(["2026-11-05", "2026-11-07", "2026-11-09", "2026-11-11"], TODAY)
    assert frequent.median_days == 2 and not frequent.overdue
    late = purchase_cadence(["2026-11-01", "2026-11-03", "2026-11-05", "2026-11-07"], TODAY)
    assert late.overdue and late.reason.endswith("more than 1.5 × the median and 7 days")
    assert (
        purchase_cadence(["2026-11-01"], TODAY).reason == "one order (14 days ago): no cadence yet"
    )


def test_purchase_cadence_recent_median_shows_slowing_orders() -> None:
    days = [date.fromordinal(date(2026, 1, 1).toordinal() + 4 * k).isoformat() for k in range(12)]
    days += ["2026-03-01", "2026-05-01", "2026-07-01", "2026-09-01", "2026-11-01"]
    c = purchase_cadence(days, TODAY)
    assert c.median_days == 4
    assert c.recent_median_days == 61  # the last five gaps


def test_categories_over_time_and_by_year() -> None:
    txs = sales(
        ("2024-12-01", 100, "Recambios"),
        ("2025-03-01", 50, "Lubricación"),
        ("2025-09-01", 10, "Lubricación"),
        ("2026-05-01", 300, "Recambios"),
        ("2026-06-01", 40, "Automatización"),
    )
    history = {h.category: h for h in categories_over_time(txs, TODAY)}
    assert list(history) == ["Recambios", "Lubricación", "Automatización"]
    lub = history["Lubricación"]
    assert (lub.first, lub.last, lub.total, lub.orders) == ("2025-03-01", "2025-09-01", 60, 2)
    assert lub.by_year == {2025: 60} and not lub.active_12m
    assert history["Recambios"].active_12m
    assert categories_by_year(txs, TODAY) == {
        2024: ["Recambios"],
        2025: ["Lubricación"],
        2026: ["Automatización", "Recambios"],
    }


def test_wallet_share_per_category_and_overall() -> None:
    ws = wallet_share(
        {"Recambios": 30_000, "servicio técnico": 2_000, "Formación": 500},
        {"Recambios": 100_000, "Servicio técnico": 4_000, "Maquinaria": 50_000},
    )
    by = {c.category: c for c in ws.categories}
    assert by["Recambios"].share == pytest.approx(0.30)
    assert by["Servicio técnico"].share == pytest.approx(0.5)  # matched despite case/accent
    assert by["Maquinaria"].share == 0 and by["Maquinaria"].revenue == 0
    assert by["Formación"].share is None and by["Formación"].wallet is None
    assert ws.share == pytest.approx(32_000 / 154_000)
    assert ws.uncovered_revenue == 500
    assert "no wallet estimate for Formación (left out of the overall share)" in ws.notes
    over = wallet_share({"A": 150}, {"A": 100})
    assert over.share == 1.5 and "probably too low" in over.notes[0]
    assert wallet_share({"A": 1}, {}).share is None


def test_current_wallet_share_uses_last_12_months_and_latest_estimate() -> None:
    txs = sales(("2025-11-15", 999, "A"), ("2026-01-10", 300, "A"), ("2026-10-10", 100, "B"))
    estimates = [("A", 2025, 500.0), ("A", 2026, 1000.0), ("B", 2025, 400.0), ("A", 2027, 1.0)]
    ws = current_wallet_share(txs, estimates, TODAY)
    by = {c.category: c for c in ws.categories}
    assert by["A"].share == pytest.approx(0.3) and by["B"].share == pytest.approx(0.25)
    assert ws.notes[0] == (
        "our revenue in the last 12 months / the client's estimated yearly spend "
        "(2025, 2026 estimates)"
    )
    assert wallet_share_by_year(txs, estimates, TODAY) == {
        2025: pytest.approx(999 / 900),
        2026: pytest.approx(300 / 1000),  # B has no 2026 estimate: left out
    }


def test_lifetime_value_historical_and_projection_with_assumption() -> None:
    txs = [
        Sale("2022-11-15", 1000, "A", 0.2),
        Sale("2025-12-01", 2000, "A", None),
        Sale("2026-06-01", 3000, "A", 0.3),
    ]
    v = lifetime_value(txs, TODAY, years=3, retention=0.9)
    assert v.historical_revenue == 6000
    assert v.historical_margin == pytest.approx(1000 * 0.2 + 3000 * 0.3)
    assert v.margin_coverage == pytest.approx(4000 / 6000)
    assert v.first_order == "2022-11-15" and v.years_as_client == pytest.approx(4.0, abs=0.01)
    assert v.average_yearly_revenue == pytest.approx(1500, rel=0.01)
    assert v.projected_revenue == pytest.approx(5000 * (0.9 + 0.81 + 0.729))
    assert v.assumption == (
        "3 more years at the last 12 months' revenue (5,000/yr), 90% chance of keeping "
        "the client each year"
    )
    empty = lifetime_value([], TODAY)
    assert empty.historical_revenue == 0 and empty.historical_margin is None


def test_whitespace_states_shares_and_potential() -> None:
    ws = build_whitespace(
        accounts=[(1, "Acme"), (2, "Beta")],
        revenue_12m=[(1, "Recambios", 30_000.0), (2, "recambios", 5_000.0)],
        last_bought=[(1, "Recambios", "2026-10-01"), (2, "Lubricación", "2025-05-01")],
        wallet=[(1, "Recambios", 100_000.0), (1, "Automatización", 20_000.0)],
    )
    assert ws.categories == ["Recambios", "Automatización", "Lubricación"]
    acme, beta = ws.rows
    assert acme.cells["Recambios"].state == BOUGHT
    assert acme.cells["Recambios"].share == pytest.approx(0.3)
    assert acme.cells["Automatización"].state == OPEN
    assert acme.cells["Automatización"].potential == 20_000
    assert acme.potential == 70_000 + 20_000
    assert acme.share == pytest.approx(30_000 / 120_000)
    assert beta.cells["Lubricación"].state == LAPSED
    assert beta.cells["Recambios"].state == BOUGHT and beta.cells["Recambios"].share is None
    assert beta.cells["Automatización"].state == NONE
    assert (acme.bought, beta.bought) == (1, 1)
