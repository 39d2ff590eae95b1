"""`kamtui followups [--json]`: next steps, goal actions and contacts due, all
accounts."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import CliError, open_db, out, print_json, today_from, write_private

REF_PREFIX = {"next_step": "n", "goal_action": "g"}


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "followups",
        parents=parents,
        help="next steps, goal actions and contacts due: overdue, today, this week",
        description="Open next steps (from interactions), action items (of active "
        "goals) and contacts due (an active account, or a decision maker or champion of "
        "theirs, not contacted for longer than the account's cadence) across all accounts, "
        "in three buckets: overdue, due today, due in the next 7 days. Each line starts with "
        "a reference (n12 = next step 12, g5 = goal action 5) that --done accepts; a contact "
        "due (c7 = account 7, p30 = person 30) clears when you log an interaction.",
    )
    parser.add_argument(
        "--json", action="store_true", help="print a JSON list (each item has its bucket)"
    )
    parser.add_argument("--all", action="store_true", help="also list later and undated follow-ups")
    parser.add_argument(
        "--done",
        action="append",
        default=[],
        metavar="REF",
        help="mark a follow-up done by its reference (n12, g5); repeatable",
    )
    parser.add_argument(
        "--ics",
        action="store_true",
        help="write an iCalendar file instead: one to-do per follow-up, with stable UIDs",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="with --ics: the .ics file (default: stdout)"
    )
    parser.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=_run)


def _parse_ref(ref: str) -> tuple[str, int]:
    text = ref.strip().lower()
    if text[:1] in ("c", "p") and text[1:].isdigit():
        raise CliError(
            f"--done: {ref!r} is a contact due: log an interaction (kamtui log) to reset it"
        )
    for kind, prefix in REF_PREFIX.items():
        if text.startswith(prefix) and text[1:].isdigit():
            return kind, int(text[1:])
    raise CliError(f"--done: {ref!r} is not a follow-up reference (like n12 or g5)")


def _run(args: argparse.Namespace) -> int:
    from kamtui.services import followups as fu
    from kamtui.services.errors import ServiceError

    today = today_from(args)
    refs = [_parse_ref(r) for r in args.done]
    store = open_db(args, readonly=not refs and not args.ics)
    try:
        if refs:
            try:
                fu.mark_all_done(store, refs, today=today)
            except ServiceError as exc:
                raise CliError(str(exc)) from None
            out(f"marked {len(refs)} follow-up(s) done")
            return 0
        result = fu.followups(store, today=today)
        buckets = [b for b in fu.BUCKETS if args.all or b[0] != "later"]
        if args.ics:
            return _write_ics(store, args, [i for k, _ in buckets for i in result.bucket(k)])
    finally:
        store.close()
    if args.json:
        rows = [
            {"bucket": key, **item.as_json(today)}
            for key, _label in buckets
            for item in result.bucket(key)
        ]
        print_json(rows)
        return 0
    _print(result, buckets, today)
    return 0


def _print(result: Any, buckets: list[tuple[str, str]], today: Any) -> None:
    from kamtui.dates import display_date
    from kamtui.textsafe import clean

    total = sum(len(result.bucket(k)) for k, _ in buckets)
    if not total:
        out("Nothing due this week.")
        return
    for key, label in buckets:
        items = result.bucket(key)
        if not items:
            continue
        out(f"{label} ({len(items)})")
        for item in items:
            ref = item.ref
            due = display_date(item.due_date) if item.due_date else "no date"
            late = item.days_late(today)
            extra = f" ({late} d late)" if key == "overdue" and late else ""
            if item.kind == "contact_due":
                extra = f" ({late} d overdue)"
            source = "goal: " if item.kind == "goal_action" else ""
            out(
                f"  {ref:<6} {due:<10} {clean(item.account, one_line=True)}: "
                f"{clean(item.text, one_line=True)}{extra}"
            )
            if item.source:
                out(f"         {source}{clean(item.source, one_line=True)}")
            if item.do_not_contact:
                names = ", ".join(clean(n, one_line=True) for n in item.do_not_contact)
                out(f"         do not contact: {names}")


def _write_ics(store: Any, args: argparse.Namespace, items: list[Any]) -> int:
    import sys

    from kamtui.services.calendar import followups_ics

    data = followups_ics(store, items)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        write_private(args.output, data)
    except OSError as exc:
        raise CliError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    out(f"wrote {len(items)} follow-up(s) to {args.output}")
    return 0
