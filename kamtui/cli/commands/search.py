"""`kamtui search QUERY [--json]`: full-text search from the shell."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kamtui.cli.common import open_db, out, print_json


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "search",
        parents=parents,
        help="full-text search across accounts, people, interactions, facts and complaints",
        description="Search everything the client ever told us. Case and accents do not "
        "matter ('compania' finds 'Compañía'); every word must appear (as a word or the "
        "start of one). Quotes, -, *, NEAR and parentheses are ordinary characters here.",
    )
    parser.add_argument("query", nargs="+", metavar="QUERY", help="words to look for")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list of {kind, id, account_id, account, date, title, snippet} "
        "(date: ISO, null for accounts and people)",
    )
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="at most N hits")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kamtui.services import search

    query = " ".join(args.query)
    store = open_db(args, readonly=True)
    try:
        hits = search.search(store, query, limit=max(1, args.limit))
    finally:
        store.close()
    if args.json:
        print_json([h.as_json() for h in hits])
        return 0
    if not hits:
        out(f"No matches for {query!r}.")
        return 0
    from kamtui.dates import display_date

    bold = sys.stdout.isatty()
    for h in hits:
        label = search.KIND_LABELS.get(h.kind, h.kind)
        day = display_date(h.date) if h.date else ""
        out(f"{label:<11} #{h.id:<6} {day:<10} {_shown(h.account, [], False)}")
        print(f"    {_shown(h.title, h.title_spans, bold)}")
        if h.snippet and h.snippet != h.title:
            print(f"    {_shown(h.snippet, h.snippet_spans, bold)}")
    return 0


def _shown(plain: str, spans: list[tuple[str, bool]], bold: bool) -> str:
    """Matched words in bold on a terminal (the text itself is already cleaned)."""
    from kamtui.textsafe import clean

    if not bold or not spans:
        return clean(plain, one_line=True)
    return "".join(
        f"\x1b[1m{clean(t, one_line=True)}\x1b[22m" if hit else clean(t, one_line=True)
        for t, hit in spans
    )
