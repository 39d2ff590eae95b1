"""The command palette's "merge:" commands: undo the last merge (anywhere),
merge the account on view into another (on an account screen)."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

UNDO = "merge: undo the last merge"
UNDO_HELP = "Put back everything the last merge moved, and its source out of the trash"
INTO = "merge: this account into another…"
INTO_HELP = "Pick the account to keep; this one's records move there, it goes to the trash"


class MergeCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        from kamtui.ui.screens.account.screen import AccountScreen
        from kamtui.ui.screens.merge.dialog import undo_last

        found: list[tuple[str, Callable[[], object], str]] = []
        screen = self.screen
        if isinstance(screen, AccountScreen):
            found.append((INTO, screen.action_merge, INTO_HELP))
        found.append((UNDO, lambda: undo_last(self.app), UNDO_HELP))
        return found

    async def discover(self) -> Hits:
        for title, run, help_text in self._commands():
            yield DiscoveryHit(Content(title), run, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, text=title, help=help_text)
