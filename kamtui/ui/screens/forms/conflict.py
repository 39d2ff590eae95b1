"""The record a form was editing changed (or went to the trash) since the form
opened: show what the user typed beside what is stored now, field by field,
and let them choose. Nothing is overwritten or thrown away without a choice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kamtui.ui.safe import text

Choice = Literal["mine", "theirs", "edit", "restore", "discard"]

BLANK = "(blank)"


@dataclass(frozen=True)
class FieldDiff:
    """One field whose typed value differs from the stored one."""

    label: str
    yours: str
    theirs: str
    you_changed: bool  # False: the form still shows what it loaded


class ConflictScreen(ModalScreen[Choice]):
    """Dismisses with "mine" (save over), "theirs" (reload the form with the
    stored values), "edit" (back to the form, nothing saved), or, when the
    record was deleted meanwhile, "restore" (restore it and save) / "discard"."""

    CSS_PATH = "conflict.tcss"
    AUTO_FOCUS = "#conflict-back"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "k",
            "choose('mine')",
            "Keep mine",
            id="conflict.keep_mine",
            tooltip="Save what you typed over the change made meanwhile",
        ),
        Binding(
            "t",
            "choose('theirs')",
            "Take theirs",
            id="conflict.take_theirs",
            tooltip="Reload the form with the stored values (your typing is dropped)",
        ),
        Binding(
            "r",
            "choose('restore')",
            "Restore and save",
            id="conflict.restore",
            tooltip="Take the record out of the trash and save what you typed",
        ),
        Binding(
            "d",
            "choose('discard')",
            "Discard mine",
            id="conflict.discard",
            tooltip="Close the form without saving",
        ),
        Binding(
            "escape",
            "choose('edit')",
            "Back to editing",
            id="conflict.back",
            tooltip="Return to the form; nothing is saved",
        ),
    ]

    def __init__(
        self, what: str, diffs: list[FieldDiff], *, trashed: bool = False, gone: bool = False
    ) -> None:
        super().__init__()
        self.what = what
        self.diffs = diffs
        self.trashed = trashed
        self.gone = gone

    @property
    def choices(self) -> tuple[Choice, ...]:
        if self.gone:
            return ("discard", "edit")
        if self.trashed:
            return ("restore", "discard", "edit")
        return ("mine", "theirs", "edit")

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-box"):
            yield Static(Text(self._heading(), style="bold"), id="conflict-title")
            yield Static(Text(self._explanation(), style="dim"), id="conflict-help")
            if self.diffs and not self.gone:
                with VerticalScroll(id="conflict-fields"):
                    yield Static(self._table(), id="conflict-table")
            with Horizontal(id="conflict-buttons"):
                labels: dict[Choice, tuple[str, str]] = {
                    "mine": ("Keep mine (k)", "primary"),
                    "theirs": ("Take theirs (t)", "default"),
                    "restore": ("Restore and save (r)", "primary"),
                    "discard": ("Discard mine (d)", "error"),
                    "edit": ("Back to editing (esc)", "default"),
                }
                for choice in self.choices:
                    label, variant = labels[choice]
                    yield Button(
                        label,
                        variant=variant,  # type: ignore[arg-type]
                        id="conflict-back" if choice == "edit" else f"conflict-{choice}",
                        name=choice,
                    )

    def _heading(self) -> str:
        if self.gone:
            return f"This {self.what} was deleted meanwhile"
        if self.trashed:
            return f"This {self.what} was moved to the trash meanwhile"
        return f"This {self.what} was changed meanwhile"

    def _explanation(self) -> str:
        if self.gone:
            return (
                "It no longer exists, so what you typed cannot be saved to it. "
                "Go back to copy what you need, or discard."
            )
        if self.trashed:
            return (
                "Someone moved it to the trash after you opened this form. "
                "Restore it and save what you typed, or discard your changes."
            )
        return (
            "Someone saved it after you opened this form. Fields that now differ "
            "from what you typed:"
        )

    def _table(self) -> Table:
        table = Table(expand=True, show_edge=False, pad_edge=False)
        table.add_column(Text("Field"), style="bold", no_wrap=True, ratio=1)
        table.add_column(Text("Yours"), ratio=2)
        table.add_column(Text("Saved meanwhile"), ratio=2)
        for d in self.diffs:
            yours = text(d.yours or BLANK, "" if d.yours else "dim")
            if not d.you_changed:
                yours.append(" (as loaded)", style="dim italic")
            table.add_row(text(d.label), yours, text(d.theirs or BLANK, "" if d.theirs else "dim"))
        return table

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return parameters[0] in self.choices
        return True

    def action_choose(self, choice: Choice) -> None:
        if choice in self.choices:
            self.dismiss(choice)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose(event.button.name)  # type: ignore[arg-type]
