"""Edit a logged interaction: the log form, filled with what is stored (when,
channel, level, kind, mood, summary, notes, participants, next steps), saved
over the version it loaded (compare-and-set). A change made meanwhile (the
shell, another kamtui) opens the conflict dialog; nothing is overwritten
without the user's choice. No draft is kept: esc asks once before dropping
what was typed, and quitting is refused while something is unsaved."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.widgets import Button, Static

from kamtui.services import interactions as inter
from kamtui.services.errors import RecordConflict, ServiceError
from kamtui.services.interactions import editing
from kamtui.storage.errors import StorageError
from kamtui.textsafe import clean
from kamtui.ui.screens.forms.conflict import Choice, ConflictScreen, FieldDiff
from kamtui.ui.screens.forms.form_base import DISCARD_WARNING
from kamtui.ui.screens.forms.log_form import LogFormScreen
from kamtui.vocab import CHANNEL, KIND, LEVEL

LABELS = {
    "when": "When",
    "channel": "Channel",
    "level": "Level",
    "kind": "Kind",
    "mood": "Mood",
    "summary": "Summary",
    "notes": "Notes",
    "people": "Participants",
    "next": "Next steps",
}


def step_line(step: dict[str, Any]) -> str:
    due = step.get("due_date")
    return f"{step['text']} @ {due}" if due else str(step["text"])


def form_values(item: dict[str, Any]) -> dict[str, Any]:
    """What the log form shows for a stored interaction (`editing.one`)."""
    return {
        "when": str(item["when"])[:16].replace("T", " "),
        "channel": item["channel"],
        "level": item["level"],
        "kind": item["kind"],
        "mood": item["mood"],
        "severity": None,
        "summary": item["summary"] or "",
        "people": [p["id"] for p in item["with"]],
        "notes": item["notes"] or "",
        "next": "\n".join(step_line(s) for s in item["next_steps"]),
    }


class EditInteractionScreen(LogFormScreen):
    """Dismisses with the interaction's id once saved, None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="interaction_edit.save",
            tooltip="Save the changes (asks if it was changed meanwhile)",
        ),
        Binding(
            "escape",
            "close",
            "Cancel",
            id="interaction_edit.close",
            tooltip="Close without saving (asks first when something was changed)",
        ),
        Binding(
            "ctrl+r",
            "discard",
            "Revert",
            id="interaction_edit.revert",
            tooltip="Put back what is stored, dropping what you typed",
        ),
    ]

    def __init__(self, account_id: int, interaction_id: int, *, account_name: str = "") -> None:
        super().__init__(account_id, account_name=account_name)
        self.interaction_id = interaction_id
        self.loaded_version: int | None = None
        self.restore_on_save = False
        self._initial: dict[str, Any] = {}
        self._confirm_discard = False
        self._people_names: dict[int, str] = {}

    def on_mount(self) -> None:
        super().on_mount()
        title = f"Edit interaction #{self.interaction_id}"
        if self.account_name:
            title += f" — {clean(self.account_name, one_line=True)}"
        self.query_one("#log-title", Static).update(Text(title, style="bold"))
        self.query_one("#log-close", Button).label = "Cancel (esc)"

    # -- loading: the stored interaction, never a draft ----------------------------
    @work(thread=True, exclusive=True, group="log-load", exit_on_error=False)
    def _load(self) -> None:
        store = self.kam.store
        people = inter.people(store, self.account_id)
        try:
            item = editing.one(store, self.interaction_id)
        except ServiceError as exc:
            self.app.call_from_thread(self._gone, str(exc))
            return
        self.app.call_from_thread(self._show_stored, people, item)

    def _gone(self, message: str) -> None:
        self.notify(message, severity="error", markup=False)
        self._final = True
        self.dismiss(None)

    def _show_stored(self, people: list[inter.Participant], item: dict[str, Any]) -> None:
        self._set_people(people)
        self._people_names = {p.id: clean(p.name, one_line=True) for p in people}
        self.set_values(form_values(item))
        self.loaded_version = int(item["version"])
        self._initial = self.values()
        self.loaded = True  # no draft: _suspend_draft stays on

    def _show_complaint_row(self) -> None:
        # Opening a complaint belongs to logging, not to a correction.
        self.query_one("#log-complaint-row").display = False

    @property
    def dirty(self) -> bool:
        return bool(self._initial) and self.values() != self._initial

    def _changed(self) -> None:
        super()._changed()
        self._confirm_discard = False

    # -- closing ----------------------------------------------------------------------
    def action_close(self) -> None:
        if self.dirty and not self._confirm_discard:
            self._confirm_discard = True
            self.notify(DISCARD_WARNING, severity="warning", timeout=4, markup=False)
            return
        self._final = True
        self.dismiss(None)

    def action_discard(self) -> None:
        if self._initial:
            self.set_values(self._initial)
            self.notify("Back to what is stored", timeout=3)

    # -- saving -----------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="log-save", exit_on_error=False)
    def _save(self, v: dict[str, Any], when: str, steps: list[tuple[str, str | None]]) -> None:
        store = self.kam.store
        changes: dict[str, Any] = {
            "channel": str(v["channel"]),
            "level": str(v["level"]),
            "kind": str(v["kind"]),
            "summary": v["summary"],
            "notes": v["notes"] or None,
            "mood": v["mood"],
        }
        if v["when"] != self._initial.get("when"):
            changes["occurred_at"] = when
        try:
            editing.edit(
                store,
                self.interaction_id,
                changes,
                participant_ids=v["people"],
                next_steps=steps,
                expected_version=self.loaded_version,
                restore=self.restore_on_save,
            )
        except RecordConflict as conflict:
            theirs = None
            if conflict.current is not None:
                theirs = form_values(editing.listed(store, conflict.current))
            self.app.call_from_thread(self._conflict, conflict, theirs)
            return
        except (ServiceError, StorageError) as exc:  # busy, disk full: the form stays
            self.app.call_from_thread(self._failed, str(exc))
            return
        self._final = True
        self.app.call_from_thread(self.dismiss, self.interaction_id)

    def _legible(self, name: str, value: Any) -> str:
        if value is None:
            return ""
        if name == "people":
            return ", ".join(sorted(self._people_names.get(pid, f"#{pid}") for pid in value))
        vocab = {"channel": CHANNEL, "level": LEVEL, "kind": KIND}.get(name)
        if vocab is not None:
            return vocab.label(value)
        return clean(str(value)).strip()

    def _diffs(self, theirs: dict[str, Any]) -> list[FieldDiff]:
        mine = self.values()
        diffs = []
        for name, label in LABELS.items():
            yours, stored = self._legible(name, mine[name]), self._legible(name, theirs[name])
            if yours != stored:
                changed = self._legible(name, self._initial.get(name)) != yours
                diffs.append(FieldDiff(label, yours, stored, changed))
        return diffs

    def _conflict(self, conflict: RecordConflict, theirs: dict[str, Any] | None) -> None:
        self.saving = False
        self.query_one("#log-error", Static).update("")
        diffs = self._diffs(theirs) if theirs is not None else []
        if not conflict.deleted and not diffs:
            # What is stored already equals what is typed: nothing is lost.
            self.loaded_version = conflict.version
            self.action_save()
            return

        def chosen(choice: Choice | None) -> None:
            if choice in ("mine", "restore"):
                self.loaded_version = conflict.version
                self.restore_on_save = choice == "restore"
                self.action_save()
            elif choice == "theirs" and theirs is not None:
                self.set_values(theirs)
                self.loaded_version = conflict.version
                self._initial = self.values()
                self.notify("The form now shows what is saved", timeout=3, markup=False)
            elif choice == "discard":
                self._final = True
                self.dismiss(None)

        self.app.push_screen(
            ConflictScreen("interaction", diffs, trashed=conflict.trashed, gone=conflict.gone),
            chosen,
        )
