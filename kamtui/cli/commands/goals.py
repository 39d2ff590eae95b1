"""`kamtui goals [ACCOUNT] [--json]`: revitalisation goals and their progress."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import CliError, open_db, out, print_json, today_from


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "goals",
        parents=parents,
        help="revitalisation goals: progress, status and action items",
        description="Without ACCOUNT: the active goals of the whole portfolio, behind first. "
        "With ACCOUNT (name or account number): every goal of that account with how its "
        "progress was measured (wallet share and cross-sell from transactions, the map from "
        "people and links, channels and methods from interactions, satisfaction from moods) "
        "and its status against a straight line from the baseline to the target by the due date.",
    )
    parser.add_argument(
        "account", nargs="?", metavar="ACCOUNT", help="account name (or part), number, or #id"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--all", action="store_true", help="include done and dropped goals (portfolio view)"
    )
    parser.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kamtui.config import ConfigError, load_config
    from kamtui.services import accounts
    from kamtui.services import goals as goal_service
    from kamtui.services.errors import ServiceError

    today = today_from(args)
    try:
        config = load_config()
    except ConfigError as exc:
        raise CliError(str(exc)) from None
    store = open_db(args, readonly=True)
    try:
        if args.account:
            try:
                account = accounts.resolve(store, args.account)
            except ServiceError as exc:
                raise CliError(str(exc)) from None
            goals = goal_service.account_goals(store, account.id, today, config=config)
            title = account.name
        else:
            goals = goal_service.portfolio_goals(
                store, today, config=config, include_closed=args.all
            )
            title = None
    finally:
        store.close()
    if args.json:
        print_json([_as_json(g, today) for g in goals])
        return 0
    if title is not None:
        _print_account(title, goals, today)
    else:
        _print_portfolio(goals, today)
    return 0


def _as_json(g: Any, today: Any) -> dict[str, Any]:
    return {
        "id": g.id,
        "account_id": g.account_id,
        "account": g.account,
        "type": g.type,
        "category": g.category,
        "title": g.title,
        "baseline": g.baseline,
        "current": g.current,
        "target": g.target,
        "measured": g.measured,
        "source": g.source,
        "start_date": g.start_date,
        "due_date": g.due_date,
        "status": g.status,
        "progress": g.evaluation.progress,
        "expected": g.evaluation.expected,
        "reason": g.evaluation.reason,
        "actions": [
            {
                "id": a.id,
                "text": a.text,
                "due_date": a.due_date,
                "done_at": a.done_at,
                "overdue": a.overdue(today),
            }
            for a in g.actions
        ],
    }


def _type_label(g: Any) -> str:
    from kamtui.domain.display import goal_category
    from kamtui.vocab import GOAL_TYPE

    label = GOAL_TYPE.label(g.type).lower()
    if g.category:
        return f"{label} ({goal_category(g.type, g.category)})"
    return label


def _print_account(name: str, goals: list[Any], today: Any) -> None:
    from kamtui.dates import display_date
    from kamtui.domain.goals import STATUS_LABELS, format_value, summary

    counts = summary(goals)
    out(
        f"{name} — {len(goals)} goal(s): {counts['on_track']} on track, {counts['behind']} "
        f"behind, {counts['done']} done, {counts['dropped']} dropped"
        + (f", {counts['not_started']} not started" if counts.get("not_started") else "")
    )
    if not goals:
        out("No goals yet: create one from the account's Goals tab or the whitespace view.")
    for g in goals:
        out()
        out(f"#{g.id} {g.title}  [{STATUS_LABELS[g.status]}]")
        due = f" by {display_date(g.due_date)}" if g.due_date else ""

        def fv(v: float | None, g: Any = g) -> str:
            return format_value(g.type, v, g.category)

        out(
            f"   {_type_label(g)}: {fv(g.baseline)} → now {fv(g.current)} → target "
            f"{fv(g.target)}{due}"
        )
        out(f"   {g.evaluation.reason}")
        out(f"   {'measured' if g.measured else 'progress'}: {g.source}")
        for a in g.actions:
            box = "x" if a.done_at else " "
            when = f" {display_date(a.due_date)}" if a.due_date else ""
            late = " (overdue)" if a.overdue(today) else ""
            out(f"   [{box}]{when} {a.text}{late}")


def _print_portfolio(goals: list[Any], today: Any) -> None:
    from kamtui.dates import display_date
    from kamtui.domain.goals import STATUS_LABELS, format_value
    from kamtui.textsafe import clean

    if not goals:
        out("No active goals.")
        return
    order = {"behind": 0, "on_track": 1, "not_started": 2, "done": 3, "dropped": 4}
    goals = sorted(goals, key=lambda g: (order[g.status], g.due_date or "9999", g.account))
    rows = []
    for g in goals:

        def fv(v: float | None, g: Any = g) -> str:
            return format_value(g.type, v, g.category)

        nxt = g.next_action()
        late = sum(1 for a in g.actions if a.overdue(today))
        rows.append(
            (
                STATUS_LABELS[g.status],
                display_date(g.due_date) or "—",
                clean(g.account, one_line=True),
                f"#{g.id} " + clean(g.title, one_line=True),
                f"{fv(g.current)} / {fv(g.target)}",
                (
                    f"{late} overdue action(s)"
                    if late
                    else (clean(nxt.text, one_line=True) if nxt else "")
                ),
            )
        )
    header = ("STATUS", "DUE", "ACCOUNT", "GOAL", "NOW / TARGET", "NEXT")
    widths = [
        min(max(len(r[i]) for r in [header, *rows]), cap)
        for i, cap in enumerate((9, 10, 28, 44, 24, 40))
    ]
    for r in [header, *rows]:
        out("  ".join(_fit(v, w) for v, w in zip(r, widths, strict=True)).rstrip())


def _fit(value: str, width: int) -> str:
    return value.ljust(width) if len(value) <= width else value[: width - 1] + "…"
