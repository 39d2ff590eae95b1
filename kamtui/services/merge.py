"""Merging two accounts (or two people of one account) into one, and undoing
it: shared by `kamtui merge` and the app's merge dialog.

A merge is one transaction: every record of the source moves to the target,
the target's empty fields are filled, the source's number and name become
identifiers of the target ("former number", "former name"), the source goes
to the trash, and today's health snapshot of the target is computed again
from the union of both histories. The journal (`merges`, `merge_moves`)
lets `undo` put everything back. A preview is the same merge run and rolled
back, so it says exactly what the merge will do."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from kamtui.domain.merge import MergeSummary, UndoReport
from kamtui.services.errors import NotFound, ServiceError
from kamtui.storage import merge as sql
from kamtui.storage import merge_undo
from kamtui.storage.db import Store, now_iso

if TYPE_CHECKING:
    from kamtui.config import Config

KINDS = ("account", "person")


def _summary(
    kind: str, source: dict[str, Any], target: dict[str, Any], account: dict[str, Any], data: Any
) -> MergeSummary:
    return MergeSummary(
        kind=kind,
        source_id=source["id"],
        source_name=source["name"],
        target_id=target["id"],
        target_name=target["name"],
        account_id=account["id"],
        account_name=account["name"],
        moved=dict(data["moved"]),
        filled=[(f, v) for f, v in data["filled"]],
        appended=list(data["appended"]),
        identifiers=[(u, n) for u, n in data["identifiers"]],
        kept=dict(data["kept"]),
        dropped=dict(data["dropped"]),
        renamed=dict(data["renamed"]),
        people_in_both=list(data["people_in_both"]),
        notes=list(data["notes"]),
    )


def _accounts(store: Store, source_id: int, target_id: int) -> tuple[dict[str, Any], ...]:
    if source_id == target_id:
        raise ServiceError("an account cannot be merged into itself: name two different accounts")
    with store.read() as conn:
        source = sql.live_row(conn, "accounts", source_id)
        target = sql.live_row(conn, "accounts", target_id)
    for row, row_id in ((source, source_id), (target, target_id)):
        if row is None:
            raise NotFound(f"no account #{row_id} (deleted, or in the trash)")
    assert source is not None and target is not None
    return source, target


def _people(
    store: Store, account_id: int, source_id: int, target_id: int
) -> tuple[dict[str, Any], ...]:
    if source_id == target_id:
        raise ServiceError("a person cannot be merged into themselves: name two different people")
    with store.read() as conn:
        account = sql.live_row(conn, "accounts", account_id)
        source = sql.live_row(conn, "people", source_id)
        target = sql.live_row(conn, "people", target_id)
    if account is None:
        raise NotFound(f"no account #{account_id} (deleted, or in the trash)")
    for row, row_id in ((source, source_id), (target, target_id)):
        if row is None or row["account_id"] != account_id:
            raise NotFound(f"no person #{row_id} on {account['name']} (or in the trash)")
    assert source is not None and target is not None
    if source["side"] != target["side"]:
        raise ServiceError(
            f"{source['name']} is on {_side(source)} and {target['name']} on {_side(target)}: "
            "only two people of the same side can be merged"
        )
    return account, source, target


def _side(person: dict[str, Any]) -> str:
    return "our side" if person["side"] == "ours" else "the client's side"


def preview(
    store: Store, kind: str, source_id: int, target_id: int, account_id: int | None = None
) -> MergeSummary:
    """What `merge` would do, without doing it (the merge run and rolled back)."""
    return merge(store, kind, source_id, target_id, account_id, dry_run=True)


def merge(
    store: Store,
    kind: str,
    source_id: int,
    target_id: int,
    account_id: int | None = None,
    *,
    today: date | None = None,
    config: Config | None = None,
    dry_run: bool = False,
) -> MergeSummary:
    """Merge account (or person of `account_id`) `source_id` into `target_id`."""
    if kind not in KINDS:
        raise ServiceError(f"unknown kind {kind!r}: account or person")
    if kind == "account":
        source, target = _accounts(store, source_id, target_id)
        account = target
    else:
        if account_id is None:
            raise ServiceError("a person merge needs the account")
        account, source, target = _people(store, account_id, source_id, target_id)
    stamp = now_iso()
    try:
        with store.write(rollback=dry_run, activity="merge") as conn:
            run = sql.merge_accounts if kind == "account" else sql.merge_people
            journal, data = run(conn, source_id, target_id, stamp)
            if not dry_run:
                _refresh_health(store, journal, account["id"], today, config)
    except sql.Refused as exc:
        raise ServiceError(str(exc)) from None
    summary = _summary(kind, source, target, account, data)
    if not dry_run:
        summary.merge_id = journal.merge_id
    return summary


def _refresh_health(
    store: Store, journal: sql.Journal, account_id: int, today: date | None, config: Config | None
) -> None:
    """Today's snapshot of the target account, computed again from the merged
    records (the previous one is kept in the journal for undo)."""
    from kamtui import dates
    from kamtui.services import health

    day = today or dates.today()
    existed = sql.snapshot_before(journal, account_id, day.isoformat())
    health.account_health(store, account_id, today=day, config=config, save=True)
    sql.snapshot_after(journal, account_id, day.isoformat(), existed)


def undo(store: Store, merge_id: int | None = None) -> UndoReport:
    """Undo merge `merge_id` (default: the newest one not undone yet)."""
    try:
        with store.write(activity="undoing a merge") as conn:
            if merge_id is None:
                merge_id = merge_undo.last_id(conn)
                if merge_id is None:
                    raise NotFound("no merge to undo (`kamtui merges` lists them)")
            result = merge_undo.undo(conn, merge_id, now_iso())
    except sql.Refused as exc:
        raise ServiceError(f"merge #{merge_id} was not undone: {exc}") from None
    m = result["merge"]
    return UndoReport(
        merge_id=m["id"],
        kind=m["kind"],
        source_id=m["source_id"],
        source_name=m["source_name"],
        target_name=m["target_name"],
        restored=result["restored"],
        kept=result["kept"],
        gone=result["gone"],
    )


def journal(store: Store) -> list[dict[str, Any]]:
    """Every merge, newest first: id, kind, source, target, account, when,
    undone, and what moved."""
    out = []
    for r in merge_undo.journal(store):
        summary = json.loads(r["summary"] or "{}")
        out.append(
            {
                "id": r["id"],
                "kind": r["kind"],
                "source": {"id": r["source_id"], "name": r["source_name"]},
                "target": {"id": r["target_id"], "name": r["target_name"]},
                "account": {"id": r["target_account_id"], "name": r["account_name"]},
                "merged_at": r["merged_at"],
                "undone_at": r["undone_at"],
                "moved": {k: v for k, v in summary.get("moved", {}).items() if v},
            }
        )
    return out


def check_restore(store: Store, kind: str, row_id: int) -> None:
    """Refuse to take a merged-away account or person out of the trash: it
    would come back empty, its records staying with the target. ServiceError
    pointing to `kamtui merge undo`."""
    found = merge_undo.merged_away(store, kind, row_id)
    if found is not None:
        raise ServiceError(
            f"{found['source_name']} (#{row_id}) was merged into {found['target_name']} "
            f"(merge #{found['id']}); restoring it would bring back an empty {kind}. "
            f"Undo the merge instead: kamtui merge undo {found['id']} "
            "(or 'merge: undo' in the app's command palette)"
        )
