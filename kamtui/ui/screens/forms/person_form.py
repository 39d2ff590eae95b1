"""Create or edit a person of the contact map, with inline validation errors
per field (re-checked as you type after the first save attempt). An edit is
saved here, over the version the form loaded (see FormScreen)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from pydantic import ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from kamtui import dates
from kamtui.dates import display_date
from kamtui.domain.models import Person, PersonInput
from kamtui.domain.validation import contact_errors, field_errors
from kamtui.services import people as people_service
from kamtui.ui import safe
from kamtui.ui.screens.forms.form_base import FormScreen
from kamtui.ui.widgets.tickbox import TickBox
from kamtui.vocab import CONSENT_CHANNEL, DECISION_ROLE, FUNCTION, LAWFUL_BASIS, STANCE

TEXT_FIELDS: list[tuple[str, str, str]] = [
    ("title", "Title", "Director de Compras"),
    ("email", "E-mail", "ana.ruiz@example.com"),
    ("phone", "Phone", "+34 600 000 000"),
    ("privacy_note", "Privacy / consent note", "e.g. no newsletters; direct contact only"),
]
SELECT_FIELDS: list[tuple[str, str, Any]] = [
    ("function", "Function", FUNCTION),
    ("decision_role", "Role in the decision", DECISION_ROLE),
    ("stance", "Stance", STANCE),
    ("lawful_basis", "Lawful basis (why we may hold their data)", LAWFUL_BASIS),
]
CONSENT_CHOICES = [("Given today", "given"), ("Withdrawn today", "withdrawn")]
if TYPE_CHECKING:
    from kamtui.ui.app import KamApp

ALL_FIELDS = [
    "name",
    "side",
    *(f for f, _, _ in SELECT_FIELDS),
    *(f for f, _, _ in TEXT_FIELDS),
    "do_not_contact",
]


class PersonFormScreen(FormScreen[PersonInput | None]):
    CSS_PATH = "person_form.tcss"
    AUTO_FOCUS = "#field-name"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="person_form.save", tooltip="Validate and save"),
        Binding(
            "escape", "cancel", "Cancel", id="person_form.cancel", tooltip="Close without saving"
        ),
    ]

    RECORD = "person"
    FIELD_LABELS: ClassVar[dict[str, str]] = {
        "name": "Name",
        "side": "Side",
        **{name: label for name, label, _ in [*SELECT_FIELDS, *TEXT_FIELDS]},
        "verified_at": "Details checked",
        "do_not_contact": "Do not contact",
        "consent": "Consent",
    }

    def __init__(
        self, person: Person | None, *, side: str = "theirs", today: date | None = None
    ) -> None:
        """A new person is returned to the caller to create; an existing one
        is saved by the form itself, which returns what it saved."""
        super().__init__()
        self.person = person
        self.loaded_version = person.version if person else None
        self.today = today
        self.side = person.side if person else side
        self._tried = False

    def compose(self) -> ComposeResult:
        p = self.person
        title = "New person" if p is None else "Edit person"
        with VerticalScroll(id="form-box"):
            yield Static(Text(title, style="bold"), id="form-title", classes="form-heading")
            yield Label("Name *", classes="field-label")
            yield Input(
                value=safe.plain(p.name) if p else "",
                placeholder="Ana Ruiz",
                id="field-name",
            )
            yield Static("", id="error-name", classes="field-error")
            yield Label("Side *", classes="field-label")
            yield Select(
                [("Ours (our company)", "ours"), ("Theirs (the client)", "theirs")],
                value=self.side,
                allow_blank=False,
                id="field-side",
            )
            yield Static("", id="error-side", classes="field-error")
            for name, label, vocabulary in SELECT_FIELDS:
                value = getattr(p, name, None) if p else None
                yield Label(label, classes="field-label")
                yield Select(
                    [(lbl, key) for lbl, key in vocabulary.options()],
                    value=value if value else Select.NULL,
                    allow_blank=True,
                    prompt="—",
                    id=f"field-{name}",
                )
                yield Static("", id=f"error-{name}", classes="field-error")
            for name, label, placeholder in TEXT_FIELDS:
                value = getattr(p, name, None) if p else None
                yield Label(label, classes="field-label")
                yield Input(
                    value="" if value is None else safe.plain(value),
                    placeholder=placeholder,
                    id=f"field-{name}",
                )
                yield Static("", id=f"error-{name}", classes="field-error")
            yield TickBox(
                "Do not contact (left out of follow-ups and contact due)",
                value=bool(p and p.do_not_contact),
                id="field-do_not_contact",
            )
            yield Static("", id="error-do_not_contact", classes="field-error")
            yield Label("Consent", classes="field-label")
            yield Static(
                "not recorded" if p is None else "…", id="consent-now", classes="consent-now"
            )
            with Horizontal(id="consent-row"):
                yield Select(
                    CONSENT_CHOICES,
                    value=Select.NULL,
                    allow_blank=True,
                    prompt="record consent…",
                    id="field-consent",
                )
                yield Select(
                    CONSENT_CHANNEL.options(),
                    value=Select.NULL,
                    allow_blank=True,
                    prompt="how (channel)",
                    id="field-consent_channel",
                )
            yield Static("", id="error-consent", classes="field-error")
            last = display_date(p.verified_at) if p and p.verified_at else "never"
            yield TickBox(
                f"Contact details checked today (last: {last})",
                value=False,
                id="field-verified",
            )
            with Horizontal(id="form-buttons", classes="form-actions"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.remember_initial()
        if self.person is not None:
            self._load_consent(self.person.id)

    @work(thread=True, exit_on_error=False, group="consent", description="Reading consent")
    def _load_consent(self, person_id: int) -> None:
        from kamtui.services import privacy

        store = cast("KamApp", self.app).store
        entry = privacy.current_consent(store, [person_id]).get(person_id)
        self.app.call_from_thread(
            self.query_one("#consent-now", Static).update,
            Text(privacy.consent_text(entry)),
        )

    def _values(self) -> dict[str, object]:
        values: dict[str, object] = {
            "name": self.query_one("#field-name", Input).value,
            "side": self.query_one("#field-side", Select).value,
        }
        for name, _, _ in SELECT_FIELDS:
            value = self.query_one(f"#field-{name}", Select).value
            values[name] = None if value is Select.NULL else value
        for name, _, _ in TEXT_FIELDS:
            values[name] = self.query_one(f"#field-{name}", Input).value
        values["do_not_contact"] = self.query_one("#field-do_not_contact", Checkbox).value
        values["verified_at"] = self.person.verified_at if self.person else None
        if self.query_one("#field-verified", Checkbox).value:
            values["verified_at"] = (self.today or dates.today()).isoformat()
        status = self.query_one("#field-consent", Select).value
        channel = self.query_one("#field-consent_channel", Select).value
        values["consent"] = (
            None
            if status is Select.NULL
            else {
                "status": status,
                "date": (self.today or dates.today()).isoformat(),
                "channel": None if channel is Select.NULL else channel,
            }
        )
        return values

    def stored_values(self, row: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {name: row.get(name) for name in ALL_FIELDS}
        for name, _, _ in TEXT_FIELDS:
            values[name] = values[name] or ""
        values["do_not_contact"] = bool(values["do_not_contact"])
        values["verified_at"] = row.get("verified_at")
        return values

    def take_stored(self, row: dict[str, Any]) -> None:
        # The stored check date becomes the one the form keeps unless ticked.
        self.person = Person.model_validate({**row, "leaving": bool(row.get("leaving"))})
        self.fill({k: v for k, v in self.stored_values(row).items() if k != "verified_at"})

    def validate_form(self, *, focus: bool = True) -> PersonInput | None:
        for name in ALL_FIELDS:
            self.query_one(f"#error-{name}", Static).update("")
            self.query_one(f"#field-{name}").remove_class("invalid")
        errors: dict[str, str] = {}
        data: PersonInput | None = None
        try:
            data = PersonInput.model_validate(self._values())
        except ValidationError as exc:
            errors = field_errors(exc)
        if data is not None:
            errors = contact_errors(data)
        if not errors:
            return data
        self.show_field_errors(errors, focus=focus)
        return None

    def action_save(self) -> None:
        self._tried = True
        data = self.validate_form()
        if data is None:
            return
        if self.person is None:
            self.dismiss(data)
            return
        store, person_id = cast("KamApp", self.app).store, self.person.id
        version, restore = self.loaded_version, self.restore_on_save
        self.save_existing(
            lambda: people_service.update_person(
                store, person_id, data, expected_version=version, restore=restore
            ),
            lambda: self.dismiss(data),
        )

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        if self._tried:
            self.validate_form(focus=False)
