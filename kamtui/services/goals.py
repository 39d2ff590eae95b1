"""Revitalisation goals: create them with a baseline measured from the data,
measure their progress, keep their action items. Shared by the TUI and the CLI
(and by the whitespace and Revitalise views, which create goals)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kamtui.config import Config
from kamtui.domain import finance as fin
from kamtui.domain import goals as dg
from kamtui.domain.records import Tx
from kamtui.services import people
from kamtui.services.errors import NotFound, ServiceError
from kamtui.storage import finance as finance_sql
from kamtui.storage import goals as sql
from kamtui.storage import versions
from kamtui.storage.db import Store
from kamtui.textsafe import fold
from kamtui.vocab import CHANNEL, GOAL_STATUS, GOAL_TYPE, LEVEL

SATISFACTION_WINDOW_DAYS = 180
MAP_METRICS = {
    "people": "people",
    "personas": "people",
    "gente": "people",
    "functions": "functions",
    "funciones": "functions",
    "areas": "functions",
}


@dataclass
class Measurement:
    value: float | None
    source: str  # how it was measured, in words


class _AccountData:
    """Lazily loaded data of one account, shared by the goals measured together.

    `txs` holds the account's transactions newest first; `measure` only reads
    those of the 12 months up to today, so a portfolio prefetch may hold just
    those. Counts and moods are read per goal unless `_portfolio_data`
    filled them in for every goal at once."""

    def __init__(self, store: Store, account_id: int) -> None:
        self.store = store
        self.account_id = account_id
        self._txs: list[Tx] | None = None
        self._estimates: list[tuple[str, int, float]] | None = None
        self.counts: dict[tuple[str, str, str | None, tuple[str, ...]], int] = {}
        self.moods: dict[tuple[str, str], tuple[float | None, int]] = {}

    @property
    def txs(self) -> list[Tx]:
        if self._txs is None:
            self._txs = finance_sql.transactions(self.store, self.account_id)
        return self._txs

    @property
    def estimates(self) -> list[tuple[str, int, float]]:
        if self._estimates is None:
            self._estimates = finance_sql.wallet_estimates(self.store, self.account_id)
        return self._estimates

    def interaction_count(
        self, since: str, until: str, *, channel: str | None = None, levels: list[str] | None = None
    ) -> int:
        key = (since, until, channel or None, tuple(levels or ()))
        if key not in self.counts:
            self.counts[key] = sql.interaction_count(
                self.store, self.account_id, since, until, channel=channel, levels=levels
            )
        return self.counts[key]

    def mood(self, since: str, until: str) -> tuple[float | None, int]:
        if (since, until) not in self.moods:
            self.moods[(since, until)] = sql.mood(self.store, self.account_id, since, until)
        return self.moods[(since, until)]


def _portfolio_data(store: Store, rows: list[Any], today: date) -> dict[int, _AccountData]:
    """Everything `measure` reads from the data for these goals, set-wise: a
    few queries for the whole portfolio instead of a few per account. The
    transactions are those of the 12 months up to today (all `measure` reads)
    and keep the per-account order, so every figure is the same as measuring
    one account at a time."""
    data = {r["account_id"]: _AccountData(store, r["account_id"]) for r in rows}
    money = sorted({r["account_id"] for r in rows if r["type"] in ("wallet_share", "cross_sell")})
    if money:
        hi = today.isoformat()
        txs = finance_sql.transactions_in_window(store, money, _year_ago(today).isoformat(), hi)
        estimates = finance_sql.wallet_estimates_of(store, money)
        for account_id in money:
            data[account_id]._txs = txs[account_id]
            data[account_id]._estimates = estimates[account_id]
    count_specs: list[tuple[int, str, str, str | None, list[str] | None]] = []
    mood_specs: list[tuple[int, str, str]] = []
    for r in rows:
        spec = _query_spec(r["type"], r["category"], r["start_date"], today)
        if spec is None:
            continue
        kind, since, until, channel, levels = spec
        if kind == "mood":
            mood_specs.append((r["account_id"], since, until))
        else:
            count_specs.append((r["account_id"], since, until, channel, levels))
    for (account_id, since, until, channel, levels), n in zip(
        count_specs, sql.interaction_counts(store, count_specs), strict=True
    ):
        data[account_id].counts[(since, until, channel or None, tuple(levels or ()))] = n
    for (account_id, since, until), m in zip(mood_specs, sql.moods(store, mood_specs), strict=True):
        data[account_id].moods[(since, until)] = m
    return data


def _query_spec(
    goal_type: str, category: str | None, start_date: str | None, today: date
) -> tuple[str, str, str, str | None, list[str] | None] | None:
    """The interaction count or mood a goal's measure reads: (kind, since,
    until, channel, levels), or None when it reads neither."""
    if goal_type == "new_channel" and category:
        return ("count", *_window(start_date, today), category, None)
    if goal_type == "new_method":
        levels = _method_levels(category)
        return ("count", *_window(start_date, today), None, levels) if levels else None
    if goal_type == "satisfaction":
        return ("mood", *_window(start_date, today, days=SATISFACTION_WINDOW_DAYS), None, None)
    return None


def _year_ago(today: date) -> date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def _window(start_date: str | None, today: date, days: int | None = None) -> tuple[str, str]:
    """[since, until) for counts: the last year (or `days`), not before the start."""
    since = today - timedelta(days=days) if days else _year_ago(today) + timedelta(days=1)
    if start_date and start_date[:10] > since.isoformat():
        since = date.fromisoformat(start_date[:10])
    return since.isoformat(), (today + timedelta(days=1)).isoformat()


def measure(
    store: Store,
    account_id: int,
    goal_type: str,
    category: str | None,
    *,
    start_date: str | None,
    today: date,
    config: Config | None = None,
    data: _AccountData | None = None,
) -> Measurement:
    """The goal's current value from the data, or Measurement(None, why not)."""
    data = data or _AccountData(store, account_id)
    if goal_type == "wallet_share":
        ws = fin.current_wallet_share(data.txs, data.estimates, today)
        if category:
            key = fold(category)
            row = next((c for c in ws.categories if fold(c.category) == key), None)
            if row is None or row.wallet is None:
                return Measurement(None, f"no wallet estimate for {category}")
            return Measurement(row.share, ws.notes[0] if ws.notes else "")
        if ws.share is None:
            return Measurement(None, "no wallet estimates for this account")
        return Measurement(ws.share, ws.notes[0] if ws.notes else "")
    if goal_type == "cross_sell":
        year_ago = _year_ago(today)
        if category:
            key = fold(category)
            lo, hi = year_ago.isoformat(), today.isoformat()
            total = sum(t.amount for t in data.txs if fold(t.category) == key and lo < t.date <= hi)
            return Measurement(
                total, f"revenue in {category} in the last 12 months, from transactions"
            )
        count = len(fin.categories_bought(data.txs, year_ago, today))
        return Measurement(
            float(count), "categories bought in the last 12 months, from transactions"
        )
    if goal_type == "broaden_map":
        return _measure_map(store, account_id, category, today, config)
    if goal_type == "new_channel":
        if not category:
            return Measurement(None, "no channel chosen: progress is updated by hand")
        since, until = _window(start_date, today)
        n = data.interaction_count(since, until, channel=category)
        return Measurement(
            float(n), f"{CHANNEL.label(category).lower()} interactions since {since}"
        )
    if goal_type == "new_method":
        levels = _method_levels(category)
        if not levels:
            return Measurement(None, "progress is updated by hand")
        since, until = _window(start_date, today)
        n = data.interaction_count(since, until, levels=levels)
        return Measurement(float(n), f"{' or '.join(levels)} conversations since {since}")
    if goal_type == "satisfaction":
        since, until = _window(start_date, today, days=SATISFACTION_WINDOW_DAYS)
        mean, readings = data.mood(since, until)
        if mean is None:
            return Measurement(None, f"no mood readings since {since}")
        return Measurement(mean, f"mean mood of {readings} interaction(s) since {since}")
    return Measurement(None, "progress is updated by hand")


