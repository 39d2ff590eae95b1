"""Interactions tab: one chronological timeline of interactions, orders and
complaints with filters (level, kind, channel, person); the selected item's
details with its notes rendered as Markdown (never as Rich markup); the facts
not to ask again. Keys: n log, c complaint, f fact, p/r move a complaint on;
e edit, d delete (u undoes) and i facts come from `interactions_edit`."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Select, Static

from kamtui.services import accounts
from kamtui.services import complaints as cs
from kamtui.services import interactions as inter
from kamtui.services.errors import ServiceError
from kamtui.ui import safe
from kamtui.ui.screens.account.tabs.interactions_edit import EditableTimeline
from kamtui.ui.screens.account.tabs.interactions_text import (
    detail_header,
    facts_text,
    notes_markdown,
    row_style,
    title_text,
    type_text,
    when_text,
)
from kamtui.ui.widgets.virtual_table import Column, VirtualTable
from kamtui.ui.writes import run_write
from kamtui.vocab import CHANNEL, KIND, LEVEL


class InteractionsTab(EditableTimeline):
    DEFAULT_CSS = """
    InteractionsTab {
        height: 1fr;
    }
    InteractionsTab #int-filters {
        height: auto;
    }
    InteractionsTab #int-filters Select {
        width: 1fr;
        margin-right: 1;
    }
    InteractionsTab #int-body {
        height: 1fr;
    }
    InteractionsTab #interactions-table {
        width: 3fr;
        height: 1fr;
    }
    InteractionsTab #int-side {
        width: 2fr;
        height: 1fr;
        padding: 0 1;
        background: $panel;
    }
    InteractionsTab #int-head {
        height: auto;
    }
    InteractionsTab #int-notes {
        height: auto;
        margin: 0;
        padding: 0;
        background: $panel;
    }
    InteractionsTab #int-facts {
        height: auto;
        margin-top: 1;
    }
    InteractionsTab.narrow #int-body {
        layout: vertical;
    }
    InteractionsTab.narrow #interactions-table {
        width: 1fr;
    }
    InteractionsTab.narrow #int-side {
        width: 1fr;
        height: 40%;
    }
    """
    NARROW = 110  # below this width the details go under the timeline
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "log", "Log", id="interactions.log", tooltip="Log an interaction"),
        Binding(
            "c",
            "complaint",
            "Complaint",
            id="interactions.complaint",
            tooltip="Open a complaint (from the selected interaction, if one is selected)",
        ),
        Binding(
            "f",
            "fact",
            "Fact",
            id="interactions.fact",
            tooltip="Add a fact the client told us (need, preference, habit)",
        ),
        Binding(
            "p",
            "progress",
            "Next status",
            id="interactions.progress",
            tooltip="Move the selected complaint on: open → in progress → resolved",
        ),
        Binding(
            "r",
            "resolve",
            "Resolve",
            id="interactions.resolve",
            tooltip="Resolve the selected complaint (asks for the resolution)",
        ),
    ]

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(account_id, **kwargs)
        self.data: inter.Timeline | None = None
        self.account_name = ""
        self.pending: tuple[str, int] | None = None
        self._people_key: list[int] | None = None

    def compose_content(self) -> ComposeResult:
        # Markdown (markdown-it, pygments) is imported when the tab is first
        # built, not when an account opens on its Overview.
        from textual.widgets import Markdown

        with Horizontal(id="int-filters"):
            yield Select(LEVEL.options(), prompt="All levels", id="filter-level", compact=True)
            yield Select(
                [*KIND.options(), ("Orders", inter.ORDERS)],
                prompt="All kinds",
                id="filter-kind",
                compact=True,
            )
            yield Select(
                CHANNEL.options(), prompt="All channels", id="filter-channel", compact=True
            )
            yield Select([], prompt="Anyone", id="filter-person", compact=True)
        with Horizontal(id="int-body"):
            yield VirtualTable[inter.TimelineItem](
                [
                    Column("when", "When", 16, when_text, sort_key=lambda i: i.when),
                    Column("type", "Kind", 10, type_text, style=row_style),
                    Column("level", "Level", 11, lambda i: LEVEL.label(i.level), hide_below=64),
                    Column(
                        "channel",
                        "Channel",
                        9,
                        lambda i: CHANNEL.label(i.channel),
                        hide_below=74,
                    ),
                    Column(
                        "mood", "Mood", 4, lambda i: str(i.mood or ""), align="right", hide_below=84
                    ),
                    Column("title", "Summary", 24, title_text, flex=True, style=row_style),
                ],
                empty_text="Nothing here yet: press n to log an interaction.",
                id="interactions-table",
            )
            with VerticalScroll(id="int-side"):
                yield Static("", id="int-head")
                yield Markdown("", id="int-notes", open_links=False)
                yield Static("", id="int-facts")

    @property
    def table(self) -> VirtualTable[inter.TimelineItem]:
        return self.query_one("#interactions-table", VirtualTable)

    @property
    def current(self) -> inter.TimelineItem | None:
        return self.table.current_row

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW, "narrow")

    def shown(self) -> None:
        focused = self.app.focused
        if focused is None or self not in focused.ancestors:
            self.table.focus()

    # -- data ------------------------------------------------------------------------
    def fetch(self) -> tuple[str, inter.Timeline]:
        store = self.kam.store
        return accounts.get(store, self.account_id).name, inter.timeline(store, self.account_id)

    def show(self, data: tuple[str, inter.Timeline]) -> None:
        self.account_name, self.data = data
        ids = [p.id for p in self.data.people]
        if ids != self._people_key:
            self._people_key = ids
            person = self.query_one("#filter-person", Select)
            keep = person.value
            person.set_options(
                [
                    (
                        Text.assemble(
                            safe.plain(p.name),
                            (" (ours)" if p.side == "ours" else "", "dim"),
                        ),
                        p.id,
                    )
                    for p in self.data.people
                ]
            )
            if keep in ids:
                person.value = keep
        self.query_one("#int-facts", Static).update(safe.text(facts_text(self.data.facts)))
        self.apply_filters()

    def _filter_value(self, selector: str) -> Any:
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else value

    def apply_filters(self) -> None:
        if self.data is None:
            return
        rows = inter.filter_timeline(
            self.data.items,
            level=self._filter_value("#filter-level"),
            kind=self._filter_value("#filter-kind"),
            channel=self._filter_value("#filter-channel"),
            person_id=self._filter_value("#filter-person"),
        )
        self.table.set_rows(rows, keep=lambda i: i.key, presorted=True)
        if self.pending is not None:
            target = self.pending
            self.pending = None
            for n, item in enumerate(self.table.rows):
                if item.key == target:
                    self.table.cursor_row = n
                    self.table._scroll_to_cursor()
                    break
        self._show_current()

    def select_item(self, kind: str, item_id: int) -> None:
        """Put the cursor on an item (after the next load): search results use it."""
        self.pending = (kind, item_id)
        if self.data is not None:
            for selector in ("#filter-level", "#filter-kind", "#filter-channel", "#filter-person"):
                self.query_one(selector, Select).clear()
            self.apply_filters()

    def _show_current(self) -> None:
        item = self.current
        self.query_one("#int-head", Static).update(safe.text(detail_header(item, self.kam.today)))
        from textual.widgets import Markdown

        self.query_one("#int-notes", Markdown).update(notes_markdown(item))

    @on(Select.Changed)
    def _filter_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.apply_filters()

    @on(VirtualTable.Highlighted, "#interactions-table")
    def _highlighted(self, event: VirtualTable.Highlighted) -> None:
        event.stop()
        self._show_current()

    @on(VirtualTable.Selected, "#interactions-table")
    def _selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        item = event.row
        if item is not None and item.type == "complaint":
            self._complaint_form(item)

    @on(VirtualTable.HeaderClicked)
    def _header(self, event: VirtualTable.HeaderClicked) -> None:
        event.stop()
        event.table.sort_by(event.column)

    # -- actions ---------------------------------------------------------------------
    def action_log(self) -> None:
        open_log_form(self, self.account_id, self.account_name)

    def _reload_after(self, result: int | None) -> None:
        if result is not None:
            self.reload()

    def action_complaint(self) -> None:
        from kamtui.ui.screens.forms.complaint_form import ComplaintFormScreen, Suggested

        item = self.current
        suggest = None
        if item is not None and item.type == "interaction":
            # Offered in the form (off by default), never assumed.
            suggest = Suggested(item.id, item.when, item.title, item.notes)
        self.app.push_screen(
            ComplaintFormScreen(self.account_id, suggest=suggest), self._reload_after
        )

    def action_fact(self) -> None:
        from kamtui.ui.screens.forms.fact_form import FactFormScreen

        item = self.current
        people = self.data.people if self.data else []
        interaction_id = item.id if item is not None and item.type == "interaction" else None
        self.app.push_screen(
            FactFormScreen(self.account_id, people, interaction_id=interaction_id),
            self._reload_after,
        )

    def _complaint(self) -> cs.ComplaintView | None:
        item = self.current
        if item is None or item.type != "complaint":
            self.notify("Select a complaint first (they show in red)", severity="warning")
            return None
        try:
            return cs.get(self.kam.store, item.id)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return None

    def _complaint_form(self, item: inter.TimelineItem, resolve: bool = False) -> None:
        from kamtui.ui.screens.forms.complaint_form import ComplaintFormScreen

        try:
            c = cs.get(self.kam.store, item.id)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.app.push_screen(
            ComplaintFormScreen(self.account_id, complaint=c, resolve=resolve),
            self._reload_after,
        )

    def action_progress(self) -> None:
        c = self._complaint()
        if c is None:
            return
        if c.status == "open":
            store, today = self.kam.store, self.kam.today

            def started(_: object) -> None:
                self.notify("Complaint in progress")
                self.reload()

            run_write(self, lambda: cs.start(store, c.id, today=today), done=started)
        elif c.status == "in_progress":
            self.action_resolve()
        else:
            self.notify("Already resolved (enter to edit or reopen)", severity="warning")

    def action_resolve(self) -> None:
        item = self.current
        if self._complaint() is None or item is None:
            return
        self._complaint_form(item, resolve=True)


def open_log_form(owner: Any, account_id: int, account_name: str = "") -> None:
    """Push the log form for an account; refresh the Interactions tab after a save."""
    from kamtui.ui.screens.forms.log_form import LogFormScreen

    def done(iid: int | None) -> None:
        if iid is None:
            return
        owner.app.notify(f"Logged interaction #{iid}", markup=False)
        for tab in owner.app.screen.query(InteractionsTab):
            if tab.account_id == account_id:
                tab.pending = ("interaction", iid)
                tab.reload()

    owner.app.push_screen(LogFormScreen(account_id, account_name=account_name), done)
