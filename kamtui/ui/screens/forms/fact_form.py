"""Add or edit a fact: a need, preference or habit the client told us (per
account or per person), so nobody asks again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from kamtui.services import facts
from kamtui.services.errors import RecordConflict, ServiceError
from kamtui.services.interactions import Participant
from kamtui.storage.errors import StorageError
from kamtui.ui import safe
from kamtui.ui.health_sync import confirm_from_worker
from kamtui.ui.screens.forms.form_base import FormScreen
from kamtui.vocab import FACT_KIND

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp


class FactFormScreen(FormScreen[int | None]):
    DEFAULT_CSS = """
    FactFormScreen {
        align: center middle;
    }
    FactFormScreen #fact-box {
        width: 76;
        max-width: 100%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    FactFormScreen .field-label {
        color: $text-muted;
    }
    FactFormScreen #fact-error {
        color: $error;
        height: auto;
    }
    """
    AUTO_FOCUS = "#fact-text"
    RECORD = "fact"
    FIELD_LABELS: ClassVar[dict[str, str]] = {"text": "Fact", "kind": "Kind", "person_id": "About"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="fact.save", tooltip="Save the fact"),
        Binding("escape", "cancel", "Cancel", id="fact.cancel", tooltip="Close without saving"),
    ]

    def __init__(
        self,
        account_id: int,
        people: list[Participant],
        *,
        fact: dict[str, Any] | None = None,
        interaction_id: int | None = None,
    ) -> None:
        super().__init__()
        self.account_id = account_id
        self.people = [p for p in people if p.side == "theirs"] or people
        self.fact = fact
        self.loaded_version: int | None = fact.get("version") if fact else None
        self.interaction_id = interaction_id
        self.saving = False

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        f = self.fact or {}
        heading = "Edit fact" if self.fact else "New fact — what not to ask again"
        with VerticalScroll(id="fact-box"):
            yield Static(Text(heading, style="bold"), classes="form-heading")
            yield Label("Fact *", classes="field-label")
            yield Input(
                value=safe.plain(f.get("text") or ""),
                placeholder="Fiscal year ends in March; invoices only by e-mail…",
                id="fact-text",
            )
            yield Label("Kind", classes="field-label")
            yield Select(
                FACT_KIND.options(),
                value=f.get("kind") or "other",
                allow_blank=False,
                id="fact-kind",
            )
            yield Label("About (blank: the whole account)", classes="field-label")
            options = [(safe.text(p.name), p.id) for p in self.people]
            person = f.get("person_id")
            yield Select(
                options,
                prompt="the whole account",
                value=person if person in {p.id for p in self.people} else Select.NULL,
                id="fact-person",
            )
            yield Static("", id="fact-error")
            with Horizontal(classes="form-actions"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.remember_initial()

    def _values(self) -> dict[str, Any]:
        person = self.query_one("#fact-person", Select).value
        return {
            "text": self.query_one("#fact-text", Input).value,
            "kind": str(self.query_one("#fact-kind", Select).value),
            "person_id": None if person is Select.NULL else int(person),  # type: ignore[arg-type]
        }

    def field_widget(self, name: str) -> Widget | None:
        return self.widget_or_none(f"#fact-{name.removesuffix('_id')}")

    def stored_values(self, row: dict[str, Any]) -> dict[str, Any]:
        return {
            "text": row.get("text") or "",
            "kind": row.get("kind"),
            "person_id": row.get("person_id"),
        }

    def action_save(self) -> None:
        if self.saving:
            return
        self.saving = True
        v = self._values()
        self._save(v["text"], v["kind"], v["person_id"])

    @work(thread=True, exclusive=True, group="fact", exit_on_error=False)
    def _save(self, text: str, kind: str, person_id: int | None) -> None:
        store = self.kam.store
        try:
            if self.fact:
                fact_id = int(self.fact["id"])
                facts.update(
                    store,
                    fact_id,
                    text,
                    kind=kind,
                    person_id=person_id,
                    expected_version=self.loaded_version,
                    restore=self.restore_on_save,
                )
            else:
                fact_id = facts.add(
                    store,
                    self.account_id,
                    text,
                    kind=kind,
                    person_id=person_id,
                    interaction_id=self.interaction_id,
                )
        except RecordConflict as conflict:
            self.app.call_from_thread(self._conflict, conflict)
            return
        except (ServiceError, StorageError) as exc:  # busy, disk full: the form stays
            self.app.call_from_thread(self._failed, str(exc))
            return
        confirm_from_worker(self.app, self.dismiss, fact_id)

    def _conflict(self, conflict: RecordConflict) -> None:
        self.saving = False
        self.on_conflict(conflict)

    def _failed(self, message: str) -> None:
        self.saving = False
        self.query_one("#fact-error", Static).update(Text(f"⚠ {safe.plain(message)}"))
