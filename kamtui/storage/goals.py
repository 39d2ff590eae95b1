"""SQL for goals, their action items, and the counts that measure their progress."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from kamtui.storage.db import Store, now_iso

GOAL_COLUMNS = (
    "account_id",
    "type",
    "category",
    "title",
    "baseline",
    "target",
    "current",
    "start_date",
    "due_date",
    "status",
)
EDITABLE = ("type", "category", "title", "baseline", "target", "current", "due_date", "start_date")


def insert_goal(store: Store, values: dict[str, Any]) -> int:
    cols = [c for c in GOAL_COLUMNS if c in values]
    with store.write() as conn:
        cur = conn.execute(
            f"INSERT INTO goals ({', '.join(cols)}, created_at) "
            f"VALUES ({', '.join('?' * len(cols))}, ?)",
            [values[c] for c in cols] + [now_iso()],
        )
        return int(cur.lastrowid or 0)


def update_goal(store: Store, goal_id: int, values: dict[str, Any]) -> None:
    cols = [c for c in EDITABLE if c in values]
    if not cols:
        return
    with store.write() as conn:
        conn.execute(
            f"UPDATE goals SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
            [values[c] for c in cols] + [goal_id],
        )


def set_status(store: Store, goal_id: int, status: str, done_at: str | None) -> None:
    with store.write() as conn:
        conn.execute(
            "UPDATE goals SET status = ?, done_at = ? WHERE id = ?", (status, done_at, goal_id)
        )


def set_deleted(store: Store, goal_id: int, deleted: bool) -> None:
    with store.write() as conn:
        conn.execute(
            "UPDATE goals SET deleted_at = ? WHERE id = ?",
            (now_iso() if deleted else None, goal_id),
        )


def get_goal(store: Store, goal_id: int) -> sqlite3.Row | None:
    return store.one(
        "SELECT g.*, a.name AS account FROM goals g JOIN accounts a ON a.id = g.account_id "
        "WHERE g.id = ? AND g.deleted_at IS NULL",
        (goal_id,),
    )


def goals(
    store: Store, account_id: int | None = None, *, include_closed: bool = True
) -> list[sqlite3.Row]:
    """Goals of one account (or of every live account), newest due last."""
    sql = (
        "SELECT g.*, a.name AS account FROM goals g JOIN accounts a ON a.id = g.account_id "
        "WHERE g.deleted_at IS NULL AND a.deleted_at IS NULL"
    )
    params: list[Any] = []
    if account_id is not None:
        sql += " AND g.account_id = ?"
        params.append(account_id)
    if not include_closed:
        sql += " AND g.status = 'active'"
    sql += (
        " ORDER BY a.name_key, CASE g.status WHEN 'active' THEN 0 WHEN 'done' THEN 1 ELSE 2 END,"
        " COALESCE(g.due_date, '9999'), g.id"
    )
    return store.query(sql, params)


def actions(store: Store, goal_ids: Sequence[int]) -> list[sqlite3.Row]:
    if not goal_ids:
        return []
    out: list[sqlite3.Row] = []
    ids = list(goal_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out.extend(
            store.query(
                f"SELECT id, goal_id, text, due_date, done_at, version FROM goal_actions "
                f"WHERE goal_id IN ({', '.join('?' * len(chunk))}) AND deleted_at IS NULL "
                "ORDER BY done_at IS NOT NULL, COALESCE(due_date, '9999'), id",
                chunk,
            )
        )
    return out


def insert_action(store: Store, goal_id: int, text: str, due_date: str | None) -> int:
    with store.write() as conn:
        cur = conn.execute(
            "INSERT INTO goal_actions (goal_id, text, due_date, created_at) VALUES (?, ?, ?, ?)",
            (goal_id, text, due_date, now_iso()),
        )
        return int(cur.lastrowid or 0)


def update_action(store: Store, action_id: int, text: str, due_date: str | None) -> None:
    with store.write() as conn:
        conn.execute(
            "UPDATE goal_actions SET text = ?, due_date = ? WHERE id = ? AND deleted_at IS NULL",
            (text, due_date, action_id),
        )


def set_action_done(store: Store, action_id: int, done_at: str | None) -> None:
    with store.write() as conn:
        conn.execute(
            "UPDATE goal_actions SET done_at = ? WHERE id = ? AND deleted_at IS NULL",
            (done_at, action_id),
        )


def trash_action(store: Store, action_id: int) -> bool:
    """Move a live action item to the trash (its version moves on by
    trigger); whether there was one."""
    with store.write() as conn:
        cur = conn.execute(
            "UPDATE goal_actions SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
            (now_iso(), action_id),
        )
        return cur.rowcount > 0


def restore_action(store: Store, action_id: int) -> bool:
    """Take an action item out of the trash; whether it was there."""
    with store.write() as conn:
        cur = conn.execute(
            "UPDATE goal_actions SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
            (action_id,),
        )
        return cur.rowcount > 0


def action_parents(store: Store, action_id: int) -> sqlite3.Row | None:
    """An action item (trashed or not) with its goal's and account's title,
    name and deleted_at."""
    return store.one(
        "SELECT ga.id, ga.deleted_at, ga.goal_id, g.title AS goal,"
        " g.deleted_at AS goal_deleted_at, g.account_id, a.name AS account,"
        " a.deleted_at AS account_deleted_at FROM goal_actions ga"
        " JOIN goals g ON g.id = ga.goal_id JOIN accounts a ON a.id = g.account_id"
        " WHERE ga.id = ?",
        (action_id,),
    )


def get_action(store: Store, action_id: int) -> sqlite3.Row | None:
    return store.one(
        "SELECT id, goal_id, text, due_date, done_at, version FROM goal_actions"
        " WHERE id = ? AND deleted_at IS NULL",
        (action_id,),
    )


def open_actions(store: Store, *, due_before: str | None = None) -> list[sqlite3.Row]:
    """Open action items of active goals with their goal and account (follow-ups)."""
    sql = (
        "SELECT ga.id, ga.goal_id, ga.text, ga.due_date, g.title AS goal, g.account_id,"
        " a.name AS account FROM goal_actions ga JOIN goals g ON g.id = ga.goal_id"
        " JOIN accounts a ON a.id = g.account_id"
        " WHERE ga.done_at IS NULL AND ga.deleted_at IS NULL AND g.deleted_at IS NULL"
        " AND g.status = 'active' AND a.deleted_at IS NULL"
    )
    params: list[Any] = []
    if due_before:
        sql += " AND ga.due_date < ?"
        params.append(due_before)
    sql += " ORDER BY COALESCE(ga.due_date, '9999'), a.name_key, ga.id"
    return store.query(sql, params)


def active_goal_categories(store: Store) -> list[tuple[int, str]]:
    """(account_id, category) of active wallet-share and cross-sell goals."""
    rows = store.query(
        "SELECT DISTINCT account_id, category FROM goals WHERE deleted_at IS NULL"
        " AND status = 'active' AND category IS NOT NULL"
        " AND type IN ('wallet_share', 'cross_sell')"
    )
    return [(r[0], r[1]) for r in rows]


# --- measurements ------------------------------------------------------------------


def linked_their_people(store: Store, account_id: int) -> list[tuple[int, str | None]]:
    """(person id, function) of their people with at least one live link."""
    rows = store.query(
        "SELECT DISTINCT p.id, p.function FROM links l JOIN people p ON p.id = l.their_person_id"
        " JOIN people o ON o.id = l.our_person_id"
        " WHERE l.account_id = ? AND l.deleted_at IS NULL AND p.deleted_at IS NULL"
        " AND o.deleted_at IS NULL AND p.side = 'theirs'",
        (account_id,),
    )
    return [(r[0], r[1]) for r in rows]


def interaction_count(
    store: Store,
    account_id: int,
    since: str,
    until: str,
    *,
    channel: str | None = None,
    levels: Sequence[str] | None = None,
) -> int:
    sql = (
        "SELECT COUNT(*) FROM interactions WHERE account_id = ? AND deleted_at IS NULL"
        " AND occurred_at >= ? AND occurred_at < ?"
    )
    params: list[Any] = [account_id, since, until]
    if channel:
        sql += " AND channel = ?"
        params.append(channel)
    if levels:
        sql += f" AND level IN ({', '.join('?' * len(levels))})"
        params.extend(levels)
    row = store.one(sql, params)
    return int(row[0]) if row else 0


def mood(store: Store, account_id: int, since: str, until: str) -> tuple[float | None, int]:
    """(mean mood, readings) of interactions in [since, until)."""
    row = store.one(
        "SELECT AVG(mood), COUNT(mood) FROM interactions WHERE account_id = ?"
        " AND deleted_at IS NULL AND mood IS NOT NULL AND occurred_at >= ? AND occurred_at < ?",
        (account_id, since, until),
    )
    if not row or not row[1]:
        return None, 0
    return float(row[0]), int(row[1])


def interaction_counts(
    store: Store,
    specs: Sequence[tuple[int, str, str, str | None, Sequence[str] | None]],
) -> list[int]:
    """`interaction_count()` of many (account_id, since, until, channel, levels)
    at once, in the order given: one query per distinct channel-and-levels
    filter (a handful), whatever the number of accounts."""
    by_filter: dict[tuple[str | None, tuple[str, ...]], list[int]] = {}
    for n, (_a, _s, _u, channel, levels) in enumerate(specs):
        by_filter.setdefault((channel or None, tuple(levels or ())), []).append(n)
    out = [0] * len(specs)
    for (channel, levels), positions in by_filter.items():
        sql = (
            "SELECT (SELECT COUNT(*) FROM interactions i"
            " WHERE i.account_id = json_extract(s.value, '$[0]') AND i.deleted_at IS NULL"
            " AND i.occurred_at >= json_extract(s.value, '$[1]')"
            " AND i.occurred_at < json_extract(s.value, '$[2]')"
        )
        params: list[Any] = []
        if channel:
            sql += " AND i.channel = ?"
            params.append(channel)
        if levels:
            sql += f" AND i.level IN ({', '.join('?' * len(levels))})"
            params.extend(levels)
        sql += ") FROM json_each(?) s ORDER BY s.key"
        params.append(json.dumps([list(specs[n][:3]) for n in positions]))
        for n, r in zip(positions, store.query(sql, params), strict=True):
            out[n] = int(r[0])
    return out


def moods(store: Store, specs: Sequence[tuple[int, str, str]]) -> list[tuple[float | None, int]]:
    """`mood()` of many (account_id, since, until) at once, in the order given."""
    if not specs:
        return []
    where = (
        " FROM interactions i WHERE i.account_id = json_extract(s.value, '$[0]')"
        " AND i.deleted_at IS NULL AND i.mood IS NOT NULL"
        " AND i.occurred_at >= json_extract(s.value, '$[1]')"
        " AND i.occurred_at < json_extract(s.value, '$[2]')"
    )
    rows = store.query(
        f"SELECT (SELECT AVG(i.mood){where}), (SELECT COUNT(i.mood){where})"
        " FROM json_each(?) s ORDER BY s.key",
        (json.dumps([list(spec) for spec in specs]),),
    )
    return [(float(r[0]), int(r[1])) if r[1] else (None, 0) for r in rows]
