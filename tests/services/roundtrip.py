"""What "the same data" means for export -> import: every live row of every
kind, with references written as what they point to (account name, person
name and side, interaction when and summary, goal title), without ids,
timestamps or row versions; and each account's health."""

from __future__ import annotations

from datetime import date
from typing import Any

from kamtui.services import health
from kamtui.storage.db import Store

LIVE = "deleted_at IS NULL"
QUERIES = {
    "accounts": "SELECT name, account_number, tax_id, domain, industry, tier, owner, phone,"
    " email, address, cadence_days, status, notes FROM accounts WHERE deleted_at IS NULL",
    "identifiers": "SELECT a.name, business_unit, number FROM account_identifiers i"
    " JOIN accounts a ON a.id = i.account_id",
    "people": "SELECT a.name, side, p.name, title, function, decision_role, stance, p.email,"
    " p.phone, privacy_note, verified_at, leaving FROM people p JOIN accounts a ON a.id ="
    " p.account_id WHERE p.deleted_at IS NULL",
    "links": "SELECT a.name, o.name, t.name, strength FROM links l JOIN accounts a ON a.id ="
    " l.account_id JOIN people o ON o.id = l.our_person_id JOIN people t ON t.id ="
    " l.their_person_id WHERE l.deleted_at IS NULL",
    "interactions": "SELECT a.name, occurred_at, channel, level, kind, summary, i.notes, mood"
    " FROM interactions i JOIN accounts a ON a.id = i.account_id WHERE i.deleted_at IS NULL",
    "participants": "SELECT i.occurred_at, i.summary, p.side, p.name FROM"
    " interaction_participants x JOIN interactions i ON i.id = x.interaction_id"
    " JOIN people p ON p.id = x.person_id",
    "next_steps": "SELECT a.name, i.occurred_at, i.summary, s.text, s.due_date, s.done_at"
    " FROM next_steps s JOIN accounts a ON a.id = s.account_id"
    " LEFT JOIN interactions i ON i.id = s.interaction_id",
    "complaints": "SELECT a.name, i.occurred_at, i.summary, c.title, description, severity,"
    " c.status, opened_at, in_progress_at, resolved_at, resolution FROM complaints c"
    " JOIN accounts a ON a.id = c.account_id LEFT JOIN interactions i ON i.id ="
    " c.interaction_id WHERE c.deleted_at IS NULL",
    "facts": "SELECT a.name, p.side, p.name, i.occurred_at, i.summary, f.kind, f.text"
    " FROM facts f JOIN accounts a ON a.id = f.account_id LEFT JOIN people p ON"
    " p.id = f.person_id LEFT JOIN interactions i ON i.id = f.interaction_id"
    " WHERE f.deleted_at IS NULL",
    "transactions": "SELECT a.name, date, amount, category, document, margin FROM"
    " transactions t JOIN accounts a ON a.id = t.account_id",
    "wallet": "SELECT a.name, category, year, amount FROM wallet_estimates w"
    " JOIN accounts a ON a.id = w.account_id",
    "goals": "SELECT a.name, g.type, g.category, g.title, baseline, target, current, start_date,"
    " due_date, g.status, done_at FROM goals g JOIN accounts a ON a.id = g.account_id"
    " WHERE g.deleted_at IS NULL",
    "goal_actions": "SELECT g.title, g.start_date, x.text, x.due_date, x.done_at FROM"
    " goal_actions x JOIN goals g ON g.id = x.goal_id",
    "person_aliases": "SELECT a.name, p.side, p.name, x.name FROM person_aliases x"
    " JOIN people p ON p.id = x.person_id JOIN accounts a ON a.id = p.account_id"
    " WHERE p.deleted_at IS NULL",
    # a pair in either order: ids (which of the two is a) differ after an import
    "not_duplicates": "SELECT n.kind, o.name, min(one, two), max(one, two) FROM (SELECT"
    " n.kind, p.account_id AS acc, COALESCE(x.name, p.side || ':' || p.name) AS one,"
    " COALESCE(y.name, q.side || ':' || q.name) AS two FROM not_duplicates n"
    " LEFT JOIN accounts x ON n.kind = 'account' AND x.id = n.a_id AND x.deleted_at IS NULL"
    " LEFT JOIN accounts y ON n.kind = 'account' AND y.id = n.b_id AND y.deleted_at IS NULL"
    " LEFT JOIN people p ON n.kind = 'person' AND p.id = n.a_id AND p.deleted_at IS NULL"
    " LEFT JOIN people q ON n.kind = 'person' AND q.id = n.b_id AND q.deleted_at IS NULL) n"
    " LEFT JOIN accounts o ON o.id = n.acc WHERE one IS NOT NULL AND two IS NOT NULL",
}


def rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {
        kind: sorted((tuple(r) for r in store.query(sql)), key=repr)
        for kind, sql in QUERIES.items()
    }


def health_by_account(store: Store, today: date) -> dict[str, Any]:
    names = dict(store.query("SELECT id, name FROM accounts"))  # type: ignore[arg-type]
    return {
        names[h.account_id]: (
            h.score,
            h.band,
            [(c.key, c.score, c.reason) for c in h.components],
        )
        for h in health.portfolio_health(store, today=today, save=False)
    }
