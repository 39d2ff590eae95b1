"""Goals: progress measured from the data, editing, actions, the portfolio's goals."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from kamtui.domain.goals import (
    BEHIND,
    DONE,
    DROPPED,
    ON_TRACK,
    GoalProgress,
)
from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.services import goals as goals_service
from kamtui.services.errors import ServiceError
from kamtui.services.imports.finance import import_transactions, import_wallet
from kamtui.storage import goals as goal_sql
from kamtui.storage.db import Store, now_iso
from tests.helpers import DATA, add_accounts

TODAY = date(2026, 11, 15)


# --- measured from the data ------------------------------------------------------------


@pytest.fixture
def finance_store(store: Store) -> Store:
    add_accounts(store)
    import_transactions(store, DATA / "ventas_2025_excel_es.csv")
    import_wallet(store, DATA / "cartera_2025_es.csv")
    return store


def test_wallet_share_goal_baseline_measured_at_creation(finance_store: Store) -> None:
    store = finance_store
    acc = accounts.resolve(store, "Talleres Ibáñez").id
    today = date(2025, 4, 30)
    gid = goals_service.create(
        store,
        acc,
        goal_type="Cuota de cartera",  # Spanish label accepted
        category="recambios",
        title="Subir la cuota en recambios",
        target="40 %",
        due_date="2025-12-31",
        today=today,
        actions=[("Presentar oferta de kits", "2025-05-15")],
    )
    g = goals_service.get(store, gid, today)
    # 1.234,56 + 2.310,40 of Recambios over a 20.000 estimate
    assert g.baseline == pytest.approx(3544.96 / 20000)
    assert g.category == "Recambios" and g.target == 0.40 and g.type == "wallet_share"
    assert g.measured and "estimated yearly spend (2025 estimate)" in g.source
    assert [a.text for a in g.actions] == ["Presentar oferta de kits"]
    # a new order moves the share: progress from transactions
    with store.write() as conn:
        conn.execute(
            "INSERT INTO transactions (account_id, date, amount, category, document) "
            "VALUES (?, '2025-05-10', 2000, 'Recambios', 'FV25-9000')",
            (acc,),
        )
    g = goals_service.get(store, gid, date(2025, 5, 20))
    assert g.current == pytest.approx(5544.96 / 20000)
    assert g.status == ON_TRACK


def test_cross_sell_goal_counts_revenue_of_the_category(finance_store: Store) -> None:
    store = finance_store
    acc = accounts.resolve(store, "Hostelería Peñalver").id
    today = date(2025, 4, 30)
    gid = goals_service.create(
        store,
        acc,
        goal_type="cross_sell",
        category="Consumibles",
        title="Vender consumibles",
        target=5000,
        due_date="2025-10-31",
        today=today,
    )
    g = goals_service.get(store, gid, today)
    assert (g.baseline, g.current) == (0.0, 0.0)
    with store.write() as conn:
        conn.execute(
            "INSERT INTO transactions (account_id, date, amount, category, document) "
            "VALUES (?, '2025-06-01', 5200, 'Consumibles', 'FV25-7000')",
            (acc,),
        )
    g = goals_service.get(store, gid, date(2025, 6, 2))
    assert g.current == 5200 and g.status == DONE


def test_broaden_map_and_channel_and_satisfaction_from_people_and_interactions(
    store: Store,
) -> None:
    acc = accounts.create(store, AccountInput(name="Mapa S.A."))
    stamp = now_iso()
    with store.write() as conn:
        ids = {}
        for name, side, function in (
            ("Yo", "ours", "sales"),
            ("Ana", "theirs", "purchasing"),
            ("Luis", "theirs", "production"),
            ("Eva", "theirs", "production"),
        ):
            ids[name] = conn.execute(
                "INSERT INTO people (account_id, side, name, name_key, function, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (acc, side, name, name.lower(), function, stamp, stamp),
            ).lastrowid
        conn.execute(
            "INSERT INTO links (account_id, our_person_id, their_person_id, created_at) "
            "VALUES (?, ?, ?, ?)",
            (acc, ids["Yo"], ids["Ana"], stamp),
        )
    people_goal = goals_service.create(
        store,
        acc,
        goal_type="broaden_map",
        title="Más contactos",
        target=3,
        today=TODAY,
        due_date="2027-05-15",
    )
    functions_goal = goals_service.create(
        store,
        acc,
        goal_type="broaden_map",
        category="funciones",
        title="Más áreas",
        target=2,
        today=TODAY,
    )
    channel_goal = goals_service.create(
        store,
        acc,
        goal_type="new_channel",
        category="Vídeo",
        title="Videollamadas",
        target=2,
        today=TODAY,
        start_date="2026-11-01",
    )
    mood_goal = goals_service.create(
        store,
        acc,
        goal_type="satisfaction",
        title="Satisfacción",
        target=4,
        today=TODAY,
        start_date="2026-10-25",
    )
    with store.write() as conn:
        for other in ("Luis", "Eva"):
            conn.execute(
                "INSERT INTO links (account_id, our_person_id, their_person_id, created_at) "
                "VALUES (?, ?, ?, ?)",
                (acc, ids["Yo"], ids[other], stamp),
            )
        for when, channel, mood in (
            ("2026-10-20T10:00", "video", 2),  # before the goal started: not counted
            ("2026-11-03T10:00", "video", 4),
            ("2026-11-10T10:00", "phone", 5),
        ):
            conn.execute(
                "INSERT INTO interactions (account_id, occurred_at, channel, level, summary, "
                "mood, created_at) VALUES (?, ?, ?, 'operational', 's', ?, ?)",
                (acc, when, channel, mood, stamp),
            )
    got = {g.id: g for g in goals_service.account_goals(store, acc, TODAY)}
    assert (got[people_goal].baseline, got[people_goal].current) == (1.0, 3.0)
    assert got[people_goal].status == DONE
    assert (got[functions_goal].category, got[functions_goal].current) == ("functions", 2.0)
    assert got[channel_goal].category == "video" and got[channel_goal].current == 1.0
    assert got[mood_goal].baseline is None  # no mood readings when it was created
    assert got[mood_goal].current == 4.5  # moods since its start: 4 and 5
    assert got[mood_goal].status == DONE
    assert "mean mood of 2 interaction(s) since 2026-10-25" in got[mood_goal].source
    # a new satisfaction goal starts from the moods before it: (2 + 4 + 5) / 3
    later = goals_service.create(
        store, acc, goal_type="satisfaction", title="Más", target=4.5, today=TODAY
    )
    g = goals_service.get(store, later, TODAY)
    assert g.baseline == pytest.approx(11 / 3) and g.current is None


def test_manual_progress_and_status_changes(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Manual S.L."))
    gid = goals_service.create(
        store,
        acc,
        goal_type="new_method",
        category="QBR trimestral con compras",
        title="QBR",
        target=4,
        today=date(2026, 1, 1),
        due_date="2026-12-31",
    )
    g = goals_service.get(store, gid, TODAY)
    assert not g.measured and g.current is None and g.status == BEHIND
    assert g.source == "progress is updated by hand"
    goals_service.set_progress(store, gid, 4)
    g = goals_service.get(store, gid, TODAY)
    assert g.current == 4 and g.status == DONE and g.source.startswith("set by hand")
    goals_service.set_status(store, gid, "dropped", TODAY)
    assert goals_service.get(store, gid, TODAY).status == DROPPED
    assert goals_service.portfolio_goals(store, TODAY) == []
    assert len(goals_service.portfolio_goals(store, TODAY, include_closed=True)) == 1


def test_actions_feed_follow_ups(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Acciones S.A."))
    gid = goals_service.create(
        store,
        acc,
        goal_type="new_method",
        title="QBR",
        target=4,
        today=TODAY,
        actions=[("Proponer fecha", "2026-11-01"), ("Preparar informe", "2026-12-01")],
    )
    open_now = goals_service.open_actions(store, due_before=TODAY)
    assert [a["text"] for a in open_now] == ["Proponer fecha"]
    assert open_now[0]["account"] == "Acciones S.A." and open_now[0]["goal"] == "QBR"
    g = goals_service.get(store, gid, TODAY)
    assert [a.overdue(TODAY) for a in g.actions] == [True, False]
    goals_service.complete_action(store, g.actions[0].id, TODAY)
    assert goals_service.open_actions(store, due_before=TODAY) == []
    assert goals_service.get(store, gid, TODAY).next_action().text == "Preparar informe"


def test_create_rejects_bad_input(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="X"))
    with pytest.raises(ServiceError, match="unknown goal type"):
        goals_service.create(store, acc, goal_type="world", title="t", target=1, today=TODAY)
    with pytest.raises(ServiceError, match="target: is required"):
        goals_service.create(
            store, acc, goal_type="cross_sell", title="t", target=None, today=TODAY
        )
    with pytest.raises(ServiceError, match="title: is required"):
        goals_service.create(store, acc, goal_type="cross_sell", title=" ", target=1, today=TODAY)
    with pytest.raises(ServiceError, match="before the start date"):
        goals_service.create(
            store,
            acc,
            goal_type="new_method",
            title="t",
            target=1,
            today=TODAY,
            due_date="2020-01-01",
        )
    with pytest.raises(ServiceError, match="unknown channel"):
        goals_service.create(
            store,
            acc,
            goal_type="new_channel",
            category="paloma mensajera",
            title="t",
            target=1,
            today=TODAY,
        )
    with pytest.raises(ServiceError, match="'people' or 'functions'"):
        goals_service.create(
            store, acc, goal_type="broaden_map", category="x", title="t", target=1, today=TODAY
        )


def test_suggest_prefills_a_whitespace_goal(finance_store: Store) -> None:
    acc = accounts.resolve(finance_store, "Talleres Ibáñez").id
    s = goals_service.suggest(finance_store, acc, "cross_sell", "Maquinaria", date(2025, 4, 30))
    assert s["title"] == "Sell Maquinaria"
    assert s["target"] == 10_000  # 20 % of the client's 50.000 estimate
    assert s["baseline"] == 0 and s["due_date"] == "2025-12-31"
    w = goals_service.suggest(finance_store, acc, "wallet_share", "Recambios", date(2025, 4, 30))
    assert w["target"] == pytest.approx(0.28)


# --- the whole portfolio at once ---------------------------------------------------------


def one_account_at_a_time(store: Store, today: date, *, include_closed: bool) -> list[GoalProgress]:
    """The reference: every account's goals measured on their own (all its
    transactions loaded, a query per count), in the portfolio's order."""
    out = []
    seen: set[int] = set()
    for row in goal_sql.goals(store, None, include_closed=include_closed):
        if row["account_id"] not in seen:
            seen.add(row["account_id"])
            out.extend(
                goals_service.account_goals(
                    store, row["account_id"], today, include_closed=include_closed
                )
            )
    order = {
        r["id"]: n for n, r in enumerate(goal_sql.goals(store, None, include_closed=include_closed))
    }
    return sorted(out, key=lambda g: order[g.id])


