"""An account's history from the audit trail (storage/audit.py): the changes
to the account and everything on it, and the imports that touched it."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from kamtui.domain.history import Change, History, change_from
from kamtui.services.errors import NotFound
from kamtui.storage import audit
from kamtui.storage.db import Store


def account_history(
    store: Store, account_id: int, *, since: date | None = None, limit: int | None = None
) -> History:
    """Newest first; `since` a day (included), `limit` how many at most."""
    row = store.one("SELECT name FROM accounts WHERE id = ?", (account_id,))
    if row is None:
        raise NotFound(f"no account #{account_id}")
    rows, total = audit.account_history(
        store, account_id, since=since.isoformat() if since else None, limit=limit
    )
    changes = [_change(r) for r in rows]
    return History(account_id, row[0], changes, total, audit.recorded_since(store))


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
