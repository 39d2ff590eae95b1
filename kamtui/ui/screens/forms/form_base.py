"""What every kamtui form does the same way: nothing typed is lost silently
(esc asks once more when something was typed, and quitting is refused),
Enter in a field or the Save button saves, errors show beside their fields,
and a save over a record changed meanwhile asks what to keep (`on_conflict`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea
from textual.worker import Worker, WorkerState

from kamtui.services.errors import RecordConflict, ServiceError
from kamtui.textsafe import clean
from kamtui.ui.screens.forms.conflict import Choice, ConflictScreen, FieldDiff
from kamtui.ui.writes import run_write

ResultT = TypeVar("ResultT")

DISCARD_WARNING = "Unsaved changes — press esc again to discard them, ctrl+s to save"


class ScrollsToFields:
    """For a modal screen with a scrolling box of fields: Textual centres a
    newly focused field it cannot see whole (asked before the box has its
    size, so every form opened scrolled past its title and first labels, at
    80x24); this scrolls only as far as needed, without animation."""

    def scroll_to_center(self, widget: Widget, *args: Any, **kwargs: Any) -> None:
        widget.scroll_visible(animate=False)


class FormScreen(ScrollsToFields, ModalScreen[ResultT]):
    """A modal form. Subclasses compose their fields, implement `action_save`
    and `_values`, and call `remember_initial()` once the fields are filled."""

    SAVE_ID = "save"
    CANCEL_ID = "cancel"
    RECORD = "record"  # what the form edits, for the conflict dialog
    FIELD_LABELS: ClassVar[dict[str, str]] = {}  # _values() key -> label

    def __init__(self) -> None:
        super().__init__()
        self.saving = False  # a save is running in a worker
        self._confirm_discard = False
        self._initial: dict[str, Any] = {}
        # Editing a stored record: the row version it was loaded at (None for a
        # new one). Saves pass it on; a RecordConflict goes to on_conflict.
        self.loaded_version: int | None = None
        self.restore_on_save = False

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

    def save_existing(
        self,
        job: Callable[[], object],
        done: Callable[[], object],
        *,
        show_error: Callable[[str], object] | None = None,
    ) -> None:
        """Save over a stored record in a worker (`job`), then `done()`. A
        record changed meanwhile opens the conflict dialog; a refusal shows
        its message (`show_error`, else a notification); a busy file or a
        full disk (the app says why) leaves the form as typed for a retry."""
        if self.saving:
            return
        self.saving = True

        def failed(exc: Exception) -> None:
            self.saving = False
            if isinstance(exc, RecordConflict):
                self.on_conflict(exc)
            elif isinstance(exc, ServiceError):
                if show_error is not None:
                    show_error(str(exc))
                else:
                    self.notify(str(exc), severity="error", markup=False)

        run_write(self, job, done=lambda _: done(), failed=failed)

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

    # -- the record changed meanwhile ------------------------------------------
    def stored_values(self, row: dict[str, Any]) -> dict[str, Any]:
        """What the fields would show for the stored `row` (keys of _values)."""
        raise NotImplementedError

    def take_stored(self, row: dict[str, Any]) -> None:
        """Refill the form from the stored row ("take theirs")."""
        self.fill(self.stored_values(row))

    def field_widget(self, name: str) -> Widget | None:
        """The widget showing the `_values()` key `name`, if any."""
        return self.widget_or_none(f"#field-{name}")

    def widget_or_none(self, selector: str) -> Widget | None:
        try:
            return self.query_one(selector)
        except NoMatches:
            return None

    def fill(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            widget = self.field_widget(name)
            if isinstance(widget, Input):
                widget.value = "" if value is None else clean(value, one_line=True)
            elif isinstance(widget, TextArea):
                widget.text = clean(value)
            elif isinstance(widget, Checkbox):
                widget.value = bool(value)
            elif isinstance(widget, Select):
                legal = {key for _prompt, key in widget._options}
                widget.value = value if value in legal else Select.NULL

    def _legible(self, name: str, value: Any) -> str:
        if value is None or value is Select.NULL:
            return ""
        widget = self.field_widget(name)
        if isinstance(widget, Select):
            for prompt, key in widget._options:
                if key == value:
                    return str(prompt)
        return clean(value).strip()

    def conflict_diffs(self, row: dict[str, Any]) -> list[FieldDiff]:
        """The fields where what is typed differs from what is stored now."""
        mine, theirs = self._values(), self.stored_values(row)
        diffs = []
        for name, value in mine.items():
            if name not in theirs:
                continue
            yours, stored = self._legible(name, value), self._legible(name, theirs[name])
            if yours != stored:
                changed = self._legible(name, self._initial.get(name)) != yours
                label = self.FIELD_LABELS.get(name, name.replace("_", " ").capitalize())
                diffs.append(FieldDiff(label, yours, stored, changed))
        return diffs

    def on_conflict(self, conflict: RecordConflict) -> None:
        """A save found the record changed or trashed since the form loaded
        it: nothing was written. Show both versions and let the user choose."""
        row = conflict.current
        diffs = self.conflict_diffs(row) if row is not None else []
        if not conflict.deleted and not diffs:
            # What is stored already equals what is typed: saving over the new
            # version loses nothing.
            self.loaded_version = conflict.version
            self.action_save()
            return

        def chosen(choice: Choice | None) -> None:
            if choice in ("mine", "restore"):
                self.loaded_version = conflict.version
                self.restore_on_save = choice == "restore"
                self.action_save()
            elif choice == "theirs" and row is not None:
                self.take_stored(row)
                self.loaded_version = conflict.version
                self.remember_initial()
                self.notify("The form now shows what is saved", timeout=3, markup=False)
            elif choice == "discard":
                self.dismiss(None)

        self.app.push_screen(
            ConflictScreen(self.RECORD, diffs, trashed=conflict.trashed, gone=conflict.gone),
            chosen,
        )
