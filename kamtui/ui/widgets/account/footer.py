"""A Footer that rebuilds its keys only when what it shows changes."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class SteadyFooter(Footer):
    """Textual's Footer, showing the same keys, but rebuilt at most once per
    refresh and only when the keys it would show differ from those it shows.

    Textual's Footer recomposes (a new widget per key, each styled) every time
    the screen's bindings may have changed: three times while a screen opens,
    and on every focus move, although the keys are the same, and each new key
    is restyled three times. On the account screen that was a large share of
    the time to open it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rebuild_pending = False
        self._showing: tuple[Any, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    def _keys(self) -> tuple[Any, ...]:
        """What `Footer.compose` would show now."""
        app = self.app
        active = self.screen.active_bindings
        shown = []
        for _namespace, binding, enabled, tooltip in active.values():
            if binding.show:
                group = binding.group
                shown.append(
                    (
                        binding.key,
                        app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        enabled,
                        tooltip,
                        None if group is None else (group.description, group.compact),
                    )
                )
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        return (
            tuple(shown),
            self.show_command_palette and app.ENABLE_COMMAND_PALETTE,
            None if palette is None else (palette.binding, palette.enabled, palette.tooltip),
        )

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # Keys bound to the footer's `compact` are born with its value:
                # otherwise each is restyled twice on mount (its own default,
                # then the footer's). The palette key is not bound: left as is.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._showing:
            return
        self._showing = keys
        await self.recompose()
