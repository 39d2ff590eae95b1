"""`kamtui health [ACCOUNT] [--json] [--today DATE]`: relationship health."""

from __future__ import annotations

import argparse
from typing import Any

from kamtui.cli.common import CliError, open_db, out, print_json, today_from


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "health",
        parents=parents,
        help="relationship health: scores, reasons, the revitalisation queue",
        description="Without ACCOUNT: every account, those needing revitalisation first, then "
        "by score. With ACCOUNT (name or account number): its components, each with the "
        "figure and the target behind its score. Components without data are listed with "
        "score null and left out of the mean. Each run stores the day's snapshot for trends.",
    )
    parser.add_argument(
        "account", nargs="?", metavar="ACCOUNT", help="account name (or part), number, or #id"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--today", metavar="DATE", help="compute as of DATE (e.g. 2026-06-30 or 30/6/2026)"
    )
    parser.add_argument("--no-save", action="store_true", help="do not store today's snapshot")
    parser.add_argument(
        "--backfill",
        type=int,
        metavar="WEEKS",
        help="also compute weekly snapshots for the past WEEKS from the dated data",
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kamtui.config import ConfigError, load_config
    from kamtui.services import accounts
    from kamtui.services import health as health_service
    from kamtui.services.errors import ServiceError

    today = today_from(args)
    try:
        config = load_config()
    except ConfigError as exc:
        raise CliError(str(exc)) from None
    if args.backfill is not None and not 1 <= args.backfill <= 260:
        raise CliError("--backfill: WEEKS must be between 1 and 260")
    store = open_db(args, readonly=args.no_save and not args.backfill)
    try:
        account_id = None
        if args.account:
            try:
                account_id = accounts.resolve(store, args.account).id
            except ServiceError as exc:
                raise CliError(str(exc)) from None
        if args.backfill:
            from kamtui.progress import ProgressLine

            with ProgressLine("health history", unit="weeks") as progress:
                health_service.backfill(
                    store, today=today, config=config, weeks=args.backfill, progress=progress
                )
        result = health_service.portfolio_health(
            store, today=today, config=config, save=not args.no_save, account_id=account_id
        )
    finally:
        store.close()
    result.sort(key=lambda h: h.urgency)
    if args.json:
        print_json([h.to_json() for h in result])
        return 0
    if account_id is not None:
        _print_account(result[0])
    else:
        _print_portfolio(result)
    return 0


def _score(value: float | None) -> str:
    return "  —" if value is None else f"{value:3.0f}"


def _band(band: str | None) -> str:
    from kamtui.domain.display import band_word

    return band_word(band, "no data")


def _print_portfolio(result: list[Any]) -> None:
    from kamtui.domain.display import rule_word

    width = max((len(h.account) for h in result), default=10)
    width = min(max(width, 10), 40)
    out(f"{'Account':<{width}}  Score  Band      Revitalise")
    for h in result:
        flag = "yes: " + "; ".join(rule_word(r.rule) for r in h.revitalisation)
        out(
            f"{h.account[:width]:<{width}}  {_score(h.score)}    {_band(h.band):<8}  "
            f"{flag if h.revitalisation else '·'}"
        )
    need = sum(1 for h in result if h.needs_revitalisation)
    out(f"\n{len(result)} accounts · {need} need revitalisation")


def _print_account(h: Any) -> None:
    out(f"{h.account}: {_score(h.score).strip()} ({_band(h.band)})")
    if h.missing:
        out(f"  {h.missing}")
    for c in h.components:
        weight = f"×{c.weight:g}"
        out(f"  {c.label:<19} {_score(c.score)} {weight:>4}  {c.reason}")
    if h.perception_gap is not None:
        g = h.perception_gap
        mark = "GAP" if g.flagged else "ok"
        out(f"\nPerception ({mark}): {g.reason}")
    if h.revitalisation:
        out("\nNeeds revitalisation:")
        for r in h.revitalisation:
            out(f"  - {r.reason} → suggested goal: {r.suggestion_label}")
