"""Textual's Footer, rebuilt less often and more cheaply (same keys, same look).

Textual 8's Footer removes and re-creates all its keys on every bindings
change, once per change even when several arrive in the same frame (the
screen resuming, focus moving, a screen refreshing its bindings), and even
when the keys it would show are the very same; each new key then restyles
itself twice on mount (its `compact` reactive starts True, then is bound to
the Footer's False). On the portfolio that was ~60 ms of a return from an
account, of pressing `f` to filter, and of the first frame's extra work."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    _rebuild_pending = False
    _shown: tuple[object, ...] | None = None  # what the keys on screen were built from

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
        if not self.is_attached:
            return
        shown = self._keys_shown()
        if shown == self._shown:
            return  # the same keys, descriptions and states: nothing to redo
        self._shown = shown
        await self.recompose()

    def _keys_shown(self) -> tuple[object, ...]:
        """Everything Textual's compose reads to build the keys."""
        app = self.app
        return (
            self.compact,
            self.show_command_palette,
            app.ENABLE_COMMAND_PALETTE,
            app.COMMAND_PALETTE_BINDING,
            tuple(
                (
                    key,
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    binding.show,
                    binding.tooltip,
                    id(binding.group) if binding.group else None,
                    enabled,
                    tooltip,
                )
                for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            ),
        )
