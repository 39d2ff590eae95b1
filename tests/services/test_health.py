"""Health on the demo portfolio: the stories it was built for, snapshots,
set-wise computation and the CLI."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from kamtui import gcpause
from kamtui.config import Config
from kamtui.domain.models import AccountInput
from kamtui.services import accounts, health
from kamtui.services.imports.finance import import_transactions
from kamtui.storage import health as health_sql
from kamtui.storage.db import Store
from tests.conftest import DEMO_TODAY


def by_name(result: list, start: str):  # type: ignore[no-untyped-def]
    return next(h for h in result if h.account.startswith(start))


def test_demo_stories(demo_store: Store) -> None:
    result = health.portfolio_health(demo_store, today=DEMO_TODAY, save=False)
    assert len(result) == 14
    northwind = by_name(result, "Northwind")
    rules = {r.rule: r for r in northwind.revitalisation}
    assert "operational_only" in rules
    assert "only operational conversations for" in rules["operational_only"].reason
    assert rules["operational_only"].suggestion_label == "strategic review"
    # friendly meetings, falling orders: the perception gap shows both figures
    pena = by_name(result, "Conservas Peña")
    gap = pena.perception_gap
    assert gap is not None and gap.flagged
    assert gap.mood_mean >= 4 and gap.behaviour_score < 50
    assert "meetings say" in gap.reason and "−37 %" in gap.reason
    quimica = by_name(result, "Química del Ebro")
    assert quimica.component("complaints").reason.startswith("2 open complaints")
    alcazar = by_name(result, "Farmacéutica Alcázar")
    assert alcazar.component("contact_recency").reason.startswith("last contact 100 days ago")
    assert alcazar.component("contact_recency").score == 0


def test_scores_and_bands_are_consistent(demo_store: Store) -> None:
    config = Config()
    for h in health.portfolio_health(demo_store, today=DEMO_TODAY, save=False):
        with_data = [c for c in h.components if c.score is not None]
        expected = sum(c.score * c.weight for c in with_data) / sum(c.weight for c in with_data)
        assert h.score == pytest.approx(expected, abs=0.05)
        limit = config.health
        assert h.band == (
            "healthy"
            if h.score >= limit.healthy_min
            else "watch"
            if h.score >= limit.watch_min
            else "at_risk"
        )


def test_one_snapshot_per_account_and_day(demo_store: Store) -> None:
    def today_rows(day):  # type: ignore[no-untyped-def]
        return demo_store.query(
            "SELECT account_id, COUNT(*) FROM health_snapshots WHERE date = ? GROUP BY 1",
            (day.isoformat(),),
        )

    health.portfolio_health(demo_store, today=DEMO_TODAY)
    health.portfolio_health(demo_store, today=DEMO_TODAY)
    rows = today_rows(DEMO_TODAY)
    assert len(rows) == 14 and all(r[1] == 1 for r in rows)
    later = DEMO_TODAY + timedelta(days=1)
    assert today_rows(later) == []
    health.portfolio_health(demo_store, today=later)
    assert len(today_rows(later)) == 14


def test_demo_and_backfill_give_a_history_from_the_dated_data(demo_store: Store) -> None:
    pena = accounts.resolve(demo_store, "Conservas Peña").id
    snaps = health.history(demo_store, pena)
    assert len(snaps) == 13  # the demo comes with 13 weeks of history
    assert snaps[0].date == (DEMO_TODAY - timedelta(weeks=13)).isoformat()
    assert health.backfill(demo_store, today=DEMO_TODAY, weeks=20) == 20
    snaps = health.history(demo_store, pena)
    assert len(snaps) == 20
    assert set(snaps[-1].components) >= {"revenue_trend", "contact_recency"}
    # revenue fell over the year: the older snapshots score higher
    assert snaps[0].score is not None and snaps[-1].score is not None
    assert snaps[0].components["revenue_trend"] >= snaps[-1].components["revenue_trend"]
    trend = health.trends(demo_store, today=DEMO_TODAY)
    assert [d for d, _ in trend[pena]] == sorted(d for d, _ in trend[pena])
    assert len(trend[pena]) == 12  # the weekly ones of the last 90 days


def health_queries(store: Store) -> int:
    """SELECT statements the whole portfolio's health runs."""
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        health.portfolio_health(store, today=DEMO_TODAY, save=False)
    finally:
        store.conn.set_trace_callback(None)
    return len([s for s in seen if s.lstrip().upper().startswith("SELECT")])


