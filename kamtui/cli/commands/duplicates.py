"""`kamtui duplicates` (suspected duplicate accounts and people, ranked) and
`kamtui not-duplicate account A B | person ACCOUNT A B` (never list a pair
again; --undo takes the mark back)."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import CliError, open_db, out, print_json
from kamtui.cli.records import ACCOUNT_HELP, refused, table


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "duplicates",
        parents=parents,
        help="suspected duplicate accounts and people, ranked, with the reasons",
        description="Pairs of accounts that look like one client (the same tax id once "
        "normalised, the same e-mail or web domain, names equal or close once accents and "
        "legal forms such as S.L., S.A., Ltd or GmbH are set aside) and pairs of people of "
        "one account that look like one person (the same e-mail or phone, close names), "
        "highest score (0-100) first. Nothing is merged. Pairs marked with "
        "`kamtui not-duplicate` are not listed.",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--accounts-only", action="store_true", help="only pairs of accounts")
    which.add_argument("--people-only", action="store_true", help="only pairs of people")
    parser.add_argument("--limit", type=_count, metavar="N", help="at most N pairs")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print JSON: a list of {kind, a, b, score, reasons, a_id, b_id[, account]}",
    )
    parser.set_defaults(handler=_list)


def register_not(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "not-duplicate",
        parents=parents,
        help="mark a pair of accounts or people as not a duplicate",
        description="Mark a pair that `kamtui duplicates` lists as not a duplicate: it is "
        "not listed again (nor in the app). --undo takes the mark back.",
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    account = kinds.add_parser(
        "account",
        parents=parents,
        help="two accounts",
        description="Two accounts that are different clients.",
    )
    account.add_argument("a", metavar="A", help=ACCOUNT_HELP)
    account.add_argument("b", metavar="B", help=ACCOUNT_HELP)
    person = kinds.add_parser(
        "person",
        parents=parents,
        help="two people of one account",
        description="Two people of one account who are different people.",
    )
    person.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    person.add_argument("a", metavar="A", help="a person: name (or a unique part) or #id")
    person.add_argument("b", metavar="B", help="the other person: name (or part) or #id")
    for sub in (account, person):
        sub.add_argument("--undo", action="store_true", help="take the mark back")
        sub.set_defaults(handler=_not_duplicate)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("give 1 or more")
    return value


def _list(args: argparse.Namespace) -> int:
    from kamtui.services import duplicates

    store = open_db(args, readonly=True)
    try:
        pairs = duplicates.find(
            store, accounts=not args.people_only, people=not args.accounts_only, limit=args.limit
        )
    finally:
        store.close()
    if args.json:
        print_json([duplicates.as_json(p) for p in pairs])
        return 0
    if not pairs:
        out("No suspected duplicates.")
        return 0
    table(
        ("SCORE", "KIND", "A", "B", "REASONS"),
        [
            (
                p.score,
                p.kind,
                f"{p.a_name} (#{p.a_id})",
                f"{p.b_name} (#{p.b_id})",
                "; ".join(p.reasons),
            )
            for p in pairs
        ],
        (5, 7, 40, 40, 80),
    )
    return 0


def _not_duplicate(args: argparse.Namespace) -> int:
    from kamtui.services import duplicates
    from kamtui.services.lookup import resolve_account

    store = open_db(args)
    try:
        with refused():
            if args.kind == "account":
                a = resolve_account(store, args.a)
                b = resolve_account(store, args.b)
                ids, names = (a.id, b.id), (a.name, b.name)
            else:
                account = resolve_account(store, args.account)
                ids = (
                    duplicates.person_ref(store, account.id, args.a),
                    duplicates.person_ref(store, account.id, args.b),
                )
                names = (args.a, args.b)
            if args.undo:
                changed = duplicates.undismiss(store, args.kind, *ids)
            else:
                changed = duplicates.dismiss(store, args.kind, *ids)
    finally:
        store.close()
    pair = f"{names[0]} (#{ids[0]}) and {names[1]} (#{ids[1]})"
    if args.undo:
        if not changed:
            raise CliError(f"{pair} were not marked as not a duplicate")
        out(f"{pair} may be listed as suspected duplicates again")
    elif changed:
        out(f"{pair} marked as not a duplicate")
    else:
        out(f"{pair} were already marked as not a duplicate")
    return 0
