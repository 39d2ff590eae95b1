"""`kamtui complaints [ACCOUNT]` and `kamtui complaint advance|resolve ID`:
complaints along open -> in progress -> resolved, from the shell."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import open_db, out, print_json, today_from
from kamtui.cli.records import ACCOUNT_HELP, record_id, refused, table


def register_list(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "complaints",
        parents=parents,
        help="complaints: the open ones of the portfolio, or all of one account",
        description="Without ACCOUNT: every complaint not yet resolved, oldest first. With "
        "ACCOUNT: all of its complaints, newest first. Each with its #id (for `kamtui "
        "complaint advance|resolve ID`), severity, status and how long it took or has taken.",
    )
    parser.add_argument("account", nargs="?", metavar="ACCOUNT", help=ACCOUNT_HELP)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=_list)


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "complaint",
        parents=parents,
        help="move a complaint on: advance one step, or resolve it",
        description="Move a complaint along open -> in progress -> resolved, dated today. "
        "A complaint already resolved, or a resolution without text, is an error (exit 2).",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    advance = sub.add_parser(
        "advance",
        parents=parents,
        help="one step on: open -> in progress -> resolved",
        description="Open -> in progress; in progress -> resolved (which needs --resolution).",
    )
    advance.add_argument("id", type=record_id, metavar="ID", help="the complaint's id")
    advance.add_argument(
        "--resolution", metavar="TEXT", default="", help="how it was resolved (when resolving)"
    )
    advance.add_argument("--json", action="store_true", help="print the complaint as JSON")
    advance.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    advance.set_defaults(handler=_advance)
    resolve = sub.add_parser(
        "resolve",
        parents=parents,
        help="resolve a complaint, saying how",
        description="Resolve an open or in-progress complaint today, with what was done.",
    )
    resolve.add_argument("id", type=record_id, metavar="ID", help="the complaint's id")
    resolve.add_argument("--resolution", metavar="TEXT", required=True, help="how it was resolved")
    resolve.add_argument("--json", action="store_true", help="print the complaint as JSON")
    resolve.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    resolve.set_defaults(handler=_resolve)


def _as_json(c: Any, today: Any) -> dict[str, Any]:
    from kamtui.services.complaints import describe_time

    return {
        "id": c.id,
        "account_id": c.account_id,
        "account": c.account,
        "interaction_id": c.interaction_id,
        "title": c.title,
        "description": c.description,
        "severity": c.severity,
        "status": c.status,
        "opened_at": c.opened_at,
        "in_progress_at": c.in_progress_at,
        "resolved_at": c.resolved_at,
        "resolution": c.resolution,
        "resolution_days": c.resolution_days(),
        "time": describe_time(c, today),
    }


def _list(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from kamtui.services import complaints
    from kamtui.services.lookup import resolve_account

    today = today_from(args)
    store = open_db(args, readonly=True)
    try:
        with refused():
            if args.account:
                account = resolve_account(store, args.account)
                found = [
                    replace(c, account=account.name)
                    for c in complaints.of_account(store, account.id)
                ]
            else:
                found = complaints.unresolved(store)
    finally:
        store.close()
    rows = [_as_json(c, today) for c in found]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        out("No complaints." if args.account else "No open complaints.")
        return 0
    table(
        ("ID", "ACCOUNT", "SEVERITY", "STATUS", "OPENED", "TIME", "TITLE"),
        [
            (
                f"#{r['id']}",
                r["account"],
                r["severity"],
                r["status"],
                r["opened_at"][:10],
                r["time"],
                r["title"],
            )
            for r in rows
        ],
        (8, 28, 8, 11, 10, 26, 50),
    )
    return 0


def _show(args: argparse.Namespace, store: Any, complaint_id: int, today: Any) -> None:
    from kamtui.services import complaints

    c = complaints.get(store, complaint_id)
    if args.json:
        print_json(_as_json(c, today))
    else:
        out(f"complaint #{c.id} ({c.title}): {c.status.replace('_', ' ')}")


def _advance(args: argparse.Namespace) -> int:
    from kamtui.services import complaints

    today = today_from(args)
    store = open_db(args)
    try:
        with refused():
            complaints.advance(store, args.id, today=today, resolution=args.resolution)
            _show(args, store, args.id, today)
    finally:
        store.close()
    return 0


def _resolve(args: argparse.Namespace) -> int:
    from kamtui.services import complaints

    today = today_from(args)
    store = open_db(args)
    try:
        with refused():
            complaints.resolve(store, args.id, resolution=args.resolution, today=today)
            _show(args, store, args.id, today)
    finally:
        store.close()
    return 0
