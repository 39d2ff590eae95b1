"""Relationship health for the whole portfolio or one account, computed
set-wise, with a dated snapshot per account (one per day) for trends."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from kamtui import gcpause
from kamtui.config import Config
from kamtui.domain import health as dh
from kamtui.services import goals, people
from kamtui.services.errors import NotFound
from kamtui.storage import health as sql
from kamtui.storage.db import Store

if TYPE_CHECKING:
    from kamtui.services.health_child import Children

IDENTIFYING_FIELDS = ("account_number", "tax_id", "industry", "owner", "phone", "email", "address")


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _map_analyses(
    store: Store, today: date, config: Config, account_ids: list[int] | None
) -> dict[int, Any]:
    """Contact-map analyses of every live account with people (or of some)."""
    if account_ids is not None:
        return {a: people.map_analysis(store, a, today=today, config=config) for a in account_ids}
    return people.map_analyses(store, today=today, config=config)


def _goal_counts(
    store: Store, today: date, config: Config, account_ids: list[int] | None
) -> dict[int, dict[str, int]]:
    if account_ids is None:
        progress = goals.portfolio_goals(store, today, config=config, with_actions=False)
    else:
        progress = [
            g
            for a in account_ids
            for g in goals.account_goals(store, a, today, config=config, include_closed=False)
        ]
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for g in progress:
        if g.start_date[:10] <= today.isoformat():
            counts[g.account_id][g.status] += 1
    return counts


def gather(
    store: Store,
    *,
    today: date,
    config: Config,
    account_id: int | None = None,
    account_ids: list[int] | None = None,
    catalogue: int | None = None,
    duplicates: dict[int, list[str]] | None = None,
) -> list[dh.AccountFacts]:
    """The engine's inputs for every account (or one, or some): a fixed
    handful of queries, whatever the number of accounts. The portfolio-wide
    inputs may be given (`catalogue`, `duplicates`: each account's suspected
    duplicates) when known to be current (incremental health)."""
    hc = config.health
    ids = [account_id] if account_id is not None else account_ids
    # One query at a time (not one long lock): the UI thread may need the
    # connection between them.
    accounts = sql.accounts(store, ids)
    facts = {
        a["id"]: dh.AccountFacts(
            account_id=a["id"],
            name=a["name"],
            cadence_days=a["cadence_days"],
            fields_present=sum(1 for f in IDENTIFYING_FIELDS if a[f]),
            fields_total=len(IDENTIFYING_FIELDS),
        )
        for a in accounts
    }
    if not facts:  # no such live account: nothing to analyse
        return []
    inter = sql.interactions(store, today, hc.conversation_window_days, hc.mood_window_days, ids)
    comp = sql.complaints(store, today, ids)
    resolved = sql.resolution_days(store, today, ids)
    txs = sql.transactions(store, today, ids)
    wallet = sql.wallet(store, today.year, ids)
    map_people = sql.people(store, today - timedelta(days=hc.verified_within_days), ids)
    for r in inter:
        f = facts.get(r["account_id"])
        if f is None:
            continue
        f.interactions_total = r["n"]
        f.first_interaction = _date(r["first"])
        f.last_interaction = _date(r["last"])
        f.last_deep = _date(r["last_deep"])
        f.interactions_window = r["n_win"] or 0
        f.deep_window = r["deep_win"] or 0
        f.mood_sum = float(r["mood_sum"] or 0)
        f.mood_count = r["mood_n"] or 0
    for r in comp:
        if f := facts.get(r["account_id"]):
            f.complaints_total = r["total"]
            f.open_complaints = r["open_n"] or 0
            f.oldest_open = _date(r["oldest"])
    for r in resolved:
        if (f := facts.get(r["account_id"])) and r["days"] is not None:
            f.resolution_days.append(float(r["days"]))
    bought: set[str] = set()  # the portfolio's catalogue: every account, deleted ones too
    for r in txs:
        cats12, catsp12 = sql.categories(r["cats12"]), sql.categories(r["catsp12"])
        bought.update(cats12)
        bought.update(catsp12)
        if f := facts.get(r["account_id"]):
            f.revenue_12m = r["r12"]
            f.revenue_prev_12m = r["p12"]
            f.first_order = _date(r["first"])
            f.last_order = _date(r["last"])
            f.order_days_recent = r["days_recent"]
            f.order_days_before = r["days_before"]
            f.categories_12m = len(cats12)
            f.categories_prev_12m = len(catsp12)
    if ids is None:
        catalogue = len(bought)
    elif catalogue is None:
        catalogue = cached_catalogue(store, today)
    for f in facts.values():
        f.catalogue = catalogue
    by_year: dict[int, dict[int, float]] = defaultdict(dict)
    for r in wallet:
        by_year[r["account_id"]][r["year"]] = r["amount"]
    for acc, years in by_year.items():
        if (f := facts.get(acc)) and years:
            latest = max(years)
            f.wallet_year, f.wallet_estimate = latest, years[latest]
            f.wallet_prev_estimate = years.get(latest - 1)
    for r in map_people:
        if f := facts.get(r["account_id"]):
            f.map_people = r["n"]
            f.their_people = r["theirs"] or 0
            f.verified_recent = r["verified"] or 0
    if duplicates is not None:
        for acc, f in facts.items():
            f.duplicates = list(duplicates.get(acc, ()))
    else:
        apart = sql.not_duplicate_accounts(store)
        if ids is None:
            _mark_duplicates(facts, duplicates_of(accounts, accounts, apart))
        else:
            for a in accounts:
                found = sql.possible_duplicates(store, a["id"])
                _mark_duplicates(facts, duplicates_of([a], found, apart))
    live = None if ids is None else list(facts)
    for acc, analysis in _map_analyses(store, today, config, live).items():
        if f := facts.get(acc):
            f.map = analysis
    for acc, counts in _goal_counts(store, today, config, live).items():
        if f := facts.get(acc):
            f.goals_on_track = counts.get("on_track", 0)
            f.goals_behind = counts.get("behind", 0)
            f.goals_done = counts.get("done", 0)
    return list(facts.values())


def _mark_duplicates(facts: dict[int, dh.AccountFacts], found: dict[int, list[str]]) -> None:
    for acc, names in found.items():
        facts[acc].duplicates = names


def duplicates_of(
    accounts: list[Any], others: list[Any], apart: set[tuple[int, int]] | None = None
) -> dict[int, list[str]]:
    """Accounts sharing a folded name or a tax id are suspected duplicates:
    the names of each of `accounts`' among `others` (rows with id, name,
    name_key, tax_id), but those marked not a duplicate of it (`apart`:
    pairs of ids, smaller first)."""
    apart = apart or set()
    by_key: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for a in others:
        by_key[("name", a["name_key"])].append(a)
        if a["tax_id"]:
            by_key[("tax", a["tax_id"].replace(" ", "").upper())].append(a)
    out: dict[int, list[str]] = {}
    for a in accounts:
        keys = [("name", a["name_key"])]
        if a["tax_id"]:
            keys.append(("tax", a["tax_id"].replace(" ", "").upper()))
        me = a["id"]
        names = {
            o["name"]
            for k in keys
            for o in by_key.get(k, [])
            if o["id"] != me and (min(me, o["id"]), max(me, o["id"])) not in apart
        }
        out[a["id"]] = sorted(names)
    return out


def portfolio_health(
    store: Store,
    *,
    today: date,
    config: Config | None = None,
    save: bool = True,
    account_id: int | None = None,
) -> list[dh.Health]:
    """Health of every account (or of one), saving today's snapshots."""
    config = config or Config()
    pairs, _ = assess_accounts(store, today=today, config=config, account_id=account_id)
    result = [h for h, _ in pairs]
    if save:
        save_snapshots(store, today, result)
    return result


