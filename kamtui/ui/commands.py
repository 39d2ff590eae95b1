"""Command palette: "account: open NAME" for every account."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from kamtui.services import accounts
from kamtui.textsafe import clean

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp


class AccountCommands(Provider):
    async def startup(self) -> None:
        app = cast("KamApp", self.app)
        names = await asyncio.to_thread(accounts.names, app.store)
        self._accounts = [(i, clean(n, one_line=True)) for i, n in names]

    def _open(self, account_id: int) -> None:
        cast("KamApp", self.app).open_account(account_id)

    async def discover(self) -> Hits:
        for account_id, name in self._accounts[:20]:
            yield DiscoveryHit(
                f"account: open {name}",
                partial(self._open, account_id),
                help="Open the account screen",
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for account_id, name in self._accounts:
            title = f"account: open {name}"
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._open, account_id),
                    help="Open the account screen",
                )
