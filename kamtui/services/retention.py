"""Retention and review: the trash purged after `privacy.trash_days`
(`kamtui purge`, and once a day when the app opens), and the privacy report
(`kamtui privacy report`): people with no lawful basis, withdrawn consent
with data kept, details not checked within a year, trash past retention,
people of accounts closed long ago."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from kamtui.config import PrivacyConfig
from kamtui.storage import erasure as erase_sql
from kamtui.storage import privacy as sql
from kamtui.storage.db import Store
from kamtui.storage.errors import StorageError

LAST_PURGE = "privacy.last_purge"


def _cutoff(today: date, days: int) -> str:
    """Records trashed before the start of this day are past `days`."""
    return datetime.combine(today - timedelta(days=days), time()).isoformat()


def trash_past(store: Store, *, today: date, days: int) -> list[dict[str, Any]]:
    """Records in the trash for more than `days` days (kind, id, label, deleted_at)."""
    return [dict(r) for r in sql.trashed_before(store, _cutoff(today, days))]


@dataclass
class PurgeResult:
    purged: list[dict[str, Any]]
    clean: bool = True  # the physical clean-up finished


def purge(store: Store, *, today: date, days: int, thorough: bool = True) -> PurgeResult:
    """Delete for good what has been in the trash more than `days` days, in one
    transaction, with freed space zeroed (secure_delete). `thorough` also runs
    the physical clean-up (search-index merge, VACUUM, WAL truncated), as an
    erasure does; the automatic purge leaves that out so the app never waits
    for a VACUUM, and freed pages are zeroed all the same."""
    items = trash_past(store, today=today, days=days)
    with erase_sql.secure_delete(store), store.write(activity="purge of the trash") as conn:
        if items:
            sql.purge(conn, [(i["kind"], int(i["id"])) for i in items])
            if thorough:
                erase_sql.mark_pending(conn)
        sql.set_meta(conn, LAST_PURGE, today.isoformat())
    store.cache.clear()
    result = PurgeResult(items)
    if items and thorough:
        try:
            result.clean = erase_sql.cleanup(store)
        except (sqlite3.Error, StorageError):  # the marker stays; the next open finishes it
            result.clean = False
    return result


def purge_due(store: Store, *, today: date) -> bool:
    """Whether the daily automatic purge has not run today yet."""
    return sql.meta_value(store, LAST_PURGE) != today.isoformat()


def auto_purge(store: Store, *, today: date, config: PrivacyConfig) -> int:
    """The app's purge when it opens (in a worker): how many records went.
    Looking costs one read on a second connection (the screens' reads never
    wait for it); nothing is written when nothing is past retention, and
    once it purged, not again that day."""
    if store.readonly or not purge_due(store, today=today):
        return 0
    with store.companion() as other:
        if not trash_past(other, today=today, days=config.trash_days):
            return 0
    purged = purge(store, today=today, days=config.trash_days, thorough=False).purged
    if purged:
        _merge_indexes(store)
    return len(purged)


def _merge_indexes(store: Store) -> None:
    """After the automatic purge: FTS5 keeps a deleted row's words in its
    older segments until they merge, so merge them (freed pages zeroed). It
    rewrites the whole index: 8.5 s on the large demo's million interactions
    (a niced run on a busy 2-core machine), so it runs on a second
    connection, and the app's reads do not queue behind it. If it cannot run
    now (busy), the next purge or erasure merges them."""
    try:
        with (
            store.companion() as other,
            erase_sql.secure_delete(other),
            other.write(activity="search index merged after a purge") as conn,
        ):
            erase_sql.merge_indexes(conn)
    except (sqlite3.Error, StorageError):
        return


# -- the report ---------------------------------------------------------------------


@dataclass
class PrivacyReport:
    today: date
    config: PrivacyConfig
    no_lawful_basis: list[dict[str, Any]] = field(default_factory=list)
    consent_withdrawn: list[dict[str, Any]] = field(default_factory=list)
    not_verified: list[dict[str, Any]] = field(default_factory=list)
    trash_past_retention: list[dict[str, Any]] = field(default_factory=list)
    closed_accounts: list[dict[str, Any]] = field(default_factory=list)

    SECTIONS = (
        ("no_lawful_basis", "People with no lawful basis"),
        ("consent_withdrawn", "Consent withdrawn, data kept"),
        ("not_verified", "Details not checked within the review period"),
        ("trash_past_retention", "In the trash past retention"),
        ("closed_accounts", "People of accounts closed long ago (review)"),
    )

    @property
    def problems(self) -> int:
        return sum(len(getattr(self, key)) for key, _ in self.SECTIONS)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "today": self.today.isoformat(),
            "trash_days": self.config.trash_days,
            "closed_account_years": self.config.closed_account_years,
            "verify_within_days": self.config.verify_within_days,
        }
        for key, _ in self.SECTIONS:
            out[key] = getattr(self, key)
        return out


def _people(rows: Any) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        item = dict(r)
        if "do_not_contact" in item:
            item["do_not_contact"] = bool(item["do_not_contact"])
        out.append(item)
    return out


def report(store: Store, *, today: date, config: PrivacyConfig | None = None) -> PrivacyReport:
    cfg = config or PrivacyConfig()
    verify_day = (today - timedelta(days=cfg.verify_within_days)).isoformat()
    try:
        closed_day = today.replace(year=today.year - cfg.closed_account_years)
    except ValueError:  # 29 February
        closed_day = today.replace(year=today.year - cfg.closed_account_years, day=28)
    return PrivacyReport(
        today,
        cfg,
        no_lawful_basis=_people(sql.no_lawful_basis(store)),
        consent_withdrawn=_people(sql.consent_withdrawn(store)),
        not_verified=_people(sql.not_verified_since(store, verify_day)),
        trash_past_retention=trash_past(store, today=today, days=cfg.trash_days),
        closed_accounts=_people(sql.closed_account_people(store, closed_day.isoformat())),
    )
