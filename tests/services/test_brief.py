"""services/brief: the account brief is computed from the same services as
the app (health, map, timeline, complaints, follow-ups, facts, goals, finance)."""

from __future__ import annotations

from datetime import date, timedelta

from kamtui.domain.brief import TrendPoint, weekly
from kamtui.services import accounts, brief, complaints, followups, health, people
from kamtui.storage.db import Store
from tests.conftest import DEMO_TODAY


def _id(store: Store, name: str) -> int:
    return accounts.resolve(store, name).id


def test_identity_lists_the_numbers_of_each_business_unit(demo_store: Store) -> None:
    aid = _id(demo_store, "Northwind")
    with demo_store.conn:
        demo_store.conn.executemany(
            "INSERT INTO account_identifiers (account_id, business_unit, number) VALUES (?, ?, ?)",
            [(aid, "Service", "SV-77"), (aid, "Parts", "P-1001")],
        )
    b = brief.account_brief(demo_store, aid, today=DEMO_TODAY)
    i = b.identity
    assert i.name == "Northwind Logistics Ltd"
    assert (i.owner, i.tier, i.cadence_days) == ("Tom Baker", "B", 30)
    assert [(x.business_unit, x.number) for x in i.identifiers] == [
        ("Parts", "P-1001"),
        ("Service", "SV-77"),
    ]


def test_health_is_the_apps_with_the_three_weakest_components(demo_store: Store) -> None:
    aid = _id(demo_store, "Northwind")
    b = brief.account_brief(demo_store, aid, today=DEMO_TODAY)
    h = health.account_health(demo_store, aid, today=DEMO_TODAY, save=False)
    assert (b.health.score, b.health.band) == (h.score, h.band)
    scored = sorted((c.score, c.key) for c in h.components if c.score is not None and c.weight)
    assert [w.key for w in b.health.weakest] == [k for _s, k in scored[:3]]
    assert all(w.reason for w in b.health.weakest)
    assert b.health.revitalisation == tuple(h.reasons)
    assert b.health.revitalisation  # Northwind talks only operationally


def test_the_brief_writes_nothing(demo_store: Store) -> None:
    before = demo_store.one("SELECT COUNT(*) FROM health_snapshots")[0]
    brief.account_brief(demo_store, _id(demo_store, "Northwind"), today=DEMO_TODAY)
    assert demo_store.one("SELECT COUNT(*) FROM health_snapshots")[0] == before


def test_trend_is_weekly_over_13_weeks_ending_today(demo_store: Store) -> None:
    aid = _id(demo_store, "Northwind")
    health.backfill(demo_store, today=DEMO_TODAY - timedelta(days=1), weeks=20)
    b = brief.account_brief(demo_store, aid, today=DEMO_TODAY)
    trend = b.health.trend
    assert 2 <= len(trend) <= 13
    assert trend[-1] == TrendPoint(DEMO_TODAY.isoformat(), b.health.score)
    days = [date.fromisoformat(p.date) for p in trend]
    assert days == sorted(days) and days[0] > DEMO_TODAY - timedelta(weeks=13)
    first = next(p.score for p in trend if p.score is not None)
    assert b.health.change == round((b.health.score or 0) - first, 1)


def test_weekly_keeps_the_newest_point_of_each_week() -> None:
    today = date(2026, 11, 15)
    pts = [
        TrendPoint("2026-11-15", 50.0),
        TrendPoint("2026-11-14", 40.0),  # same week as today: the newer wins
        TrendPoint("2026-11-08", 30.0),
        TrendPoint("2026-08-16", 10.0),  # exactly 13 weeks back: outside
        TrendPoint("2026-11-16", 99.0),  # the future: outside
    ]
    assert weekly(pts, today) == (TrendPoint("2026-11-08", 30.0), TrendPoint("2026-11-15", 50.0))


def test_who_is_who_both_sides_with_single_points_of_failure(demo_store: Store) -> None:
    aid = _id(demo_store, "Northwind")
    b = brief.account_brief(demo_store, aid, today=DEMO_TODAY)
    m = people.account_map(demo_store, aid, today=DEMO_TODAY)
    assert {p.id for p in b.ours} == {p.id for p in m.people if p.side == "ours"}
    assert {p.id for p in b.theirs} == {p.id for p in m.people if p.side == "theirs"}
    spof = {p.id for p in (*b.ours, *b.theirs) if p.single_point_of_failure}
    assert spof == set(m.analysis.single_points_of_failure) and spof
    assert b.map is not None and b.map.shape == m.analysis.shape
    assert list(b.map.reasons) == m.analysis.reasons
    priya = next(p for p in b.theirs if p.name == "Priya Shah")
    assert priya.last_contact == "2026-11-11" and priya.days_since_contact == 4
    assert priya.decision_role_label == "Influencer" and priya.link_strength == 4


