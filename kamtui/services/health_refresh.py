"""Incremental health: today's health of each account is stored
(`health_cache`) with the change counter it saw; triggers bump an account's
counter on every write to what feeds its health (migration "health change
counters"), whoever writes. `refresh` computes only the accounts whose
counter moved, and everything after a day change, a settings change or a
change to a portfolio-wide input (the catalogue); a change to duplicate
keys recomputes the accounts whose suspected duplicates changed.

The result is the same as a whole-portfolio computation, account by
account (tests/services/test_health_incremental.py)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import kamtui
from kamtui import gcpause
from kamtui.config import Config
from kamtui.domain import health as dh
from kamtui.domain.health import serial
from kamtui.services import health
from kamtui.services.followups import due_account_ids
from kamtui.services.health_child import Children
from kamtui.storage import health as health_sql
from kamtui.storage import health_cache as sql
from kamtui.storage.db import Store

# Bump when what a stored result means changes (the engine, Health's fields):
# every stored health is then computed again.
FORMAT = 1
# More changed accounts than this: the set-wise whole-portfolio computation
# is cheaper than account by account (a few ms each).
FULL_ABOVE = 400
# More accounts than this: the app's whole computations run in a child
# process. Fewer take well under a second here, less than starting a
# Python process (~0.3 s) costs.
CHILD_ABOVE = 1000


@dataclass(frozen=True)
class Refreshed:
    """What one `refresh` computed: the accounts (live or not) whose stored
    health it replaced, whether it was the whole portfolio, and the CPU
    seconds it spent (this thread's)."""

    recomputed: frozenset[int] = frozenset()
    full: bool = False
    cpu: float = 0.0
    # A whole computation was needed but not allowed (`allow_full=False`),
    # or the app closed while a child process computed it.
    pending: bool = False
    # The child process that computed it (`services/health_child.py`) and
    # its CPU seconds; or why it was computed here instead.
    child: int | None = None
    child_cpu: float = 0.0
    fallback: str = ""


@dataclass
class Stats:
    """Every refresh of this process (tests and benchmarks read it)."""

    runs: list[Refreshed] = field(default_factory=list)

    @property
    def computed(self) -> int:
        return sum(len(r.recomputed) for r in self.runs)

    @property
    def full(self) -> int:
        return sum(1 for r in self.runs if r.full)

    def reset(self) -> None:
        self.runs.clear()


STATS = Stats()
# One whole-portfolio computation at a time: a second caller waits and then
# finds it done.
_whole = threading.Lock()


def fingerprint(config: Config) -> str:
    """The settings (weights, thresholds) and the engine a stored result
    was computed with."""
    text = f"{FORMAT}|{kamtui.__version__}|{config.model_dump_json()}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def refresh(
    store: Store,
    *,
    today: date,
    config: Config,
    allow_full: bool = True,
    children: Children | None = None,
) -> Refreshed:
    """Bring the stored health up to date: compute the accounts that
    changed (or all of them, on a connection of its own, when the day, the
    settings or the catalogue changed). `allow_full=False` (right after a
    save) leaves a whole computation to the background. `children` (the
    app's): a whole computation of a large portfolio runs in a child
    process, so that its seconds of CPU leave the app's UI thread its GIL;
    it runs here if the child fails."""
    started = time.thread_time()
    fp, iso = fingerprint(config), today.isoformat()
    st = sql.state(store)
    n_total, cat_total, keys_total = sql.totals(store)  # before reading what changed
    valid = st is not None and st.get("day") == iso and st.get("fingerprint") == fp
    if valid and st is not None and st.get("totals") == [n_total, cat_total, keys_total]:
        # No counter moved since the last save read them (a save never
        # replaces a newer result with an older one: sql.save).
        return _done(Refreshed(cpu=time.thread_time() - started))
    stale = sql.stale(store, today)
    catalogue: int | None = st.get("catalogue") if st is not None else None
    if valid and st is not None and st.get("catalogue_total") != cat_total:
        now = health_sql.catalogue(store, today)
        valid = now == catalogue
        catalogue = now
    if not valid or len(stale) > FULL_ABOVE:
        if not allow_full:
            return Refreshed(pending=True)
        return _whole_portfolio(store, today, config, fp, started, children)
    assert st is not None and catalogue is not None
    keys_changed = st.get("keys_total") != keys_total
    totals = [n_total, cat_total, keys_total]
    if not stale and not keys_changed and st.get("catalogue_total") == cat_total:
        # Counters moved for results already stored (by a computation that
        # read them later): the state takes the totals, for the quick path.
        sql.save_state(store, {**st, "totals": totals})
        return _done(Refreshed(cpu=time.thread_time() - started))
    dups = sql.stored_duplicates(store, stale)
    if keys_changed or any(a not in dups for a in stale):
        keys = sql.duplicate_keys(store)
        dups = health.duplicates_of(keys, keys, health_sql.not_duplicate_accounts(store))
        before = sql.all_duplicates(store)
        moved = [a for a, names in dups.items() if before.get(a) != names]
        stale.update(sql.counters(store, [a for a in moved if a not in stale]))
    new_state = {
        "day": iso,
        "fingerprint": fp,
        "catalogue": catalogue,
        "catalogue_total": cat_total,
        "keys_total": keys_total,
        "totals": totals,
    }
    ids = sorted(stale)
    pairs, _ = health.assess_accounts(
        store, today=today, config=config, account_ids=ids, catalogue=catalogue, duplicates=dups
    )
    due = due_account_ids(store, today=today, account_ids=ids) if ids else set()
    _store(store, today, stale, pairs, due, new_state, everything=False)
    return _done(Refreshed(frozenset(stale), False, time.thread_time() - started))