def test_computed_set_wise(demo_store: Store) -> None:
    """The number of queries does not grow with the number of accounts."""

    before = health_queries(demo_store)
    for i in range(30):
        accounts.create(demo_store, AccountInput(name=f"Extra {i}"))
    assert health_queries(demo_store) <= before + 2  # goal queries aside, nothing per account


def test_goals_do_not_add_queries_per_account(demo_store: Store) -> None:
    """Goal progress is measured set-wise too: accounts with goals of every
    measured kind add no queries."""
    from kamtui.services import goals

    before = health_queries(demo_store)
    for i in range(30):
        acc = accounts.create(demo_store, AccountInput(name=f"Goals {i}"))
        for goal_type, category in (
            ("wallet_share", "Repuestos"),
            ("cross_sell", "Rodamientos"),
            ("cross_sell", None),
            ("satisfaction", None),
            ("new_channel", "video"),
            ("new_method", "QBR"),
        ):
            goals.create(
                demo_store,
                acc,
                goal_type=goal_type,
                category=category,
                title="t",
                target=3,
                baseline=0,
                today=DEMO_TODAY - timedelta(days=30),
            )
    assert health_queries(demo_store) <= before + 2


def test_catalogue_is_the_whole_portfolio_s_for_one_account_too(demo_store: Store) -> None:
    """Cross-sell breadth counts against every category the portfolio bought
    in two years (deleted accounts' purchases too), computed either way."""
    acc = accounts.create(demo_store, AccountInput(name="Gone S.L."))
    with demo_store.write() as conn:
        conn.execute(
            "INSERT INTO transactions (account_id, date, amount, category, document)"
            " VALUES (?, ?, 10, 'Only here', 'G-1')",
            (acc, (DEMO_TODAY - timedelta(days=400)).isoformat()),
        )
    accounts.delete(demo_store, acc)
    result = health.portfolio_health(demo_store, today=DEMO_TODAY, save=False)
    catalogue = {
        r[0]
        for r in demo_store.query(
            "SELECT DISTINCT category FROM transactions WHERE date > ? AND date <= ?",
            ((DEMO_TODAY - timedelta(days=730)).isoformat(), DEMO_TODAY.isoformat()),
        )
    }
    assert "Only here" in catalogue
    bought = [h for h in result if h.component("cross_sell").score is not None]
    assert bought
    for h in bought:
        assert f" of {len(catalogue)} categories" in h.component("cross_sell").reason
        one = health.account_health(demo_store, h.account_id, today=DEMO_TODAY, save=False)
        assert one.components == h.components


def test_new_account_has_no_data_components_but_no_invented_score(store: Store) -> None:
    accounts.create(store, AccountInput(name="Nueva S.L."))
    (h,) = health.portfolio_health(store, today=DEMO_TODAY, save=False)
    no_data = [c for c in h.components if c.score is None]
    assert len(no_data) == 10
    assert h.component("data_quality").score is not None
    # data quality alone is not enough for a score or a band (issue 14)
    assert h.score is None and h.band == "insufficient_data"


