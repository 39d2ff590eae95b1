"""Goals with their progress: one account's, the whole portfolio's (set-wise),
and the open action items the follow-ups view lists."""

from __future__ import annotations

from datetime import date
from typing import Any

from kamtui.config import Config
from kamtui.domain import goals as dg
from kamtui.services.errors import NotFound
from kamtui.services.goals.measuring import AccountData, measure, portfolio_data
from kamtui.storage import goals as sql
from kamtui.storage.db import Store
from kamtui.textsafe import fold

# Accounts whose goals are measured together (one set of queries each).
CHUNK_ACCOUNTS = 250


def _progress(
    store: Store,
    row: Any,
    today: date,
    config: Config | None,
    data: AccountData,
    actions: list[dg.Action],
) -> dg.GoalProgress:
    m = measure(
        store,
        row["account_id"],
        row["type"],
        row["category"],
        start_date=row["start_date"],
        today=today,
        config=config,
        data=data,
    )
    measured = m.value is not None
    current = m.value if measured else row["current"]
    source = (
        m.source
        if measured
        else (f"set by hand ({m.source})" if row["current"] is not None else m.source)
    )
    evaluation = dg.evaluate(
        goal_type=row["type"],
        category=row["category"],
        baseline=row["baseline"],
        target=row["target"],
        current=current,
        start_date=row["start_date"],
        due_date=row["due_date"],
        stored_status=row["status"],
        today=today,
    )
    return dg.GoalProgress(
        id=row["id"],
        account_id=row["account_id"],
        account=row["account"],
        type=row["type"],
        category=row["category"],
        title=row["title"],
        baseline=row["baseline"],
        target=row["target"],
        current=current,
        measured=measured,
        source=source,
        start_date=row["start_date"],
        due_date=row["due_date"],
        stored_status=row["status"],
        evaluation=evaluation,
        actions=actions,
        version=row["version"],
    )


def _with_actions(store: Store, rows: list[Any]) -> dict[int, list[dg.Action]]:
    out: dict[int, list[dg.Action]] = {r["id"]: [] for r in rows}
    for a in sql.actions(store, [r["id"] for r in rows]):
        out[a["goal_id"]].append(
            dg.Action(a["id"], a["goal_id"], a["text"], a["due_date"], a["done_at"], a["version"])
        )
    return out


def account_goals(
    store: Store,
    account_id: int,
    today: date,
    *,
    config: Config | None = None,
    include_closed: bool = True,
) -> list[dg.GoalProgress]:
    rows = sql.goals(store, account_id, include_closed=include_closed)
    actions = _with_actions(store, rows)
    data = AccountData(store, account_id)
    return [_progress(store, r, today, config, data, actions[r["id"]]) for r in rows]


def portfolio_goals(
    store: Store,
    today: date,
    *,
    config: Config | None = None,
    include_closed: bool = False,
    with_actions: bool = True,
) -> list[dg.GoalProgress]:
    """Every live account's goals with their progress; `with_actions=False`
    leaves their action items out (health only needs the statuses). The data
    measured is read for `CHUNK_ACCOUNTS` accounts at a time: a year of the
    money goals' transactions of the whole portfolio (~80,000) held at once
    was ~30 MB of a whole health computation's peak."""
    rows = sql.goals(store, None, include_closed=include_closed)
    actions = _with_actions(store, rows) if with_actions else {}
    ids = sorted({r["account_id"] for r in rows})
    chunk_of = {a: i // CHUNK_ACCOUNTS for i, a in enumerate(ids)}
    chunks: list[list[Any]] = [[] for _ in range(len(ids) // CHUNK_ACCOUNTS + 1)]
    for r in rows:
        chunks[chunk_of[r["account_id"]]].append(r)
    found: dict[int, dg.GoalProgress] = {}
    for chunk in chunks:
        data = portfolio_data(store, chunk, today)
        for r in chunk:
            found[r["id"]] = _progress(
                store, r, today, config, data[r["account_id"]], actions.get(r["id"], [])
            )
    return [found[r["id"]] for r in rows]


def get(
    store: Store, goal_id: int, today: date, *, config: Config | None = None
) -> dg.GoalProgress:
    row = sql.get_goal(store, goal_id)
    if row is None:
        raise NotFound(f"no goal with id {goal_id}")
    actions = _with_actions(store, [row])[goal_id]
    return _progress(store, row, today, config, AccountData(store, row["account_id"]), actions)


def goal_markers(store: Store) -> set[tuple[int, str]]:
    """(account_id, folded category) pairs with an active wallet-share or
    cross-sell goal: the whitespace view marks those cells."""
    return {(a, fold(c)) for a, c in sql.active_goal_categories(store)}


def open_actions(store: Store, *, due_before: date | None = None) -> list[dict[str, Any]]:
    """Open action items of active goals, soonest first (the follow-ups view)."""
    rows = sql.open_actions(store, due_before=due_before.isoformat() if due_before else None)
    return [dict(r) for r in rows]
