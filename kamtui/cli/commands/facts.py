"""`kamtui facts ACCOUNT` and `kamtui fact add ACCOUNT TEXT`: what the client
told us (needs, preferences, habits), never to ask twice."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import open_db, out, print_json
from kamtui.cli.records import ACCOUNT_HELP, refused


def register_list(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "facts",
        parents=parents,
        help="what the client told us: needs, preferences, habits",
        description="The account's facts (not those in the trash) by kind, each with its "
        "#id and the person it is about, if any.",
    )
    parser.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=_list)


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "fact",
        parents=parents,
        help="add a fact the client told us",
        description="Note a fact about an account or one of its people.",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser(
        "add",
        parents=parents,
        help="add a fact and print its id",
        description="Add a fact; prints its id. --kind takes need, preference, habit or "
        "other (or their English/Spanish labels); --person a name on the account's map.",
    )
    add.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    add.add_argument("text", metavar="TEXT", help="what they told us")
    add.add_argument("--person", metavar="NAME", help="the person it is about")
    add.add_argument(
        "--kind", metavar="KIND", default="other", help="need, preference, habit, other"
    )
    add.add_argument("--json", action="store_true", help="print the new fact as JSON")
    add.set_defaults(handler=_add)


def _as_json(f: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f["id"],
        "account_id": f["account_id"],
        "kind": f["kind"],
        "text": f["text"],
        "person_id": f["person_id"],
        "person": f["person"],
        "interaction_id": f["interaction_id"],
        "created_at": f["created_at"],
    }


def _list(args: argparse.Namespace) -> int:
    from kamtui.services import facts
    from kamtui.services.lookup import resolve_account

    store = open_db(args, readonly=True)
    try:
        with refused():
            account = resolve_account(store, args.account)
            found = [_as_json(f) for f in facts.of_account(store, account.id)]
    finally:
        store.close()
    if args.json:
        print_json(found)
        return 0
    out(f"{account.name} (#{account.id}) — {len(found)} fact(s)")
    for f in found:
        who = f" ({f['person']})" if f["person"] else ""
        out(f"#{f['id']}  {f['kind']}{who}: {f['text']}")
    return 0


def _add(args: argparse.Namespace) -> int:
    from kamtui.services import facts, people
    from kamtui.services.lookup import resolve_account

    store = open_db(args)
    try:
        with refused():
            account = resolve_account(store, args.account)
            person_id = None
            if args.person is not None:
                person_id = people.find_person(store, account.id, args.person).id
            fact_id = facts.add(store, account.id, args.text, kind=args.kind, person_id=person_id)
            fact = facts.get(store, fact_id)
    finally:
        store.close()
    if args.json:
        print_json(_as_json(fact))
    else:
        out(str(fact_id))
    return 0
