"""Create or edit a person of the contact map, with inline validation errors
per field (re-checked as you type after the first save attempt)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from kamtui import dates
from kamtui.dates import display_date
from kamtui.domain.models import Person, PersonInput
from kamtui.domain.validation import field_errors
from kamtui.services.people import contact_errors
from kamtui.ui import safe
from kamtui.ui.screens.form_base import FormScreen
from kamtui.vocab import DECISION_ROLE, FUNCTION, STANCE

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
]
ALL_FIELDS = ["name", "side", *(f for f, _, _ in SELECT_FIELDS), *(f for f, _, _ in TEXT_FIELDS)]


class PersonFormScreen(FormScreen[PersonInput | None]):
    CSS_PATH = "person_form.tcss"
    AUTO_FOCUS = "#field-name"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="person_form.save", tooltip="Validate and save"),
        Binding(
            "escape", "cancel", "Cancel", id="person_form.cancel", tooltip="Close without saving"
        ),
    ]

    def __init__(
        self, person: Person | None, *, side: str = "theirs", today: date | None = None
    ) -> None:
        super().__init__()
        self.person = person
        self.today = today
        self.side = person.side if person else side
        self._tried = False

    def compose(self) -> ComposeResult:
        p = self.person
        title = "New person" if p is None else "Edit person"
        with VerticalScroll(id="form-box"):
            yield Static(Text(title, style="bold"), id="form-title")
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
            last = display_date(p.verified_at) if p and p.verified_at else "never"
            yield Checkbox(
                f"Contact details checked today (last: {last})",
                value=False,
                id="field-verified",
            )
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.remember_initial()

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
        values["verified_at"] = self.person.verified_at if self.person else None
        if self.query_one("#field-verified", Checkbox).value:
            values["verified_at"] = (self.today or dates.today()).isoformat()
        return values

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
        if data is not None:
            self.dismiss(data)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        if self._tried:
            self.validate_form(focus=False)