@pytest.mark.parametrize("include_closed", [False, True])
def test_portfolio_goals_measure_like_one_account_at_a_time(
    demo_store: Store, include_closed: bool
) -> None:
    from tests.conftest import DEMO_TODAY

    got = goals_service.portfolio_goals(demo_store, DEMO_TODAY, include_closed=include_closed)
    assert len(got) == (20 if include_closed else 15)
    assert {g.type for g in got if g.measured} >= {"wallet_share", "cross_sell", "broaden_map"}
    assert got == one_account_at_a_time(demo_store, DEMO_TODAY, include_closed=include_closed)
    assert any(g.actions for g in got)
    plain = goals_service.portfolio_goals(
        demo_store, DEMO_TODAY, include_closed=include_closed, with_actions=False
    )
    assert plain == [dataclasses.replace(g, actions=[]) for g in got]


def test_portfolio_goals_measured_a_few_accounts_at_a_time_keep_their_order(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large portfolio's goals are measured a few accounts at a time: the
    same figures, listed in the same order as in one go."""
    from kamtui.services.goals import progress
    from tests.conftest import DEMO_TODAY

    whole = goals_service.portfolio_goals(demo_store, DEMO_TODAY, include_closed=True)
    monkeypatch.setattr(progress, "CHUNK_ACCOUNTS", 2)
    in_chunks = goals_service.portfolio_goals(demo_store, DEMO_TODAY, include_closed=True)
    assert len({g.account_id for g in whole}) > 4  # several chunks
    assert in_chunks == whole
    assert in_chunks == one_account_at_a_time(demo_store, DEMO_TODAY, include_closed=True)


def test_portfolio_goals_edge_cases_match_the_per_account_measure(store: Store) -> None:
    """Window boundaries, times on dates, spellings that fold together,
    several invoices a day (sum order), and every measured goal type."""
    a = accounts.create(store, AccountInput(name="Bordes S.A."))
    b = accounts.create(store, AccountInput(name="Otra S.L."))
    c = accounts.create(store, AccountInput(name="Sin datos S.L."))
    stamp = now_iso()
    txs = [
        # (account, date, amount, category, document)
        (a, "2025-11-15", 1000.0, "Recambios", "D-01"),  # exactly a year ago: excluded
        (a, "2025-11-16", 0.1, "Recambios", "D-02"),  # first day of the window
        (a, "2025-11-16", 0.2, "recambios", "D-03"),  # another spelling, same day
        (a, "2026-03-01", 0.3, "RECAMBIOS", "D-04"),
        (a, "2026-03-01", 0.7, "Recambios", "D-05"),
        (a, "2026-03-01", 1e16, "Recambios", "D-06"),  # makes the sum order matter
        (a, "2026-03-01", 1.0, "Recambios", "D-07"),
        (a, "2026-06-30", -250.0, "Consumibles", "D-08"),  # a net return
        (a, "2026-06-30", 200.0, "Consumibles", "D-09"),
        (a, "2026-11-15", 33.33, "Neumática", "D-10"),  # today: included
        (a, "2026-11-15T18:30", 66.67, "Neumática", "D-11"),  # by its day only
        (a, "2026-11-16", 5000.0, "Neumática", "D-12"),  # tomorrow: excluded
        (b, "2026-01-10", 1234.56, "Automatización", "E-01"),
        (b, "2026-01-10", 0.01, "Automatización", "E-02"),
        (b, "2024-01-10", 999.0, "Formación", "E-03"),
    ]
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO transactions (account_id, date, amount, category, document) "
            "VALUES (?, ?, ?, ?, ?)",
            txs,
        )
        conn.executemany(
            "INSERT INTO wallet_estimates (account_id, category, year, amount) VALUES (?, ?, ?, ?)",
            [
                (a, "Recambios", 2025, 10.0),
                (a, "recambios", 2026, 3e16),
                (a, "Neumática", 2026, 400.0),
                (b, "Automatización", 2025, 5000.0),
            ],
        )
        for acc, when, channel, level, mood in (
            (a, "2026-04-01T10:00", "video", "strategic", 4),
            (a, "2026-09-01T10:00", "video", "operational", None),
            (a, "2026-11-15T23:00", "visit", "satisfaction", 2),
            (a, "2026-11-16T09:00", "video", "strategic", 5),  # tomorrow: not counted
            (b, "2026-10-01T10:00", "phone", "operational", 3),
        ):
            conn.execute(
                "INSERT INTO interactions (account_id, occurred_at, channel, level, summary, "
                "mood, created_at) VALUES (?, ?, ?, ?, 's', ?, ?)",
                (acc, when, channel, level, mood, stamp),
            )
    specs = [
        (a, "wallet_share", "Recambios", None),
        (a, "wallet_share", None, None),
        (a, "wallet_share", "Neumática", None),
        (a, "cross_sell", "recambios", None),
        (a, "cross_sell", "Neumática", None),
        (a, "cross_sell", None, None),
        (a, "new_channel", "video", "2026-05-01"),
        (a, "new_method", "QBR", None),
        (a, "new_method", "strategic", "2026-01-01"),
        (a, "satisfaction", None, "2026-10-01"),
        (a, "satisfaction", None, None),
        (b, "wallet_share", "Automatización", None),
        (b, "cross_sell", "Formación", None),
        (b, "cross_sell", None, None),
        (b, "satisfaction", None, None),
        (c, "wallet_share", None, None),
        (c, "cross_sell", "Recambios", None),
        (c, "satisfaction", None, None),
        (c, "new_channel", "email", None),
    ]
    for acc, goal_type, category, start in specs:
        goals_service.create(
            store,
            acc,
            goal_type=goal_type,
            category=category,
            title=f"{goal_type} {category}",
            target=0.9 if goal_type == "wallet_share" else 5,
            baseline=0,
            start_date=start or "2026-01-01",
            due_date="2027-06-30",
            today=TODAY,
        )
    got = goals_service.portfolio_goals(store, TODAY)
    assert len(got) == len(specs)
    assert got == one_account_at_a_time(store, TODAY, include_closed=False)
    by = {(g.account_id, g.type, g.category, g.start_date): g.current for g in got}
    # cross-sell of one category: every spelling, the window by the full date,
    # summed newest first (oldest first would give 1e16 + 4)
    assert by[(a, "cross_sell", "Recambios", "2026-01-01")] == 1.0 + 1e16 + 0.7 + 0.3 + 0.2 + 0.1
    assert by[(a, "cross_sell", "Neumática", "2026-01-01")] == 33.33
    # categories bought: each spelling on its own; Consumibles is a net return
    assert by[(a, "cross_sell", None, "2026-01-01")] == 4.0
    assert by[(a, "new_channel", "video", "2026-05-01")] == 1.0
    assert by[(a, "new_method", "QBR", "2026-01-01")] == 2.0
    assert by[(a, "satisfaction", None, "2026-10-01")] == 2.0
    assert by[(a, "wallet_share", "Neumática", "2026-01-01")] == pytest.approx(100.0 / 400)
    assert by[(b, "cross_sell", "Formación", "2026-01-01")] == 0
    no_wallet = next(g for g in got if g.account_id == c and g.type == "wallet_share")
    assert no_wallet.current is None and not no_wallet.measured
    assert no_wallet.source == "no wallet estimates for this account"
