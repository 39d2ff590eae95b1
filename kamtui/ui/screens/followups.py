"""Follow-ups across all accounts (`F`): next steps, goal actions and contacts
due that are overdue, due today or this week. x marks one done (x again undoes
it; a contact due clears only by logging an interaction), Enter opens its
account, a shows later and undated ones too; e edits a next step or goal
action (over the version it loaded), d deletes it, u undoes the delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Static

from kamtui.dates import display_date
from kamtui.services import followups as fu
from kamtui.services.errors import ServiceError
from kamtui.ui import safe
from kamtui.ui.undo import UndoStack, label
from kamtui.ui.widgets.keybar import KeyBar
from kamtui.ui.widgets.virtual_table import Column, VirtualTable
from kamtui.ui.writes import run_write

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp

BUCKET_LABELS = dict(fu.BUCKETS)
BUCKET_STYLE = {"overdue": "bold red", "today": "bold yellow", "week": "", "later": "dim"}


@dataclass
class Row:
    bucket: str
    item: fu.FollowUp
    done: bool = False


def due_text(row: Row) -> str:
    return display_date(row.item.due_date) if row.item.due_date else "no date"


def late_text(row: Row, today: date) -> str:
    late = row.item.days_late(today) or 0
    return f"{late} d late" if late > 0 else ""


class FollowupsScreen(Screen[None]):
    CSS_PATH = "followups.tcss"
    AUTO_FOCUS = "#followups-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="followups.back", tooltip="Back to where you were"),
        Binding(
            "x,space",
            "toggle_done",
            "Done",
            id="followups.done",
            tooltip="Mark the follow-up done (again: not done)",
        ),
        Binding("enter", "open", "Open account", id="followups.open", tooltip="Open its account"),
        Binding(
            "e",
            "edit",
            "Edit",
            id="followups.edit",
            tooltip="Correct the follow-up's text or due date",
        ),
        Binding(
            "d",
            "delete",
            "Delete",
            id="followups.delete",
            tooltip="Move the next step or goal action to the trash (u undoes)",
        ),
        Binding("u", "undo", "Undo", id="followups.undo", tooltip="Undo the last delete here"),
        Binding(
            "a",
            "toggle_later",
            "Later too",
            id="followups.later",
            tooltip="Also show follow-ups due later or without a date",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_later = False
        self.rows: list[Row] = []
        self._totals: dict[str, int] = {k: 0 for k, _ in fu.BUCKETS}
        self._listed: set[str] = set()
        self.undo_stack = UndoStack()

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        today = self.kam.today
        yield Header()
        yield Static("", id="followups-summary")
        yield VirtualTable[Row](
            [
                Column(
                    "bucket",
                    "",
                    9,
                    lambda r: "✓ done" if r.done else BUCKET_LABELS[r.bucket],
                    style=lambda r: "green" if r.done else BUCKET_STYLE[r.bucket],
                ),
                Column(
                    "due",
                    "Due",
                    10,
                    due_text,
                    style=lambda r: "" if r.done else BUCKET_STYLE[r.bucket],
                ),
                Column(
                    "late",
                    "",
                    10,
                    lambda r: late_text(r, today),
                    align="right",
                    style=lambda r: "" if r.done else BUCKET_STYLE[r.bucket],
                    hide_below=90,
                ),
                Column("account", "Account", 22, lambda r: r.item.account, flex=True),
                Column(
                    "text",
                    "Follow-up",
                    34,
                    lambda r: (
                        r.item.text
                        + (" ⚠ do not contact: " + ", ".join(r.item.do_not_contact))
                        * bool(r.item.do_not_contact)
                    ),
                    flex=True,
                    style=lambda r: "strike dim" if r.done else "",
                ),
                Column(
                    "source",
                    "From",
                    24,
                    lambda r: ("goal: " if r.item.kind == fu.GOAL_ACTION else "") + r.item.source,
                    flex=True,
                    style=lambda r: "dim",
                    hide_below=76,
                ),
            ],
            empty_text="Nothing due this week. Press a to see later follow-ups.",
            id="followups-table",
        )
        # The selected row in full: its columns are cut at 80x24 (issue 14).
        yield Static("", id="followups-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Follow-ups"
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    def data_changed(self) -> None:
        """Another process wrote (the app's watch)."""
        self.load()

    @property
    def table(self) -> VirtualTable[Row]:
        return self.query_one("#followups-table", VirtualTable)

    @work(thread=True, exclusive=True, group="followups", exit_on_error=False)
    def load(self) -> None:
        result = fu.followups(self.kam.store, today=self.kam.today)
        self.app.call_from_thread(self._show, result)

    def _show(self, result: fu.Followups) -> None:
        keys = [k for k, _ in fu.BUCKETS if self.show_later or k != "later"]
        # Rows ticked here stay (struck through) so x can undo them, though
        # the new read no longer lists them.
        done = {r.item.ref: r for r in self.rows if r.done}
        rows = [Row(k, item) for k in keys for item in result.bucket(k)]
        listed = {r.item.ref for r in rows}
        order = [k for k, _ in fu.BUCKETS]
        rows += [r for key, r in done.items() if key not in listed and r.bucket in keys]
        rows.sort(key=lambda r: order.index(r.bucket))  # stable: the read's order
        self.rows = rows
        self.table.set_rows(self.rows, keep=lambda r: r.item.ref)
        self._totals = {k: len(result.bucket(k)) for k, _ in fu.BUCKETS}
        self._listed = listed
        self._summary()
        self._detail()

    @on(VirtualTable.Highlighted, "#followups-table")
    def _detail(self) -> None:
        row = self.table.current_row
        detail = self.query_one("#followups-detail", Static)
        if row is None:
            detail.update("")
            return
        item = row.item
        text = safe.text(item.text, style="bold")
        text.append("\n")
        text.append(safe.plain(item.account))
        when = due_text(row)
        late = late_text(row, self.kam.today)
        text.append(f" · due {when}" + (f", {late}" if late else ""), style="dim")
        source = ("goal: " if item.kind == fu.GOAL_ACTION else "from ") + item.source
        text.append(" · " + safe.plain(source), style="dim")
        if item.do_not_contact:
            names = ", ".join(item.do_not_contact)
            text.append("\n⚠ do not contact: " + safe.plain(names), style="bold")
        detail.update(text)

    def _summary(self) -> None:
        """The header's counts: what is still to do (a row ticked with x no
        longer counts)."""
        counts = dict(self._totals)
        for r in self.rows:
            key = r.item.ref
            if r.done and key in self._listed:
                counts[r.bucket] -= 1
            elif not r.done and key not in self._listed:
                counts[r.bucket] += 1
        text = Text()
        text.append(f"{counts['overdue']} overdue", style="bold red" if counts["overdue"] else "")
        text.append(" · ")
        text.append(f"{counts['today']} today", style="bold yellow" if counts["today"] else "")
        text.append(f" · {counts['week']} this week · {counts['later']} later", style="")
        text.append("   x done · enter open · e edit · d delete · a later too", style="dim")
        self.query_one("#followups-summary", Static).update(text)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_toggle_done(self) -> None:
        row = self.table.current_row
        if row is None:
            return
        if row.item.kind == fu.CONTACT_DUE:
            self.notify("Due for contact: log an interaction with them to reset it.")
            return
        store, today, done = self.kam.store, self.kam.today, not row.done

        def marked(_: object) -> None:
            row.done = done
            self.table.refresh()
            self._summary()
            if done and self.table.cursor_row < len(self.table.rows) - 1:
                self.table.cursor_row += 1

        run_write(
            self,
            lambda: fu.mark_done(store, row.item.kind, row.item.id, today=today, done=done),
            done=marked,
        )

    def action_open(self) -> None:
        row = self.table.current_row
        if row is not None:
            self.kam.open_account(row.item.account_id)

    @on(VirtualTable.Selected, "#followups-table")
    def _selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.action_open()

    def action_toggle_later(self) -> None:
        self.show_later = not self.show_later
        self.load()

    # -- correcting one ---------------------------------------------------------------
    def _record(self) -> fu.FollowUp | None:
        row = self.table.current_row
        if row is None:
            return None
        if row.item.kind == fu.CONTACT_DUE:
            self.notify("Due for contact: log an interaction with them to reset it.")
            return None
        return row.item

    def action_edit(self) -> None:
        item = self._record()
        if item is not None:
            self._open_form(item)

    @work(thread=True, exclusive=True, group="followups-edit", exit_on_error=False)
    def _open_form(self, item: fu.FollowUp) -> None:
        try:
            row = fu.stored(self.kam.store, item.kind, item.id)
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._push_form, item, row)

    def _push_form(self, item: fu.FollowUp, row: dict[str, Any]) -> None:
        from kamtui.ui.screens.forms.action_form import ActionFormScreen

        store, kind = self.kam.store, item.kind
        step = kind == fu.NEXT_STEP
        heading = f"{'Next step' if step else 'Goal action'} — {safe.plain(item.account)}"

        def save(
            item_id: int, text: str, due: str | None, version: int | None, restore: bool
        ) -> None:
            fu.update(store, kind, item_id, text, due, expected_version=version, restore=restore)

        def saved(result: object) -> None:
            if result is not None:
                self.notify("Follow-up saved")
                self.load()

        self.app.push_screen(
            ActionFormScreen(
                item.source,
                row["text"],
                row["due_date"],
                action_id=item.id,
                version=row["version"],
                heading=heading,
                save=save,
                record="next step" if step else "action item",
            ),
            saved,
        )

    def action_delete(self) -> None:
        item = self._record()
        if item is None:
            return
        store, kind, item_id = self.kam.store, item.kind, item.id
        step = kind == fu.NEXT_STEP
        self.undo_stack.delete(
            self,
            label("next step" if step else "goal action", item.text),
            lambda: fu.delete(store, kind, item_id),
            restore=lambda _: fu.restore(store, kind, item_id),
            done=self.load,
        )

    def action_undo(self) -> None:
        self.undo_stack.undo(self, self.load)
