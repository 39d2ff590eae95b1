"""`kamtui log ACCOUNT ...`: log an interaction from the shell in one line.

Starts fast: only the standard library, pydantic (for the Interaction model
alone) and the storage layer are imported (no Textual, no Rich, no account
models); dateutil only for dates beyond the common forms."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kamtui.cli.common import CliError, open_db, today_from


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "log",
        parents=parents,
        help="log an interaction (meeting, call, complaint…) and print its id",
        description="Log an interaction with an account. Dates are lenient: today, "
        "'yesterday 15:00', 'last friday', 'el viernes', '30 jun', 2025-03-07 or day-first "
        "7/3/2025; a day without its side of today is the last one for --when "
        "('friday': the most recent Friday, today included) and the next one for a "
        "--next due date ('@friday', '@fin de mes', '@en 2 semanas'). Channel, level "
        "and kind take the keys or their English/Spanish labels. The notes come from "
        "--note-file, or from standard input when it is not a terminal "
        "(echo '- agreed X' | kamtui log ...). Unknown or ambiguous accounts or people "
        "are an error that lists the candidates; then nothing is written.",
        epilog="example: kamtui log 'Peña' --when 'yesterday 15:00' --channel phone "
        "--level strategic --with 'Lucía, Ana' --mood 4 --summary 'Plan 2027' "
        "--next 'Send the offer@next friday'",
    )
    parser.add_argument("account", metavar="ACCOUNT", help="account name (or part), number, or #id")
    parser.add_argument(
        "--when", required=True, metavar="WHEN", help="when it happened (now, today, ...)"
    )
    parser.add_argument(
        "--channel",
        required=True,
        metavar="C",
        help="in_person, site_visit, phone, video, email, event, online, other",
    )
    parser.add_argument(
        "--level", required=True, metavar="L", help="operational, strategic, satisfaction"
    )
    parser.add_argument(
        "--kind",
        default="meeting",
        metavar="K",
        help="meeting (default), call, complaint, suggestion, feedback, praise, request",
    )
    parser.add_argument(
        "--with",
        dest="people",
        action="append",
        default=[],
        metavar="NAMES",
        help="participants from the account's map, comma-separated (repeatable)",
    )
    parser.add_argument("--mood", metavar="N", help="your reading of the mood, 1-5")
    parser.add_argument("--summary", required=True, metavar="TEXT", help="one-line summary")
    parser.add_argument(
        "--note-file", metavar="FILE", help="notes (Markdown) from FILE ('-' = standard input)"
    )
    parser.add_argument(
        "--next",
        dest="next_steps",
        action="append",
        default=[],
        metavar="TEXT@DATE",
        help="a next step with an optional due date after '@' (repeatable)",
    )
    parser.add_argument(
        "--complaint",
        metavar="SEVERITY",
        nargs="?",
        const="medium",
        help="also open a complaint from it (low, medium, high, critical; default medium)",
    )
    parser.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=_run)


def _notes(args: argparse.Namespace) -> str | None:
    if args.note_file:
        if args.note_file == "-":
            return _read_stdin()
        try:
            return Path(args.note_file).expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"--note-file: cannot read {args.note_file}: {exc}") from None
    stdin = sys.stdin
    if stdin is None or stdin.closed:
        return None
    try:
        if stdin.isatty():
            return None
    except (OSError, ValueError):  # closed or detached: no notes to read
        return None
    return _read_stdin()


def _read_stdin() -> str:
    """The piped notes. Bytes that are not UTF-8 (a Latin-1 file) are refused:
    logging the interaction without its notes would lose them silently."""
    try:
        return sys.stdin.read()
    except UnicodeDecodeError:
        raise CliError("notes: standard input is not UTF-8 text; nothing was logged") from None
    except (OSError, ValueError) as exc:
        raise CliError(f"notes: cannot read standard input: {exc}") from None


def _check_text(args: argparse.Namespace) -> None:
    """Arguments with bytes the locale could not decode (Python keeps them as
    lone surrogates) cannot be stored: refuse them by option, before any write."""
    values = [
        ("ACCOUNT", args.account),
        ("--when", args.when),
        ("--channel", args.channel),
        ("--level", args.level),
        ("--kind", args.kind),
        ("--mood", args.mood),
        ("--summary", args.summary),
        ("--complaint", args.complaint),
        *(("--with", v) for v in args.people),
        *(("--next", v) for v in args.next_steps),
    ]
    for option, value in values:
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise CliError(f"{option}: not valid UTF-8 text; nothing was logged") from None


def _run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from kamtui.services import interactions as inter
    from kamtui.services.errors import ServiceError
    from kamtui.services.lookup import resolve_account

    _check_text(args)
    today = today_from(args)
    now = datetime.now() if today == datetime.now().date() else None
    notes = _notes(args)
    if notes is not None and not notes.strip():
        notes = None
    # Each date error names its option: "--when: '999999 days ago' is outside
    # the accepted dates (1900-01-01 to 2200-12-31)".
    try:
        when = inter.parse_when(args.when, today=today, now=now)
    except ServiceError as exc:
        raise CliError(f"--when: {str(exc).removeprefix('when: ')}") from None
    try:
        steps = [inter.parse_next_step(s, today=today) for s in args.next_steps]
    except ServiceError as exc:
        raise CliError(f"--next: {exc}") from None
    try:
        mood = _mood(args.mood)
    except ServiceError as exc:
        raise CliError(str(exc)) from None
    # A blank severity (`--complaint "$SEV"` with SEV unset) still asks for a
    # complaint: the default one, never none at all.
    severity = args.complaint
    if severity is not None and not severity.strip():
        severity = "medium"
    names = [n for chunk in args.people for n in chunk.replace(";", ",").split(",")]
    store = open_db(args)
    try:
        account = resolve_account(store, args.account)
        people = inter.resolve_people(store, account.id, names)
        iid = inter.log_interaction(
            store,
            account.id,
            occurred_at=when,
            channel=args.channel,
            level=args.level,
            kind=args.kind,
            summary=args.summary,
            notes=notes,
            mood=mood,
            participant_ids=people,
            next_steps=steps,
            complaint_severity=severity,
        )
    except ServiceError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    if when[:10] > today.isoformat():
        # Logged all the same (a meeting noted ahead of time), but a typo such
        # as 7/3 for 3/7 should not pass unseen.
        print(
            f"kamtui: warning: --when {when[:10]} is after today ({today.isoformat()}); "
            "logged as given",
            file=sys.stderr,
        )
    print(iid)
    return 0


def _mood(value: str | None) -> int | None:
    from kamtui.services.errors import ServiceError

    if value is None or not value.strip():
        return None
    try:
        mood = int(value)
    except ValueError:
        raise ServiceError(f"--mood: {value!r} is not a number from 1 to 5") from None
    if not 1 <= mood <= 5:
        raise ServiceError(f"--mood: {mood} is not between 1 and 5")
    return mood