def assess_accounts(
    store: Store,
    *,
    today: date,
    config: Config,
    account_id: int | None = None,
    account_ids: list[int] | None = None,
    catalogue: int | None = None,
    duplicates: dict[int, list[str]] | None = None,
) -> tuple[list[tuple[dh.Health, list[str]]], int | None]:
    """Each live account's health (every account's, one's or some's) with
    its suspected duplicates (what incremental health stores beside it),
    and the portfolio's catalogue it used (None when no account was live)."""
    hc = config.health
    # A whole portfolio makes ~1M acyclic objects: the collector would walk the
    # heap ~10 times for nothing (~15 % of the time on 10,000 accounts).
    whole = account_id is None and account_ids is None
    with gcpause.paused() if whole else nullcontext():
        facts = gather(
            store,
            today=today,
            config=config,
            account_id=account_id,
            account_ids=account_ids,
            catalogue=catalogue,
            duplicates=duplicates,
        )
        w = dh.weights(hc)
        pairs = [(dh.assess(f, today, hc, w), f.duplicates) for f in facts]
        return pairs, facts[0].catalogue if facts else None


def save_snapshots(store: Store, today: date, result: list[dh.Health]) -> None:
    """Today's snapshot of each account's score (one per account and day)."""
    if not result:
        return
    sql.save_snapshots(
        store,
        today,
        (
            (
                h.account_id,
                h.score,
                h.band,
                [{"name": c.key, "score": c.score} for c in h.components],
            )
            for h in result
        ),
    )


