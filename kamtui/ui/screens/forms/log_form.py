"""Log an interaction in seconds: when (lenient), who (both sides of the map,
new people inline), channel / level / kind / mood, summary, Markdown notes
(here or in $EDITOR), next steps "text @ date".

Every change is saved as a draft for the account (in the database, so it
survives Escape, a crash or a closed terminal); opening the form again offers
it back. The save is debounced while typing (DRAFT_DELAY after the last key,
at most DRAFT_MAX_WAIT after the first unsaved one: `log_drafts`) and done at once, on the
UI thread, when the form closes, the app quits (`flush_before_quit`, which
first lets the keys already typed reach the fields) or is suspended (the
$EDITOR round-trip, ctrl+z). A database still locked by another process after
its busy timeout does not lose the draft: it goes to a file next to the
database (`inter.save_draft_file`), the user is told where, and the form
offers it back next time. Saving dismisses with the new interaction's id."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from kamtui import dates
from kamtui.services import interactions as inter
from kamtui.services.errors import ServiceError
from kamtui.storage.errors import StorageError
from kamtui.textsafe import clean
from kamtui.ui.health_sync import confirm_from_worker
from kamtui.ui.screens.forms.editor import edit_in_editor
from kamtui.ui.screens.forms.log_drafts import DraftScreen
from kamtui.vocab import CHANNEL, KIND, LEVEL, SEVERITY

MOODS = [
    ("1 very bad", 1),
    ("2 poor", 2),
    ("3 neutral", 3),
    ("4 good", 4),
    ("5 very good", 5),
]


def now_for(today: Any) -> datetime | None:
    """The wall clock when the app's today is the real today (else None)."""
    now = datetime.now()
    return now if now.date() == today else None


