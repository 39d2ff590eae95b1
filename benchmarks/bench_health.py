"""2. Relationship health for the whole portfolio (kamtui.services.health
`portfolio_health`, everything the portfolio's health column needs) against
the raw SQL aggregates it needs, run with plain sqlite3 and fetchall: per
account interaction, complaint, transaction, wallet and people figures, the
contact map's people, links and recent pair contacts, and the goals."""

from __future__ import annotations

import sqlite3
import sys
from datetime import date, timedelta

from _common import ROOT, Scratch, large_today, median, parser, report, require_db, timed

sys.path.insert(0, str(ROOT))


def floor_queries(today: date) -> list[tuple[str, dict[str, str]]]:
    iso = date.isoformat
    p = {
        "today": iso(today),
        "tomorrow": iso(today + timedelta(days=1)),
        "win": iso(today - timedelta(days=180)),
        "y1": iso(today - timedelta(days=365)),
        "y2": iso(today - timedelta(days=730)),
        "verified": iso(today - timedelta(days=365)),
    }
    return [
        (
            "SELECT id, name, name_key, tax_id, account_number, industry, owner, phone, email,"
            " address, cadence_days FROM accounts WHERE deleted_at IS NULL",
            {},
        ),
        (
            "SELECT account_id, COUNT(*), MIN(occurred_at), MAX(occurred_at),"
            " MAX(CASE WHEN level IN ('strategic', 'satisfaction') THEN occurred_at END),"
            " SUM(occurred_at >= :win), SUM(occurred_at >= :win AND level != 'operational'),"
            " SUM(CASE WHEN occurred_at >= :win THEN mood END),"
            " SUM(occurred_at >= :win AND mood IS NOT NULL)"
            " FROM interactions WHERE deleted_at IS NULL AND occurred_at < :tomorrow"
            " GROUP BY account_id",
            p,
        ),
        (
            "SELECT account_id, COUNT(*), SUM(resolved_at IS NULL OR resolved_at >= :tomorrow),"
            " MIN(CASE WHEN resolved_at IS NULL THEN opened_at END) FROM complaints"
            " WHERE deleted_at IS NULL AND opened_at < :tomorrow GROUP BY account_id",
            p,
        ),
        (
            "SELECT account_id, julianday(resolved_at) - julianday(opened_at) FROM complaints"
            " WHERE deleted_at IS NULL AND resolved_at >= :y1 AND resolved_at < :tomorrow",
            p,
        ),
        (
            "SELECT account_id, TOTAL(CASE WHEN date > :y1 THEN amount END),"
            " TOTAL(CASE WHEN date > :y2 AND date <= :y1 THEN amount END), MIN(date), MAX(date),"
            " COUNT(DISTINCT CASE WHEN date > :y1 THEN date END),"
            " COUNT(DISTINCT CASE WHEN date <= :y1 THEN date END),"
            " COUNT(DISTINCT CASE WHEN date > :y1 THEN category END),"
            " COUNT(DISTINCT CASE WHEN date > :y2 AND date <= :y1 THEN category END)"
            " FROM transactions WHERE date <= :today GROUP BY account_id",
            p,
        ),
        (
            "SELECT COUNT(DISTINCT category) FROM transactions WHERE date > :y2 AND date <= :today",
            p,
        ),
        (
            "SELECT account_id, year, TOTAL(amount) FROM wallet_estimates"
            " GROUP BY account_id, year",
            {},
        ),
        (
            "SELECT account_id, COUNT(*), SUM(side = 'theirs'),"
            " SUM(side = 'theirs' AND verified_at >= :verified) FROM people"
            " WHERE deleted_at IS NULL GROUP BY account_id",
            p,
        ),
        # the contact map: people, links, and each link's recent shared interactions
        (
            "SELECT id, account_id, side, name, function, decision_role, leaving FROM people"
            " WHERE deleted_at IS NULL",
            {},
        ),
        (
            "SELECT id, account_id, our_person_id, their_person_id, strength FROM links"
            " WHERE deleted_at IS NULL",
            {},
        ),
        (
            "WITH r AS MATERIALIZED (SELECT p.interaction_id AS iid, p.person_id AS pid,"
            " i.occurred_at AS occ FROM interactions i"
            " JOIN interaction_participants p ON p.interaction_id = i.id"
            " WHERE i.occurred_at >= :win AND i.deleted_at IS NULL)"
            " SELECT l.id, MAX(r.occ), COUNT(*) FROM r"
            " JOIN links l ON l.our_person_id = r.pid AND l.deleted_at IS NULL"
            " JOIN interaction_participants b ON b.interaction_id = r.iid"
            " AND b.person_id = l.their_person_id GROUP BY l.id",
            p,
        ),
        # goals with their action items
        (
            "SELECT g.*, (SELECT COUNT(*) FROM goal_actions a WHERE a.goal_id = g.id"
            " AND a.done_at IS NULL) FROM goals g WHERE g.deleted_at IS NULL"
            " AND g.status = 'active'",
            {},
        ),
    ]


def floor(path: str, today: date) -> float:
    conn = sqlite3.connect(path)
    try:
        elapsed, _ = timed(
            lambda: [conn.execute(sql, params).fetchall() for sql, params in floor_queries(today)]
        )
    finally:
        conn.close()
    return elapsed


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    db = require_db(args.db)
    runs = args.runs or 5
    today = date.fromisoformat(large_today(db))
    try:
        from kamtui.config import Config
        from kamtui.services.health import cached_portfolio_health, portfolio_health
        from kamtui.storage.db import open_store
    except ImportError as exc:
        report("2 health, whole portfolio", kamtui=None, skipped=f"kamtui health missing ({exc})")
        return
    with Scratch(db, args.work) as scratch:
        floor(str(scratch.path), today)  # warm the page cache
        store = open_store(scratch.path)
        try:
            config = Config()
            kam, base, saved = [], [], []
            n = 0
            for _ in range(runs):
                store.cache.clear()  # a cold computation: no cached contact maps
                t, result = timed(
                    lambda: portfolio_health(store, today=today, config=config, save=False)
                )
                kam.append(t)
                n = len(result)
                base.append(floor(str(scratch.path), today))
            store.cache.clear()
            t, _ = timed(lambda: portfolio_health(store, today=today, config=config, save=True))
            saved.append(t)
            # what the portfolio screen does when nothing changed: the cached result
            cached_portfolio_health(store, today=today, config=config)
            cached, _ = timed(lambda: cached_portfolio_health(store, today=today, config=config))
        finally:
            store.close()
    k, f = median(kam), median(base)
    print(
        f"  {n:,} accounts; with today's snapshots saved: {saved[0]:.2f} s;"
        f" cached (nothing changed): {cached * 1000:.1f} ms",
        file=sys.stderr,
    )
    report(
        "2 health, whole portfolio",
        kamtui=k,
        floor=f,
        target="ratio <= 2",
        ok=k / f <= 2,
        extra={"accounts": n, "with_save": saved[0], "cached": cached},
    )


if __name__ == "__main__":
    main()
