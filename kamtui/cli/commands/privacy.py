"""`kamtui privacy consent|export|erase|report` and `kamtui purge`: answering
data-subject requests and keeping only what may be kept (docs/privacy.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kamtui.cli.common import CliError, err, open_db, out, print_json, today_from, write_private
from kamtui.cli.records import ACCOUNT_HELP, refused, table

PERSON_HELP = "the person: name, a unique part of it, or #id (people in the trash too)"


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "privacy",
        parents=parents,
        help="consent, subject access, erasure and the privacy report",
        description="Answer data-subject requests (GDPR/LOPDGDD) and review what is kept: "
        "record consent given or withdrawn, export everything held about a person, erase a "
        "person for good, and list what needs attention. See docs/privacy.md.",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    consent = sub.add_parser(
        "consent",
        parents=parents,
        help="record consent given or withdrawn",
        description="Add an entry to the person's consent history (kept in order; the "
        "latest is the current state).",
    )
    consent.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    consent.add_argument("person", metavar="PERSON", help=PERSON_HELP)
    consent.add_argument(
        "status", metavar="given|withdrawn", help="given or withdrawn (or: sí, no)"
    )
    consent.add_argument("--when", metavar="DATE", help="when (default today; 'ayer', 1/3/2026…)")
    consent.add_argument(
        "--channel", metavar="C", help="email, phone, in_person, web_form, paper, contract, other"
    )
    consent.add_argument("--note", metavar="TEXT", help="a note (what exactly was agreed)")
    consent.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    consent.set_defaults(handler=_consent)

    export = sub.add_parser(
        "export",
        parents=parents,
        help="everything held about a person (subject access)",
        description="Everything the database holds about one person: their fields, the "
        "interactions they took part in (with notes), facts and complaints about them, links, "
        "the consent history and where their data came from (imports). Written 0600.",
    )
    export.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    export.add_argument("person", metavar="PERSON", help=PERSON_HELP)
    export.add_argument("--format", choices=("json", "md"), default="json", help="json or md")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default stdout)")
    export.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    export.set_defaults(handler=_export)

    erase = sub.add_parser(
        "erase",
        parents=parents,
        help="erase a person for good (right to erasure)",
        description="Remove the person, their participations, links, consents and the facts "
        "about them, and replace their name, e-mail and phone with '[erased contact]' in every "
        "summary, note, next step, fact, complaint and goal text. Meetings stay, without them. "
        "Lists what will change and asks first; --yes skips the question and is required when "
        "standard input is not a terminal. The file is then cleaned (secure delete, search "
        "index merged, VACUUM, WAL truncated) so nothing of them remains in it. Backups "
        "that may still hold them are listed.",
    )
    erase.add_argument("account", metavar="ACCOUNT", help=ACCOUNT_HELP)
    erase.add_argument("person", metavar="PERSON", help=PERSON_HELP)
    erase.add_argument("--yes", action="store_true", help="do not ask")
    erase.add_argument(
        "--first-name",
        action="store_true",
        help="also replace the first name on its own (off by default: first names are shared)",
    )
    erase.add_argument("--json", action="store_true", help="print the result as JSON")
    erase.set_defaults(handler=_erase)

    report = sub.add_parser(
        "report",
        parents=parents,
        help="what needs attention: lawful basis, consent, checks, retention",
        description="People with no lawful basis, people whose consent was withdrawn but whose "
        "data is kept, people whose details were not checked within privacy.verify_within_days "
        "(default 365), records in the trash past privacy.trash_days (default 30) and people of "
        "accounts closed more than privacy.closed_account_years (default 5) ago.",
    )
    report.add_argument("--json", action="store_true", help="print JSON instead of text")
    report.add_argument("--today", metavar="DATE", help="as of DATE")
    report.set_defaults(handler=_report)


def register_purge(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "purge",
        parents=parents,
        help="delete for good what has been in the trash too long",
        description="Delete for good every record in the trash for more than --older-than "
        "(default: privacy.trash_days, 30 days), with freed space overwritten, the search "
        "index merged and the file vacuumed. Lists what goes and asks unless --yes (required "
        "when standard input is not a terminal). The app also purges once a day when it opens.",
    )
    parser.add_argument("--older-than", metavar="AGE", help="e.g. 30d, 8w, 0d (all)")
    parser.add_argument("--yes", action="store_true", help="do not ask")
    parser.add_argument("--json", action="store_true", help="print what was purged as JSON")
    parser.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=_purge)


def _config() -> Any:
    from kamtui.config import ConfigError, load_config

    try:
        return load_config()
    except ConfigError as exc:
        raise CliError(str(exc)) from None


def _resolve(store: Any, args: argparse.Namespace) -> dict[str, Any]:
    from kamtui.services import privacy
    from kamtui.services.errors import Ambiguous
    from kamtui.services.lookup import resolve_account

    with refused():
        account = resolve_account(store, args.account)
        try:
            return privacy.find_any_person(store, account.id, args.person)
        except Ambiguous as exc:
            err(f"person {args.person!r} matches {len(exc.candidates)} people:")
            for candidate in exc.candidates:
                print(f"  {candidate}", file=sys.stderr)
            raise CliError("name one of them by #id") from None


def _confirm(question: str, yes: bool) -> None:
    if yes:
        return
    if not sys.stdin.isatty():
        raise CliError("standard input is not a terminal: add --yes to confirm")
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        answer = ""
    if answer.strip().lower() not in ("y", "yes", "s", "si", "sí"):
        raise CliError("nothing was changed")


def _consent(args: argparse.Namespace) -> int:
    from kamtui import dates
    from kamtui.services import privacy

    today = today_from(args)
    day = today
    if args.when:
        try:
            day = dates.parse_date(args.when, today=today, purpose=dates.PAST)
        except ValueError as exc:
            raise CliError(f"--when: {exc}") from None
        if day > today:
            raise CliError(f"--when: {day.isoformat()} is in the future")
    store = open_db(args)
    try:
        person = _resolve(store, args)
        with refused():
            entry = privacy.consent_entry(args.status, day, args.channel, args.note)
            added = privacy.record_consent(store, person["id"], entry)
    finally:
        store.close()
    what = f"consent {entry.status} on {entry.date} for {person['name']} (#{person['id']})"
    out(f"recorded: {what}" if added else f"already recorded: {what}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from kamtui.exporters.subject_access import to_markdown
    from kamtui.services import privacy

    today = today_from(args)
    if args.output and Path(args.output).is_dir():
        raise CliError(f"-o {args.output}: is a folder; give a file name")
    if args.output and not Path(args.output).expanduser().parent.is_dir():
        raise CliError(f"-o {args.output}: the folder does not exist")
    store = open_db(args, readonly=True)
    try:
        person = _resolve(store, args)
        with refused():
            data = privacy.subject_access(store, person["id"], today=today)
    finally:
        store.close()
    if args.format == "md":
        text = to_markdown(data)
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        write_private(Path(args.output).expanduser(), text)
        out(f"written: {args.output}")
    elif args.format == "json":
        print_json(data)
    else:
        sys.stdout.write(text)
    return 0


def _erase(args: argparse.Namespace) -> int:
    from kamtui.services import privacy

    store = open_db(args)
    try:
        person = _resolve(store, args)
        with refused():
            plan = privacy.erasure_plan(store, person["id"], first_name=args.first_name)
        if not args.json or not args.yes:
            _show_plan(plan)
        _confirm(f"Erase {person['name']} for good?", args.yes)
        with refused():
            result = privacy.erase_person(store, person["id"], first_name=args.first_name)
    finally:
        store.close()
    if args.json:
        print_json(
            {
                "erased": result.name,
                "removed": result.counts,
                "texts_changed": result.texts_changed,
                "file_clean": result.clean,
                "backups": [str(p) for p in result.backups],
            }
        )
        return 0
    out(f"erased {result.name}: {result.texts_changed} text(s) changed")
    if not result.clean:
        out(
            "the file's clean-up could not finish now (another kamtui is reading it); "
            "it finishes the next time kamtui opens the database"
        )
    if result.backups:
        out("these backups may still hold them (backups cannot be erased in place):")
        for path in result.backups:
            out(f"  {path}")
    return 0


def _show_plan(plan: Any) -> None:
    p = plan.person
    trashed = " (in the trash)" if p["deleted_at"] else ""
    out(f"Erasing {p['name']} (#{p['id']}, {p['side']}) of {p['account']}{trashed}:")
    contact = ", ".join(x for x in (p["email"], p["phone"]) if x)
    if contact:
        out(f"  their e-mail and phone: {contact}")
    if p.get("former_names"):
        out(f"  their former names (people merged into them): {'; '.join(p['former_names'])}")
    labels = {
        "participations": "interaction participations removed (the interactions stay)",
        "links": "links removed",
        "facts": "facts about them removed",
        "consents": "consent entries removed",
        "sources": "import records removed",
        "merged": "records of people merged into them (in the trash) removed",
    }
    for key, label in labels.items():
        out(f"  {plan.counts.get(key, 0)} {label}")
    out(f"  {len(plan.mentions)} text(s) where they are named become '[erased contact]':")
    for m in plan.mentions[:40]:
        out(f"    {m.table} #{m.row_id} {m.column}: {m.count} mention(s)")
    if len(plan.mentions) > 40:
        out(f"    … and {len(plan.mentions) - 40} more")
    if plan.first_name_only:
        first = str(p["name"]).split()[0]
        out(
            f"  {plan.first_name_only} more text(s) name them by first name alone ({first!r}):"
            " they stay as they are; add --first-name to replace those too"
        )


def _report(args: argparse.Namespace) -> int:
    from kamtui.services import retention

    today = today_from(args)
    config = _config()
    store = open_db(args, readonly=True)
    try:
        found = retention.report(store, today=today, config=config.privacy)
    finally:
        store.close()
    if args.json:
        print_json(found.as_json())
        return 0
    for key, title in found.SECTIONS:
        rows = getattr(found, key)
        out(f"{title}: {len(rows)}")
        if not rows:
            continue
        if key == "trash_past_retention":
            table(
                ("KIND", "ID", "WHAT", "TRASHED"),
                [
                    (r["kind"], f"#{r['id']}", r["label"], (r["deleted_at"] or "")[:10])
                    for r in rows
                ],
                (11, 8, 50, 10),
            )
        else:
            extra = {"consent_withdrawn": "consent", "not_verified": "verified_at"}.get(key)
            extra = extra or ("closed_on" if key == "closed_accounts" else None)
            table(
                ("ID", "NAME", "ACCOUNT", extra.upper() if extra else ""),
                [
                    (
                        f"#{r['id']}",
                        r["name"],
                        r["account"],
                        (r.get(extra) or "never") if extra else "",
                    )
                    for r in rows
                ],
                (8, 30, 30, 24),
            )
        out()
    return 0


def _older_than(text: str | None, default: int) -> int:
    import re

    if not text:
        return default
    m = re.fullmatch(r"\s*(\d{1,5})\s*([dwmy]?)\s*", text.lower())
    if not m:
        raise CliError(f"--older-than {text!r}: give an age like 30d, 8w, 6m or 1y")
    n, unit = int(m.group(1)), m.group(2) or "d"
    return n * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]


def _purge(args: argparse.Namespace) -> int:
    from kamtui.services import retention

    today = today_from(args)
    days = _older_than(args.older_than, _config().privacy.trash_days)
    store = open_db(args)
    try:
        items = retention.trash_past(store, today=today, days=days)
        if not items:
            if args.json:
                print_json({"purged": [], "days": days})
            else:
                out(f"nothing in the trash for more than {days} days")
            return 0
        if not args.json or not args.yes:
            out(f"{len(items)} record(s) in the trash for more than {days} days:")
            table(
                ("KIND", "ID", "WHAT", "TRASHED"),
                [
                    (i["kind"], f"#{i['id']}", i["label"], (i["deleted_at"] or "")[:10])
                    for i in items
                ],
                (11, 8, 50, 10),
            )
        _confirm("Delete them for good?", args.yes)
        result = retention.purge(store, today=today, days=days)
    finally:
        store.close()
    if args.json:
        print_json({"purged": result.purged, "days": days, "file_clean": result.clean})
    else:
        out(f"purged {len(result.purged)} record(s)")
    return 0
