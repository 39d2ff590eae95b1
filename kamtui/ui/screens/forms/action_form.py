"""One action item (of a goal, or a next step of an interaction): text and an
optional due date."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from kamtui import dates
from kamtui.services import goals as goal_service
from kamtui.ui import safe
from kamtui.ui.screens.forms.form_base import FormScreen

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp


class ActionFormScreen(FormScreen[tuple[str, str | None] | None]):
    """One action item: text and an optional due date (natural dates accepted).
    Editing a stored one (`action_id`) saves it here, over `version`; `save`
    (action_id, text, due, version, restore) saves a next step instead."""

    DEFAULT_CSS = """
    ActionFormScreen {
        align: center middle;
    }
    ActionFormScreen #action-box {
        width: 70;
        max-width: 100%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ActionFormScreen .field-label {
        color: $text-muted;
    }
    ActionFormScreen #action-error {
        color: $error;
        height: auto;
    }
    """
    AUTO_FOCUS = "#action-text"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="action_form.save", tooltip="Save the action item"),
        Binding(
            "escape", "cancel", "Cancel", id="action_form.cancel", tooltip="Close without saving"
        ),
    ]

    RECORD = "action item"
    FIELD_LABELS: ClassVar[dict[str, str]] = {"text": "What to do", "due": "Due"}

    def __init__(
        self,
        goal_title: str,
        text: str = "",
        due_date: str | None = None,
        *,
        action_id: int | None = None,
        version: int | None = None,
        heading: str | None = None,
        save: Callable[[int, str, str | None, int | None, bool], object] | None = None,
        record: str = "action item",
    ) -> None:
        super().__init__()
        self.goal_title = goal_title
        # The same form edits a next step of an interaction (follow-ups):
        # its heading, what it is called and how a stored one is saved.
        self.heading = heading or f"Action for: {safe.plain(goal_title)}"
        self.save_stored = save
        self.RECORD = record
        self.text = text
        self.due_date = due_date
        self.action_id = action_id
        self.loaded_version = version

    def field_widget(self, name: str) -> Widget | None:
        return self.widget_or_none(f"#action-{name}")

    def stored_values(self, row: dict[str, Any]) -> dict[str, Any]:
        due = row.get("due_date")
        return {"text": row.get("text") or "", "due": dates.display_date(due) if due else ""}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="action-box"):
            yield Static(
                Text(self.heading, style="bold"),
                classes="form-heading",
            )
            yield Label("What to do *", classes="field-label")
            yield Input(value=safe.plain(self.text), id="action-text")
            yield Label("Due", classes="field-label")
            yield Input(
                value=dates.display_date(self.due_date) if self.due_date else "",
                placeholder="next friday, 15/12/2026…",
                id="action-due",
            )
            yield Static("", id="action-error")
            with Horizontal(classes="form-actions"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.remember_initial()

    def _values(self) -> dict[str, Any]:
        return {
            "text": self.query_one("#action-text", Input).value,
            "due": self.query_one("#action-due", Input).value,
        }

    def action_save(self) -> None:
        text = " ".join(self.query_one("#action-text", Input).value.split())
        raw = self.query_one("#action-due", Input).value.strip()
        error = self.query_one("#action-error", Static)
        if not text:
            error.update(Text("⚠ what to do: is required"))
            return
        due = None
        if raw:
            try:
                today = cast("KamApp", self.app).today
                due = dates.parse_date(raw, today=today, purpose=dates.FUTURE).isoformat()
            except ValueError as exc:
                error.update(Text(f"⚠ due: {exc}"))
                return
        if self.action_id is None:
            self.dismiss((text, due))
            return
        store, action_id, version, restore = (
            cast("KamApp", self.app).store,
            self.action_id,
            self.loaded_version,
            self.restore_on_save,
        )
        save = self.save_stored
        self.save_existing(
            lambda: (
                save(action_id, text, due, version, restore)
                if save is not None
                else goal_service.update_action(
                    store, action_id, text, due, expected_version=version, restore=restore
                )
            ),
            lambda: self.dismiss((text, due)),
            show_error=lambda message: error.update(Text(f"⚠ {safe.plain(message)}")),
        )
