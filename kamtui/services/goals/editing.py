"""Creating and changing goals and their action items, and the prefilled goal
the whitespace view and the Revitalise queue start from."""

from __future__ import annotations

from datetime import date
from typing import Any

from kamtui.config import Config
from kamtui.domain import finance as fin
from kamtui.services.errors import NotFound, ServiceError
from kamtui.services.goals.measuring import MAP_METRICS, AccountData, baseline_measure
from kamtui.storage import finance as finance_sql
from kamtui.storage import goals as sql
from kamtui.storage import versions
from kamtui.storage.db import Store
from kamtui.textsafe import fold
from kamtui.vocab import CHANNEL, GOAL_STATUS, GOAL_TYPE


def normalize_category(store: Store, goal_type: str, category: str | None) -> str | None:
    """The stored form of a goal's category: a product category spelled as in
    the data (wallet share, cross-sell), 'people' or 'functions' (map), a
    channel key (new channel), free text or a level (new method)."""
    text = " ".join((category or "").split())
    if not text:
        return None
    if goal_type in ("wallet_share", "cross_sell"):
        for known in finance_sql.known_categories(store):
            if fold(known) == fold(text):
                return known
        return text
    if goal_type == "broaden_map":
        metric = MAP_METRICS.get(fold(text))
        if metric is None:
            raise ServiceError(f"broaden the map counts 'people' or 'functions', not {text!r}")
        return metric
    if goal_type == "new_channel":
        try:
            return CHANNEL.normalize(text)
        except ValueError as exc:
            raise ServiceError(str(exc)) from None
    if goal_type == "satisfaction":
        return None
    return text


