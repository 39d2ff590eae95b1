"""Pick the account to merge into: type part of its name (case and accents
folded), enter or click to choose. Dismisses with the account's id, or None."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from kamtui.services import accounts
from kamtui.textsafe import fold
from kamtui.ui import safe

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp


class AccountPicker(ModalScreen[int | None]):
    CSS_PATH = "merge.tcss"
    AUTO_FOCUS = "#picker-filter"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel", tooltip="Close; nothing chosen"),
        Binding("down", "down", "Next", show=False, id="picker.down"),
        Binding("up", "up", "Previous", show=False, id="picker.up"),
    ]

    def __init__(self, title: str, *, exclude: int | None = None) -> None:
        super().__init__()
        self.heading = title
        self.exclude = exclude
        self.names: list[tuple[int, str, str]] = []  # (id, name, folded name)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(safe.text(self.heading, "bold"))
            yield Input(placeholder="part of the account's name", id="picker-filter")
            yield OptionList(id="picker-list")
            yield Static(Text("enter chooses · ↑↓ move · esc cancels", style="dim"))

    def on_mount(self) -> None:
        store = cast("KamApp", self.app).store

        def work() -> None:
            found = [(i, n, fold(n)) for i, n in accounts.names(store) if i != self.exclude]
            self.app.call_from_thread(self._loaded, found)

        self.run_worker(work, thread=True, exit_on_error=False, description="Reading accounts")

    def _loaded(self, names: list[tuple[int, str, str]]) -> None:
        self.names = names
        self._fill(self.query_one(Input).value)

    def _fill(self, query: str) -> None:
        key = fold(query).strip()
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(
            Option(safe.text(f"{name}  (#{i})"), id=str(i))
            for i, name, folded in self.names
            if key in folded
        )
        if listing.option_count:
            listing.highlighted = 0

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _submit(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is not None:
            option = listing.get_option_at_index(listing.highlighted)
            self.dismiss(int(option.id or 0))

    @on(OptionList.OptionSelected, "#picker-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
