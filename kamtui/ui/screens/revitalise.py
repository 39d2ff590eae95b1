"""The revitalisation queue: accounts needing revitalisation, most urgent
first, with the reasons and the kind of goal that answers them; a key turns
a suggestion into a goal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import Worker, WorkerState

from kamtui.domain import display
from kamtui.domain.health import Health
from kamtui.formatting import money
from kamtui.services import finance
from kamtui.services import goals as goal_service
from kamtui.services import health as health_service
from kamtui.ui import health_format as hf
from kamtui.ui import safe
from kamtui.ui.widgets.keybar import KeyBar
from kamtui.ui.widgets.virtual_table import Column, VirtualTable

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp


def has_gap(h: Health) -> bool:
    return h.perception_gap is not None and h.perception_gap.flagged


def why_text(h: Health) -> str:
    words = [display.rule_word(r.rule) for r in h.revitalisation]
    if has_gap(h):
        words.append("perception gap")
    return ", ".join(words)


def queue_columns() -> list[Column[Health]]:
    return [
        Column("name", "Account", 22, lambda h: h.account, flex=True),
        Column(
            "health",
            "Health",
            11,
            lambda h: hf.score_cell(h.score, h.band),
            lambda h: h.score,
            style=lambda h: hf.band_style(h.band),
        ),
        Column(
            "why",
            "Why",
            20,
            why_text,
            lambda h: -len(h.revitalisation),
            flex=True,
        ),
        Column(
            "goal",
            "Suggested goal",
            17,
            lambda h: " · ".join(dict.fromkeys(r.suggestion_label for r in h.revitalisation)),
            hide_below=90,
        ),
        Column(
            "revenue",
            "Revenue 12m",
            11,
            lambda h: money(h.revenue_12m),
            lambda h: -h.revenue_12m,
            align="right",
        ),
    ]


def details(h: Health) -> Group:
    parts: list[Any] = []
    title = safe.text(h.account, style="bold")
    if h.score is not None:
        title.append(
            f"  {h.score:.0f}/100 {display.band_word(h.band)}", style=hf.band_style(h.band)
        )
    parts.append(title)
    for i, r in enumerate(h.revitalisation, 1):
        line = Text(f" {i}  ", style="bold")
        line.append(safe.plain(r.reason))
        line.append(f"\n    → {safe.plain(r.suggestion_label)}", style="italic cyan")
        line.append(f"  (press {i} to create this goal)", style="dim")
        parts.append(line)
    gap = h.perception_gap
    if gap is not None and gap.flagged:
        parts.append(safe.text(f" ≠  perception gap: {gap.reason}", style="yellow"))
    return Group(*parts)


class RevitaliseScreen(Screen[None]):
    CSS_PATH = "revitalise.tcss"
    AUTO_FOCUS = "#revitalise-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="revitalise.back"),
        Binding(
            "g",
            "goal(1)",
            "Create goal",
            id="revitalise.goal",
            tooltip="Create the first suggested goal for the selected account (1-3 pick one)",
        ),
        Binding("1", "goal(1)", "Goal 1", show=False),
        Binding("2", "goal(2)", "Goal 2", show=False),
        Binding("3", "goal(3)", "Goal 3", show=False),
        Binding("o", "open", "Open account", id="revitalise.open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.result: list[Health] = []

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Computing health…", style="dim"), id="revitalise-summary")
        yield VirtualTable(
            queue_columns(), id="revitalise-table", empty_text="Computing relationship health…"
        )
        yield Static("", id="revitalise-details")
        yield KeyBar()

    @property
    def table(self) -> VirtualTable[Health]:
        return cast("VirtualTable[Health]", self.query_one("#revitalise-table"))

    def on_mount(self) -> None:
        self.title = "Revitalise"
        self._load()

    def on_screen_resume(self) -> None:
        if self.result:
            self._load()

    def data_changed(self) -> None:
        """Another process wrote (the app's watch)."""
        self._load()

    @work(thread=True, exclusive=True, group="revitalise", exit_on_error=False)
    def _load(self) -> list[Health]:
        return health_service.cached_portfolio_health(
            self.kam.store,
            today=self.kam.today,
            config=self.kam.config,
            children=self.kam.health_children,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "revitalise":
            return
        if event.state == WorkerState.SUCCESS:
            self._show(cast("list[Health]", event.worker.result))
        elif event.state == WorkerState.ERROR:
            self.notify(
                f"Could not compute health: {event.worker.error}", severity="error", markup=False
            )

    def _show(self, result: list[Health]) -> None:
        self.result = result
        queue = sorted((h for h in result if h.needs_revitalisation), key=lambda h: h.urgency)
        # Then the accounts flagged only for a perception gap (issue 14: the
        # summary counted them and the queue hid them), lower score first.
        queue += sorted(
            (h for h in result if has_gap(h) and not h.needs_revitalisation),
            key=lambda h: (h.score if h.score is not None else 101, h.account),
        )
        gaps = sum(1 for h in result if has_gap(h))
        summary = Text(f"{len(queue)} of {len(result)} accounts need revitalisation", style="bold")
        summary.append(
            f" · {gaps} with a perception gap (listed after them) · most urgent first: "
            "rules broken, then the lower score, then the bigger account",
            style="dim",
        )
        self.query_one("#revitalise-summary", Static).update(summary)
        self.table.empty_text = "No account needs revitalisation today."
        self.table.set_rows(queue, keep=lambda h: h.account_id, presorted=True)
        self._details()

    @on(VirtualTable.Highlighted, "#revitalise-table")
    def _details(self) -> None:
        h = self.table.current_row
        self.query_one("#revitalise-details", Static).update(details(h) if h else "")

    @on(VirtualTable.Selected, "#revitalise-table")
    def _selected(self) -> None:
        self.action_goal(1)

    @on(VirtualTable.HeaderClicked, "#revitalise-table")
    def _header(self, event: VirtualTable.HeaderClicked) -> None:
        self.table.sort_by(event.column)

    def action_back(self) -> None:
        self.dismiss()

    def action_open(self) -> None:
        h = self.table.current_row
        if h is not None:
            self.kam.open_account(h.account_id)

    def action_goal(self, number: int) -> None:
        h = self.table.current_row
        if h is None or not 1 <= number <= len(h.revitalisation):
            return
        rule = h.revitalisation[number - 1]
        self._prefill(h, rule.goal_type, rule.goal_category)

    @work(thread=True, exclusive=True, group="revitalise-goal", exit_on_error=False)
    def _prefill(self, h: Health, goal_type: str, category: str | None) -> None:
        store, today = self.kam.store, self.kam.today
        prefill = goal_service.suggest(store, h.account_id, goal_type, category, today)
        categories = finance.categories(store, h.account_id)
        self.app.call_from_thread(self._open_form, h, prefill, categories)

    def _open_form(self, h: Health, prefill: dict[str, Any], categories: list[str]) -> None:
        from kamtui.ui.screens.forms.goal_form import GoalFormScreen

        def done(goal_id: int | None) -> None:
            if goal_id is not None:
                self.notify(f"Goal created for {safe.plain(h.account)}", markup=False)
                self._load()

        self.app.push_screen(
            GoalFormScreen(
                h.account_id, account_name=h.account, prefill=prefill, categories=categories
            ),
            done,
        )
