"""`kamtui import identifiers|interactions|next_steps|complaints|facts|goals|goal_actions FILE`:
the files `kamtui export` writes beyond accounts, people, links and finance."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from kamtui.cli.commands.imports.shared import common_import_args, run_import
from kamtui.cli.common import Register

HELP = {
    "identifiers": (
        "account numbers in other business units",
        "Columns: account, business_unit, number. A number is unique per business unit: "
        "re-importing moves it to the account the file names.",
    ),
    "interactions": (
        "interactions (meetings, calls…) with who took part",
        "Columns: account, when (2025-03-25T10:30), channel, level, kind, with (names, one per "
        "line or separated by ';'; side:name when a name is on both sides), mood (1-5), "
        "summary, notes. Identified by account, when and summary: re-importing updates.",
    ),
    "next_steps": (
        "next steps agreed in interactions",
        "Columns: account, interaction_when and interaction_summary (the interaction, as in "
        "interactions; blank for none), text, due, done. Import interactions first.",
    ),
    "complaints": (
        "complaints and their resolution",
        "Columns: account, opened, severity, status, title, description, in_progress, resolved, "
        "resolution, interaction_when, interaction_summary. Identified by account, opened and "
        "title: re-importing updates.",
    ),
    "facts": (
        "facts the client told us",
        "Columns: account, person (name; side:name when on both sides), kind (need, preference, "
        "habit, other), text, interaction_when, interaction_summary. Identified by account and "
        "text.",
    ),
    "goals": (
        "revitalisation goals",
        "Columns: account, type, category, title, baseline, target, current, start, due, status, "
        "done. Identified by account, title and start: re-importing updates.",
    ),
    "goal_actions": (
        "the action items of goals",
        "Columns: account, goal (its title), goal_start, text, due, done. Import goals first.",
    ),
}
DATES = " Dates are ISO: 2025-03-25 (moments 2025-03-25T10:30)."


def register_kind(kind: str) -> Register:
    def register(kinds: Any, parents: list[argparse.ArgumentParser]) -> None:
        short, long = HELP[kind]
        parser = kinds.add_parser(kind, parents=parents, help=short, description=long + DATES)
        common_import_args(parser)
        if kind == "interactions":
            parser.add_argument(
                "--preset",
                choices=("salesforce", "hubspot"),
                help="the file is another CRM's activities export: Salesforce Tasks/Events "
                "(Subject, Start Date Time or Date, Account Name, Name, Type, Description, "
                "Status) or HubSpot meetings/calls (Meeting start time or Activity date, "
                "Associated Company, Associated Contact, Meeting name or Call title, notes, "
                "outcome). Types become channels, contacts participants when the account has "
                "them; tasks not completed and cancelled meetings are left out",
            )
        parser.set_defaults(handler=_runner(kind))

    return register


def _runner(kind: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from kamtui.services.imports.records import import_records

        def func(store: Any, path: Any, **kwargs: Any) -> Any:
            return import_records(kind, store, path, **kwargs)

        preset = getattr(args, "preset", None)
        return run_import(args, func, **({"preset": preset} if preset else {}))

    return run


def register_all(kinds: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = kinds.add_parser(
        "all",
        parents=parents,
        help="a whole folder written by kamtui export, in one transaction",
        description="Read every file of a `kamtui export` folder (CSV, --excel CSV or JSON) in one "
        "transaction: all or nothing. A folder without the export's README.txt, or with files "
        "an export does not write, is refused.",
    )
    parser.add_argument("dir", metavar="DIR", help="the folder kamtui export wrote")
    parser.add_argument(
        "--dry-run", action="store_true", help="check every file and report; write nothing"
    )
    parser.set_defaults(handler=_run_all)


def _run_all(args: argparse.Namespace) -> int:
    from kamtui.cli.common import CliError, err, open_db, out
    from kamtui.importers.csvfile import ImportFailed
    from kamtui.progress import ProgressLine
    from kamtui.services.imports.everything import import_all

    store = open_db(args)
    try:
        with ProgressLine(f"import all {args.dir}", unit="files") as shown:

            def step(kind: str, done: int, total: int) -> None:
                shown.label = f"importing {kind}"
                shown(done, total)

            reports = import_all(store, args.dir, dry_run=args.dry_run, progress=step)
    except ImportFailed as exc:
        for line in exc.errors:
            err(line)
        raise CliError(f"{args.dir}: nothing imported ({len(exc.errors)} error(s))") from None
    finally:
        store.close()
    prefix = "dry run: would import" if args.dry_run else "imported"
    for kind, report in reports.items():
        out(
            f"{prefix} {kind}: {report.rows} row(s): {report.created} new, "
            f"{report.updated} updated, {report.unchanged} unchanged"
        )
    for report in reports.values():
        for warning in report.warnings:
            out(f"warning: {warning}")
    return 0
