"""`?`: the keys of the screen underneath, from its live bindings."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self.rows: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or (binding.description in seen and not binding.show):
                continue
            seen.add(binding.description)
            display = screen.app.get_key_display(binding)
            self.rows.append((display or key, binding.description, binding.tooltip or ""))
        self.title_text = f"Keys — {screen.__class__.__name__.removesuffix('Screen')}"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text(self.title_text, style="bold"), id="help-title")
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            yield Static(Text("Esc closes this help.", style="italic"), classes="muted")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action", "What it does")
        for key, description, tooltip in self.rows:
            table.add_row(Text(key, style="bold"), Text(description), Text(tooltip))
