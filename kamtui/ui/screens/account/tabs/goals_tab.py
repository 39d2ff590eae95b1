"""Goals tab: the account's revitalisation goals, their status against the
straight line from baseline to target, how progress was measured, and their
action items (which feed the follow-ups)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from kamtui.dates import display_date
from kamtui.domain import display
from kamtui.domain import goals as dg
from kamtui.services import accounts, finance
from kamtui.services import goals as goal_service
from kamtui.ui import safe
from kamtui.ui.screens.account.tabs.base import AccountTab
from kamtui.ui.undo import UndoStack, label
from kamtui.ui.widgets.virtual_table import Column, VirtualTable
from kamtui.ui.writes import run_write
from kamtui.vocab import GOAL_TYPE

STATUS_STYLE = {
    dg.ON_TRACK: "green",
    dg.BEHIND: "bold red",
    dg.DONE: "cyan",
    dg.DROPPED: "dim",
    dg.NOT_STARTED: "dim",
}


@dataclass
class Loaded:
    name: str
    goals: list[dg.GoalProgress]
    categories: list[str]


def progress_bar(p: float | None, width: int = 8) -> str:
    if p is None:
        return ""
    p = min(max(p, 0.0), 1.0)
    full = round(p * width)
    return "█" * full + "░" * (width - full) + f" {p:4.0%}"


def kind(g: dg.GoalProgress) -> str:
    label = GOAL_TYPE.label(g.type)
    if g.category:
        return f"{label}: {display.goal_category(g.type, g.category)}"
    return label


def detail_text(g: dg.GoalProgress | None, today: Any) -> Text:
    if g is None:
        return Text("No goals yet. Press n to create one (or w for the whitespace view).", "dim")

    def f(v: float | None) -> str:
        return dg.format_value(g.type, v, g.category)

    text = Text()
    text.append(safe.plain(g.title), style="bold")
    text.append(f"  {dg.STATUS_LABELS[g.status]}", style=STATUS_STYLE[g.status])
    text.append("\n")
    due = f" by {display_date(g.due_date)}" if g.due_date else ""
    text.append(
        f"{f(g.baseline)} on {display_date(g.start_date)} → now {f(g.current)} → target "
        f"{f(g.target)}{due}   ({safe.plain(dg.unit(g.type, g.category))})\n",
    )
    text.append(safe.plain(g.evaluation.reason))
    text.append("\n")
    text.append(("Measured: " if g.measured else "Progress: ") + safe.plain(g.source), "dim")
    return text


class GoalsTab(AccountTab):
    DEFAULT_CSS = """
    GoalsTab {
        height: 1fr;
    }
    GoalsTab #goals-table {
        height: 1fr;
        min-height: 4;
    }
    GoalsTab #goal-detail {
        height: auto;
        max-height: 5;
        padding: 0 1;
        background: $panel;
    }
    GoalsTab #goal-actions {
        height: 1fr;
        max-height: 10;
        min-height: 3;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n", "new_goal", "New goal", id="goals.new", tooltip="Create a revitalisation goal"
        ),
        Binding(
            "enter",
            "edit_goal",
            "Edit goal",
            id="goals.edit",
            tooltip="Edit the goal under the cursor",
        ),
        Binding(
            "a", "add_action", "Add action", id="goals.add_action", tooltip="Add an action item"
        ),
        Binding(
            "x",
            "toggle_action",
            "Action done",
            id="goals.toggle_action",
            tooltip="Mark the highlighted action item done (or open again)",
        ),
        Binding(
            "m",
            "mark_done",
            "Goal done",
            id="goals.done",
            tooltip="Mark the goal done (or active again)",
        ),
        Binding(
            "z", "drop", "Drop", id="goals.drop", tooltip="Drop the goal (or take it up again)"
        ),
        Binding(
            "d",
            "delete",
            "Delete",
            id="goals.delete",
            tooltip="Move the goal, or the highlighted action item, to the trash (u undoes)",
        ),
        Binding("u", "undo", "Undo", id="goals.undo", tooltip="Undo the last delete on this tab"),
        Binding(
            "w",
            "whitespace",
            "Whitespace",
            id="goals.whitespace",
            tooltip="Accounts x categories: find cross-sell and wallet-share goals",
        ),
    ]

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(account_id, **kwargs)
        self.loaded: Loaded | None = None
        self.undo_stack = UndoStack()

    def compose_content(self) -> ComposeResult:
        yield VirtualTable[dg.GoalProgress](
            [
                Column(
                    "status",
                    "Status",
                    8,
                    lambda g: dg.STATUS_LABELS[g.status],
                    style=lambda g: STATUS_STYLE[g.status],
                ),
                Column("title", "Goal", 30, lambda g: g.title, flex=True),
                Column("type", "Type", 20, kind, flex=True),
                Column(
                    "now",
                    "Now / target",
                    17,
                    lambda g: (
                        f"{dg.format_value(g.type, g.current, g.category)} / "
                        f"{dg.format_value(g.type, g.target, g.category)}"
                    ),
                    sort_key=lambda g: g.evaluation.progress,
                ),
                Column(
                    "progress",
                    "Progress",
                    13,
                    lambda g: progress_bar(g.evaluation.progress),
                    sort_key=lambda g: g.evaluation.progress,
                ),
                Column(
                    "due",
                    "Due",
                    10,
                    lambda g: display_date(g.due_date),
                    sort_key=lambda g: g.due_date,
                ),
            ],
            empty_text="No goals yet. Press n to create one, or w to find whitespace.",
            id="goals-table",
        )
        yield Static("", id="goal-detail")
        yield VirtualTable[dg.Action](
            [
                Column("done", "", 1, lambda a: "✓" if a.done_at else "·"),
                Column(
                    "due",
                    "Due",
                    10,
                    lambda a: display_date(a.due_date),
                    style=lambda a: "bold red" if a.overdue(self.kam.today) else "",
                ),
                Column(
                    "text",
                    "Action items",
                    40,
                    lambda a: a.text,
                    flex=True,
                    style=lambda a: "dim strike" if a.done_at else "",
                ),
            ],
            empty_text="No action items: press a to add one.",
            id="goal-actions",
        )

    @property
    def table(self) -> VirtualTable[dg.GoalProgress]:
        return self.query_one("#goals-table", VirtualTable)

    @property
    def actions_table(self) -> VirtualTable[dg.Action]:
        return self.query_one("#goal-actions", VirtualTable)

    @property
    def current(self) -> dg.GoalProgress | None:
        return self.table.current_row

    def shown(self) -> None:
        focused = self.app.focused
        if focused is None or self not in focused.ancestors:
            self.table.focus()

    def fetch(self) -> Loaded:
        store, today = self.kam.store, self.kam.today
        name = accounts.get(store, self.account_id).name
        goals = goal_service.account_goals(store, self.account_id, today, config=self.kam.config)
        return Loaded(name, goals, finance.categories(store, self.account_id))

    def show(self, data: Loaded) -> None:
        self.loaded = data
        self.table.set_rows(data.goals, keep=lambda g: g.id)
        self._show_current()

    def _show_current(self) -> None:
        g = self.current
        self.query_one("#goal-detail", Static).update(safe.text(detail_text(g, self.kam.today)))
        self.actions_table.set_rows(list(g.actions) if g else [], keep=lambda a: a.id)

    @on(VirtualTable.Highlighted, "#goals-table")
    def _highlighted(self, event: VirtualTable.Highlighted) -> None:
        event.stop()
        self._show_current()

    @on(VirtualTable.Selected, "#goals-table")
    def _selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.action_edit_goal()

    @on(VirtualTable.Selected, "#goal-actions")
    def _action_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self._edit_action(event.row)

    @on(VirtualTable.HeaderClicked)
    def _header(self, event: VirtualTable.HeaderClicked) -> None:
        event.stop()
        event.table.sort_by(event.column)

    # -- actions ------------------------------------------------------------
    def _form(self, goal: dg.GoalProgress | None, prefill: dict[str, Any] | None = None) -> None:
        from kamtui.ui.screens.forms.goal_form import GoalFormScreen

        data = self.loaded

        def done(goal_id: int | None) -> None:
            if goal_id is not None:
                self.notify("Goal saved", markup=False)
                self.reload()

        self.app.push_screen(
            GoalFormScreen(
                self.account_id,
                account_name=data.name if data else "",
                goal=goal,
                prefill=prefill,
                categories=data.categories if data else [],
            ),
            done,
        )

    def action_new_goal(self) -> None:
        self._form(None)

    def action_edit_goal(self) -> None:
        if self.actions_table.has_focus:
            row = self.actions_table.current_row
            if row is not None:
                self._edit_action(row)
            return
        g = self.current
        if g is None:
            self.action_new_goal()
            return
        self._form(g)

    def action_add_action(self) -> None:
        from kamtui.ui.screens.forms.action_form import ActionFormScreen

        g = self.current
        if g is None:
            self.notify("Create a goal first (n)", severity="warning")
            return

        def done(result: tuple[str, str | None] | None) -> None:
            if result is not None:
                self._write(
                    lambda store=self.kam.store: goal_service.add_action(store, g.id, *result)
                )

        self.app.push_screen(ActionFormScreen(g.title), done)

    def _edit_action(self, action: dg.Action) -> None:
        from kamtui.ui.screens.forms.action_form import ActionFormScreen

        g = self.current
        title = g.title if g else ""

        def done(result: tuple[str, str | None] | None) -> None:
            if result is not None:
                self.reload()  # the form saved it (over the version it loaded)

        self.app.push_screen(
            ActionFormScreen(
                title, action.text, action.due_date, action_id=action.id, version=action.version
            ),
            done,
        )

    def action_toggle_action(self) -> None:
        action = self.actions_table.current_row
        if action is None:
            self.notify("No action item to mark", severity="warning")
            return
        if not self.actions_table.has_focus:
            # The user chooses which action (issue 14): the first x moves the
            # cursor into the actions, the next x marks the one under it.
            self.actions_table.focus()
            self.notify("Choose the action with ↑↓, then x marks it", timeout=3, markup=False)
            return
        today, store = self.kam.today, self.kam.store
        self._write(
            lambda: goal_service.complete_action(
                store, action.id, today, done=action.done_at is None
            )
        )

    def action_mark_done(self) -> None:
        g = self.current
        if g is None:
            return
        status = "active" if g.stored_status == "done" else "done"
        store, today = self.kam.store, self.kam.today
        self._write(lambda: goal_service.set_status(store, g.id, status, today))

    def action_drop(self) -> None:
        g = self.current
        if g is None:
            return
        status = "active" if g.stored_status == "dropped" else "dropped"
        store, today = self.kam.store, self.kam.today
        self._write(lambda: goal_service.set_status(store, g.id, status, today))

    def action_delete(self) -> None:
        store = self.kam.store
        action = self.actions_table.current_row
        if self.actions_table.has_focus and action is not None:
            action_id = action.id
            self.undo_stack.delete(
                self,
                label("action item", action.text),
                lambda: goal_service.delete_action(store, action_id),
                restore=lambda _: goal_service.restore_action(store, action_id),
                done=self.reload,
            )
            return
        g = self.current
        if g is None:
            return
        goal_id = g.id
        self.undo_stack.delete(
            self,
            label("goal", g.title),
            lambda: goal_service.delete(store, goal_id),
            restore=lambda _: goal_service.restore(store, goal_id),
            done=self.reload,
        )

    def action_undo(self) -> None:
        self.undo_stack.undo(self, self.reload)

    def action_whitespace(self) -> None:
        from kamtui.ui.screens.whitespace.screen import WhitespaceScreen

        self.app.push_screen(WhitespaceScreen(focus_account=self.account_id))

    def _write(self, func: Any) -> None:
        """Small writes in a worker, then a reload (which re-measures)."""
        run_write(self, func, done=lambda _: self.reload())