def test_cached_health_is_reused_until_the_data_changes(demo_path: Path) -> None:
    from kamtui.storage.db import open_store

    store = open_store(demo_path)
    try:
        first = health.cached_portfolio_health(store, today=DEMO_TODAY)
        again = health.cached_portfolio_health(store, today=DEMO_TODAY)
        assert [id(h) for h in again] == [id(h) for h in first]  # not recomputed
        # a change through this connection invalidates it
        accounts.create(store, AccountInput(name="Otra S.L."))
        third = health.cached_portfolio_health(store, today=DEMO_TODAY)
        assert len(third) == len(first) + 1
        # a commit by another process (e.g. `kamtui log` in a shell) too
        other = open_store(demo_path)
        try:
            accounts.create(other, AccountInput(name="Desde la shell S.L."))
        finally:
            other.close()
        fourth = health.cached_portfolio_health(store, today=DEMO_TODAY)
        assert len(fourth) == len(first) + 2
        # another day is another computation
        later = health.cached_portfolio_health(store, today=DEMO_TODAY + timedelta(days=1))
        assert [id(h) for h in later] != [id(h) for h in fourth]
    finally:
        store.close()


def test_portfolio_computation_pauses_the_cyclic_gc_and_restores_it(demo_store: Store) -> None:
    import gc

    seen: list[bool] = []
    real_gather = health.gather

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real_gather(*args, **kwargs)

    assert gc.isenabled()
    health.gather = spy  # type: ignore[assignment]
    try:
        health.portfolio_health(demo_store, today=DEMO_TODAY, save=False)
        assert seen == [False] and gc.isenabled()
        acc = health.portfolio_health(demo_store, today=DEMO_TODAY, save=False)[0].account_id
        health.account_health(demo_store, acc, today=DEMO_TODAY, save=False)
        assert seen[-1] is True  # one account: nothing to pause for
    finally:
        health.gather = real_gather  # type: ignore[assignment]
    # nested and failing computations: collection resumes after the last one
    with pytest.raises(RuntimeError), gcpause.paused():
        with gcpause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()
    # turned off by someone else: stays off
    gc.disable()
    try:
        with gcpause.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_first_paint_during_a_health_computation_keeps_its_pause() -> None:
    """The app's start-up pause ends at the first paint; if health is being
    computed then, collection stays paused until that computation ends."""
    import gc

    assert gc.isenabled()
    gcpause.pause_startup()
    with gcpause.paused():
        gcpause.end_startup()
        assert not gc.isenabled()
    assert gc.isenabled()
    gcpause.end_startup()  # ending twice changes nothing
    assert gc.isenabled()