def _method_levels(category: str | None) -> list[str]:
    if not category:
        return []
    try:
        return [LEVEL.normalize(category)]
    except ValueError:
        if fold(category) in ("qbr", "quarterly business review", "revision trimestral"):
            return ["strategic", "satisfaction"]
        return []


def _measure_map(
    store: Store, account_id: int, category: str | None, today: date, config: Config | None
) -> Measurement:
    """Their people (or functions) with active links, as the contact map counts
    them. A trashed account has no map analysis: its links are counted instead."""
    metric = MAP_METRICS.get(fold(category or "people"), "people")
    try:
        analysis = people.map_analysis(store, account_id, today=today, config=config or Config())
    except NotFound:
        linked = sql.linked_their_people(store, account_id)
        if metric == "functions":
            functions = {f for _p, f in linked if f}
            return Measurement(
                float(len(functions)), "their functions with a link to us (contact map)"
            )
        return Measurement(float(len(linked)), "their people with a link to us (contact map)")
    value = analysis.their_active if metric == "people" else len(analysis.their_functions)
    return Measurement(float(value), "their people and functions with active links (contact map)")


# --- reading --------------------------------------------------------------------


def _progress(
    store: Store,
    row: Any,
    today: date,
    config: Config | None,
    data: _AccountData,
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
    data = _AccountData(store, account_id)
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
    leaves their action items out (health only needs the statuses)."""
    rows = sql.goals(store, None, include_closed=include_closed)
    actions = _with_actions(store, rows) if with_actions else {}
    data = _portfolio_data(store, rows, today)
    return [
        _progress(store, r, today, config, data[r["account_id"]], actions.get(r["id"], []))
        for r in rows
    ]


def get(
    store: Store, goal_id: int, today: date, *, config: Config | None = None
) -> dg.GoalProgress:
    row = sql.get_goal(store, goal_id)
    if row is None:
        raise NotFound(f"no goal with id {goal_id}")
    actions = _with_actions(store, [row])[goal_id]
    return _progress(store, row, today, config, _AccountData(store, row["account_id"]), actions)


def goal_markers(store: Store) -> set[tuple[int, str]]:
    """(account_id, folded category) pairs with an active wallet-share or
    cross-sell goal: the whitespace view marks those cells."""
    return {(a, fold(c)) for a, c in sql.active_goal_categories(store)}


def open_actions(store: Store, *, due_before: date | None = None) -> list[dict[str, Any]]:
    """Open action items of active goals, soonest first (the follow-ups view)."""
    rows = sql.open_actions(store, due_before=due_before.isoformat() if due_before else None)
    return [dict(r) for r in rows]


# --- writing --------------------------------------------------------------------


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
    return sql.insert_action(store, goal_id, text, due_date or None)


def update_action(
    store: Store,
    action_id: int,
    text: str,
    due_date: str | None,
    *,
    expected_version: int | None = None,
) -> None:
    """With `expected_version`: only if nobody changed or deleted the action
    item since (else RecordConflict)."""
    text = " ".join(text.split())
    if not text:
        raise ServiceError("action: is required")
    with store.write() as conn:
        versions.update(
            conn,
            "goal_actions",
            action_id,
            {"text": text, "due_date": due_date or None},
            expected_version,
        )


def complete_action(store: Store, action_id: int, today: date, done: bool = True) -> None:
    if sql.get_action(store, action_id) is None:
        raise NotFound(f"no action with id {action_id}")
    sql.set_action_done(store, action_id, today.isoformat() if done else None)


def delete_action(store: Store, action_id: int) -> None:
    sql.delete_action(store, action_id)


def baseline_measure(
    store: Store,
    account_id: int,
    goal_type: str,
    category: str | None,
    start_date: str,
    today: date,
    config: Config | None = None,
) -> Measurement:
    """The value a goal starts from. Counts of interactions run from the goal's
    start (so they start at 0); satisfaction looks at the moods before it."""
    return measure(
        store,
        account_id,
        goal_type,
        category,
        start_date=None if goal_type == "satisfaction" else start_date,
        today=today,
        config=config,
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
        data = _AccountData(store, account_id)
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


def status_counts(store: Store, account_id: int, today: date) -> dict[str, int]:
    """{on_track, behind, done, dropped} for an account's goals (health)."""
    return dg.summary(account_goals(store, account_id, today))
