"""`?`: the keys of the screen underneath, from its live bindings."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from kamtui.domain.display import LEGEND

_NOISE = {
    "scroll_left",
    "scroll_right",
    "page_left",
    "page_right",
    "focus_next",
    "focus_previous",
    "screen.copy_text",
    "copy_text",
}


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        entries: list[tuple[int, str, str, str]] = []
        seen: set[tuple[str, str]] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.system or binding.action in _NOISE:
                continue
            # The screen's own keys first, then its widgets', then app-wide ones.
            rank = 0 if active.node is screen else 2 if active.node is screen.app else 1
            display = screen.app.get_key_display(binding) or key
            if (display, binding.description) in seen:
                continue
            seen.add((display, binding.description))
            entries.append((rank, display, binding.description, binding.tooltip or ""))
        entries.sort(key=lambda e: e[0])
        self.rows: list[tuple[str, str, str]] = [(k, d, t) for _, k, d, t in entries]
        self.title_text = f"Keys — {screen.__class__.__name__.removesuffix('Screen')}"

    def compose(self) -> ComposeResult:
        # One scrolling box, descriptions wrapped to its width: a DataTable
        # here cut them at 80 columns and scrolled inside the box's scroll.
        with VerticalScroll(id="help-box"):
            yield Static(
                Text(self.title_text, style="bold"), id="help-title", classes="form-heading"
            )
            yield Static(self._table(), id="help-keys")
            yield Static(Text("Symbols", style="bold"), classes="form-heading")
            yield Static(self._legend(), id="help-legend")
            yield Static(Text("Esc closes this help.", style="italic"), classes="muted")

    def _legend(self) -> Table:
        table = Table(box=None, expand=True, padding=(0, 1), show_header=False, show_edge=False)
        table.add_column("Symbol", no_wrap=True, style="bold")
        table.add_column("Meaning", ratio=1, overflow="fold")
        for symbol, meaning in LEGEND:
            table.add_row(Text(symbol), Text(meaning))
        return table

    def _table(self) -> Table:
        table = Table(box=None, expand=True, padding=(0, 1), header_style="dim", show_edge=False)
        table.add_column("Key", no_wrap=True, style="bold")
        table.add_column("Action", no_wrap=True)
        table.add_column("What it does", ratio=1, overflow="fold")
        for key, description, tooltip in self.rows:
            table.add_row(Text(key), Text(description), Text(tooltip))
        return table