def test_whole_portfolio_health_leaves_the_store_free_for_the_ui(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole portfolio's health (seconds on a large one, in a worker)
    runs on a connection of its own: a read from another thread (the UI
    opening an account) does not wait for it. Same result, snapshots saved."""
    import threading

    expected = health.portfolio_health(demo_store, today=DEMO_TODAY, save=False)
    real = health.assess_accounts
    answered: list[bool] = []

    def slow(store: Store, **kwargs):  # type: ignore[no-untyped-def]
        with store.read():  # a long query on the computation's connection
            ui = threading.Thread(
                target=lambda: answered.append(bool(demo_store.query("SELECT 1")))
            )
            ui.start()
            ui.join(timeout=2)
            answered.append(not ui.is_alive())
        return real(store, **kwargs)

    monkeypatch.setattr(health, "assess_accounts", slow)
    result = health.cached_portfolio_health(demo_store, today=DEMO_TODAY)
    assert answered == [True, True]  # answered while the computation held its connection
    assert [(h.account_id, h.score) for h in result] == [(h.account_id, h.score) for h in expected]
    saved = demo_store.query(
        "SELECT COUNT(*) FROM health_snapshots WHERE date = ?", (DEMO_TODAY.isoformat(),)
    )
    assert saved[0][0] == len(expected)


def test_whole_portfolio_health_waits_for_a_write_in_progress(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long write on the shared connection (an import running in the app)
    while the whole portfolio's health is computed: the snapshots wait for
    it instead of failing with "database is locked"."""
    import threading
    import time
    from contextlib import contextmanager

    real_companion = Store.companion

    @contextmanager
    def impatient(self: Store):  # type: ignore[no-untyped-def]
        with real_companion(self) as other:
            other.conn.execute("PRAGMA busy_timeout = 100")  # the app waits 5 s
            yield other

    monkeypatch.setattr(Store, "companion", impatient)
    started = threading.Event()

    def long_write() -> None:
        with demo_store.write() as conn:
            conn.execute("UPDATE meta SET value = value WHERE key = 'schema'")
            started.set()
            time.sleep(0.6)

    writer = threading.Thread(target=long_write)
    writer.start()
    started.wait(2)
    result = health.cached_portfolio_health(demo_store, today=DEMO_TODAY)
    writer.join()
    assert len(result) == 14
    saved = demo_store.query(
        "SELECT COUNT(*) FROM health_snapshots WHERE date = ?", (DEMO_TODAY.isoformat(),)
    )
    assert saved[0][0] == 14


def test_data_written_while_health_computes_is_not_taken_as_computed(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An account created while the whole portfolio's health is computed (on
    its own connection) may be missing from that result: the next call
    computes again instead of serving it as up to date."""
    from kamtui.services import health_refresh

    real = health.assess_accounts
    created: list[int] = []

    def meanwhile(store: Store, **kwargs):  # type: ignore[no-untyped-def]
        result = real(store, **kwargs)  # read before the new account exists
        if not created:
            created.append(accounts.create(demo_store, AccountInput(name="Nueva Cuenta S.L.")))
        return result

    monkeypatch.setattr(health, "assess_accounts", meanwhile)
    first = health.cached_portfolio_health(demo_store, today=DEMO_TODAY)
    assert created and created[0] not in {h.account_id for h in first}
    health_refresh.STATS.reset()
    again = health.cached_portfolio_health(demo_store, today=DEMO_TODAY)
    assert created[0] in {h.account_id for h in again}
    # only the new account was computed the second time
    assert [r.recomputed for r in health_refresh.STATS.runs] == [frozenset(created)]
    assert health.cached_portfolio_health(demo_store, today=DEMO_TODAY) == again  # stored now
    assert health_refresh.STATS.computed == 1


def _catalogue_sql(store: Store, today) -> int:  # type: ignore[no-untyped-def]
    return len(
        {
            r[0]
            for r in store.query(
                "SELECT DISTINCT category FROM transactions WHERE date > ? AND date <= ?"
                " AND category IS NOT NULL",
                ((today - timedelta(days=730)).isoformat(), today.isoformat()),
            )
        }
    )


def test_catalogue_is_cached_until_a_transaction_changes_it(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One account's health (every account open) reuses the portfolio's
    catalogue while nothing changed; a new transaction with a new category
    counts at once, and so does another day."""
    aid = accounts.resolve(demo_store, "Conservas Peña").id
    scans: list[date] = []
    real = health_sql.catalogue
    monkeypatch.setattr(
        health_sql, "catalogue", lambda store, today: (scans.append(today), real(store, today))[1]
    )

    def reason() -> str:
        h = health.account_health(demo_store, aid, today=DEMO_TODAY, save=False)
        return h.component("cross_sell").reason

    before = _catalogue_sql(demo_store, DEMO_TODAY)
    assert f" of {before} categories" in reason()
    assert f" of {before} categories" in reason()
    assert scans == [DEMO_TODAY]  # the second open read no transactions

    csv = tmp_path / "t.csv"
    csv.write_text(
        "date,account,amount,category,document\n"
        f"{(DEMO_TODAY - timedelta(days=10)).isoformat()},Conservas Peña,100,Brand new line,T-1\n"
    )
    assert import_transactions(demo_store, csv).created == 1
    assert _catalogue_sql(demo_store, DEMO_TODAY) == before + 1
    assert f" of {before + 1} categories" in reason()
    assert len(scans) == 2

    tomorrow = DEMO_TODAY + timedelta(days=1)
    health.account_health(demo_store, aid, today=tomorrow, save=False)
    assert scans[-1] == tomorrow
