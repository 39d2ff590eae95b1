"""What every kamtui form does the same way: nothing typed is lost silently
(esc asks once more when something was typed, and quitting is refused),
Enter in a field or the Save button saves, errors show beside their fields."""

from __future__ import annotations

from typing import Any, TypeVar

from rich.text import Text
from textual import on
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea
from textual.worker import Worker, WorkerState

ResultT = TypeVar("ResultT")

DISCARD_WARNING = "Unsaved changes — press esc again to discard them, ctrl+s to save"


class FormScreen(ModalScreen[ResultT]):
    """A modal form. Subclasses compose their fields, implement `action_save`
    and `_values`, and call `remember_initial()` once the fields are filled."""

    SAVE_ID = "save"
    CANCEL_ID = "cancel"

    def __init__(self) -> None:
        super().__init__()
        self._confirm_discard = False
        self._initial: dict[str, Any] = {}

    def _values(self) -> dict[str, Any]:
        """The fields' current values (compared with the initial ones)."""
        return {}

    def remember_initial(self) -> None:
        self._initial = self._values()

    @property
    def dirty(self) -> bool:
        """Typed but unsaved: cancelling or quitting must not lose it silently."""
        return bool(self._initial) and self._values() != self._initial

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        if self.dirty and not self._confirm_discard:
            self._confirm_discard = True
            self.notify(DISCARD_WARNING, severity="warning", timeout=4, markup=False)
            return
        self.dismiss(None)

    def show_field_errors(self, errors: dict[str, str], *, focus: bool) -> None:
        """Each message under its field (`#error-NAME`, `#field-NAME`); the
        first invalid field takes the focus when asked."""
        first: Widget | None = None
        for name, message in errors.items():
            try:
                self.query_one(f"#error-{name}", Static).update(Text(f"⚠ {message}"))
                widget = self.query_one(f"#field-{name}")
            except NoMatches:
                continue
            widget.add_class("invalid")
            first = first or widget
        if first is not None and focus:
            first.focus()

    @on(Button.Pressed)
    def _form_button(self, event: Button.Pressed) -> None:
        if event.button.id == self.SAVE_ID:
            event.stop()
            self.action_save()
        elif event.button.id == self.CANCEL_ID:
            event.stop()
            self.action_cancel()

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    def _form_edited(self) -> None:
        # Typing after a first esc: the next esc asks again before discarding.
        self._confirm_discard = False

    @on(Input.Submitted)
    def _form_submitted(self) -> None:
        self.action_save()

    @on(Worker.StateChanged)
    def _form_worker_ended(self, event: Worker.StateChanged) -> None:
        # A save that failed (the app says why: database busy, disk full)
        # leaves the form open with what was typed, and ctrl+s works again.
        if event.state == WorkerState.ERROR and hasattr(self, "saving"):
            self.saving = False
