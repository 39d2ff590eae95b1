"""History tab: what changed on the account and everything on it, when and
by whom (the audit trail), newest first; the fields changed by the
highlighted entry, old → new, below the list."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from kamtui.domain import history as words
from kamtui.domain.history import Change, History
from kamtui.services.history import account_history
from kamtui.ui import safe
from kamtui.ui.screens.account.tabs.base import AccountTab
from kamtui.ui.widgets.virtual_table import Column, VirtualTable

# The newest entries shown; `more` shows them all.
SHOWN = 500


def detail_text(change: Change | None, history: History | None) -> Text:
    """The highlighted entry in full; user text stays literal."""
    if change is None:
        note = words.not_recorded_note(history) if history else None
        empty = "No changes recorded for this account yet."
        return Text(f"{empty} ({note})" if note else empty, "dim")
    text = Text()
    text.append(words.when(change), style="bold")
    text.append(f"  {words.who(change)}", style="cyan")
    text.append(f"  {words.headline(change)}")
    for line in words.field_lines(change):
        text.append(f"\n  {line}")
    return text


class HistoryTab(AccountTab):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "m",
            "more",
            "All history",
            id="history.more",
            tooltip=f"Show every change (the newest {SHOWN} are shown at first)",
        ),
    ]

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(account_id, **kwargs)
        self.limit: int | None = SHOWN
        self.history: History | None = None

    def compose_content(self) -> ComposeResult:
        yield Static("", id="history-note")
        yield VirtualTable[Change](
            [
                Column("when", "When", 16, words.when),
                Column("who", "Who", 14, words.who, style=lambda c: "" if c.user else "yellow"),
                Column("what", "What changed", 40, words.headline, flex=True),
            ],
            empty_text="No changes recorded for this account yet.",
            id="history-table",
        )
        yield Static("", id="history-detail")

    @property
    def table(self) -> VirtualTable[Change]:
        return self.query_one("#history-table", VirtualTable)

    def shown(self) -> None:
        focused = self.app.focused
        if focused is None or self not in focused.ancestors:
            self.table.focus()

    def fetch(self) -> History:
        return account_history(self.kam.store, self.account_id, limit=self.limit)

    def show(self, data: History) -> None:
        self.history = data
        note = words.not_recorded_note(data)
        hidden = data.total - len(data.changes)
        bits = [f"{data.total} change(s)"]
        if hidden > 0:
            bits.append(f"the newest {len(data.changes)} shown (m: all)")
        if note:
            bits.append(note)
        self.query_one("#history-note", Static).update(safe.text(" · ".join(bits), "dim"))
        self.table.set_rows(data.changes, keep=lambda c: c.id)
        self._show_current()

    def _show_current(self) -> None:
        detail = detail_text(self.table.current_row, self.history)
        self.query_one("#history-detail", Static).update(safe.text(detail))

    @on(VirtualTable.Highlighted, "#history-table")
    def _highlighted(self, event: VirtualTable.Highlighted) -> None:
        event.stop()
        self._show_current()

    @on(VirtualTable.Selected, "#history-table")
    def _selected(self, event: VirtualTable.Selected) -> None:
        event.stop()

    def action_more(self) -> None:
        if self.limit is None:
            return
        self.limit = None
        self.reload()
