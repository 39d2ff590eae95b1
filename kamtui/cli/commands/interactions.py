"""`kamtui interactions ACCOUNT` (the log, with ids) and `kamtui interaction
edit|delete ID`: correcting what was logged, from the shell."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import CliError, open_db, out, print_json, today_from
from kamtui.cli.records import ACCOUNT_HELP, record_id, refused, since_date


def register_list(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "interactions",
        parents=parents,
        help="an account's logged interactions, newest first, with their ids",
        description="The account's interactions (not those in the trash), newest first, "
        "each with its #id (for `kamtui interaction edit|delete ID`), channel, level, "
        "participants and next steps.",
    )
    parser.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--since", metavar="DATE", help="only those on or after DATE (2026-01-01, '30 jun'…)"
    )
    parser.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=_list)


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "interaction",
        parents=parents,
        help="edit or delete (to the trash) a logged interaction",
        description="Correct a logged interaction by its id (`kamtui interactions ACCOUNT` "
        "lists them). Values are checked as `kamtui log` checks them; on an error nothing "
        "is written (exit 2).",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    edit = sub.add_parser(
        "edit",
        parents=parents,
        help="change only the fields given",
        description="Change only the fields given. --when is lenient as in `kamtui log`; "
        "--with replaces the participants; --note-file replaces the notes ('-' reads "
        "standard input).",
    )
    edit.add_argument("id", type=record_id, metavar="ID", help="the interaction's id")
    edit.add_argument("--when", metavar="WHEN", help="when it happened")
    edit.add_argument("--summary", metavar="TEXT", help="one-line summary")
    edit.add_argument("--channel", metavar="C", help="in_person, phone, video, email… (or label)")
    edit.add_argument("--level", metavar="L", help="operational, strategic, satisfaction")
    edit.add_argument("--kind", metavar="K", help="meeting, call, complaint… (or label)")
    edit.add_argument("--mood", metavar="N", help="your reading of the mood, 1-5 ('' clears)")
    edit.add_argument(
        "--with",
        dest="people",
        action="append",
        metavar="NAMES",
        help="the participants, comma-separated (repeatable); replaces the current ones",
    )
    edit.add_argument(
        "--note-file", metavar="FILE", help="new notes from FILE ('-' = standard input)"
    )
    edit.add_argument(
        "--if-version",
        type=int,
        metavar="N",
        dest="if_version",
        help="only if the interaction is still at version N (as `interactions --json` "
        "listed it): refused (exit 2) when it was changed meanwhile",
    )
    edit.add_argument("--json", action="store_true", help="print the interaction as JSON")
    edit.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    edit.set_defaults(handler=_edit)
    delete = sub.add_parser(
        "delete",
        parents=parents,
        help="move an interaction to the trash",
        description="Move an interaction to the trash (`kamtui restore interaction ID` "
        "takes it back).",
    )
    delete.add_argument("id", type=record_id, metavar="ID", help="the interaction's id")
    delete.add_argument("--json", action="store_true", help="print what was trashed as JSON")
    delete.set_defaults(handler=_delete)


def _list(args: argparse.Namespace) -> int:
    from kamtui.services.interactions import editing
    from kamtui.services.lookup import resolve_account

    since = since_date(args)
    store = open_db(args, readonly=True)
    try:
        with refused():
            account = resolve_account(store, args.account)
            items = editing.listing(store, account.id, since=since)
    finally:
        store.close()
    if args.json:
        print_json(items)
        return 0
    out(f"{account.name} (#{account.id}) — {len(items)} interaction(s)")
    for i in items:
        _print(i)
    return 0


def _print(i: dict[str, Any]) -> None:
    from kamtui.services.interactions.editing import display_when
    from kamtui.textsafe import clean

    mood = f", mood {i['mood']}" if i["mood"] else ""
    out(
        f"#{i['id']}  {display_when(i['when'])}  {i['channel']}, {i['level']}, "
        f"{i['kind']}{mood}  {clean(i['summary'], one_line=True)}"
    )
    if i["with"]:
        out("    with: " + ", ".join(clean(p["name"], one_line=True) for p in i["with"]))
    for s in i["next_steps"]:
        box = "x" if s["done_at"] else " "
        due = f" @ {s['due_date']}" if s["due_date"] else ""
        out(f"    [{box}] {clean(s['text'], one_line=True)}{due}")


def _notes(path: str) -> str | None:
    from kamtui.cli.commands.log import _read_stdin

    if path == "-":
        text = _read_stdin()
    else:
        from pathlib import Path

        try:
            text = Path(path).expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"--note-file: cannot read {path}: {exc}") from None
    return text if text.strip() else None


def _edit(args: argparse.Namespace) -> int:
    from datetime import datetime

    from kamtui.services import interactions as inter
    from kamtui.services.errors import ServiceError
    from kamtui.services.interactions import editing

    changes: dict[str, Any] = {}
    if args.when is not None:
        today = today_from(args)
        now = datetime.now() if today == datetime.now().date() else None
        try:
            changes["occurred_at"] = inter.parse_when(args.when, today=today, now=now)
        except ServiceError as exc:
            raise CliError(f"--when: {str(exc).removeprefix('when: ')}") from None
    for option in ("summary", "channel", "level", "kind"):
        if getattr(args, option) is not None:
            changes[option] = getattr(args, option)
    if args.mood is not None:
        from kamtui.cli.commands.log import _mood

        try:
            changes["mood"] = _mood(args.mood)
        except ServiceError as exc:
            raise CliError(str(exc)) from None
    if args.note_file is not None:
        changes["notes"] = _notes(args.note_file)
    names = None
    if args.people is not None:
        names = [n for chunk in args.people for n in chunk.replace(";", ",").split(",")]
    if not changes and names is None:
        raise CliError("nothing to change: give at least one of --when, --summary, --with…")
    store = open_db(args)
    try:
        with refused():
            editing.edit(store, args.id, changes, people=names, expected_version=args.if_version)
            item = editing.one(store, args.id)
    finally:
        store.close()
    if args.json:
        print_json(item)
    else:
        out(f"changed interaction #{args.id}")
        _print(item)
    return 0


def _delete(args: argparse.Namespace) -> int:
    from kamtui.services.interactions import editing, log

    store = open_db(args)
    try:
        with refused():
            item = editing.one(store, args.id)
            log.delete(store, args.id)
    finally:
        store.close()
    if args.json:
        print_json(item)
    else:
        out(f"moved to the trash: interaction #{args.id} ({item['summary']})")
    return 0