def _whole_portfolio(
    store: Store,
    today: date,
    config: Config,
    fp: str,
    started: float,
    children: Children | None,
) -> Refreshed:
    with _whole:
        st = sql.state(store)
        if (
            st is not None
            and st.get("day") == today.isoformat()
            and st.get("fingerprint") == fp
            and st.get("totals") == list(sql.totals(store))
        ):
            return Refreshed()  # another caller computed it meanwhile
        fallback = ""
        if _in_child(store, children):
            assert children is not None
            outcome = children.compute(store, today, config, fp)
            if outcome.ok:
                cpu = time.thread_time() - started
                return _done(
                    Refreshed(outcome.accounts, True, cpu, child=outcome.pid, child_cpu=outcome.cpu)
                )
            if outcome.stopped:  # the app is closing: nothing more to compute
                return Refreshed(pending=True)
            fallback = outcome.why  # computed here after all, as without a child
        # Seconds of work on a connection of its own: the store stays free
        # for the UI. The collector stays paused until the million objects
        # made are stored and dropped (a full collection walking them while
        # they are serialised held the UI thread up to ~0.8 s).
        with gcpause.paused(), store.companion() as own:
            counters = compute_whole(own, store, today, config, fp)
    cpu = time.thread_time() - started
    return _done(Refreshed(frozenset(counters), True, cpu, fallback=fallback))


def _in_child(store: Store, children: Children | None) -> bool:
    """A whole computation for the app (`children`) of a large portfolio in
    a file it may write: in a child process."""
    return (
        children is not None
        and not store.readonly  # the child would write to a file opened read-only
        and store.path.is_file()
        and sql.account_count(store) > CHILD_ABOVE
    )


def compute_whole(
    read: Store, write: Store, today: date, config: Config, fp: str
) -> dict[int, int]:
    """Compute every account's health for `today` from `read` and store it
    (and today's snapshots) through `write`, in one transaction; the change
    counter of each account it stored. In the app's process (`read` a
    companion connection) or in a child process (`services/health_worker.py`,
    both its one connection)."""
    counters = sql.counters(read)  # before reading: a write meanwhile shows next time
    n_total, cat_total, keys_total = sql.totals(read)
    # Before the million objects of the computation: what SQLite's query
    # needs meanwhile (~15 MB) then adds nothing to the peak.
    due = due_account_ids(read, today=today)
    pairs, catalogue = health.assess_accounts(read, today=today, config=config)
    # The contact-map analyses cached on this connection: not needed for
    # storing, and ~10 MB less to hold while it does.
    read.cache.clear()
    if catalogue is None:
        catalogue = health_sql.catalogue(read, today)
    new_state = {
        "day": today.isoformat(),
        "fingerprint": fp,
        "catalogue": catalogue,
        "catalogue_total": cat_total,
        "keys_total": keys_total,
        "totals": [n_total, cat_total, keys_total],
    }
    # Saved through the shared connection (in the app): a write in progress
    # there (an import) is waited for, where a second connection would time
    # out.
    _store(write, today, counters, pairs, due, new_state, everything=True)
    return counters


def _store(
    store: Store,
    today: date,
    counters: dict[int, int],
    pairs: list[tuple[dh.Health, list[str]]],
    due: set[int],
    new_state: dict[str, Any],
    *,
    everything: bool,
) -> None:
    computed = {h.account_id: (h, dups) for h, dups in pairs}

    def rows() -> Iterator[sql.Row]:
        # One row at a time, as the insert takes them: 10,000 records and
        # their JSON held at once were ~30 MB of a whole computation's peak.
        for account_id, n in counters.items():
            found = computed.get(account_id)
            if found is None:  # not a live account
                yield (account_id, n, None, None, None, None, "", 0, 0, [], None)
                continue
            h, dups = found
            yield (
                account_id,
                n,
                h.score,
                h.band,
                h.shape,
                h.wallet_share,
                ",".join(r.rule for r in h.revitalisation),
                int(bool(h.perception_gap and h.perception_gap.flagged)),
                int(account_id in due),
                dups,
                serial.to_record(h),
            )

    with store.write(activity="saving health"):
        sql.save(store, today, rows(), new_state, everything=everything)
        health.save_snapshots(store, today, [h for h, _ in pairs])


def _done(result: Refreshed) -> Refreshed:
    STATS.runs.append(result)
    return result


def stamps(store: Store, since: int = -1) -> dict[int, int]:
    """The stamp of each live account's stored health saved after `since`."""
    return sql.stamps(store, since)


def stored(store: Store, account_ids: Iterable[int] | None = None) -> dict[int, dh.Health]:
    """The stored health of live accounts (all, or these), as computed."""
    return {a: serial.from_record(r) for a, r in sql.assessments(store, account_ids)}


def current(
    store: Store, *, today: date, config: Config, children: Children | None = None
) -> list[dh.Health]:
    """Every live account's health for `today` (refreshed first), by
    account id; the objects of accounts whose stored result did not change
    (same stamp) are the ones returned last time."""
    refresh(store, today=today, config=config, children=children)
    key = (today, fingerprint(config))
    hit = store.cache.get("health_objects")
    objects: dict[int, dh.Health] = {}
    seen: dict[int, int] = {}
    if hit is not None and hit[0] == key:
        objects, seen = hit[1], hit[2]
    now = sql.stamps(store)
    kept = {a: h for a, h in objects.items() if a in now and seen.get(a) == now[a]}
    kept.update(stored(store, [a for a in now if a not in kept]))
    store.cache["health_objects"] = (key, kept, now)
    return [kept[a] for a in sorted(kept)]