def cached_catalogue(store: Store, today: date) -> int:
    """The categories the portfolio bought in two years (`sql.catalogue`: a
    scan of every transaction, ~300 ms on 2M), reused while the day and the
    database are the same: one account's health needs it on every open."""
    marker = store.change_marker()  # before reading: a write meanwhile misses next time
    hit = store.cache.get("catalogue")
    if hit is not None and hit[0] == today and hit[1] == marker:
        return int(hit[2])
    found = sql.catalogue(store, today)
    store.cache["catalogue"] = (today, marker, found)
    return found


def cached_portfolio_health(
    store: Store, *, today: date, config: Config | None = None, children: Children | None = None
) -> list[dh.Health]:
    """Every live account's health for `today`, by account id: the stored
    results, computing only the accounts that changed since
    (`health_refresh.refresh`; a whole computation in a child process with
    the app's `children`); the Health objects are kept while their
    account's stored result is the same."""
    from kamtui.services import health_refresh  # it builds on this module

    return health_refresh.current(store, today=today, config=config or Config(), children=children)


def account_health(
    store: Store, account_id: int, *, today: date, config: Config | None = None, save: bool = True
) -> dh.Health:
    found = portfolio_health(store, today=today, config=config, save=save, account_id=account_id)
    if not found:
        raise NotFound(f"no account with id {account_id}")
    return found[0]


@dataclass(frozen=True)
class Snapshot:
    date: str
    score: float | None
    band: str | None
    components: dict[str, float | None]


def history(store: Store, account_id: int) -> list[Snapshot]:
    out = []
    for r in sql.snapshots(store, account_id):
        try:
            parts = {c["name"]: c["score"] for c in json.loads(r["components"] or "[]")}
        except (ValueError, TypeError, KeyError):
            parts = {}
        out.append(Snapshot(r["date"], r["score"], r["band"], parts))
    return out


def trends(
    store: Store, *, today: date, days: int = 90, include_today: bool = True
) -> dict[int, list[tuple[str, float | None]]]:
    """Each account's dated snapshot scores of the last `days` up to today,
    oldest first (for sparklines and arrows)."""
    out: dict[int, list[tuple[str, float | None]]] = defaultdict(list)
    until = today if include_today else today - timedelta(days=1)
    for account_id, day, score in sql.snapshot_scores(store, today - timedelta(days=days), until):
        out[account_id].append((day, score))
    return dict(out)


def trend_scores(
    store: Store,
    *,
    today: date,
    days: int = 90,
    include_today: bool = True,
    account_ids: list[int] | None = None,
) -> dict[int, tuple[float | None, ...]]:
    """The scores of `trends` without their dates (what the portfolio's trend
    column draws), cheaper to build for 10,000 accounts."""
    until = today if include_today else today - timedelta(days=1)
    return sql.snapshot_score_series(store, today - timedelta(days=days), until, account_ids)


def latest(store: Store) -> dict[int, tuple[float | None, str | None]]:
    """The newest stored score and band per account: shown at once while the
    fresh computation runs."""
    return {r["account_id"]: (r["score"], r["band"]) for r in sql.latest_snapshots(store)}


def backfill(
    store: Store,
    *,
    today: date,
    config: Config | None = None,
    weeks: int = 26,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Weekly snapshots for the past `weeks`, computed from the data as it
    stood on each day (everything is dated), so trends show from day one."""
    config = config or Config()
    days = [today - timedelta(weeks=w) for w in range(weeks, 0, -1)]
    for i, day in enumerate(days, 1):
        portfolio_health(store, today=day, config=config)
        if progress:
            progress(i, len(days))
    return len(days)
