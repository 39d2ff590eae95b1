"""Whitespace: accounts x categories across the portfolio.

Each cell says whether we sold the category to the account in the last 12
months (✓ and our share of the client's estimated spend), sold it before but
not lately (lapsed), never sold it although the client buys it (open, with
what they spend elsewhere), or neither (·). The grid is keyboard-navigable and
sortable by any column; Enter on a cell opens the goal form prefilled with a
wallet-share or cross-sell goal. The grid draws only the visible rows and
columns (Line API), so 10,000 accounts scroll as smoothly as ten."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from kamtui.domain.finance import (
    BOUGHT,
    LAPSED,
    OPEN,
    Whitespace,
    WhitespaceRow,
)
from kamtui.formatting import money, percent
from kamtui.services import finance
from kamtui.services import goals as goal_service
from kamtui.textsafe import fold
from kamtui.ui import safe
from kamtui.ui.screens.whitespace.grid import FIXED, WhitespaceGrid
from kamtui.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp


@dataclass
class Loaded:
    whitespace: Whitespace
    goals: set[tuple[int, str]]


class WhitespaceScreen(Screen[None]):
    CSS_PATH = "whitespace.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="whitespace.back", tooltip="Back to where you were"),
        Binding(
            "slash,f",
            "filter",
            "Filter",
            id="whitespace.filter",
            tooltip="Show only accounts whose name contains the text",
        ),
        Binding(
            "s",
            "sort",
            "Sort",
            id="whitespace.sort",
            tooltip="Sort by the column under the cursor (again: reverse)",
        ),
        Binding(
            "enter",
            "goal",
            "New goal",
            id="whitespace.goal",
            tooltip="Create a wallet-share or cross-sell goal for the cell",
        ),
        Binding("o", "open", "Open account", id="whitespace.open", tooltip="Open the account"),
        Binding(
            "i",
            "import",
            "Import",
            id="whitespace.import",
            tooltip="Import wallet estimates or transactions from a CSV file",
        ),
    ]

    def __init__(self, focus_account: int | None = None) -> None:
        super().__init__()
        self.focus_account = focus_account
        self.loaded: Loaded | None = None

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    @property
    def grid(self) -> WhitespaceGrid:
        return self.query_one(WhitespaceGrid)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="filter accounts (/)", id="whitespace-filter")
        yield Static(Text("Loading…", style="dim"), id="whitespace-status")
        yield WhitespaceGrid(id="whitespace-grid")
        yield Static("", id="whitespace-cell")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Whitespace"
        self.grid.focus()
        self.reload()

    def reload(self) -> None:
        self._load()

    def data_changed(self) -> None:
        """Another process wrote (the app's watch)."""
        self._load()

    @work(
        thread=True,
        exclusive=True,
        group="whitespace",
        exit_on_error=False,
        description="Whitespace",
    )
    def _load(self) -> None:
        store, today = self.kam.store, self.kam.today
        ws = finance.whitespace(store, today)
        goals = goal_service.goal_markers(store)
        self.app.call_from_thread(self._show, Loaded(ws, goals))

    def _show(self, data: Loaded) -> None:
        first = self.loaded is None
        self.loaded = data
        self._apply_filter()
        if first and self.focus_account is not None:
            self.grid.go_to_account(self.focus_account)

    def _apply_filter(self) -> None:
        data = self.loaded
        if data is None:
            return
        needle = fold(self.query_one("#whitespace-filter", Input).value)
        rows = data.whitespace.rows
        if needle:
            rows = [r for r in rows if needle in fold(r.name)]
        self.grid.empty_text = "No account matches the filter." if needle else "No accounts yet."
        self.grid.set_data(data.whitespace.categories, rows, data.goals)
        opens = sum(1 for r in rows for c in r.cells.values() if c.state == OPEN)
        lapsed = sum(1 for r in rows for c in r.cells.values() if c.state == LAPSED)
        status = Text()
        status.append(f"{len(rows):,} of {len(data.whitespace.rows):,} accounts · ")
        status.append(f"{opens} open", style="magenta bold")
        status.append(" (bought elsewhere) · ")
        status.append(f"{lapsed} lapsed", style="yellow")
        status.append(
            " · ✓ = sold in the last 12 months, % = our share of the client's estimated spend",
            style="dim",
        )
        self.query_one("#whitespace-status", Static).update(status)

    @on(Input.Changed, "#whitespace-filter")
    def _filter_changed(self) -> None:
        self._apply_filter()

    @on(Input.Submitted, "#whitespace-filter")
    def _filter_done(self) -> None:
        self.grid.focus()

    def on_key(self, event: events.Key) -> None:
        box = self.query_one("#whitespace-filter", Input)
        if event.key == "escape" and box.has_focus:
            event.stop()
            box.value = ""
            self.grid.focus()

    @on(WhitespaceGrid.CellHighlighted)
    def _highlighted(self, event: WhitespaceGrid.CellHighlighted) -> None:
        self.query_one("#whitespace-cell", Static).update(
            safe.text(self.describe(event.row, event.column))
        )

    def describe(self, row: WhitespaceRow, column: str) -> Text:
        text = Text()
        text.append(safe.plain(row.name), style="bold")
        if column in FIXED:
            text.append(
                f" · last 12 months {money(row.revenue_12m)} · estimated spend "
                f"{money(row.wallet) if row.wallet else 'unknown'} · share {percent(row.share)}"
                f" · {row.bought} categories bought"
            )
            return text
        cell = row.cells[column]
        text.append(f" · {safe.plain(column)}: ")
        if cell.state == BOUGHT:
            text.append(f"bought {money(cell.revenue_12m)} in the last 12 months", style="green")
        elif cell.state == LAPSED:
            text.append(f"lapsed: last bought {cell.last_bought}", style="yellow")
        elif cell.state == OPEN:
            text.append("never bought from us", style="magenta")
        else:
            text.append("not bought, no estimate", style="dim")
        if cell.wallet:
            text.append(f" · client spends ≈ {money(cell.wallet)}/yr, share {percent(cell.share)}")
        text.append(" · Enter: goal", style="dim")
        return text

    # -- actions -------------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_filter(self) -> None:
        self.query_one("#whitespace-filter", Input).focus()

    def action_sort(self) -> None:
        self.grid.sort_by(self.grid.current_column)

    def action_open(self) -> None:
        row = self.grid.current_row
        if row is not None:
            open_account = getattr(self.app, "open_account", None)
            if open_account is not None:
                open_account(row.account_id)

    def action_goal(self) -> None:
        row = self.grid.current_row
        if row is not None:
            self._prefill(row, self.grid.current_column)

    @on(WhitespaceGrid.CellSelected)
    def _selected(self, event: WhitespaceGrid.CellSelected) -> None:
        self._prefill(event.row, event.column)

    @work(
        thread=True,
        exclusive=True,
        group="whitespace-goal",
        exit_on_error=False,
        description="Prefill goal",
    )
    def _prefill(self, row: WhitespaceRow, column: str) -> None:
        store, today = self.kam.store, self.kam.today
        category: str | None = None
        goal_type = "wallet_share"
        if column not in FIXED:
            category = column
            cell = row.cells[column]
            if cell.state != BOUGHT or not cell.wallet:
                goal_type = "cross_sell"
        prefill = goal_service.suggest(store, row.account_id, goal_type, category, today)
        categories = finance.categories(store, row.account_id)
        self.app.call_from_thread(self._open_form, row, prefill, categories)

    def _open_form(
        self, row: WhitespaceRow, prefill: dict[str, Any], categories: list[str]
    ) -> None:
        from kamtui.ui.screens.forms.goal_form import GoalFormScreen

        def done(goal_id: int | None) -> None:
            if goal_id is not None:
                self.notify(f"Goal created for {safe.plain(row.name)}", markup=False)
                self.reload()

        self.app.push_screen(
            GoalFormScreen(
                row.account_id, account_name=row.name, prefill=prefill, categories=categories
            ),
            done,
        )

    def action_import(self) -> None:
        from kamtui.ui.screens.import_dialog import ImportDialog

        def done(changed: bool | None) -> None:
            if changed:
                self.reload()

        self.app.push_screen(ImportDialog("wallet"), done)
