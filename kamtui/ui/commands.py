"""Command palette: "account: open NAME" for every account."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from kamtui.services import accounts
from kamtui.ui import safe

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp

# Constant text: the palette parses `help` as markup, so never put a name here.
HELP = "Open the account screen"


def highlight(matcher: Matcher, candidate: str) -> Content:
    """`matcher.highlight()` without its markup parsing: the palette parses a
    `str` hit as markup, so an account named "[/]" crashed it and one with
    "[@click=app.quit]" became a live link. Same matched-letter style."""
    content = Content(candidate)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class AccountCommands(Provider):
    async def startup(self) -> None:
        app = cast("KamApp", self.app)
        names = await asyncio.to_thread(accounts.names, app.store)
        self._accounts = [(i, safe.plain(n)) for i, n in names]

    def _open(self, account_id: int) -> None:
        cast("KamApp", self.app).open_account(account_id)

    async def discover(self) -> Hits:
        for account_id, name in self._accounts[:20]:
            title = f"account: open {name}"
            yield DiscoveryHit(
                Content(title), partial(self._open, account_id), text=title, help=HELP
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for account_id, name in self._accounts:
            title = f"account: open {name}"
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    highlight(matcher, title),
                    partial(self._open, account_id),
                    text=title,
                    help=HELP,
                )
