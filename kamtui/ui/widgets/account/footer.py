"""The account screen's footer: kamtui's Footer (one rebuild per frame, keys
born in the footer's style), which also skips a rebuild when the keys it
would show are the ones it shows."""

from __future__ import annotations

from typing import Any

from kamtui.ui.widgets.footer import Footer


class SteadyFooter(Footer):
    """Textual recomposes the footer whenever the screen's bindings *may* have
    changed: the screen resuming, focus moving between widgets with the same
    keys, a screen being suspended (its footer is rebuilt although nobody sees
    it). Each rebuild creates and styles a widget per key. This one compares
    what it would show with what it shows and rebuilds only on a difference."""

    _showing: tuple[Any, ...] | None = None

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

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._showing:
            return
        self._showing = keys
        await self.recompose()
