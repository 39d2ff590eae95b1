"""`kamtui map ACCOUNT [--json] [--leaving NAME]`: an account's contact map,
its shape and why."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kamtui.cli.common import CliError, err, open_db, out, print_json, today_from


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "map",
        parents=parents,
        help="an account's contact map: shape (bow-tie > <, diamond < >), risks and why",
        description="Shows who of ours is in contact with whom of theirs, the shape of the "
        "map (none, bow-tie, developing, diamond) with its reasons, single points of failure "
        "and unlinked people. ACCOUNT matches by number or name, case- and "
        "accent-insensitively; an ambiguous name lists the candidates (exit 2). Thresholds "
        "come from the [map] section of the config file (docs/config.md).",
    )
    parser.add_argument("account", metavar="ACCOUNT", help="account name (or part), number, or #id")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--leaving",
        action="append",
        default=[],
        metavar="NAME",
        help="what-if: analyse as if this person had left (repeatable); nothing is changed",
    )
    parser.add_argument(
        "--today", metavar="DATE", help="analyse as of DATE (e.g. 2026-06-30 or 30/6/2026)"
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kamtui.config import ConfigError, load_config
    from kamtui.services import accounts
    from kamtui.services import people as people_service
    from kamtui.services.errors import Ambiguous, ServiceError

    today = today_from(args)
    try:
        config = load_config()
    except ConfigError as exc:
        raise CliError(str(exc)) from None
    store = open_db(args, readonly=True)
    try:
        try:
            account = accounts.resolve(store, args.account)
        except Ambiguous as exc:
            err(f"account {args.account!r} matches {len(exc.candidates)} accounts:")
            for candidate in exc.candidates:
                print(f"  {_clean(candidate)}", file=sys.stderr)
            raise CliError("name one of them (or use its account number)") from None
        except ServiceError as exc:
            raise CliError(str(exc)) from None
        leaving: set[int] = set()
        for name in args.leaving:
            try:
                leaving.add(people_service.find_person(store, account.id, name).id)
            except ServiceError as exc:
                raise CliError(f"--leaving: {exc}") from None
        amap = people_service.account_map(
            store, account.id, today=today, config=config, leaving=leaving
        )
        consents = {}
        if args.json:
            from kamtui.services import privacy

            consents = privacy.current_consent(store, [p.id for p in amap.people])
    finally:
        store.close()
    if args.json:
        print_json(to_json(amap, consents))
    else:
        print_map(amap)
    return 0


def _clean(text: str) -> str:
    from kamtui.textsafe import clean

    return clean(text, one_line=True)


def person_privacy(p: Any, consent: dict[str, Any] | None) -> dict[str, Any]:
    """A person's lawful basis, do-not-contact flag and current consent."""
    return {
        "lawful_basis": p.lawful_basis,
        "do_not_contact": p.do_not_contact,
        "consent": None
        if consent is None
        else {k: consent.get(k) for k in ("status", "date", "channel")},
    }


def to_json(amap: Any, consents: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    a = amap.analysis
    names = amap.name
    consents = consents or {}
    return {
        "account": _clean(amap.account_name),
        "shape": a.shape,
        "our_people": a.our_active,
        "their_people": a.their_active,
        "their_functions": a.their_functions,
        "decision_maker_covered": a.decision_maker_covered,
        "executive_covered": a.executive_covered,
        "single_points_of_failure": [names(i) for i in a.single_points_of_failure],
        "unlinked": [names(i) for i in a.unlinked],
        "busiest_pair_share": None
        if a.busiest_pair_share is None
        else round(a.busiest_pair_share, 3),
        "active_links": a.active_links,
        "lapsed_links": a.inactive_links,
        "declared_not_met": len(a.declared_pending),
        "leaving": [names(i) for i in a.leaving],
        "reasons": a.reasons,
        "people": [
            {
                "id": p.id,
                "name": _clean(p.name),
                "side": p.side,
                **person_privacy(p, consents.get(p.id)),
            }
            for p in amap.people
        ],
        "links": [
            {
                "ours": names(lk.our_id),
                "theirs": names(lk.their_id),
                "strength": lk.strength,
                "last_contact": lk.last_contact.isoformat() if lk.last_contact else None,
                "interactions": lk.total,
                "active": lk.active and lk.our_id not in a.leaving and lk.their_id not in a.leaving,
                "declared": lk.declared.isoformat() if lk.declared else None,
                "declared_not_met": lk.declared_not_met,
                "origin": lk.origin,
                "from_meetings": lk.from_meetings,
            }
            for lk in amap.links
        ],
    }


def print_map(amap: Any) -> None:
    from kamtui import vocab
    from kamtui.dates import display_date
    from kamtui.domain.display import shape_glyph

    a = amap.analysis
    out(f"{amap.account_name} — contact map: {a.shape} {shape_glyph(a.shape)}".rstrip())
    for reason in a.reasons:
        out(f"  · {reason}")
    spof, unlinked, gone = set(a.single_points_of_failure), set(a.unlinked), set(a.leaving)
    partners: dict[int, list[str]] = {}
    for lk in amap.links:
        state = (
            ", declared, not yet met"
            if lk.declared_not_met
            else ""
            if lk.active
            else ", declared, never met"
            if lk.last_contact is None
            else ", lapsed"
        )
        when = (
            f", last {display_date(lk.last_contact.isoformat())}"
            if lk.last_contact
            else ", no contact yet"
        )
        if lk.from_meetings:
            state += ", from meetings"
        partners.setdefault(lk.our_id, []).append(
            f"{amap.name(lk.their_id)} ({lk.strength}{when}{state})"
        )
        partners.setdefault(lk.their_id, []).append(
            f"{amap.name(lk.our_id)} ({lk.strength}{when}{state})"
        )
    for side, title in (("ours", "Ours"), ("theirs", "Theirs")):
        group = [p for p in amap.people if p.side == side]
        active = a.our_active if side == "ours" else a.their_active
        out(f"\n{title}: {active} of {len(group)} in contact")
        for p in group:
            bits = [b for b in (p.title, vocab.FUNCTION.label(p.function)) if b]
            if p.decision_role:
                bits.append(vocab.DECISION_ROLE.label(p.decision_role).lower())
            flags = []
            if p.id in gone:
                flags.append("LEAVING (what-if)")
            if p.id in spof:
                flags.append("! single point of failure")
            if p.id in unlinked and p.id not in gone:
                flags.append("not in contact")
            detail = f" · {' · '.join(bits)}" if bits else ""
            out(f"  {p.name}{detail}" + (f"  [{'; '.join(flags)}]" if flags else ""))
            for partner in partners.get(p.id, []):
                out(f"      ↔ {partner}")
    share = "—" if a.busiest_pair_share is None else f"{round(a.busiest_pair_share * 100)} %"
    out(
        f"\nDecision maker covered: {'yes' if a.decision_maker_covered else 'no'} · "
        f"executive covered: {'yes' if a.executive_covered else 'no'} · "
        f"busiest pair: {share} of interactions"
    )
