"""`kamtui brief ACCOUNT [--format md|html|json] [-o FILE]`: the account brief
to read before a meeting; `kamtui brief --portfolio`: the morning review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kamtui.cli.common import CliError, open_db, out, today_from


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "brief",
        parents=parents,
        help="the account brief before a meeting: who is who, health, what to bring up",
        description="One document per account to read before meeting the client: identity, "
        "health (score, trend, weakest components, perception gap), who is who on both "
        "sides with the map's shape, open complaints, follow-ups due, facts not to ask "
        "again, goals, the last five conversations, revenue and wallet share, categories "
        "not bought yet. Markdown (CommonMark), a self-contained HTML page (print it on A4) "
        "or JSON. ACCOUNT matches by number or name, case- and accent-insensitively. "
        "With --portfolio instead of ACCOUNT: the morning review of all accounts on one page "
        "(at risk, the revitalisation queue with its reasons, contacts due, follow-ups due "
        "this week).",
    )
    parser.add_argument("account", metavar="ACCOUNT", nargs="?", help="account name or number")
    parser.add_argument(
        "--portfolio",
        action="store_true",
        help="the portfolio brief (the morning review) instead of one account's",
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=("md", "html", "json"),
        default=None,
        help="md (default), html or json; with -o, taken from the file's extension if not given",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help="write to FILE instead of standard output",
    )
    parser.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=_run)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output:
        suffix = Path(args.output).suffix.lower()
        return {".html": "html", ".htm": "html", ".json": "json"}.get(suffix, "md")
    return "md"


def _run(args: argparse.Namespace) -> int:
    from kamtui import exporters
    from kamtui.config import ConfigError, load_config
    from kamtui.services import accounts
    from kamtui.services import brief as brief_service
    from kamtui.services.errors import ServiceError

    if args.portfolio == bool(args.account):
        raise CliError("give an ACCOUNT or --portfolio (one of them)")
    today = today_from(args)
    fmt = _format(args)
    try:
        config = load_config()
    except ConfigError as exc:
        raise CliError(str(exc)) from None
    store = open_db(args, readonly=True)
    try:
        if args.portfolio:
            brief: Any = brief_service.portfolio_brief(store, today=today, config=config)
            what = "Portfolio brief"
        else:
            try:
                account_id = accounts.resolve(store, args.account).id
            except ServiceError as exc:
                raise CliError(str(exc)) from None
            brief = brief_service.account_brief(store, account_id, today=today, config=config)
            what = f"Brief of {brief.identity.name}"
    finally:
        store.close()
    document = exporters.render(brief, fmt)
    if args.output:
        try:
            path = brief_service.write_document(Path(args.output), document)
        except ServiceError as exc:
            raise CliError(f"-o: {exc}") from None
        out(f"{what} written to {path}")
    else:
        sys.stdout.write(document if document.endswith("\n") else document + "\n")
    return 0
