"""Open a complaint (on its own or from an interaction) or move one along
open -> in progress -> resolved, with dates and the resolution."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from kamtui import dates
from kamtui.services import complaints as cs
from kamtui.services.errors import RecordConflict, ServiceError
from kamtui.storage.errors import StorageError
from kamtui.ui import safe
from kamtui.ui.health_sync import confirm_from_worker
from kamtui.ui.screens.forms.form_base import FormScreen
from kamtui.ui.widgets.tickbox import TickBox
from kamtui.vocab import COMPLAINT_STATUS, SEVERITY

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp


@dataclass(frozen=True)
class Suggested:
    """The interaction selected when the form opened: offered, never assumed
    (issue 14: the form used to fill itself from it and link to it)."""

    id: int
    when: str  # ISO date or date-time
    title: str
    notes: str | None = None


class ComplaintFormScreen(FormScreen[int | None]):
    DEFAULT_CSS = """
    ComplaintFormScreen {
        align: center middle;
    }
    ComplaintFormScreen #complaint-box {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 96%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ComplaintFormScreen .field-label {
        color: $text-muted;
    }
    ComplaintFormScreen .pair {
        height: auto;
    }
    ComplaintFormScreen .half {
        width: 1fr;
        height: auto;
        margin-right: 1;
    }
    ComplaintFormScreen #complaint-description {
        height: 5;
    }
    ComplaintFormScreen #complaint-resolution {
        height: 4;
    }
    ComplaintFormScreen #complaint-error {
        color: $error;
        height: auto;
    }
    """
    AUTO_FOCUS = "#complaint-title"
    RECORD = "complaint"
    FIELD_LABELS: ClassVar[dict[str, str]] = {"opened": "Opened", "description": "What happened"}
    SAVE_ID = "complaint-save"
    CANCEL_ID = "complaint-cancel"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="complaint.save", tooltip="Save the complaint"),
        Binding(
            "escape", "cancel", "Cancel", id="complaint.cancel", tooltip="Close without saving"
        ),
    ]

    def __init__(
        self,
        account_id: int,
        *,
        complaint: cs.ComplaintView | None = None,
        interaction_id: int | None = None,
        suggest: Suggested | None = None,
        title: str = "",
        description: str | None = None,
        opened_at: str | None = None,
        resolve: bool = False,
    ) -> None:
        super().__init__()
        self.account_id = account_id
        self.complaint = complaint
        self.loaded_version = complaint.version if complaint else None
        self.interaction_id = interaction_id
        self.suggest = suggest if complaint is None else None
        self.start_title = title
        self.start_description = description
        self.start_opened = opened_at
        self.resolve_mode = resolve
        self.saving = False

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        c = self.complaint
        heading = "Complaint" if c else "New complaint"
        if self.interaction_id and not c:
            heading += " (from the selected interaction)"
        opened = c.opened_at if c else (self.start_opened or self.kam.today.isoformat())
        with VerticalScroll(id="complaint-box"):
            yield Static(Text(heading, style="bold"), classes="form-heading")
            if c:
                yield Static(
                    Text(cs.describe_time(c, self.kam.today), style="dim"), id="complaint-time"
                )
            yield Label("Title *", classes="field-label")
            yield Input(
                value=safe.plain(c.title if c else self.start_title),
                id="complaint-title",
            )
            with Horizontal(classes="pair"):
                with Vertical(classes="half"):
                    yield Label("Severity", classes="field-label")
                    yield Select(
                        SEVERITY.options(),
                        value=c.severity if c else "medium",
                        allow_blank=False,
                        id="complaint-severity",
                    )
                with Vertical(classes="half"):
                    yield Label("Opened", classes="field-label")
                    yield Input(value=dates.display_date(opened), id="complaint-opened")
            yield Label("What happened", classes="field-label")
            yield TextArea(
                safe.plain(c.description if c else self.start_description or "", one_line=False),
                id="complaint-description",
                soft_wrap=True,
                tab_behavior="focus",
            )
            if c:
                status = "resolved" if self.resolve_mode else c.status
                with Horizontal(classes="pair"):
                    with Vertical(classes="half"):
                        yield Label("Status", classes="field-label")
                        yield Select(
                            COMPLAINT_STATUS.options(),
                            value=status,
                            allow_blank=False,
                            id="complaint-status",
                        )
                    with Vertical(classes="half"):
                        yield Label("Status date (blank: today)", classes="field-label")
                        yield Input(
                            value="",
                            placeholder="today, 12/11/2026…",
                            id="complaint-status-date",
                        )
                yield Label("Resolution (required to resolve)", classes="field-label")
                yield TextArea(
                    safe.plain(c.resolution or "", one_line=False),
                    id="complaint-resolution",
                    soft_wrap=True,
                    tab_behavior="focus",
                )
            if self.suggest is not None:
                s = self.suggest
                summary = safe.plain(s.title, one_line=True)
                yield TickBox(
                    Text(
                        f"Link to the selected interaction: "
                        f"{dates.display_date(s.when[:10])} {summary}"
                    ),
                    value=False,
                    id="complaint-link",
                )
            yield Static("", id="complaint-error")
            with Horizontal(classes="form-actions"):
                yield Button("Save (ctrl+s)", variant="primary", id="complaint-save")
                yield Button("Cancel (esc)", id="complaint-cancel")

    def on_mount(self) -> None:
        self.remember_initial()
        if self.resolve_mode and self.complaint:
            self.query_one("#complaint-resolution", TextArea).focus()

    @on(Checkbox.Changed, "#complaint-link")
    def _link_toggled(self, event: Checkbox.Changed) -> None:
        s = self.suggest
        if s is None:
            return
        self.interaction_id = s.id if event.value else None
        if not event.value:
            return
        # Linking fills only what is still empty: nothing typed is replaced.
        title = self.query_one("#complaint-title", Input)
        if not title.value.strip():
            title.value = safe.plain(s.title, one_line=True)
        description = self.query_one("#complaint-description", TextArea)
        if not description.text.strip() and s.notes:
            description.text = safe.plain(s.notes, one_line=False)
        self.query_one("#complaint-opened", Input).value = dates.display_date(s.when[:10])

    def _values(self) -> dict[str, str]:
        values = {
            "title": self.query_one("#complaint-title", Input).value,
            "severity": str(self.query_one("#complaint-severity", Select).value),
            "opened": self.query_one("#complaint-opened", Input).value,
            "description": self.query_one("#complaint-description", TextArea).text,
        }
        if self.complaint:
            values["status"] = str(self.query_one("#complaint-status", Select).value)
            values["status_date"] = self.query_one("#complaint-status-date", Input).value
            values["resolution"] = self.query_one("#complaint-resolution", TextArea).text
        return values

    def field_widget(self, name: str) -> Widget | None:
        return self.widget_or_none(f"#complaint-{name.replace('_', '-')}")

    def stored_values(self, row: dict[str, Any]) -> dict[str, Any]:
        return {
            "title": row.get("title") or "",
            "severity": row.get("severity"),
            "opened": dates.display_date(row["opened_at"]) if row.get("opened_at") else "",
            "description": row.get("description") or "",
            "status": row.get("status"),
            "resolution": row.get("resolution") or "",
        }

    def action_save(self) -> None:
        if self.saving:
            return
        self.saving = True
        self._save(self._values())

    @work(thread=True, exclusive=True, group="complaint", exit_on_error=False)
    def _save(self, v: dict[str, str]) -> None:
        store, today = self.kam.store, self.kam.today
        try:
            if self.complaint is None:
                cid = cs.open_complaint(
                    store,
                    self.account_id,
                    title=v["title"],
                    description=v["description"],
                    severity=v["severity"],
                    opened_at=v["opened"],
                    interaction_id=self.interaction_id,
                    today=today,
                )
            else:
                cid = self.complaint.id
                cs.save_edit(
                    store,
                    cid,
                    expected_version=self.loaded_version,
                    restore=self.restore_on_save,
                    title=v["title"],
                    description=v["description"],
                    severity=v["severity"],
                    opened_at=v["opened"],
                    status=v["status"],
                    status_on=v["status_date"].strip(),
                    resolution=v["resolution"],
                    today=today,
                )
        except RecordConflict as conflict:
            self.app.call_from_thread(self._conflict, conflict)
            return
        except (ServiceError, StorageError) as exc:  # busy, disk full: the form stays
            self.app.call_from_thread(self._failed, str(exc))
            return
        confirm_from_worker(self.app, self.dismiss, cid)

    def _conflict(self, conflict: RecordConflict) -> None:
        self.saving = False
        self.on_conflict(conflict)

    def _failed(self, message: str) -> None:
        self.saving = False
        self.query_one("#complaint-error", Static).update(Text(f"⚠ {safe.plain(message)}"))
