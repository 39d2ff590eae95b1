"""`kamtui merge account|person|undo` (two records of one client become one,
and back) and `kamtui merges` (the journal of merges)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kamtui.cli.common import CliError, open_db, out, print_json
from kamtui.cli.records import ACCOUNT_HELP, record_id, refused, table

PERSON_HELP = "person: name (or a unique part) or #id"


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "merge",
        parents=parents,
        help="merge two accounts (or two people) into one; undo a merge",
        description="Everything of SOURCE moves to TARGET in one transaction: people, links, "
        "interactions, next steps, complaints, facts, transactions, wallet estimates, goals, "
        "identifiers, health snapshots. TARGET's empty fields are filled from SOURCE; SOURCE's "
        "number and name become identifiers of TARGET ('former number', 'former name'), so "
        "old files still find it; a person on both (same name and side) becomes one; SOURCE "
        "goes to the trash. Shows what will happen and asks "
        "first (--yes to skip; required when not run in a terminal). `kamtui merge undo` "
        "puts everything back.",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    account = sub.add_parser(
        "account",
        parents=parents,
        help="merge account SOURCE into account TARGET",
        description="Merge account SOURCE into TARGET (each by name, number, identifier or #id).",
    )
    account.add_argument("source", metavar="SOURCE", help=ACCOUNT_HELP + " (goes to the trash)")
    account.add_argument("target", metavar="TARGET", help=ACCOUNT_HELP + " (kept)")
    _options(account)
    account.set_defaults(handler=_merge_accounts)
    person = sub.add_parser(
        "person",
        parents=parents,
        help="merge person SOURCE into person TARGET, on one account",
        description="Merge two people of one account, of the same side: SOURCE's "
        "interactions, links and facts go to TARGET, TARGET's empty fields are filled, "
        "SOURCE goes to the trash.",
    )
    person.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    person.add_argument("source", metavar="SOURCE", help=PERSON_HELP + " (goes to the trash)")
    person.add_argument("target", metavar="TARGET", help=PERSON_HELP + " (kept)")
    _options(person)
    person.set_defaults(handler=_merge_people)
    undo = sub.add_parser(
        "undo",
        parents=parents,
        help="undo a merge (default: the last one)",
        description="Put back everything a merge moved, filled and added, and take SOURCE "
        "out of the trash. Refused (exit 2, nothing changed) when a later merge of the "
        "same accounts is still in place, or records made since would be split.",
    )
    undo.add_argument(
        "id", nargs="?", type=record_id, metavar="ID", help="the merge's id (`kamtui merges`)"
    )
    undo.add_argument("--json", action="store_true", help="print what was put back as JSON")
    undo.set_defaults(handler=_undo)


def register_list(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "merges",
        parents=parents,
        help="the merges made, newest first (ids for `kamtui merge undo`)",
        description="Every merge, newest first: its id, what was merged into what, when, "
        "whether it was undone, and what moved.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=_list)


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--yes", "-y", action="store_true", help="merge without asking")
    parser.add_argument(
        "--dry-run", action="store_true", help="only show what would happen; write nothing"
    )
    parser.add_argument("--json", action="store_true", help="print the preview or result as JSON")


def _show(summary: Any, as_json: bool, *, to_stderr: bool = False) -> None:
    if as_json:
        print_json(summary.as_json())
        return
    from kamtui.textsafe import clean

    stream = sys.stderr if to_stderr else sys.stdout
    for line in [summary.heading(), *(f"  {line}" for line in summary.lines())]:
        print(clean(line), file=stream)


def _confirmed(args: argparse.Namespace) -> bool:
    """--yes, or 'y' typed at the question. Without a terminal to ask on,
    nothing is merged: CliError (exit 2)."""
    if args.yes:
        return True
    stdin = sys.stdin
    try:
        interactive = stdin is not None and not stdin.closed and stdin.isatty()
    except (OSError, ValueError):
        interactive = False
    if not interactive:
        raise CliError(
            "nothing was merged: standard input is not a terminal, so kamtui cannot ask; "
            "add --yes to merge (or --dry-run to only see what would happen)"
        )
    print("Merge? [y/N] ", end="", flush=True)
    try:
        answer = stdin.readline()
    except (OSError, ValueError, UnicodeDecodeError):
        answer = ""
    return answer.strip().lower() in ("y", "yes", "s", "si", "sí")


def _run(args: argparse.Namespace, kind: str, resolve: Any) -> int:
    from kamtui.cli.common import today_from
    from kamtui.config import ConfigError, load_config
    from kamtui.services import merge

    try:
        config = load_config()
    except ConfigError:
        config = None  # the health snapshot is computed with the defaults
    store = open_db(args)
    try:
        with refused():
            source, target, account = resolve(store)
            if not args.yes or args.dry_run:
                plan = merge.preview(store, kind, source, target, account)
                if args.dry_run:
                    _show(plan, args.json)
                    return 0
                # The question's preview: on stderr when stdout is for JSON.
                _show(plan, False, to_stderr=args.json)
                if not _confirmed(args):
                    out("nothing was merged")
                    return 1
            done = merge.merge(
                store, kind, source, target, account, today=today_from(args), config=config
            )
    finally:
        store.close()
    _show(done, args.json)
    return 0


def _merge_accounts(args: argparse.Namespace) -> int:
    from kamtui.services.lookup import resolve_account

    def resolve(store: Any) -> tuple[int, int, None]:
        source = resolve_account(store, args.source)
        target = resolve_account(store, args.target)
        return source.id, target.id, None

    return _run(args, "account", resolve)


def _merge_people(args: argparse.Namespace) -> int:
    from kamtui.services import people
    from kamtui.services.lookup import resolve_account

    def person(store: Any, account_id: int, text: str) -> int:
        raw = text.strip()
        if raw.startswith("#") and raw[1:].strip().isdigit():
            return int(raw[1:])
        return people.find_person(store, account_id, raw).id

    def resolve(store: Any) -> tuple[int, int, int]:
        account = resolve_account(store, args.account)
        return (
            person(store, account.id, args.source),
            person(store, account.id, args.target),
            (account.id),
        )

    return _run(args, "person", resolve)


def _undo(args: argparse.Namespace) -> int:
    from kamtui.services import merge

    store = open_db(args)
    try:
        with refused():
            report = merge.undo(store, args.id)
    finally:
        store.close()
    if args.json:
        print_json(report.as_json())
    else:
        for line in report.lines():
            out(line)
    return 0


def _list(args: argparse.Namespace) -> int:
    from kamtui.services import merge

    store = open_db(args, readonly=True)
    try:
        found = merge.journal(store)
    finally:
        store.close()
    if args.json:
        print_json(found)
        return 0
    if not found:
        out("No merges yet.")
        return 0
    table(
        ("ID", "KIND", "MERGED", "INTO", "WHEN", "UNDONE", "MOVED"),
        [
            (
                f"#{m['id']}",
                m["kind"],
                f"{m['source']['name']} (#{m['source']['id']})",
                f"{m['target']['name']} (#{m['target']['id']})",
                m["merged_at"][:16],
                (m["undone_at"] or "")[:16],
                ", ".join(f"{n} {k}" for k, n in m["moved"].items()),
            )
            for m in found
        ],
        (6, 8, 34, 34, 16, 16, 60),
    )
    return 0
