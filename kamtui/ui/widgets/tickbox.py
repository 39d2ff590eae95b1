"""A checkbox whose state reads without colour (issue 14): Textual's draws
`▐X▌` ticked and unticked alike, only the colour differs. Ticked shows `✔`,
unticked a blank, in the same three cells."""

from __future__ import annotations

from textual.widgets import Checkbox

TICKED = "✔"
UNTICKED = " "


class TickBox(Checkbox):
    BUTTON_INNER = UNTICKED

    def on_mount(self) -> None:
        self._show_state()

    def watch_value(self) -> None:
        self._show_state()
        super().watch_value()

    def _show_state(self) -> None:
        self.BUTTON_INNER = TICKED if self.value else UNTICKED
        self.refresh()
