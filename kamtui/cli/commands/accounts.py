"""`kamtui accounts` (the list) and `kamtui account add|edit|delete`:
the portfolio's accounts from the shell."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import CliError, open_db, out, print_json
from kamtui.cli.records import ACCOUNT_HELP, given, refused, table

# option dest -> AccountInput field
FIELDS = {
    "name": "name",
    "number": "account_number",
    "tax_id": "tax_id",
    "domain": "domain",
    "industry": "industry",
    "tier": "tier",
    "owner": "owner",
    "phone": "phone",
    "email": "email",
    "address": "address",
    "cadence": "cadence_days",
    "status": "status",
    "identifiers": "identifiers",
}


def register_list(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "accounts",
        parents=parents,
        help="list the accounts: id, name, number, tier, owner, status",
        description="Every account not in the trash, by name, with its #id (which any "
        "ACCOUNT argument takes), account number, tier, owner and status.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=_list)


def _fields(parser: argparse.ArgumentParser, *, edit: bool) -> None:
    if edit:
        parser.add_argument("--name", metavar="NAME", help="the new name")
    parser.add_argument("--number", metavar="N", help="account number")
    parser.add_argument("--tax-id", metavar="ID", help="tax id (CIF/NIF)")
    parser.add_argument("--domain", metavar="DOMAIN", help="web domain")
    parser.add_argument("--industry", metavar="TEXT", help="industry")
    parser.add_argument("--tier", metavar="TIER", help="tier (A, B, C…)")
    parser.add_argument("--owner", metavar="NAME", help="account owner (the KAM)")
    parser.add_argument("--phone", metavar="PHONE", help="phone number")
    parser.add_argument("--email", metavar="EMAIL", help="e-mail address")
    parser.add_argument("--address", metavar="TEXT", help="postal address")
    parser.add_argument(
        "--cadence", metavar="DAYS", help="contact every DAYS days at least (1-730; '' clears)"
    )
    parser.add_argument(
        "--status", metavar="STATUS", help="active, prospect, dormant, lost (key or label)"
    )
    parser.add_argument(
        "--identifiers",
        metavar="LIST",
        help="its numbers in other business units' systems, all of them: "
        "'ERP-Norte:4711; SAT:C-88' ('' removes them all)",
    )


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "account",
        parents=parents,
        help="add, edit or delete (to the trash) an account",
        description="Correct the record of an account from the shell. Vocabulary values "
        "(status) take keys or English/Spanish labels, case- and accent-insensitively. "
        "Invalid values are an error (exit 2) and nothing is written.",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser(
        "add",
        parents=parents,
        help="add an account and print its id",
        description="Add an account; prints its new id.",
    )
    add.add_argument("name", metavar="NAME", help="the account's name")
    _fields(add, edit=False)
    add.add_argument("--json", action="store_true", help="print the new account as JSON")
    add.set_defaults(handler=_add)
    edit = sub.add_parser(
        "edit",
        parents=parents,
        help="change only the fields given",
        description="Change only the fields given ('' clears one). The change is written "
        "only over the version just read: if the account changed meanwhile (the app, "
        "another shell), nothing is written and it says so (exit 2).",
    )
    edit.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    _fields(edit, edit=True)
    edit.add_argument("--json", action="store_true", help="print the account as JSON")
    edit.set_defaults(handler=_edit)
    delete = sub.add_parser(
        "delete",
        parents=parents,
        help="move an account to the trash",
        description="Move an account to the trash (`kamtui restore account ID` takes it "
        "back); its people, interactions and the rest stay with it.",
    )
    delete.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    delete.add_argument("--json", action="store_true", help="print what was trashed as JSON")
    delete.set_defaults(handler=_delete)


def _row(a: Any, identifiers: Any = ()) -> dict[str, Any]:
    return {
        "id": a["id"],
        "name": a["name"],
        "number": a["account_number"],
        "tier": a["tier"],
        "owner": a["owner"],
        "status": a["status"],
        "identifiers": [{"business_unit": u, "number": n} for u, n in identifiers or ()],
    }


def _list(args: argparse.Namespace) -> int:
    from kamtui.services import accounts

    store = open_db(args, readonly=True)
    try:
        others = accounts.identifiers_by_account(store)
        rows = [_row(a, others.get(a["id"])) for a in accounts.listing(store)]
    finally:
        store.close()
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        out("No accounts yet (kamtui account add NAME, or kamtui import accounts FILE).")
        return 0
    table(
        ("ID", "NAME", "NUMBER", "TIER", "OWNER", "STATUS"),
        [(f"#{r['id']}", r["name"], r["number"], r["tier"], r["owner"], r["status"]) for r in rows],
        (8, 40, 20, 6, 24, 10),
    )
    return 0


def _show(args: argparse.Namespace, account: Any, verb: str) -> None:
    row = _row(account.model_dump(), account.identifiers)
    if args.json:
        print_json({**row, "version": account.version})
    else:
        out(f"{verb} {account.name} (#{account.id})")


def _add(args: argparse.Namespace) -> int:
    from kamtui.services import accounts

    fields = given(args, FIELDS)
    fields["name"] = args.name
    store = open_db(args)
    try:
        with refused():
            account_id = accounts.add(store, fields)
            account = accounts.get(store, account_id)
    finally:
        store.close()
    if args.json:
        _show(args, account, "added")
    else:
        out(str(account_id))
    return 0


def _edit(args: argparse.Namespace) -> int:
    from kamtui.services import accounts
    from kamtui.services.lookup import resolve_account

    changes = given(args, FIELDS)
    if not changes:
        raise CliError("nothing to change: give at least one field (--name, --tier, …)")
    store = open_db(args)
    try:
        with refused():
            ref = resolve_account(store, args.account)
            account = accounts.edit(store, ref.id, changes)
    finally:
        store.close()
    _show(args, account, "changed")
    return 0


def _delete(args: argparse.Namespace) -> int:
    from kamtui.services import accounts
    from kamtui.services.lookup import resolve_account

    store = open_db(args)
    try:
        with refused():
            ref = resolve_account(store, args.account)
            account = accounts.delete(store, ref.id)
    finally:
        store.close()
    _show(args, account, "moved to the trash:")
    return 0
