"""Textual's Footer, rebuilt less often and more cheaply (same keys, same look).

Textual 8's Footer removes and re-creates all its keys on every bindings
change, once per change even when several arrive in the same frame (the
screen resuming, focus moving, a screen refreshing its bindings), and each
new key restyles itself twice on mount (its `compact` reactive starts True,
then is bound to the Footer's False). On the portfolio that was ~60 ms of a
return from an account and most of the first frame's extra work."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    _rebuild_pending = False

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # Already the value data_bind gives it: no restyle on mount. (The
            # command palette's key is not bound and keeps its own default.)
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True  # one rebuild per frame, with the latest bindings
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
