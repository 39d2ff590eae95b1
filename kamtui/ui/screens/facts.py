"""An account's facts (what the client told us, never to ask again): add,
edit (the fact form, saved over the version it loaded), move to the trash
with undo. Reached with `i` on the Interactions tab."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from kamtui.services import facts
from kamtui.services.interactions import Participant
from kamtui.textsafe import clean
from kamtui.ui.undo import UndoStack, label
from kamtui.ui.widgets.virtual_table import Column, VirtualTable
from kamtui.vocab import FACT_KIND

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp

Fact = dict[str, Any]


class FactsScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    FactsScreen {
        align: center middle;
    }
    FactsScreen #facts-box {
        width: 90%;
        max-width: 110;
        height: 70%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    FactsScreen #facts-table {
        height: 1fr;
    }
    """
    AUTO_FOCUS = "#facts-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add", "Add", id="facts.add", tooltip="Add a fact"),
        Binding("e", "edit", "Edit", id="facts.edit", tooltip="Edit the selected fact"),
        Binding(
            "d",
            "delete",
            "Delete",
            id="facts.delete",
            tooltip="Move the selected fact to the trash (u undoes)",
        ),
        Binding("u", "undo", "Undo", id="facts.undo", tooltip="Undo the last delete"),
        Binding("escape", "close", "Close", id="facts.close", tooltip="Back to the account"),
    ]

    def __init__(
        self, account_id: int, people: list[Participant], *, account_name: str = ""
    ) -> None:
        super().__init__()
        self.account_id = account_id
        self.people = people
        self.account_name = account_name
        self.undo_stack = UndoStack()

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        title = "Facts — what not to ask again"
        if self.account_name:
            title += f" — {clean(self.account_name, one_line=True)}"
        with Vertical(id="facts-box"):
            yield Static(Text(title, style="bold"))
            yield VirtualTable[Fact](
                [
                    Column("kind", "Kind", 12, lambda f: FACT_KIND.label(f["kind"])),
                    Column("about", "About", 18, lambda f: f.get("person") or "the account"),
                    Column("text", "Fact", 40, lambda f: f["text"], flex=True),
                ],
                empty_text="No facts yet: press n to add one.",
                id="facts-table",
            )
            yield Static(
                Text("n add · e edit · d delete · u undo · esc close", style="dim"),
                id="facts-keys",
            )

    def on_mount(self) -> None:
        self.load()

    def data_changed(self) -> None:
        """Another process wrote (the app's watch)."""
        self.load()

    @property
    def table(self) -> VirtualTable[Fact]:
        return self.query_one("#facts-table", VirtualTable)

    @work(thread=True, exclusive=True, group="facts", exit_on_error=False)
    def load(self) -> None:
        rows = facts.of_account(self.kam.store, self.account_id)
        self.app.call_from_thread(self.table.set_rows, rows, keep=lambda f: f["id"])

    def _form(self, fact: Fact | None) -> None:
        from kamtui.ui.screens.forms.fact_form import FactFormScreen

        def saved(fact_id: int | None) -> None:
            if fact_id is not None:
                self.notify("Fact saved", markup=False)
                self.load()

        self.app.push_screen(FactFormScreen(self.account_id, self.people, fact=fact), saved)

    def action_add(self) -> None:
        self._form(None)

    def action_edit(self) -> None:
        fact = self.table.current_row
        if fact is not None:
            self._form(fact)

    @on(VirtualTable.Selected, "#facts-table")
    def _selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        fact = self.table.current_row
        if fact is None:
            return
        store, fact_id = self.kam.store, int(fact["id"])
        self.undo_stack.delete(
            self,
            label("fact", fact["text"]),
            lambda: facts.delete(store, fact_id),
            restore=lambda _: facts.restore(store, fact_id),
            done=self.load,
        )

    def action_undo(self) -> None:
        self.undo_stack.undo(self, self.load)

    def action_close(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return None if not self.is_mounted or self.table.current_row is None else True
        if action == "undo":
            return True if self.undo_stack else None
        return True
