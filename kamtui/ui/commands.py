"""Command palette: "account: open NAME" for every account.

Matched on the account's name alone, folded (case and accents: `quimica`
finds "Química del Ebro", `ibanez` finds "Automoción Ibáñez"); the title's
own words ("account: open") never match, or `pena` would list "Atlantic"
first for the "pen" of "open"."""

from __future__ import annotations

import asyncio
import unicodedata
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from kamtui.services import accounts
from kamtui.textsafe import fold
from kamtui.ui import safe

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp

# Constant text: the palette parses `help` as markup, so never put a name here.
HELP = "Open the account screen"
PREFIX = "account: open "


def fold_with_offsets(value: str) -> tuple[str, list[int]]:
    """`value` folded character by character (lower case, no accents, same
    spaces), and for each folded character the index it came from in
    `value`: the matched letters of the folded name are lit in the real one."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(value):
        if ch.isascii():
            folded = ch.casefold()
        else:
            decomposed = unicodedata.normalize("NFKD", ch)
            folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        for c in folded:
            out.append(c)
            origin.append(i)
    return "".join(out), origin


def highlight(matcher: Matcher, name: str, folded: str, origin: list[int]) -> Content:
    """The hit's title with the letters the folded query matched lit, built
    without markup parsing (the palette parses a `str` hit as markup, so an
    account named "[/]" crashed it and one with "[@click=app.quit]" became a
    live link). Same matched-letter style as `matcher.highlight()`."""
    content = Content(PREFIX + name)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, folded)
    for offset in offsets:
        at = origin[offset]
        if not name[at].isspace():
            content = content.stylize(matcher.match_style, len(PREFIX) + at, len(PREFIX) + at + 1)
    return content


class AccountCommands(Provider):
    async def startup(self) -> None:
        app = cast("KamApp", self.app)
        names = await asyncio.to_thread(accounts.names, app.store)
        self._accounts = [
            (i, name, *fold_with_offsets(name))
            for i, name in ((i, safe.plain(n)) for i, n in names)
        ]

    def _open(self, account_id: int) -> None:
        cast("KamApp", self.app).open_account(account_id)

    async def discover(self) -> Hits:
        for account_id, name, _folded, _origin in self._accounts[:20]:
            title = PREFIX + name
            yield DiscoveryHit(
                Content(title), partial(self._open, account_id), text=title, help=HELP
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        for account_id, name, folded, origin in self._accounts:
            score = matcher.match(folded)
            if score > 0:
                yield Hit(
                    score,
                    highlight(matcher, name, folded, origin),
                    partial(self._open, account_id),
                    text=PREFIX + name,
                    help=HELP,
                )
