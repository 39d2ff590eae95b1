"""`kamtui history ACCOUNT`: what changed on an account and everything on it
(people, interactions, complaints, facts, goals…), when, and who changed it."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import open_db, out, print_json
from kamtui.cli.records import ACCOUNT_HELP, refused, since_date

DEFAULT_LIMIT = 50


def _limit(text: str) -> int:
    """An argparse type: a count of entries, 0 for all."""
    raw = text.strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of entries (0 for all)")
    return int(raw)


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "history",
        parents=parents,
        help="what changed on an account, when, and who changed it",
        description="The account's history, newest first: each change to the account, its "
        "people, links, interactions, next steps, complaints, facts, goals, actions, "
        "identifiers, transactions and wallet estimates (created, edited, deleted, "
        "restored), with who made it (the --user of the command that wrote it, "
        "$KAMTUI_USER or the login name) and the fields' old and new values; and "
        "each import that changed it, as one entry. An account in the trash is found "
        "too when no live one matches (merged away: the output names the account that "
        "holds its records now).",
    )
    parser.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--since", metavar="DATE", help="only changes on or after DATE (2026-01-01, '30 jun'…)"
    )
    parser.add_argument(
        "--limit",
        metavar="N",
        type=_limit,
        default=DEFAULT_LIMIT,
        help=f"at most N changes, the newest (default {DEFAULT_LIMIT}; 0 for all)",
    )
    parser.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kamtui.domain import history as words
    from kamtui.services.history import account_history, find_account

    since = since_date(args)
    store = open_db(args, readonly=True)
    try:
        with refused():
            account = find_account(store, args.account)
            found = account_history(store, account.id, since=since, limit=args.limit or None)
    finally:
        store.close()
    if args.json:
        print_json(found.as_json())
        return 0
    span = f" since {since.isoformat()}" if since else ""
    out(f"{found.account_name} (#{found.account_id}) — {found.total} change(s){span}")
    where = words.trash_note(found)
    if where:
        out(f"  ({where})")
    note = words.not_recorded_note(found)
    if note:
        out(f"  ({note})")
    for change in found.changes:
        out(f"{words.when(change)}  {words.who(change)}  {words.headline(change)}")
        for line in words.field_lines(change):
            out(f"    {line}")
    hidden = found.total - len(found.changes)
    if hidden > 0:
        out(f"… {hidden} older change(s) not shown (--limit 0 shows all)")
    return 0