def _number(name: str, value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip().replace("%", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise ServiceError(f"{name}: {value!r} is not a number") from None
        if "%" in value:
            number /= 100
        return number
    return float(value)


def create(
    store: Store,
    account_id: int,
    *,
    goal_type: str,
    title: str,
    target: Any,
    today: date,
    category: str | None = None,
    baseline: Any = None,
    due_date: str | None = None,
    start_date: str | None = None,
    actions: list[tuple[str, str | None]] | None = None,
    config: Config | None = None,
) -> int:
    """Create a goal. Without a baseline, the baseline is measured from the
    data now (0 when nothing can be measured: counts and money start at 0)."""
    try:
        goal_type = GOAL_TYPE.normalize(goal_type)
    except ValueError as exc:
        raise ServiceError(str(exc)) from None
    title = " ".join(title.split())
    if not title:
        raise ServiceError("title: is required")
    category = normalize_category(store, goal_type, category)
    target_value = _number("target", target)
    if target_value is None:
        raise ServiceError("target: is required")
    if goal_type == "wallet_share" and target_value > 1:
        target_value /= 100  # "50" means 50 %
    start = start_date or today.isoformat()
    if due_date and due_date < start:
        raise ServiceError("due date: before the start date")
    base = _number("baseline", baseline)
    if goal_type == "wallet_share" and base is not None and base > 1:
        base /= 100
    if base is None:
        base = baseline_measure(store, account_id, goal_type, category, start, today, config).value
        if base is None and goal_type != "satisfaction":
            base = 0.0
    with store.write():
        goal_id = sql.insert_goal(
            store,
            {
                "account_id": account_id,
                "type": goal_type,
                "category": category,
                "title": title,
                "baseline": base,
                "target": target_value,
                "current": None,
                "start_date": start,
                "due_date": due_date,
                "status": "active",
            },
        )
        for text, due in actions or []:
            add_action(store, goal_id, text, due)
    return goal_id


def update(
    store: Store,
    goal_id: int,
    *,
    expected_version: int | None = None,
    restore: bool = False,
    **fields: Any,
) -> None:
    """Edit a goal's title, category, target, due date, baseline or hand-set
    current. With `expected_version` (the version the form loaded) a change
    or trashing made since raises RecordConflict instead of being
    overwritten; `restore=True` also takes the goal out of the trash."""
    with store.write() as conn:
        versions.claim(conn, "goals", goal_id, expected_version, restore=restore)
        _update(store, goal_id, fields)


def _update(store: Store, goal_id: int, fields: dict[str, Any]) -> None:
    row = sql.get_goal(store, goal_id)
    if row is None:
        raise NotFound(f"no goal with id {goal_id}")
    values: dict[str, Any] = {}
    goal_type = row["type"]
    if "type" in fields:
        try:
            goal_type = values["type"] = GOAL_TYPE.normalize(fields["type"])
        except ValueError as exc:
            raise ServiceError(str(exc)) from None
    if "title" in fields:
        title = " ".join(str(fields["title"] or "").split())
        if not title:
            raise ServiceError("title: is required")
        values["title"] = title
    if "category" in fields or "type" in fields:
        values["category"] = normalize_category(
            store, goal_type, fields.get("category", row["category"])
        )
    for name in ("target", "baseline", "current"):
        if name in fields:
            number = _number(name, fields[name])
            if goal_type == "wallet_share" and number is not None and number > 1:
                number /= 100
            if name == "target" and number is None:
                raise ServiceError("target: is required")
            values[name] = number
    for name in ("due_date", "start_date"):
        if name in fields:
            values[name] = fields[name] or None
    start = values.get("start_date") or row["start_date"]
    due = values.get("due_date", row["due_date"])
    if due and due < start:
        raise ServiceError("due date: before the start date")
    sql.update_goal(store, goal_id, values)


def set_progress(store: Store, goal_id: int, value: Any) -> None:
    """Record progress by hand (goals the data cannot measure)."""
    update(store, goal_id, current=value)


def set_status(store: Store, goal_id: int, status: str, today: date) -> None:
    try:
        status = GOAL_STATUS.normalize(status)
    except ValueError as exc:
        raise ServiceError(str(exc)) from None
    if sql.get_goal(store, goal_id) is None:
        raise NotFound(f"no goal with id {goal_id}")
    sql.set_status(store, goal_id, status, today.isoformat() if status == "done" else None)


def delete(store: Store, goal_id: int) -> None:
    if sql.get_goal(store, goal_id) is None:
        raise NotFound(f"no goal with id {goal_id}")
    sql.set_deleted(store, goal_id, True)


def restore(store: Store, goal_id: int) -> None:
    sql.set_deleted(store, goal_id, False)


def add_action(store: Store, goal_id: int, text: str, due_date: str | None = None) -> int:
    text = " ".join(text.split())
    if not text:
        raise ServiceError("action: is required")
    if sql.get_goal(store, goal_id) is None:
        raise NotFound(f"no goal with id {goal_id}")
    return sql.insert_action(store, goal_id, text, due_date or None)


def update_action(
    store: Store,
    action_id: int,
    text: str,
    due_date: str | None,
    *,
    expected_version: int | None = None,
    restore: bool = False,
) -> None:
    """With `expected_version`: only if nobody changed, trashed or deleted
    the action item since (else RecordConflict). `restore=True` also takes
    it out of the trash, refused like `restore_action`."""
    text = " ".join(text.split())
    if not text:
        raise ServiceError("action: is required")
    with store.write() as conn:
        row = sql.action_parents(store, action_id)
        trashed = row is not None and row["deleted_at"] is not None
        if row is None or (trashed and expected_version is None and not restore):
            raise NotFound(f"no action with id {action_id} (deleted, or in the trash)")
        if restore:
            _refuse_trashed_parents(row)
        versions.update(
            conn,
            "goal_actions",
            action_id,
            {"text": text, "due_date": due_date or None},
            expected_version,
            restore=restore,
        )


def complete_action(store: Store, action_id: int, today: date, done: bool = True) -> None:
    if sql.get_action(store, action_id) is None:
        raise NotFound(f"no action with id {action_id}")
    sql.set_action_done(store, action_id, today.isoformat() if done else None)


def delete_action(store: Store, action_id: int) -> None:
    """Move an action item to the trash (`restore_action` takes it back)."""
    if not sql.trash_action(store, action_id):
        raise NotFound(f"no action with id {action_id} (deleted, or in the trash)")


def restore_action(store: Store, action_id: int) -> None:
    """Take an action item out of the trash. Refused while its goal or its
    account is in the trash: the message names what to restore first."""
    with store.write():
        row = sql.action_parents(store, action_id)
        if row is None or row["deleted_at"] is None:
            raise NotFound(f"no goal action #{action_id} in the trash")
        _refuse_trashed_parents(row)
        sql.restore_action(store, action_id)


def _refuse_trashed_parents(row: Any) -> None:
    from kamtui.services.interactions.editing import quoted

    if row["account_deleted_at"] is not None:
        raise ServiceError(
            f"the account {quoted(row['account'])} (#{row['account_id']}) of this goal action "
            "is in the trash: restore the account first"
        )
    if row["goal_deleted_at"] is not None:
        raise ServiceError(
            f"the goal {quoted(row['goal'])} (#{row['goal_id']}) this goal action belongs to "
            "is in the trash: restore the goal first"
        )


def suggest(
    store: Store,
    account_id: int,
    goal_type: str,
    category: str | None,
    today: date,
    *,
    config: Config | None = None,
) -> dict[str, Any]:
    """A prefilled goal (title, baseline, target, due date) for forms: the
    whitespace view and the Revitalise queue start from here."""
    m = baseline_measure(store, account_id, goal_type, category, today.isoformat(), today, config)
    base = m.value
    due = date(today.year, 12, 31) if today.month <= 6 else date(today.year + 1, 6, 30)
    target: float | None
    if goal_type == "wallet_share":
        target = min(round((base or 0) + 0.10, 2), 1.0)
        title = f"Raise the share of {category or 'wallet'} to {target:.0%}"
    elif goal_type == "cross_sell":
        data = AccountData(store, account_id)
        wallet, _years = fin.estimates_for_year(data.estimates, today.year)
        spend = next((v for c, v in wallet.items() if category and fold(c) == fold(category)), None)
        target = round(spend * 0.2, -3) if spend else 10_000.0
        target = max(target, 1000.0)
        title = f"Sell {category}" if category else "Sell one more category"
        if not category:
            target = (base or 0) + 1
    elif goal_type == "broaden_map":
        target = (base or 0) + 2
        title = "Broaden the map: two more people on their side"
    elif goal_type == "satisfaction":
        target = 4.0
        title = "Raise satisfaction to 4/5"
    else:
        target = 4.0
        title = (
            "Quarterly business reviews"
            if goal_type == "new_method"
            else "Meet through a new channel"
        )
    return {
        "type": goal_type,
        "category": category,
        "title": title,
        "baseline": base,
        "target": target,
        "due_date": due.isoformat(),
        "source": m.source,
    }
