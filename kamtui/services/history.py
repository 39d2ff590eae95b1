"""An account's history from the audit trail (storage/audit.py): the changes
to the account and everything on it, and the imports that touched it; for
an account in the trash too (and, merged away, which account holds its
records now)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from kamtui.domain.history import Change, History, MergedInto, change_from
from kamtui.services.errors import Ambiguous, NotFound
from kamtui.services.lookup import AccountRef, resolve_account
from kamtui.storage import audit, merge_undo
from kamtui.storage import lookup as lookup_sql
from kamtui.storage.db import Store
from kamtui.textsafe import fold


def account_history(
    store: Store, account_id: int, *, since: date | None = None, limit: int | None = None
) -> History:
    """Newest first; `since` a day (included), `limit` how many at most."""
    row = store.one("SELECT name, deleted_at FROM accounts WHERE id = ?", (account_id,))
    if row is None:
        raise NotFound(f"no account #{account_id}")
    rows, total = audit.account_history(
        store, account_id, since=since.isoformat() if since else None, limit=limit
    )
    changes = [_change(r) for r in rows]
    merged = None
    if row["deleted_at"] is not None:
        found = merge_undo.merged_away(store, "account", account_id)
        if found is not None:
            target = lookup_sql.account_name(store, found["target_id"])
            merged = MergedInto(found["target_id"], target or found["target_name"], found["id"])
    return History(
        account_id,
        row["name"],
        changes,
        total,
        audit.recorded_since(store),
        trashed_at=row["deleted_at"],
        merged_into=merged,
    )


def find_account(store: Store, query: str) -> AccountRef:
    """The account whose history is asked for: a live one as everywhere
    (services/lookup.py), else one in the trash (its trail is what someone
    asks about after deleting or merging it). NotFound or Ambiguous."""
    try:
        return resolve_account(store, query)
    except NotFound:
        text = query.strip()
        rows = lookup_sql.trashed_accounts(store, text, fold(text)) if text else []
        if len(rows) == 1:
            return AccountRef(rows[0]["id"], rows[0]["name"])
        if rows:
            raise Ambiguous(
                "account in the trash", query, [f"{r['name']} (#{r['id']})" for r in rows]
            ) from None
        raise


def _change(r: sqlite3.Row) -> Change:
    try:
        stored = json.loads(r["changes"] or "{}")
    except ValueError:  # another tool wrote something that is not JSON: show none
        stored = {}
    return change_from(
        r["id"],
        r["at"],
        r["user"],
        r["kind"],
        r["row_id"],
        r["action"],
        r["label"],
        stored if isinstance(stored, dict) else {},
    )
