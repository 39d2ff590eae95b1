"""The trash: everything deleted in any session, of every kind (accounts,
people, links, interactions, complaints, facts, goals, next steps, goal
actions), newest first, read
in a worker; enter restores the selected record. Restoring an account
closes the screen on it (the caller shows it); any other kind stays here,
so several can be taken back in a row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from kamtui.dates import display_date
from kamtui.services import trash
from kamtui.storage.errors import StorageError
from kamtui.ui import safe
from kamtui.ui.undo import label
from kamtui.ui.widgets.virtual_table import Column, VirtualTable
from kamtui.ui.writes import run_write

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp

Item = dict[str, Any]

KIND_LABELS = {
    "account": "Account",
    "person": "Person",
    "link": "Link",
    "interaction": "Interaction",
    "complaint": "Complaint",
    "fact": "Fact",
    "goal": "Goal",
    "next_step": "Next step",
    "goal_action": "Goal action",
}
# What a next step or a goal action hangs on, named after its text.
PARENT_WORDS = {"next_step": "interaction", "goal_action": "goal"}


def what_text(item: Item) -> str:
    """The record's label, and for a next step or a goal action its
    interaction or goal (the table shows it through ui/safe)."""
    text = str(item["label"] or "")
    parent = item.get("parent")
    if parent is not None and item["kind"] in PARENT_WORDS:
        text += f" — {PARENT_WORDS[item['kind']]}: {parent}"
    return text


def deleted_text(item: Item) -> str:
    stamp = str(item.get("deleted_at") or "")
    return f"{display_date(stamp[:10])} {stamp[11:16]}".strip() if stamp else ""


class TrashScreen(ModalScreen[int | None]):
    """Dismisses with the id of a restored account, or None."""

    CSS_PATH = "trash.tcss"
    AUTO_FOCUS = "#trash-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "r",
            "restore",
            "Restore",
            id="trash.restore",
            tooltip="Take the selected record out of the trash (enter too)",
        ),
        Binding("escape", "close", "Close", id="trash.close", tooltip="Close the trash"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.loaded = False
        self.restored_any = False
        self._restoring = False

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="trash-box"):
            yield Static(Text("Trash — everything deleted, newest first", style="bold"))
            yield VirtualTable[Item](
                [
                    Column(
                        "kind", "Kind", 11, lambda i: KIND_LABELS.get(i["kind"]) or str(i["kind"])
                    ),
                    Column("label", "What", 30, what_text, flex=True),
                    Column(
                        "account",
                        "Account",
                        20,
                        lambda i: i["account"] or "",
                        flex=True,
                        hide_below=60,
                    ),
                    Column(
                        "deleted",
                        "Deleted",
                        17,
                        deleted_text,
                        sort_key=lambda i: i["deleted_at"] or "",
                    ),
                ],
                empty_text="The trash is empty.",
                id="trash-table",
            )
            yield Static(Text("Reading the trash…", style="dim"), id="trash-status")

    def on_mount(self) -> None:
        self.load()

    def data_changed(self) -> None:
        """Another process wrote (the app's watch)."""
        self.load()

    @property
    def table(self) -> VirtualTable[Item]:
        return self.query_one("#trash-table", VirtualTable)

    @work(thread=True, exclusive=True, group="trash", exit_on_error=False)
    def load(self) -> None:
        items = trash.items(self.kam.store)
        self.app.call_from_thread(self._show, items)

    def _show(self, items: list[Item]) -> None:
        self.table.set_rows(items, keep=lambda i: (i["kind"], i["id"]), presorted=True)
        self.loaded = True
        status = f"{len(items)} in the trash · enter restores · esc closes"
        self.query_one("#trash-status", Static).update(Text(status, style="dim"))

    def action_restore(self) -> None:
        item = self.table.current_row
        if item is None or self._restoring:
            return
        self._restoring = True
        store, kind, item_id = self.kam.store, str(item["kind"]), int(item["id"])
        # An account by its name alone, as the portfolio's undo says it.
        what = (
            safe.plain(item["label"])
            if kind == "account"
            else label(KIND_LABELS.get(kind, kind).lower(), item["label"])
        )

        def restored(_: object) -> None:
            self._restoring = False
            self.restored_any = True
            self.notify(f"Restored {what}", markup=False)
            if kind == "account":
                self.dismiss(item_id)
            else:
                self.load()

        def failed(exc: Exception) -> None:
            self._restoring = False
            if not isinstance(exc, StorageError):  # StorageError: the app said why
                self.notify(str(exc), severity="error", markup=False)
            self.load()

        run_write(self, lambda: trash.restore(store, kind, item_id), done=restored, failed=failed)

    @on(VirtualTable.Selected, "#trash-table")
    def _selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.action_restore()

    def action_close(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return None if not self.loaded or self.table.current_row is None else True
        return True
