"""`kamtui goal add|done|drop|reopen|action|action-done`: the revitalisation
goals that `kamtui goals` lists, created and moved on from the shell."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import open_db, out, today_from
from kamtui.cli.records import ACCOUNT_HELP, record_id, refused


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "goal",
        parents=parents,
        help="create a goal, mark it done or dropped, add or tick its actions",
        description="Create and follow up revitalisation goals (list them with kamtui goals).",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser(
        "add",
        parents=parents,
        help="create a goal and print its id",
        description="Create a goal; prints its id. --type takes wallet_share, cross_sell, "
        "broaden_map, new_channel, new_method or satisfaction (or their English/Spanish "
        "labels). Dates are read like kamtui log's ('30 jun', 'fin de mes').",
    )
    add.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    add.add_argument("--type", required=True, metavar="TYPE", help="the kind of goal")
    add.add_argument("--title", required=True, metavar="TEXT", help="what the goal is")
    add.add_argument("--target", required=True, metavar="VALUE", help="the value to reach")
    add.add_argument("--baseline", metavar="VALUE", help="the value today (else measured)")
    add.add_argument("--category", metavar="NAME", help="product category or channel")
    add.add_argument("--due", metavar="DATE", help="when it should be reached")
    add.add_argument(
        "--action",
        action="append",
        default=[],
        metavar="TEXT[@DATE]",
        help="an action item (repeatable), with an optional due date after @",
    )
    add.add_argument("--today", help=argparse.SUPPRESS)
    add.set_defaults(handler=_add)
    for name, status, what in (
        ("done", "done", "mark a goal done"),
        ("drop", "dropped", "drop a goal (kept, no longer followed)"),
        ("reopen", "active", "make a done or dropped goal active again"),
    ):
        one = sub.add_parser(
            name, parents=parents, help=what, description=f"{what[0].upper()}{what[1:]}."
        )
        one.add_argument("goal", metavar="ID", type=record_id, help="the goal's id (12 or #12)")
        one.add_argument("--today", help=argparse.SUPPRESS)
        one.set_defaults(handler=_status, status=status)
    action = sub.add_parser(
        "action",
        parents=parents,
        help="add an action item to a goal and print its id",
        description="Add an action item to a goal; prints its id.",
    )
    action.add_argument("goal", metavar="ID", type=record_id, help="the goal's id")
    action.add_argument("text", metavar="TEXT", help="what to do")
    action.add_argument("--due", metavar="DATE", help="when it is due")
    action.add_argument("--today", help=argparse.SUPPRESS)
    action.set_defaults(handler=_action)
    tick = sub.add_parser(
        "action-done",
        parents=parents,
        help="mark a goal's action item done (--undo to reopen it)",
        description="Mark an action item done, or open again with --undo.",
    )
    tick.add_argument("action_id", metavar="ACTION_ID", type=record_id, help="the action's id")
    tick.add_argument("--undo", action="store_true", help="open it again")
    tick.add_argument("--today", help=argparse.SUPPRESS)
    tick.set_defaults(handler=_action_done)


def _due(text: str | None, args: argparse.Namespace, option: str) -> str | None:
    from kamtui import dates
    from kamtui.cli.common import CliError

    if not text:
        return None
    try:
        return dates.parse_date(text, today=today_from(args), purpose=dates.FUTURE).isoformat()
    except ValueError as exc:
        raise CliError(f"{option}: {exc}") from None


def _add(args: argparse.Namespace) -> int:
    from kamtui.services import goals
    from kamtui.services.lookup import resolve_account

    today = today_from(args)
    actions = []
    for raw in args.action:
        text, _, when = raw.partition("@")
        actions.append((text.strip(), _due(when.strip(), args, "--action")))
    due = _due(args.due, args, "--due")
    store = open_db(args)
    try:
        with refused():
            account = resolve_account(store, args.account)
            goal_id = goals.create(
                store,
                account.id,
                goal_type=args.type,
                title=args.title,
                target=args.target,
                baseline=args.baseline,
                category=args.category,
                due_date=due,
                today=today,
                actions=actions,
            )
    finally:
        store.close()
    out(str(goal_id))
    return 0


def _status(args: argparse.Namespace) -> int:
    from kamtui.services import goals

    store = open_db(args)
    try:
        with refused():
            goals.set_status(store, args.goal, args.status, today_from(args))
    finally:
        store.close()
    out(f"goal #{args.goal}: {args.status}")
    return 0


def _action(args: argparse.Namespace) -> int:
    from kamtui.services import goals

    due = _due(args.due, args, "--due")
    store = open_db(args)
    try:
        with refused():
            action_id = goals.add_action(store, args.goal, args.text, due)
    finally:
        store.close()
    out(str(action_id))
    return 0


def _action_done(args: argparse.Namespace) -> int:
    from kamtui.services import goals

    store = open_db(args)
    try:
        with refused():
            goals.complete_action(store, args.action_id, today_from(args), done=not args.undo)
    finally:
        store.close()
    out(f"action #{args.action_id}: {'open' if args.undo else 'done'}")
    return 0
