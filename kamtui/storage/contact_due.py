"""SQL for contact due ("losing touch"): active accounts with a contact
cadence whose last interaction (or, never contacted, whose creation) is more
than `cadence_days` days before today, and their key people (decision makers
and champions on the client's side) past the account's cadence. People
marked "do not contact" are never due.

One statement for the whole portfolio: per-row subqueries are index seeks
(`interactions_live`, `interaction_participants_person`), filtered in SQL so
only the due rows come back."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date, timedelta

from kamtui.storage.db import Store

KEY_PERSON = "(p.decision_role = 'decision_maker' OR p.stance = 'champion')"

# Materialised: the outer filter would otherwise evaluate each subquery twice.
# The person's subquery also matches the account so that it reads the
# interaction through `interactions_live` (covering) rather than the table.
_SQL = """
WITH last AS MATERIALIZED (
    SELECT a.id AS account_id, a.name AS account, a.cadence_days AS cadence_days,
           NULL AS person_id, NULL AS person, NULL AS decision_role, NULL AS stance,
           (SELECT MAX(i.occurred_at) FROM interactions i
            WHERE i.account_id = a.id AND i.deleted_at IS NULL AND i.occurred_at < :tomorrow)
               AS last_contact,
           a.created_at AS created_at
    FROM accounts a
    WHERE a.deleted_at IS NULL AND a.status = 'active' AND a.cadence_days > 0{only}
    UNION ALL
    SELECT a.id, a.name, a.cadence_days, p.id, p.name, p.decision_role, p.stance,
           (SELECT MAX(i.occurred_at) FROM interaction_participants ip
            JOIN interactions i ON i.id = ip.interaction_id
            WHERE ip.person_id = p.id AND i.account_id = p.account_id
                  AND i.deleted_at IS NULL AND i.occurred_at < :tomorrow),
           p.created_at
    FROM people p JOIN accounts a ON a.id = p.account_id
    WHERE p.deleted_at IS NULL AND p.side = 'theirs' AND {key_person}{only}
          AND p.do_not_contact = 0
          AND a.deleted_at IS NULL AND a.status = 'active' AND a.cadence_days > 0
)
SELECT * FROM last
WHERE substr(COALESCE(last_contact, created_at), 1, 10)
      < date(:today, printf('-%d days', cadence_days))
"""


def do_not_contact_by_interaction(store: Store, interaction_ids: list[int]) -> dict[int, list[str]]:
    """Interaction id -> names of its participants marked "do not contact"."""
    if not interaction_ids:
        return {}
    rows = store.query(
        "SELECT ip.interaction_id, p.name FROM interaction_participants ip"
        " JOIN people p ON p.id = ip.person_id"
        " WHERE p.do_not_contact = 1 AND p.deleted_at IS NULL"
        " AND ip.interaction_id IN (SELECT value FROM json_each(?)) ORDER BY p.name_key",
        (json.dumps(interaction_ids),),
    )
    out: dict[int, list[str]] = {}
    for r in rows:
        out.setdefault(int(r[0]), []).append(str(r[1]))
    return out


_ONLY = " AND a.id IN (SELECT value FROM json_each(:ids))"


def due(store: Store, today: date, account_ids: Iterable[int] | None = None) -> list[sqlite3.Row]:
    """Every account and key person due for contact on `today`: account_id,
    account, cadence_days, person_id (None for the account itself), person,
    decision_role, stance, last_contact (ISO time, None if never) and
    created_at (what counts when never contacted). `account_ids`: only
    these accounts (incremental health)."""
    only = "" if account_ids is None else _ONLY
    params = {"today": today.isoformat(), "tomorrow": (today + timedelta(days=1)).isoformat()}
    if account_ids is not None:
        params["ids"] = json.dumps(sorted({int(a) for a in account_ids}))
    return store.query(_SQL.format(key_person=KEY_PERSON, only=only), params)