def test_before_you_go(demo_store: Store) -> None:
    aid = _id(demo_store, "Northwind")
    b = brief.account_brief(demo_store, aid, today=DEMO_TODAY)
    open_ = [c for c in complaints.of_account(demo_store, aid) if c.status != "resolved"]
    assert {c.id for c in b.complaints} == {c.id for c in open_} != set()
    assert b.complaints[0].age_days == open_[0].age_days(DEMO_TODAY) == 44
    due = [f for f in followups.followups(demo_store, today=DEMO_TODAY).due if f.account_id == aid]
    assert [(f.kind, f.id) for f in b.followups] == [(f.kind, f.id) for f in due]
    assert b.followups[0].bucket == "overdue" and (b.followups[0].days_late or 0) > 0
    assert len(b.facts) == 4
    assert [g.title for g in b.goals] == ["Reinstate quarterly business reviews"]
    assert b.goals[0].status == "behind" and b.goals[0].target == "4"
    assert len(b.conversations) == 5
    whens = [c.when for c in b.conversations]
    assert whens == sorted(whens, reverse=True)
    assert b.conversations[0].people == ("Marta Soler", "Siobhan O'Connor")
    assert b.conversations[0].next_steps[0].text == "Send material certificates"
    assert len(b.revenue.monthly) == 12 and b.revenue.monthly[-1].month == "2026-11"
    assert round(sum(m.amount for m in b.revenue.monthly)) <= round(b.revenue.last_12m) + 1
    assert b.revenue.wallet_share is not None
    assert "Formación" in [c.category for c in b.not_bought]


def test_an_account_with_nothing_yet(store: Store) -> None:
    from kamtui.domain.models import AccountInput

    aid = accounts.create(store, AccountInput(name="Nueva S.L."))
    b = brief.account_brief(store, aid, today=DEMO_TODAY)
    assert b.ours == b.theirs == () and b.map is None
    assert b.conversations == () and b.goals == () and b.revenue.monthly[-1].amount == 0
    assert b.health.trend[-1].date == DEMO_TODAY.isoformat()


def test_before_you_go_lists_contacts_due(demo_store: Store) -> None:
    from kamtui import exporters

    aid = _id(demo_store, "Alcázar")
    b = brief.account_brief(demo_store, aid, today=DEMO_TODAY)
    due = [f for f in b.followups if f.kind == "contact_due"]
    assert due and all(f.bucket == "overdue" and (f.days_late or 0) > 0 for f in due)
    assert any(f.text.startswith("Get in touch: last contact 100 d ago") for f in due)
    assert "Get in touch: last contact 100 d ago; contact every 30 d — 70 d overdue" in (
        exporters.render(b, "md")
    )


# -- the portfolio brief -------------------------------------------------------------


def test_portfolio_brief_is_the_morning_review(demo_store: Store) -> None:
    before = demo_store.one("SELECT COUNT(*) FROM health_snapshots")[0]
    p = brief.portfolio_brief(demo_store, today=DEMO_TODAY)
    assert demo_store.one("SELECT COUNT(*) FROM health_snapshots")[0] == before  # reads only
    found = health.portfolio_health(demo_store, today=DEMO_TODAY, save=False)
    assert p.accounts == len(found) == 14
    assert {a.account_id for a in p.at_risk} == {h.account_id for h in found if h.band == "at_risk"}
    queue = sorted((h for h in found if h.needs_revitalisation), key=lambda h: h.urgency)
    assert [r.account_id for r in p.revitalise] == [h.account_id for h in queue] != []
    assert p.revitalise[0].reasons == tuple(queue[0].reasons)
    assert p.revitalise[0].suggestions
    contact = followups.contact_due(demo_store, today=DEMO_TODAY)
    assert {d.ref for d in p.contact_due} == {f.ref for f in contact} != set()
    lates = [d.days_late or 0 for d in p.contact_due]
    assert lates == sorted(lates, reverse=True)
    due = followups.followups(demo_store, today=DEMO_TODAY, contacts=False).due
    assert [d.ref for d in p.followups] == [f.ref for f in due]
    assert {d.bucket for d in p.followups} <= {"overdue", "today", "week"}


def test_portfolio_brief_at_risk_lowest_first(store: Store) -> None:
    from kamtui.domain.models import AccountInput
    from kamtui.services.interactions import log_interaction

    # Silent for months, only operational talk, unhappy, a complaint open:
    # enough data for a band, and a bad one (an account with only a name
    # has no band at all).
    for name, mood in (("Uno", 1), ("Dos", 2)):
        acc = accounts.create(store, AccountInput(name=name, cadence_days=30))
        log_interaction(
            store,
            acc,
            occurred_at="2026-04-01T10:00",
            channel="phone",
            level="operational",
            kind="complaint",
            summary="Late deliveries again",
            mood=mood,
            complaint_severity="high",
        )
    p = brief.portfolio_brief(store, today=DEMO_TODAY)
    found = health.portfolio_health(store, today=DEMO_TODAY, save=False)
    assert [a.account_id for a in p.at_risk] == [
        h.account_id
        for h in sorted(found, key=lambda h: (h.score or 0, -h.revenue_12m))
        if h.band == "at_risk"
    ]
    assert p.at_risk and all(a.weakest for a in p.at_risk)
