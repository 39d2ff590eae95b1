"""`kamtui people ACCOUNT` (both sides of the map) and `kamtui person
add|edit|delete`: the people of an account from the shell."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import CliError, open_db, out, print_json
from kamtui.cli.records import ACCOUNT_HELP, given, refused, table

# option dest -> PersonInput field
FIELDS = {
    "side": "side",
    "new_name": "name",
    "title": "title",
    "function": "function",
    "role": "decision_role",
    "stance": "stance",
    "email": "email",
    "phone": "phone",
    "lawful_basis": "lawful_basis",
}


def register_list(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "people",
        parents=parents,
        help="the people of an account, ours and theirs",
        description="Both sides of the account's map, ours first, each with its #id, "
        "title, function, decision role, stance, e-mail and phone.",
    )
    parser.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=_list)


def _fields(parser: argparse.ArgumentParser, *, edit: bool) -> None:
    parser.add_argument(
        "--side",
        required=not edit,
        metavar="SIDE",
        help="ours or theirs (also: nuestro, suyo)",
    )
    if edit:
        parser.add_argument("--name", dest="new_name", metavar="NAME", help="the new name")
    parser.add_argument("--title", metavar="TEXT", help="job title")
    parser.add_argument(
        "--function", metavar="F", help="function: purchasing, sales, production… (key or label)"
    )
    parser.add_argument(
        "--role", metavar="R", help="decision role: decision_maker, influencer… (key or label)"
    )
    parser.add_argument(
        "--stance", metavar="S", help="stance: champion, supporter, neutral… (key or label)"
    )
    parser.add_argument("--email", metavar="EMAIL", help="e-mail address")
    parser.add_argument("--phone", metavar="PHONE", help="phone number")
    parser.add_argument(
        "--lawful-basis",
        metavar="B",
        help="why we may hold their data: consent, contract, legitimate_interest, "
        "legal_obligation (key or English/Spanish label; '' clears)",
    )
    dnc = parser.add_mutually_exclusive_group()
    dnc.add_argument(
        "--do-not-contact",
        dest="do_not_contact",
        action="store_const",
        const=True,
        help="follow-ups and contact due leave them out",
    )
    if edit:
        dnc.add_argument(
            "--may-contact",
            dest="do_not_contact",
            action="store_const",
            const=False,
            help="clear --do-not-contact",
        )
    parser.add_argument(
        "--consent",
        metavar="TEXT",
        help="record consent: 'given [DATE] [CHANNEL]' or 'withdrawn …' (yes/no, sí/no too)",
    )
    parser.add_argument(
        "--verified",
        metavar="DATE",
        nargs="?",
        const="today",
        help="their details were checked (on DATE; default today)",
    )
    parser.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "person",
        parents=parents,
        help="add, edit or delete (to the trash) a person of an account",
        description="Correct the people of an account's map from the shell. Vocabulary "
        "values (side, function, role, stance) take keys or English/Spanish labels, case- "
        "and accent-insensitively; invalid values are an error (exit 2) and nothing is "
        "written. NAME finds the person by name or a unique part of it.",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser(
        "add",
        parents=parents,
        help="add a person and print their id",
        description="Add a person to the account's map; prints the new id.",
    )
    add.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    add.add_argument("name", metavar="NAME", help="the person's name")
    _fields(add, edit=False)
    add.add_argument("--json", action="store_true", help="print the new person as JSON")
    add.set_defaults(handler=_add)
    edit = sub.add_parser(
        "edit",
        parents=parents,
        help="change only the fields given",
        description="Change only the fields given ('' clears one). Written only over the "
        "version just read: if the person changed meanwhile, nothing is written (exit 2).",
    )
    edit.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    edit.add_argument("name", metavar="NAME", help="the person (name or a unique part)")
    _fields(edit, edit=True)
    edit.add_argument("--json", action="store_true", help="print the person as JSON")
    edit.set_defaults(handler=_edit)
    delete = sub.add_parser(
        "delete",
        parents=parents,
        help="move a person to the trash",
        description="Move a person to the trash (`kamtui restore person ID` takes them "
        "back); their links stop counting meanwhile.",
    )
    delete.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    delete.add_argument("name", metavar="NAME", help="the person (name or a unique part)")
    delete.add_argument("--json", action="store_true", help="print who was trashed as JSON")
    delete.set_defaults(handler=_delete)


def _privacy_fields(args: argparse.Namespace) -> dict[str, Any]:
    """--do-not-contact, --consent and --verified as PersonInput fields."""
    from kamtui import dates
    from kamtui.cli.common import today_from
    from kamtui.domain.consent import parse_consent

    fields: dict[str, Any] = {}
    if args.do_not_contact is not None:
        fields["do_not_contact"] = args.do_not_contact
    today = today_from(args)
    if args.consent is not None:
        try:
            fields["consent"] = parse_consent(args.consent, today=today)
        except ValueError as exc:
            raise CliError(f"--consent: {exc}") from None
    if args.verified is not None:
        try:
            day = dates.parse_date(args.verified, today=today, purpose=dates.PAST)
        except ValueError as exc:
            raise CliError(f"--verified: {exc}") from None
        fields["verified_at"] = day.isoformat()
    return fields


def _as_json(p: Any, consent: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "id": p.id,
        "account_id": p.account_id,
        "side": p.side,
        "name": p.name,
        "title": p.title,
        "function": p.function,
        "role": p.decision_role,
        "stance": p.stance,
        "email": p.email,
        "phone": p.phone,
        "leaving": p.leaving,
        "lawful_basis": p.lawful_basis,
        "do_not_contact": p.do_not_contact,
        "verified_at": p.verified_at,
        "consent": consent,
        "version": p.version,
    }


def _list(args: argparse.Namespace) -> int:
    from kamtui.services import people
    from kamtui.services.lookup import resolve_account

    store = open_db(args, readonly=True)
    try:
        with refused():
            account = resolve_account(store, args.account)
            found = people.list_people(store, account.id)
        consents: dict[int, Any] = {}
        if args.json:
            from kamtui.services import privacy

            consents = privacy.current_consent(store, [p.id for p in found])
    finally:
        store.close()
    if args.json:
        print_json([_as_json(p, consents.get(p.id)) for p in found])
        return 0
    out(f"{account.name} (#{account.id}) — {len(found)} people")
    if found:
        table(
            ("ID", "SIDE", "NAME", "TITLE", "FUNCTION", "ROLE", "STANCE", "E-MAIL", "PHONE"),
            [
                (
                    f"#{p.id}",
                    p.side,
                    p.name,
                    p.title,
                    p.function,
                    p.decision_role,
                    p.stance,
                    p.email,
                    p.phone,
                )
                for p in found
            ],
            (8, 6, 30, 24, 14, 16, 12, 30, 18),
        )
    return 0


def _latest_consent(store: Any, person_id: int) -> dict[str, Any] | None:
    from kamtui.services import privacy

    return privacy.current_consent(store, [person_id]).get(person_id)


def _show(
    args: argparse.Namespace, person: Any, verb: str, consent: dict[str, Any] | None = None
) -> None:
    if args.json:
        print_json(_as_json(person, consent))
    else:
        out(f"{verb} {person.name} (#{person.id}, {person.side})")


def _add(args: argparse.Namespace) -> int:
    from kamtui.services import people
    from kamtui.services.lookup import resolve_account

    fields = given(args, FIELDS)
    fields.update(_privacy_fields(args))
    fields["name"] = args.name
    store = open_db(args)
    try:
        with refused():
            account = resolve_account(store, args.account)
            person_id = people.create_person(store, account.id, people.person_input(fields))
            person = people.get_person(store, person_id)
            consent = _latest_consent(store, person_id)
    finally:
        store.close()
    if args.json:
        _show(args, person, "added", consent)
    else:
        out(str(person_id))
    return 0


def _edit(args: argparse.Namespace) -> int:
    from kamtui.services import people
    from kamtui.services.lookup import resolve_account

    changes = given(args, FIELDS)
    changes.update(_privacy_fields(args))
    if not changes:
        raise CliError("nothing to change: give at least one field (--title, --role, …)")
    store = open_db(args)
    try:
        with refused():
            account = resolve_account(store, args.account)
            found = people.find_person(store, account.id, args.name)
            person = people.edit_person(store, found.id, changes)
            consent = _latest_consent(store, person.id)
    finally:
        store.close()
    _show(args, person, "changed", consent)
    return 0


def _delete(args: argparse.Namespace) -> int:
    from kamtui.services import people
    from kamtui.services.lookup import resolve_account

    store = open_db(args)
    try:
        with refused():
            account = resolve_account(store, args.account)
            found = people.find_person(store, account.id, args.name)
            person = people.delete_person(store, found.id)
    finally:
        store.close()
    _show(args, person, "moved to the trash:")
    return 0
