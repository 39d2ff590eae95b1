"""`kamtui trash` (every kind of record in the trash) and `kamtui restore
KIND ID` (take one back out)."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import open_db, out, print_json
from kamtui.cli.records import record_id, refused, table

KINDS = "account, person, link, interaction, complaint, fact, goal, next_step, goal_action"


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "trash",
        parents=parents,
        help="what is in the trash, of every kind",
        description=f"Every record in the trash ({KINDS}), newest first, with its kind "
        "and id for `kamtui restore KIND ID`.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=_list)


def register_restore(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "restore",
        parents=parents,
        help="take a record out of the trash",
        description=f"Take one record out of the trash. KIND: {KINDS} (plurals too); "
        "`kamtui trash` lists them with their ids.",
    )
    parser.add_argument("kind", metavar="KIND", help=KINDS)
    parser.add_argument("id", type=record_id, metavar="ID", help="the record's id")
    parser.add_argument("--json", action="store_true", help="print what was restored as JSON")
    parser.set_defaults(handler=_restore)


def _list(args: argparse.Namespace) -> int:
    from kamtui.services import trash

    store = open_db(args, readonly=True)
    try:
        items = trash.items(store)
    finally:
        store.close()
    if args.json:
        print_json(items)
        return 0
    if not items:
        out("The trash is empty.")
        return 0
    table(
        ("KIND", "ID", "ACCOUNT", "WHAT", "TRASHED"),
        [
            (i["kind"], f"#{i['id']}", i["account"], what(i), (i["deleted_at"] or "")[:16])
            for i in items
        ],
        (11, 8, 28, 50, 16),
    )
    return 0


def what(item: dict[str, Any]) -> str:
    """The record's label, and for a next step or a goal action what it hangs
    on (`table` cleans both)."""
    label, parent = item["label"] or "", item.get("parent")
    if parent is None:
        return label
    of = "interaction" if item["kind"] == "next_step" else "goal"
    return f"{label} — {of}: {parent}"


def _restore(args: argparse.Namespace) -> int:
    from kamtui.services import trash

    store = open_db(args)
    try:
        with refused():
            kind = trash.kind_of(args.kind)
            trash.restore(store, kind, args.id)
    finally:
        store.close()
    if args.json:
        print_json({"kind": kind, "id": args.id, "restored": True})
    else:
        out(f"restored {kind} #{args.id}")
    return 0
