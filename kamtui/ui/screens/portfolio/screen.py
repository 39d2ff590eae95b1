"""The morning screen: every account with its headline figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header, Input, Static
from textual.worker import Worker, WorkerState

from kamtui.domain.display import SHORT_LEGEND
from kamtui.domain.records import PortfolioRow
from kamtui.textsafe import fold
from kamtui.ui import perf, safe
from kamtui.ui.screens.portfolio import loading, sync
from kamtui.ui.screens.portfolio.columns import portfolio_columns
from kamtui.ui.screens.portfolio.loading import FIGURE_COLUMNS, FILL, HEALTH, LOAD, SYNC, Batch
from kamtui.ui.screens.portfolio.records import AccountRecords
from kamtui.ui.screens.portfolio.sync import Synced
from kamtui.ui.widgets.keybar import KeyBar
from kamtui.ui.widgets.virtual_table import VirtualTable

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import Future

    # The pydantic models load after the first paint (in the workers that
    # need them), not on the start-up path.

__all__ = ["Batch", "PortfolioScreen"]


class PortfolioScreen(AccountRecords):
    CSS_PATH = "portfolio.tcss"
    AUTO_FOCUS = "#portfolio-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f",
            "focus_filter",
            "Filter",
            id="portfolio.filter",
            tooltip="Type to filter accounts by name, owner, industry or tier",
        ),
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            show=False,
            id="portfolio.clear",
            tooltip="Clear the filter and go back to the table",
        ),
        Binding("enter", "open", "Open", id="portfolio.open", tooltip="Open the account"),
        Binding("n", "new_account", "New", id="portfolio.new", tooltip="Create an account"),
        Binding(
            "e", "edit_account", "Edit", id="portfolio.edit", tooltip="Edit the selected account"
        ),
        Binding(
            "d",
            "delete_account",
            "Delete",
            id="portfolio.delete",
            tooltip="Move the selected account to the trash (undo with u)",
        ),
        Binding(
            "u",
            "undo_delete",
            "Undo",
            id="portfolio.undo",
            tooltip="Restore the last account moved to the trash",
        ),
        Binding(
            "t",
            "trash",
            "Trash",
            id="portfolio.trash",
            tooltip="Everything deleted (accounts, people, interactions…): restore any of it",
        ),
        Binding(
            "s",
            "sort_next",
            "Sort",
            id="portfolio.sort",
            tooltip="Sort by the next column (click a header to sort by it)",
        ),
        Binding(
            "r", "sort_reverse", "Reverse", id="portfolio.reverse", tooltip="Reverse the sort order"
        ),
        # After sort: at 80 columns the key bar drops it first (help and
        # the palette still list it).
        Binding(
            "D",
            "duplicates",
            "Duplicates",
            id="portfolio.duplicates",
            tooltip="Suspected duplicate accounts and people: mark them, open them",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.all_rows: list[PortfolioRow] = []
        self._haystack: dict[int, str] = {}
        self._undo: list[tuple[int, str]] = []
        self._select_after_load: int | None = None
        self._marker: tuple[int, int] | None = None
        self._generation = 0
        self._bindings_state: tuple[bool, bool] | None = None
        self._freeze_on_resume = False
        # The rows by id once today's health has landed (then kept current).
        self.health: dict[int, PortfolioRow] = {}
        self.health_ready = False  # the first load's health step has run
        # Revenue, last contact, complaints and trends are on the rows (they
        # arrive just after the names and stored scores on the first load).
        self.figures_loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Filter: name, owner, industry, tier · #risk #watch #bow-tie #diamond #revitalise #gap",
            id="portfolio-filter",
        )
        table: VirtualTable[PortfolioRow] = VirtualTable(
            portfolio_columns(self.kam), id="portfolio-table", empty_text="Loading accounts…"
        )
        table.sort_column = "health"  # the morning review: weakest first
        self._table = table  # workers read its sort order without a DOM query
        yield table
        yield Static("", id="portfolio-status")
        yield KeyBar()

    @property
    def table(self) -> VirtualTable[PortfolioRow]:
        return self._table

    def on_mount(self) -> None:
        # After the first paint: start-up's objects live as long as the app.
        self.call_after_refresh(perf.keep_long_lived, collect_young=False)
        # Filtered as the key is handled, not on the Input.Changed message
        # after it: the frame that shows the typed letter shows its rows too
        # (otherwise often one frame, ~17-30 ms, later).
        self.watch(
            self.query_one("#portfolio-filter", Input), "value", self._apply_filter, init=False
        )
        first = perf.take_early_read(self.kam)
        if first is not None and first.done() and first.exception() is None:
            # Read while the app started: drawn with the first paint. The
            # filter's haystacks come with the figures (or on the first key).
            self._marker, rows = first.result()
            self._generation += 1
            state = self.table.sort_state
            self._on_result(
                LOAD,
                Batch(self._generation, self.table.sorted(rows), {}, state, figures=False),
            )
            return
        self.reload(first=first)

    def on_screen_resume(self) -> None:
        # Unchanged data (only looked at an account): nothing to read. Else
        # only the accounts that changed (saves made in the app are in
        # already: `health_sync.after_write`).
        if self.health_ready and self.kam.store.change_marker() != self._marker:
            self.sync()
        elif self._freeze_on_resume:
            self._freeze_on_resume = False
            perf.keep_long_lived()

    def data_changed(self) -> None:
        """Another process wrote (the app's watch): the accounts it touched
        are read and their health computed again."""
        if self.all_rows or self.figures_loaded:
            self.sync()

    def day_changed(self) -> None:
        """Midnight passed with the app open: every figure and score is
        read and computed again for the new day, in the background."""
        if self.all_rows or self.figures_loaded:
            self.reload()

    def sync(self) -> None:
        """Bring the rows up to date at the cost of what changed (a worker);
        once the first load has run its course (it ends with the same)."""
        if self.health_ready:
            self._sync(self.all_rows, self.table.sort_state)

    @work(thread=True, exclusive=True, group=SYNC, exit_on_error=False, description="Updating")
    def _sync(self, base: list[PortfolioRow], sort_state: tuple[str | None, bool]) -> Synced | None:
        return self._synchronise(base, sort_state, allow_full=True)

    def _synchronise(
        self, base: list[PortfolioRow], sort_state: tuple[str | None, bool], *, allow_full: bool
    ) -> Synced | None:
        store = self.kam.store
        found = sync.synchronise(
            store,
            self.kam.today,
            self.kam.config,
            base,
            sort_state,
            self.table,
            allow_full=allow_full,
            children=self.kam.health_children,
        )
        self._marker = store.change_marker()
        return found

    def prepare_sync(self) -> Callable[[], None]:
        """In the worker that has just saved a change made in the app: its
        accounts' health computed now; what to call on the UI thread (with
        the save's confirmation, in the same frame) to show their rows."""
        found = self._synchronise(self.all_rows, self.table.sort_state, allow_full=False)
        if found is None:
            return lambda: None
        return lambda: self.apply_sync(found)

    def apply_sync(self, found: Synced) -> None:
        if not self.is_attached:
            return
        if found.base is self.all_rows and found.sort_state == self.table.sort_state:
            rows = found.rows
        else:  # rows or order changed meanwhile
            rows = sync.merge(self.all_rows, found, self.table)
        self.all_rows = rows
        if found.whole:
            self._haystack = found.haystack
        elif self._haystack:
            kept = {k: v for k, v in self._haystack.items() if k not in found.changed}
            self._haystack = {**kept, **found.haystack}
        if self.health_ready:
            self.health = {r.id: r for r in rows}
        self._apply_filter()

    # -- data (the workers' steps: `loading`) -------------------------------
    # The workers sort the rows and build the filter's haystacks; the UI
    # thread only swaps them in.
    def reload(
        self,
        select: int | None = None,
        *,
        first: Future[tuple[tuple[int, int], list[PortfolioRow]]] | None = None,
    ) -> None:
        if select is not None:
            self._select_after_load = select
        self._generation += 1
        self._load(self._generation, self.all_rows, self.table.sort_state, first)

    @work(
        thread=True,
        exclusive=True,
        group=LOAD,
        exit_on_error=False,
        description="Loading the portfolio",
    )
    def _load(
        self,
        generation: int,
        previous: list[PortfolioRow],
        sort_state: tuple[str | None, bool],
        first: Future[tuple[tuple[int, int], list[PortfolioRow]]] | None = None,
    ) -> Batch:
        self._marker, rows = loading.read_rows(self.kam.store, first)
        if previous:
            loading.carry_over(rows, previous)
            rows, _ = loading.with_figures(self.kam.store, self.kam.today, rows)
        rows = self.table.sorted(rows, sort_state)
        return Batch(generation, rows, loading.haystacks(rows), sort_state, figures=bool(previous))

    @work(
        thread=True,
        exclusive=True,
        group=FILL,
        exit_on_error=False,
        description="Loading revenue, contacts and trends",
    )
    def _fill(self, generation: int, sort_state: tuple[str | None, bool]) -> Batch:
        rows, _ = loading.with_figures(self.kam.store, self.kam.today, self.all_rows)
        if sort_state[0] in FIGURE_COLUMNS:
            rows = self.table.sorted(rows, sort_state)
        found = loading.with_due(self._haystack, rows) if self._haystack else None
        return Batch(generation, rows, found or loading.haystacks(rows), sort_state)

    @work(
        thread=True,
        exclusive=True,
        group=HEALTH,
        exit_on_error=False,
        description="Computing relationship health",
    )
    def _compute_health(self, generation: int, sort_state: tuple[str | None, bool]) -> Batch:
        # Today's stored health, computed for the accounts that changed (all
        # of them after a day or a settings change). Nothing changed: the
        # rows on screen are final, nothing is swapped in or re-sorted.
        found = self._synchronise(self.all_rows, sort_state, allow_full=True)
        return Batch(generation, [], {}, sort_state, synced=found)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        group = event.worker.group
        if group not in (LOAD, FILL, HEALTH, SYNC):
            return
        if event.state == WorkerState.SUCCESS:
            if group == SYNC:
                if (found := event.worker.result) is not None:
                    self.apply_sync(cast(Synced, found))
                return
            self._on_result(group, cast(Batch, event.worker.result))
        elif event.state == WorkerState.ERROR:
            what = "the portfolio" if group in (LOAD, FILL) else "relationship health"
            self.notify(
                f"Could not compute {what}: {event.worker.error}",
                severity="error",
                markup=False,
            )

    def _on_result(self, group: str, batch: Batch) -> None:
        if batch.generation != self._generation:
            return  # an older load's result: a newer one is on its way
        if group == HEALTH:
            if batch.synced is not None:
                self.apply_sync(batch.synced)
        else:
            self._show(batch, fresh_rows=group == LOAD)
        self.figures_loaded = self.figures_loaded or batch.figures
        if group == LOAD:
            if self._select_after_load is not None:
                self._select(self._select_after_load)
                self._select_after_load = None
            if batch.figures:  # a reload: the figures came with the rows
                self._compute_health(self._generation, self.table.sort_state)
            else:  # the first load: the figures once the names are on screen
                self.call_after_refresh(self._fill, self._generation, self.table.sort_state)
        elif group == FILL:
            self._compute_health(self._generation, self.table.sort_state)
        else:
            self.health_ready = True
            self.health = {r.id: r for r in self.all_rows}
            # Idle now: the account screen's imports off the first Enter.
            self.kam.prepare_account_screen()
            # 10,000 rows and their health stay until the next reload.
            if self.is_current:
                perf.keep_long_lived()
            else:
                self._freeze_on_resume = True

    def _show(self, batch: Batch, *, fresh_rows: bool) -> None:
        """Swap in a worker's rows: the only work left on the UI thread is
        filtering and drawing. Figures and health come for the rows already
        shown (`fresh_rows` False): drop those deleted meanwhile."""
        rows = batch.rows
        if not fresh_rows and len(rows) != len(self.all_rows):
            alive = {r.id for r in self.all_rows}
            rows = [r for r in rows if r.id in alive]
        if batch.sort_state != self.table.sort_state:  # re-sorted meanwhile
            rows = self.table.sorted(rows)
        self.all_rows = rows
        self._haystack = batch.haystack
        self._apply_filter()

    def _select(self, account_id: int) -> None:
        for i, row in enumerate(self.table.rows):
            if row.id == account_id:
                self.table.move_cursor(i)
                return

    def _apply_filter(self) -> None:
        query = self.query_one("#portfolio-filter", Input).value
        terms = fold(query).split()
        rows = self.all_rows
        if not self.all_rows:
            self.table.empty_text = "No accounts yet — press n to create one, or run `kamtui demo`."
        else:
            self.table.empty_text = (
                f"No account matches “{safe.plain(query)}” — esc clears the filter."
            )
        if terms:
            if not self._haystack:  # typed before the figures came: build it now
                self._haystack = loading.haystacks(self.all_rows)
            hay = self._haystack
            for term in terms:  # one pass per word, over what the last one kept
                rows = [r for r in rows if term in hay[r.id]]
        elif self.all_rows:
            rows = list(rows)
        self.table.set_rows(rows, keep=lambda r: r.id, presorted=True)
        self._status()

    def _status(self) -> None:
        shown, total = len(self.table.rows), len(self.all_rows)
        text = Text(f"{shown} of {total} accounts" if shown != total else f"{total} accounts")
        if self._undo:
            text.append("   ·   u restores ", style="dim")
            text.append(safe.plain(self._undo[-1][1]), style="dim italic")
        else:
            text.append(f"   {SHORT_LEGEND}", style="dim")
        self.query_one("#portfolio-status", Static).update(text)
        # check_action depends on these two only. Refreshing the bindings makes
        # the key bar read them again: not on every filter keystroke.
        state = (self.table.current_row is not None, bool(self._undo))
        if state != self._bindings_state:
            self._bindings_state = state
            self.refresh_bindings()

    @on(Input.Submitted, "#portfolio-filter")
    def _filter_done(self) -> None:
        self.table.focus()

    # -- actions ----------------------------------------------------------
    def action_focus_filter(self) -> None:
        # Synchronous, unlike Widget.focus(): keys typed right after `f` must
        # land in the filter, not trigger the table's bindings.
        self.set_focus(self.query_one("#portfolio-filter", Input))

    def action_clear_filter(self) -> None:
        box = self.query_one("#portfolio-filter", Input)
        box.value = ""
        self.table.focus()

    def action_open(self) -> None:
        row = self.table.current_row
        if row is not None:
            self.kam.open_account(row.id)

    @on(VirtualTable.Selected, "#portfolio-table")
    def _selected(self, event: VirtualTable.Selected) -> None:
        self.kam.open_account(cast(PortfolioRow, event.row).id)

    @on(VirtualTable.Sorted, "#portfolio-table")
    def _sorted(self) -> None:
        # Keep the unfiltered rows in the same order, so filtering never sorts.
        self.all_rows = self.table.sorted(self.all_rows)

    @on(VirtualTable.HeaderClicked, "#portfolio-table")
    def _header(self, event: VirtualTable.HeaderClicked) -> None:
        self.table.sort_by(event.column)

    def action_sort_next(self) -> None:
        # Every sortable column, hidden ones too (issue 14: at 80 columns
        # Wallet, Tier and Owner give way and sort could not reach them).
        keys = [c.key for c in self.table.columns if c.sort_key is not None]
        current = self.table.sort_column
        nxt = keys[(keys.index(current) + 1) % len(keys)] if current in keys else keys[0]
        self.table.sort_by(nxt, reverse=False)
        label = next(c.label for c in self.table.columns if c.key == nxt)
        hidden = nxt not in {c.key for c in self.table.shown}
        note = " (hidden at this width)" if hidden else ""
        self.notify(f"Sorted by {label}{note}", timeout=3, markup=False)

    def action_sort_reverse(self) -> None:
        if self.table.sort_column:
            self.table.sort_by(self.table.sort_column, reverse=not self.table.sort_reverse)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_account", "delete_account", "open"):
            return None if self.table.current_row is None else True
        if action == "undo_delete":
            return bool(self._undo)
        return True
