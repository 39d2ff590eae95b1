"""Read-only SQL for the account screen's first look (identity, figures,
recent records)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from kamtui.storage.db import Store


def figures(store: Store, account_id: int, today: date) -> dict[str, Any]:
    y1 = (today - timedelta(days=365)).isoformat()
    y2 = (today - timedelta(days=730)).isoformat()
    end = (today + timedelta(days=1)).isoformat()
    with store.read() as conn:
        rev = conn.execute(
            "SELECT COALESCE(SUM(CASE WHEN date >= ? THEN amount END), 0),"
            " COALESCE(SUM(CASE WHEN date < ? THEN amount END), 0), COUNT(*), MAX(date)"
            " FROM transactions WHERE account_id = ? AND date >= ? AND date < ?",
            (y1, y1, account_id, y2, end),
        ).fetchone()
        last = conn.execute(
            "SELECT MAX(occurred_at), MAX(CASE WHEN level != 'operational' THEN occurred_at END)"
            " FROM interactions WHERE account_id = ? AND deleted_at IS NULL AND occurred_at < ?",
            (account_id, end),
        ).fetchone()
    return {
        "revenue_12m": rev[0],
        "revenue_prev_12m": rev[1],
        "orders_24m": rev[2],
        "last_order": rev[3],
        "last_contact": last[0],
        "last_strategic": last[1],
    }


def people(store: Store, account_id: int) -> list[sqlite3.Row]:
    return store.query(
        "SELECT id, side, name, title, function, decision_role, stance FROM people"
        " WHERE account_id = ? AND deleted_at IS NULL ORDER BY side, function, name_key",
        (account_id,),
    )


def links(store: Store, account_id: int) -> list[sqlite3.Row]:
    return store.query(
        "SELECT l.id, o.name AS ours, t.name AS theirs, l.strength FROM links l"
        " JOIN people o ON o.id = l.our_person_id JOIN people t ON t.id = l.their_person_id"
        " WHERE l.account_id = ? AND l.deleted_at IS NULL AND o.deleted_at IS NULL"
        " AND t.deleted_at IS NULL ORDER BY o.name_key, t.name_key",
        (account_id,),
    )


def interactions(store: Store, account_id: int, limit: int = 500) -> list[sqlite3.Row]:
    return store.query(
        "SELECT id, occurred_at, channel, level, kind, summary, mood FROM interactions"
        " WHERE account_id = ? AND deleted_at IS NULL ORDER BY occurred_at DESC LIMIT ?",
        (account_id, limit),
    )


def open_complaints(store: Store, account_id: int) -> list[sqlite3.Row]:
    return store.query(
        "SELECT id, title, severity, status, opened_at FROM complaints WHERE account_id = ?"
        " AND deleted_at IS NULL AND status != 'resolved' ORDER BY opened_at",
        (account_id,),
    )


def facts(store: Store, account_id: int) -> list[sqlite3.Row]:
    return store.query(
        "SELECT f.kind, f.text, p.name AS person FROM facts f LEFT JOIN people p"
        " ON p.id = f.person_id WHERE f.account_id = ? AND f.deleted_at IS NULL ORDER BY f.id",
        (account_id,),
    )


def transactions(store: Store, account_id: int, limit: int = 1000) -> list[sqlite3.Row]:
    return store.query(
        "SELECT id, date, document, category, amount, margin FROM transactions"
        " WHERE account_id = ? ORDER BY date DESC, id DESC LIMIT ?",
        (account_id, limit),
    )


def goals(store: Store, account_id: int) -> list[sqlite3.Row]:
    return store.query(
        "SELECT g.id, g.type, g.category, g.title, g.baseline, g.target, g.due_date, g.status,"
        " (SELECT COUNT(*) FROM goal_actions a WHERE a.goal_id = g.id AND a.done_at IS NULL"
        " AND a.deleted_at IS NULL)"
        " AS open_actions FROM goals g WHERE g.account_id = ? AND g.deleted_at IS NULL"
        " ORDER BY g.status, g.due_date",
        (account_id,),
    )
