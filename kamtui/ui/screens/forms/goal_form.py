"""Create or edit a revitalisation goal (and add action items).

The form can start prefilled (from a whitespace cell or the Revitalise queue):
pass `prefill` as returned by services.goals.suggest(). Saving runs in a thread
worker (measuring a baseline reads the account's transactions) and dismisses
with the goal id; service errors stay on the form."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from kamtui import dates
from kamtui.domain import goals as dg
from kamtui.services import goals as goal_service
from kamtui.services.errors import RecordConflict, ServiceError
from kamtui.storage.errors import StorageError
from kamtui.ui import safe
from kamtui.ui.health_sync import confirm_from_worker
from kamtui.ui.screens.forms.form_base import FormScreen
from kamtui.vocab import CHANNEL, GOAL_TYPE

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp

CATEGORY_HINTS = {
    "wallet_share": "product category (blank: the whole wallet)",
    "cross_sell": "product category to sell, e.g. Automatización",
    "broaden_map": "people or functions",
    "new_channel": "channel: video, site visit, event, online…",
    "new_method": "free text (measured by hand), or 'strategic' / 'QBR' to count meetings",
    "satisfaction": "(not used)",
}


def shown(goal_type: str, value: float | None) -> str:
    """A number as the form shows it: wallet share as a percentage."""
    if value is None:
        return ""
    if goal_type == "wallet_share":
        return f"{value * 100:g} %"
    return f"{value:g}"


def parse_actions(text: str, today: date) -> list[tuple[str, str | None]]:
    """'Call Ana @ next friday' lines -> (text, ISO due date or None)."""
    out: list[tuple[str, str | None]] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        body, sep, when = line.rpartition("@")
        if not sep:
            out.append((line, None))
            continue
        try:
            due = dates.parse_date(when.strip(), today=today, purpose=dates.FUTURE).isoformat()
        except ValueError as exc:
            raise ServiceError(f"actions line {n}: {exc}") from None
        out.append((body.strip() or line, due))
    return out


class GoalFormScreen(FormScreen[int | None]):
    DEFAULT_CSS = """
    GoalFormScreen {
        align: center middle;
    }
    GoalFormScreen #goal-box {
        width: 84;
        max-width: 100%;
        height: 92%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    GoalFormScreen .field-label {
        color: $text-muted;
    }
    GoalFormScreen .pair {
        height: auto;
    }
    GoalFormScreen .half {
        width: 1fr;
        height: auto;
    }
    GoalFormScreen #goal-hint {
        color: $text-muted;
        height: auto;
    }
    GoalFormScreen #goal-error {
        color: $error;
        height: auto;
    }
    GoalFormScreen #field-actions {
        height: 5;
    }
    GoalFormScreen #goal-buttons {
        height: auto;
        margin-top: 1;
    }
    GoalFormScreen #goal-buttons Button {
        margin-right: 2;
    }
    """
    AUTO_FOCUS = "#field-title"
    RECORD = "goal"
    FIELD_LABELS: ClassVar[dict[str, str]] = {
        "type": "Type",
        "category": "What",
        "title": "Title",
        "baseline": "Baseline",
        "target": "Target",
        "due": "Due date",
        "current": "Progress by hand",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s", "save", "Save", id="goal_form.save", tooltip="Validate and save the goal"
        ),
        Binding(
            "escape", "cancel", "Cancel", id="goal_form.cancel", tooltip="Close without saving"
        ),
    ]

    def __init__(
        self,
        account_id: int,
        *,
        account_name: str = "",
        goal: dg.GoalProgress | None = None,
        prefill: dict[str, Any] | None = None,
        categories: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.account_id = account_id
        self.account_name = account_name or (goal.account if goal else "")
        self.goal = goal
        self.loaded_version = goal.version if goal else None
        self.prefill = prefill or {}
        self.categories = categories or []
        self.saving = False

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def _start(self, name: str) -> Any:
        if self.goal is not None:
            return getattr(self.goal, name)
        return self.prefill.get(name)

    def compose(self) -> ComposeResult:
        goal_type = self._start("type") or "wallet_share"
        title = "Edit goal" if self.goal else "New goal"
        if self.account_name:
            title += f" — {safe.plain(self.account_name)}"
        category = self._start("category") or ""
        if goal_type == "new_channel" and category:
            category = CHANNEL.label(category)
        suggestions = sorted(
            {*self.categories, "people", "functions", *(lbl for lbl, _k in CHANNEL.options())}
        )
        with VerticalScroll(id="goal-box"):
            yield Static(Text(title, style="bold"), classes="form-heading")
            yield Label("Type", classes="field-label")
            yield Select(GOAL_TYPE.options(), value=goal_type, allow_blank=False, id="field-type")
            yield Label("What", classes="field-label")
            yield Input(
                value=safe.plain(category),
                placeholder=CATEGORY_HINTS.get(goal_type, ""),
                suggester=SuggestFromList(suggestions, case_sensitive=False),
                id="field-category",
            )
            yield Label("Title *", classes="field-label")
            yield Input(
                value=safe.plain(self._start("title") or ""),
                placeholder="Recuperar cuota en repuestos",
                id="field-title",
            )
            with Horizontal(classes="pair"):
                with Vertical(classes="half"):
                    yield Label("Baseline (blank: measure now)", classes="field-label")
                    yield Input(
                        value=shown(goal_type, self._start("baseline")), id="field-baseline"
                    )
                with Vertical(classes="half"):
                    yield Label("Target *", classes="field-label")
                    yield Input(value=shown(goal_type, self._start("target")), id="field-target")
            with Horizontal(classes="pair"):
                with Vertical(classes="half"):
                    yield Label("Due date", classes="field-label")
                    due = self._start("due_date")
                    yield Input(
                        value=dates.display_date(due) if due else "",
                        placeholder="31/12/2026, next friday…",
                        id="field-due",
                    )
                with Vertical(classes="half"):
                    yield Label("Progress by hand (unmeasured goals)", classes="field-label")
                    current = (
                        self.goal.current
                        if self.goal is not None and not self.goal.measured
                        else None
                    )
                    yield Input(value=shown(goal_type, current), id="field-current")
            if self.goal is None:
                yield Label("Action items, one per line: text @ due date", classes="field-label")
                yield TextArea(
                    "\n".join(
                        f"{t} @ {dates.display_date(d)}" if d else t
                        for t, d in self.prefill.get("actions", [])
                    ),
                    id="field-actions",
                )
            yield Static("", id="goal-hint")
            yield Static("", id="goal-error")
            with Horizontal(id="goal-buttons", classes="form-actions"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.remember_initial()
        self._hint()

    def _values(self) -> dict[str, Any]:
        values = {
            name: self.query_one(f"#field-{name}", Input).value
            for name in ("category", "title", "baseline", "target", "due", "current")
        }
        values["type"] = str(self.query_one("#field-type", Select).value)
        if self.goal is None:
            values["actions"] = self.query_one("#field-actions", TextArea).text
        return values

    def stored_values(self, row: dict[str, Any]) -> dict[str, Any]:
        goal_type = row.get("type") or "wallet_share"
        category = row.get("category") or ""
        if goal_type == "new_channel" and category:
            category = CHANNEL.label(category)
        hand_set = self.goal is not None and not self.goal.measured
        return {
            "category": category,
            "title": row.get("title") or "",
            "baseline": shown(goal_type, row.get("baseline")),
            "target": shown(goal_type, row.get("target")),
            "due": dates.display_date(row["due_date"]) if row.get("due_date") else "",
            "current": shown(goal_type, row.get("current")) if hand_set else "",
            "type": goal_type,
        }

    def _hint(self) -> None:
        goal_type = str(self.query_one("#field-type", Select).value)
        category = self.query_one("#field-category", Input).value.strip() or None
        text = Text(f"Unit: {safe.plain(dg.unit(goal_type, category))}", style="dim")
        source = self.prefill.get("source") if self.goal is None else self.goal.source
        if source:
            text.append(f"\nMeasured: {safe.plain(source)}", style="dim")
        if self.goal is None and self.prefill.get("baseline") is not None:
            text.append(
                f" — now {dg.format_value(goal_type, self.prefill['baseline'], category)}",
                style="dim",
            )
        self.query_one("#goal-hint", Static).update(text)

    @on(Select.Changed, "#field-type")
    def _type_changed(self, event: Select.Changed) -> None:
        self.query_one("#field-category", Input).placeholder = CATEGORY_HINTS.get(
            str(event.value), ""
        )
        self._hint()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id == "field-category":
            self._hint()

    # -- saving -------------------------------------------------------------
    def action_save(self) -> None:
        if self.saving:
            return
        values = self._values()
        error = self.query_one("#goal-error", Static)
        today = self.kam.today
        try:
            due = None
            if values["due"].strip():
                try:
                    due = dates.parse_date(
                        values["due"], today=today, purpose=dates.FUTURE
                    ).isoformat()
                except ValueError as exc:
                    raise ServiceError(f"due date: {exc}") from None
            actions = parse_actions(values.get("actions", ""), today)
        except ServiceError as exc:
            error.update(Text(f"⚠ {exc}"))
            return
        self.saving = True
        error.update(Text("Saving…", style="dim"))
        self._save(values, due, actions)

    @work(
        thread=True, exclusive=True, group="goal-form", exit_on_error=False, description="Save goal"
    )
    def _save(
        self, values: dict[str, Any], due: str | None, actions: list[tuple[str, str | None]]
    ) -> None:
        store, today, config = self.kam.store, self.kam.today, self.kam.config
        goal_type = str(values["type"])
        category = values["category"].strip() or None
        try:
            if self.goal is None:
                goal_id = goal_service.create(
                    store,
                    self.account_id,
                    goal_type=goal_type,
                    category=category,
                    title=values["title"],
                    baseline=values["baseline"].strip() or None,
                    target=values["target"].strip() or None,
                    due_date=due,
                    today=today,
                    actions=actions,
                    config=config,
                )
                if values["current"].strip():
                    goal_service.set_progress(store, goal_id, values["current"])
            else:
                goal_id = self.goal.id
                goal_service.update(
                    store,
                    goal_id,
                    type=goal_type,
                    category=category,
                    title=values["title"],
                    baseline=values["baseline"].strip() or None,
                    target=values["target"].strip() or None,
                    due_date=due,
                    current=values["current"].strip() or None,
                    expected_version=self.loaded_version,
                    restore=self.restore_on_save,
                )
        except RecordConflict as conflict:
            self.app.call_from_thread(self._conflict, conflict)
            return
        except (ServiceError, StorageError) as exc:  # busy, disk full: the form stays
            self.app.call_from_thread(self._failed, str(exc))
            return
        confirm_from_worker(self.app, self.dismiss, goal_id)

    def _failed(self, message: str) -> None:
        self.saving = False
        self.query_one("#goal-error", Static).update(Text(f"⚠ {safe.plain(message)}"))

    def _conflict(self, conflict: RecordConflict) -> None:
        self.saving = False
        self.query_one("#goal-error", Static).update("")
        self.on_conflict(conflict)
