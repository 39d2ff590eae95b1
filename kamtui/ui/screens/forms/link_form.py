"""Link the selected person with someone on the other side (with a strength),
or pick which of their links to remove."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from kamtui.domain.models import Person
from kamtui.ui import safe
from kamtui.vocab import FUNCTION

STRENGTHS = [
    ("1 · weak (met once)", 1),
    ("2 · occasional", 2),
    ("3 · regular", 3),
    ("4 · strong", 4),
    ("5 · very strong (trusted)", 5),
]

CSS = """
LinkFormScreen, UnlinkScreen {
    align: center middle;
}
LinkFormScreen #link-box, UnlinkScreen #link-box {
    width: 70;
    max-width: 100%;
    height: auto;
    max-height: 90%;
    border: thick $primary;
    background: $surface;
    padding: 0 1;
}
LinkFormScreen OptionList, UnlinkScreen OptionList {
    height: auto;
    max-height: 14;
}
LinkFormScreen #link-buttons, UnlinkScreen #link-buttons {
    height: auto;
    margin-top: 1;
}
LinkFormScreen #link-buttons Button, UnlinkScreen #link-buttons Button {
    margin-right: 2;
}
"""


def _label(p: Person, strength: int | None) -> Text:
    t = safe.text(p.name)
    bits = [b for b in (safe.plain(p.title) if p.title else "", FUNCTION.label(p.function)) if b]
    if bits:
        t.append("  " + " · ".join(bits), style="dim")
    if strength is not None:
        t.append(f"  (linked, strength {strength})", style="italic")
    return t


class LinkFormScreen(ModalScreen[tuple[int, int] | None]):
    """Returns (the other person's id, strength 1-5)."""

    DEFAULT_CSS = CSS
    AUTO_FOCUS = "#link-people"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Link", id="link_form.save", tooltip="Save the link"),
        Binding("escape", "cancel", "Cancel", id="link_form.cancel", tooltip="Close"),
    ]

    def __init__(self, person: Person, others: list[Person], linked: dict[int, int]) -> None:
        super().__init__()
        self.person = person
        self.others = others
        self.linked = linked

    def compose(self) -> ComposeResult:
        side = "theirs" if self.person.side == "ours" else "ours"
        with Vertical(id="link-box"):
            title = Text("Link ", style="bold")
            title.append(safe.plain(self.person.name), style="bold")
            title.append(f" with one of {side}", style="bold")
            yield Static(title, classes="form-heading")
            yield OptionList(
                *[Option(_label(p, self.linked.get(p.id)), id=str(p.id)) for p in self.others],
                id="link-people",
            )
            yield Static("", id="link-error", classes="field-error")
            yield Label("Strength")
            yield Select(STRENGTHS, value=3, allow_blank=False, id="link-strength")
            with Horizontal(id="link-buttons", classes="form-actions"):
                yield Button("Link (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        options = self.query_one("#link-people", OptionList)
        first_unlinked = next((i for i, p in enumerate(self.others) if p.id not in self.linked), 0)
        options.highlighted = first_unlinked

    @on(OptionList.OptionHighlighted, "#link-people")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        pid = int(event.option.id or 0)
        if pid in self.linked:
            self.query_one("#link-strength", Select).value = self.linked[pid]

    @on(OptionList.OptionSelected, "#link-people")
    def _chosen(self) -> None:
        self.query_one("#link-strength", Select).focus()

    def action_save(self) -> None:
        options = self.query_one("#link-people", OptionList)
        if options.highlighted is None:
            self.query_one("#link-error", Static).update(Text("⚠ choose a person", style="red"))
            options.focus()
            return
        option = options.get_option_at_index(options.highlighted)
        strength = self.query_one("#link-strength", Select).value
        self.dismiss((int(option.id or 0), int(strength if isinstance(strength, int) else 3)))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()


class UnlinkScreen(ModalScreen[int | None]):
    """Pick one of a person's links to remove; returns the link id."""

    DEFAULT_CSS = CSS
    AUTO_FOCUS = "#unlink-links"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="unlink.cancel", tooltip="Close"),
    ]

    def __init__(self, name: str, choices: list[tuple[int, str]]) -> None:
        super().__init__()
        self.person_name = name
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="link-box"):
            title = Text("Remove a link of ", style="bold")
            title.append(self.person_name, style="bold")
            yield Static(title)
            yield Static(Text("Enter removes the highlighted link (u undoes it).", style="dim"))
            yield OptionList(
                *[Option(Text(label), id=str(lid)) for lid, label in self.choices],
                id="unlink-links",
            )
            with Horizontal(id="link-buttons", classes="form-actions"):
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        # The first link is highlighted on open: Enter acts on what is shown.
        options = self.query_one("#unlink-links", OptionList)
        if options.option_count:
            options.highlighted = 0

    @on(OptionList.OptionSelected, "#unlink-links")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
