"""The trash: accounts deleted in any session, restorable."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from kamtui.dates import display_date
from kamtui.services import accounts
from kamtui.ui import safe
from kamtui.ui.writes import run_write

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp


class TrashScreen(ModalScreen[int | None]):
    """Dismisses with the id of the restored account, or None."""

    CSS_PATH = "trash.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,r",
            "restore",
            "Restore",
            id="trash.restore",
            tooltip="Take the selected account out of the trash",
        ),
        Binding("escape", "close", "Close", id="trash.close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="trash-box"):
            yield Static(Text("Trash — deleted accounts", style="bold"))
            yield DataTable(id="trash-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text("enter restores · esc closes", style="dim"))

    def on_mount(self) -> None:
        kam = cast("KamApp", self.app)
        table = self.query_one(DataTable)
        table.add_columns("Account", "Owner", "Deleted")
        self.items = accounts.trash(kam.store)
        for a in self.items:
            table.add_row(
                safe.text(a.name),
                safe.text(a.owner),
                Text(display_date(a.deleted_at)),
                key=str(a.id),
            )
        if not self.items:
            table.add_row(Text("The trash is empty.", style="italic"), Text(""), Text(""))

    def action_restore(self) -> None:
        if not self.items:
            return
        table = self.query_one(DataTable)
        account = self.items[table.cursor_row]
        store = cast("KamApp", self.app).store

        def restored(_: object) -> None:
            self.notify(f"Restored {safe.plain(account.name)}", markup=False)
            self.dismiss(account.id)

        run_write(self, lambda: accounts.restore(store, account.id), done=restored)

    def on_data_table_row_selected(self) -> None:
        self.action_restore()

    def action_close(self) -> None:
        self.dismiss(None)