class LogFormScreen(DraftScreen):
    CSS_PATH = "log_form.tcss"
    AUTO_FOCUS = "#log-summary"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="log.save", tooltip="Validate and log it"),
        Binding(
            "escape",
            "close",
            "Close (keep draft)",
            id="log.close",
            tooltip="Close the form; what you typed is kept as a draft for this account",
        ),
        Binding(
            "ctrl+o",
            "editor",
            "Notes in $EDITOR",
            id="log.editor",
            tooltip="Write the notes in your $EDITOR (Markdown)",
        ),
        Binding(
            "ctrl+r",
            "discard",
            "Discard draft",
            id="log.discard",
            tooltip="Empty the form and forget the draft",
        ),
    ]

    def __init__(
        self,
        account_id: int,
        *,
        account_name: str = "",
        kind: str | None = None,
        level: str | None = None,
    ) -> None:
        super().__init__()
        self.account_id = account_id
        self.account_name = account_name
        self.start_kind = kind
        self.start_level = level
        self.people: list[inter.Participant] = []
        self.saving = False
        self.loaded = False
        self.restored_from: str | None = None
        self.init_drafts()

    # -- layout -----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        title = "Log an interaction"
        if self.account_name:
            title += f" — {clean(self.account_name, one_line=True)}"
        with VerticalScroll(id="log-box"):
            yield Static(Text(title, style="bold"), id="log-title", classes="form-heading")
            with Horizontal(classes="row"):
                with Vertical(classes="col"):
                    yield Label("When *", classes="field-label")
                    yield Input(
                        value="today",
                        placeholder="today, yesterday 15:00, last friday, 7/3/2025",
                        compact=True,
                        id="log-when",
                    )
                    yield Static("", id="log-when-preview")
                with Vertical(classes="col"):
                    yield Label("Mood (your reading)", classes="field-label")
                    yield Select(MOODS, prompt="—", compact=True, id="log-mood")
            with Horizontal(classes="row"):
                with Vertical(classes="col"):
                    yield Label("Channel", classes="field-label")
                    yield Select(
                        CHANNEL.options(),
                        value="in_person",
                        allow_blank=False,
                        compact=True,
                        id="log-channel",
                    )
                with Vertical(classes="col"):
                    yield Label("Level", classes="field-label")
                    yield Select(
                        LEVEL.options(),
                        value=self.start_level or "operational",
                        allow_blank=False,
                        compact=True,
                        id="log-level",
                    )
                with Vertical(classes="col"):
                    yield Label("Kind", classes="field-label")
                    yield Select(
                        KIND.options(),
                        value=self.start_kind or "meeting",
                        allow_blank=False,
                        compact=True,
                        id="log-kind",
                    )
            with Vertical(id="log-complaint-row"):
                yield Label("Also open a complaint? (severity)", classes="field-label")
                yield Select(
                    SEVERITY.options(), prompt="no complaint", compact=True, id="log-severity"
                )
            yield Label("Summary *", classes="field-label")
            yield Input(placeholder="one line: what it was about", compact=True, id="log-summary")
            yield Label("Participants (space to tick) — ours and theirs", classes="field-label")
            yield SelectionList[int](id="log-people")
            yield Input(
                placeholder="add someone new: Name, theirs|ours, function  ⏎",
                compact=True,
                id="log-new-person",
            )
            yield Label("Notes (Markdown; ctrl+o opens $EDITOR)", classes="field-label")
            yield TextArea(id="log-notes", soft_wrap=True, tab_behavior="focus")
            yield Label("Next steps, one per line: text @ due date", classes="field-label")
            yield TextArea(id="log-next", soft_wrap=True, tab_behavior="focus")
            yield Static("", id="log-error")
            with Horizontal(id="log-buttons", classes="form-actions"):
                yield Button("Save (ctrl+s)", variant="primary", id="log-save")
                yield Button("Close, keep draft (esc)", id="log-close")

    def on_mount(self) -> None:
        self.query_one("#log-complaint-row").display = self.start_kind == "complaint"
        self._preview_when()
        # immediate: called before the terminal is handed over (the process
        # may then be stopped for a long time, or killed)
        self.app.app_suspend_signal.subscribe(self, self._app_suspending, immediate=True)
        self._load()

    @work(thread=True, exclusive=True, group="log-load", exit_on_error=False)
    def _load(self) -> None:
        store = self.kam.store
        people = inter.people(store, self.account_id)
        draft = inter.load_draft(store, self.account_id)
        in_file = inter.load_draft_file(store.path, self.account_id)
        from_file = in_file is not None and (draft is None or in_file[0] >= draft[0])
        if from_file:
            draft = in_file
        self.app.call_from_thread(self._loaded, people, draft, from_file)

    def _loaded(
        self,
        people: list[inter.Participant],
        draft: tuple[str, dict[str, Any]] | None,
        from_file: bool = False,
    ) -> None:
        self._set_people(people)
        if from_file:
            # written when the database was busy: into the database it goes
            self._fallback = inter.draft_file(self.kam.store.path, self.account_id)
        if draft is not None:
            saved_at, values = draft
            self.set_values(values)
            self.restored_from = saved_at
            self.notify(
                f"Restored your unsaved draft from {dates.display_date(saved_at)} "
                f"{saved_at[11:16]} — ctrl+r discards it",
                markup=False,
                timeout=6,
            )
        self.loaded = True
        self.call_after_refresh(self._arm_drafts)

    def _arm_drafts(self) -> None:
        self._suspend_draft = False
        if self._fallback is not None:
            self._changed()

    def _set_people(self, people: list[inter.Participant], keep: set[int] | None = None) -> None:
        self.people = people
        chosen = set(self.query_one("#log-people", SelectionList).selected) | (keep or set())
        plist = self.query_one("#log-people", SelectionList)
        plist.clear_options()
        plist.add_options(
            [
                Selection(
                    Text.assemble(("ours   " if p.side == "ours" else "theirs ", "dim"), p.label),
                    p.id,
                    p.id in chosen,
                )
                for p in people
            ]
        )
        if not people:
            plist.display = True
        else:
            # The first person is highlighted from the start: space ticks
            # them without a first ↓ (issue 14).
            plist.highlighted = 0

    # -- values / drafts -----------------------------------------------------------
    def values(self) -> dict[str, Any]:
        mood = self.query_one("#log-mood", Select).value
        severity = self.query_one("#log-severity", Select).value
        return {
            "when": self.query_one("#log-when", Input).value,
            "channel": self.query_one("#log-channel", Select).value,
            "level": self.query_one("#log-level", Select).value,
            "kind": self.query_one("#log-kind", Select).value,
            "mood": None if mood is Select.NULL else mood,
            "severity": None if severity is Select.NULL else severity,
            "summary": self.query_one("#log-summary", Input).value,
            "people": list(self.query_one("#log-people", SelectionList).selected),
            "notes": self.query_one("#log-notes", TextArea).text,
            "next": self.query_one("#log-next", TextArea).text,
        }

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill the form (a restored draft; {} = empty defaults)."""

        def put_select(selector: str, value: Any, allowed: list[Any], default: Any) -> None:
            widget = self.query_one(selector, Select)
            value = value if value in allowed else default
            if value is None:
                widget.clear()
            else:
                widget.value = value

        self.query_one("#log-when", Input).value = str(values.get("when") or "today")
        put_select("#log-channel", values.get("channel"), CHANNEL.keys, "in_person")
        put_select("#log-level", values.get("level"), LEVEL.keys, "operational")
        put_select("#log-kind", values.get("kind"), KIND.keys, "meeting")
        put_select("#log-mood", values.get("mood"), [1, 2, 3, 4, 5], None)
        put_select("#log-severity", values.get("severity"), SEVERITY.keys, None)
        self.query_one("#log-summary", Input).value = str(values.get("summary") or "")
        self.query_one("#log-notes", TextArea).text = str(values.get("notes") or "")
        self.query_one("#log-next", TextArea).text = str(values.get("next") or "")
        plist = self.query_one("#log-people", SelectionList)
        plist.deselect_all()
        known = {p.id for p in self.people}
        for pid in values.get("people") or []:
            if pid in known:
                plist.select(pid)
        self._show_complaint_row()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(SelectionList.SelectedChanged)
    def _any_change(self, event: Any) -> None:
        if getattr(event, "input", None) is not None and event.input.id == "log-when":
            self._preview_when()
        if getattr(event, "input", None) is not None and event.input.id == "log-new-person":
            return
        self._changed()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "log-kind":
            self._show_complaint_row()
        self._changed()

    def _show_complaint_row(self) -> None:
        kind = self.query_one("#log-kind", Select).value
        severity = self.query_one("#log-severity", Select).value
        self.query_one("#log-complaint-row").display = (
            kind == "complaint" or severity is not Select.NULL
        )

    def _preview_when(self) -> None:
        raw = self.query_one("#log-when", Input).value
        preview = self.query_one("#log-when-preview", Static)
        try:
            when = inter.parse_when(raw, today=self.kam.today, now=now_for(self.kam.today))
        except ServiceError as exc:
            preview.update(Text(clean(str(exc), one_line=True), style="red"))
            return
        day = datetime.fromisoformat(when)
        preview.update(Text(f"→ {day:%a} {dates.display_date(when)} {when[11:16]}", style="dim"))

    # -- inline new person ----------------------------------------------------------
    @on(Input.Submitted, "#log-new-person")
    def _new_person(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        try:
            data = inter.parse_person(text)
        except ServiceError as exc:
            self._error(str(exc))
            return
        self._add_person(data)

    @work(thread=True, exclusive=True, group="log-person", exit_on_error=False)
    def _add_person(self, data: Any) -> None:
        store = self.kam.store
        try:
            pid = inter.add_person(store, self.account_id, data)
        except (ServiceError, StorageError) as exc:  # busy, disk full: the form stays
            self.app.call_from_thread(self._error, str(exc))
            return
        people = inter.people(store, self.account_id)
        self.app.call_from_thread(self._person_added, people, pid, data.name)

    def _person_added(self, people: list[inter.Participant], pid: int, name: str) -> None:
        self._set_people(people, keep={pid})
        self.query_one("#log-new-person", Input).value = ""
        self.notify(f"Added {clean(name, one_line=True)} to the map", markup=False)
        self._changed()

    # -- $EDITOR ---------------------------------------------------------------------
    def action_editor(self) -> None:
        area = self.query_one("#log-notes", TextArea)
        # The editor may run for long, and the terminal may be closed meanwhile:
        # the draft is written before it starts.
        text = edit_in_editor(self, area.text, before=self._flush_and_tell)
        if text is not None:
            area.text = text
            self._changed()
            self._flush_and_tell()  # what was written in the editor is kept at once
        self.refresh()

    # -- saving ------------------------------------------------------------------------
    def _error(self, message: str) -> None:
        self.query_one("#log-error", Static).update(Text(f"⚠ {clean(message, one_line=True)}"))

    def action_save(self) -> None:
        if self.saving:
            return
        v = self.values()
        today = self.kam.today
        try:
            when = inter.parse_when(v["when"], today=today, now=now_for(today))
            steps = inter.parse_next_steps(v["next"], today=today)
            if not v["summary"].strip():
                raise ServiceError("summary: is required (one line about what happened)")
        except ServiceError as exc:
            self._error(str(exc))
            return
        self.saving = True
        self._stop_timer()
        self.query_one("#log-error", Static).update(Text("Saving…", style="dim"))
        self._save(v, when, steps)

    @work(thread=True, exclusive=True, group="log-save", exit_on_error=False)
    def _save(self, v: dict[str, Any], when: str, steps: list[tuple[str, str | None]]) -> None:
        store = self.kam.store
        try:
            iid = inter.log_interaction(
                store,
                self.account_id,
                occurred_at=when,
                channel=str(v["channel"]),
                level=str(v["level"]),
                kind=str(v["kind"]),
                summary=v["summary"],
                notes=v["notes"],
                mood=v["mood"],
                participant_ids=v["people"],
                next_steps=steps,
                complaint_severity=v["severity"],
            )
        except (ServiceError, StorageError) as exc:  # busy, disk full: the form stays
            self.app.call_from_thread(self._failed, str(exc))
            return
        with self._draft_lock:
            # logged: the draft is done with (a stale one left behind by a
            # busy database would only be offered back)
            with contextlib.suppress(ServiceError):
                inter.clear_draft(store, self.account_id)
            inter.clear_draft_file(store.path, self.account_id)
            self._fallback = None
            self._saved_gen = self._gen
        confirm_from_worker(self.app, self.dismiss, iid)

    def _failed(self, message: str) -> None:
        self.saving = False
        self._error(message)

    def action_discard(self) -> None:
        self._suspend_draft = True
        self._stop_timer()
        self.set_values({})
        self.query_one("#log-people", SelectionList).deselect_all()
        store = self.kam.store
        try:
            with self._draft_lock:
                inter.clear_draft(store, self.account_id)
                inter.clear_draft_file(store.path, self.account_id)
                self._fallback = None
                self._saved_gen = self._gen
        except ServiceError as exc:
            self.notify(
                f"Could not discard the draft: {clean(str(exc), one_line=True)}",
                severity="error",
                markup=False,
            )
        else:
            self.notify("Draft discarded")
        self.restored_from = None
        self.call_after_refresh(self._arm_drafts)

    @on(Button.Pressed, "#log-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#log-close")
    def _close_pressed(self) -> None:
        self.action_close()

    @on(Input.Submitted, "#log-summary,#log-when")
    def _submitted(self) -> None:
        self.action_save()
