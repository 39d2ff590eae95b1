"""Create or edit an account, with inline validation errors per field. An
edit is saved here, over the version the form loaded (see FormScreen)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from kamtui.domain.identifiers import format_identifiers
from kamtui.domain.models import Account, AccountInput
from kamtui.domain.validation import field_errors
from kamtui.services import accounts
from kamtui.ui import safe
from kamtui.ui.screens.forms.form_base import FormScreen
from kamtui.vocab import ACCOUNT_STATUS

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp

FIELDS: list[tuple[str, str, str]] = [
    ("name", "Name *", "Conservas Peña S.A."),
    ("account_number", "Account number", "ES-0001"),
    ("tax_id", "Tax id (CIF/VAT)", "B12345678"),
    ("domain", "Web domain", "example.com"),
    ("industry", "Industry", "Food & beverage"),
    ("tier", "Tier", "A, B or C"),
    ("owner", "Owner (KAM)", "Lucía Fernández"),
    ("phone", "Phone", "+34 912 345 678"),
    ("email", "E-mail", "compras@example.com"),
    ("address", "Address", "Calle Mayor 1, Madrid"),
    ("cadence_days", "Contact every (days)", "30"),
]


class AccountFormScreen(FormScreen[AccountInput | None]):
    CSS_PATH = "account_form.tcss"
    AUTO_FOCUS = "#field-name"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="account_form.save", tooltip="Validate and save"),
        Binding(
            "escape", "cancel", "Cancel", id="account_form.cancel", tooltip="Close without saving"
        ),
        Binding(
            "ctrl+n",
            "add_identifier",
            "Add identifier",
            id="account_form.add_identifier",
            tooltip="Another line for a number in a business unit's system (ERP, SAT…)",
        ),
    ]

    RECORD = "account"
    FIELD_LABELS: ClassVar[dict[str, str]] = {
        **{name: label.rstrip(" *") for name, label, _ in FIELDS},
        "status": "Status",
        "identifiers": "Identifiers",
    }

    def __init__(self, account: Account | None, typed: AccountInput | None = None) -> None:
        """A new account is returned to the caller to create; an existing one
        is saved by the form itself, which returns what it saved. `typed`
        fills the form with what a save that failed had (still unsaved)."""
        super().__init__()
        self.account = account
        self.typed = typed
        self.loaded_version = account.version if account else None
        self.saving = False
        self._tried = False

    def on_mount(self) -> None:
        self.remember_initial()
        if self.typed is not None:  # unsaved: esc asks before dropping it
            self._initial = {
                **{name: "" for name, _, _ in FIELDS},
                "status": "active",
                "identifiers": (),
            }

    def compose(self) -> ComposeResult:
        title = "New account" if self.account is None else "Edit account"
        with VerticalScroll(id="form-box"):
            yield Static(Text(title, style="bold"), id="form-title", classes="form-heading")
            source = self.typed or self.account
            for name, label, placeholder in FIELDS:
                value = getattr(source, name, None) if source else None
                yield Label(label, classes="field-label")
                yield Input(
                    value="" if value is None else safe.plain(value),
                    placeholder=placeholder,
                    id=f"field-{name}",
                )
                yield Static("", id=f"error-{name}", classes="field-error")
            yield Label("Status", classes="field-label")
            yield Select(
                [(label, key) for label, key in ACCOUNT_STATUS.options()],
                value=source.status if source else "active",
                allow_blank=False,
                id="field-status",
            )
            yield Static("", id="error-status", classes="field-error")
            yield Label(
                "Identifiers: the account's number in each business unit's system",
                classes="field-label",
            )
            with Vertical(id="field-identifiers"):
                for unit, number in getattr(source, "identifiers", None) or ():
                    yield IdentifierLine(unit, number)
            yield Button("+ Add identifier (ctrl+n)", id="add-identifier")
            yield Static("", id="error-identifiers", classes="field-error")
            with Horizontal(id="form-buttons", classes="form-actions"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def _values(self) -> dict[str, object]:
        values: dict[str, object] = {
            name: self.query_one(f"#field-{name}", Input).value for name, _, _ in FIELDS
        }
        values["status"] = self.query_one("#field-status", Select).value
        values["identifiers"] = tuple(
            line.value for line in self.query(IdentifierLine) if any(line.value)
        )
        return values

    def stored_values(self, row: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {
            name: "" if row.get(name) is None else str(row[name]) for name, _, _ in FIELDS
        }
        values["status"] = row.get("status") or "active"
        values["identifiers"] = tuple(tuple(i) for i in row.get("identifiers") or ())
        return values

    def fill(self, values: dict[str, Any]) -> None:
        super().fill(values)
        if "identifiers" in values:
            box = self.query_one("#field-identifiers", Vertical)
            box.remove_children()
            box.mount_all(IdentifierLine(u, n) for u, n in values["identifiers"])

    def _legible(self, name: str, value: Any) -> str:
        if name == "identifiers":
            return safe.plain(format_identifiers(value or ()))
        return super()._legible(name, value)

    def action_add_identifier(self) -> None:
        line = IdentifierLine("", "")
        self.query_one("#field-identifiers", Vertical).mount(line)
        self.call_after_refresh(line.unit.focus)

    def validate_form(self, *, focus: bool = True) -> AccountInput | None:
        for name, _, _ in [*FIELDS, ("status", "", ""), ("identifiers", "", "")]:
            self.query_one(f"#error-{name}", Static).update("")
            self.query_one(f"#field-{name}").remove_class("invalid")
        try:
            return AccountInput.model_validate(self._values())
        except ValidationError as exc:
            self.show_field_errors(field_errors(exc), focus=focus)
            return None

    def action_save(self) -> None:
        self._tried = True
        data = self.validate_form()
        if data is None:
            return
        if self.account is None:
            self.dismiss(data)
            return
        store, account_id = cast("KamApp", self.app).store, self.account.id
        version, restore = self.loaded_version, self.restore_on_save
        self.save_existing(
            lambda: accounts.update(
                store, account_id, data, expected_version=version, restore=restore
            ),
            lambda: self.dismiss(data),
            show_error=self._refused,
        )

    def _refused(self, message: str) -> None:
        """A refusal of the save: one about identifiers shows beside them."""
        if message.startswith("identifiers: "):
            self.show_field_errors(
                {"identifiers": message.removeprefix("identifiers: ")}, focus=False
            )
        else:
            self.notify(message, severity="error", markup=False)

    @on(Button.Pressed, "#add-identifier")
    def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_add_identifier()

    @on(Button.Pressed, ".ident-remove")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        line = next(a for a in event.button.ancestors if isinstance(a, IdentifierLine))
        line.remove()
        self._confirm_discard = False
        self.call_after_refresh(self._changed)

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if self._tried:
            # After a first save attempt, errors update as the user fixes them.
            self.validate_form(focus=False)


class IdentifierLine(Horizontal):
    """One identifier: business unit, number, and a button that removes it."""

    def __init__(self, unit: str, number: str) -> None:
        super().__init__(classes="ident-line")
        self.unit = Input(safe.plain(unit), placeholder="ERP-Norte", classes="ident-unit")
        self.number = Input(safe.plain(number), placeholder="4711", classes="ident-number")

    def compose(self) -> ComposeResult:
        yield self.unit
        yield self.number
        yield Button("✕", classes="ident-remove", tooltip="Remove this identifier")

    @property
    def value(self) -> tuple[str, str]:
        """(business unit, number) as typed, trimmed."""
        return (self.unit.value.strip(), self.number.value.strip())
