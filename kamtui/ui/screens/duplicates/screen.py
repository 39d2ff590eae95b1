"""Suspected duplicates (`D` on the portfolio, or the palette): pairs of
accounts and of people of one account that look like one, highest score
first, each with its reasons. x marks a pair "not a duplicate" (never listed
again; u takes the last mark back), a and b open either account. Nothing is
merged here. The pairs are computed in a worker: a few seconds for 10,000
accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import Worker, WorkerState

from kamtui.services import duplicates
from kamtui.services.duplicates import ACCOUNT, DuplicatePair
from kamtui.ui import safe
from kamtui.ui.widgets.keybar import KeyBar
from kamtui.ui.widgets.virtual_table import Column, VirtualTable
from kamtui.ui.writes import run_write

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp

LOAD = "duplicates"
KIND_WORDS = {"account": "accounts", "person": "people"}


def score_style(pair: DuplicatePair) -> str:
    return "bold red" if pair.score >= 90 else "yellow" if pair.score >= 75 else ""


def columns() -> list[Column[DuplicatePair]]:
    return [
        Column("score", "Score", 5, lambda p: str(p.score), align="right", style=score_style),
        Column("kind", "Kind", 7, lambda p: KIND_WORDS[p.kind], style=lambda p: "dim"),
        Column("a", "A", 24, lambda p: f"{p.a_name} #{p.a_id}", flex=True),
        Column("b", "B", 24, lambda p: f"{p.b_name} #{p.b_id}", flex=True),
        Column(
            "reasons",
            "Why",
            30,
            lambda p: "; ".join(p.reasons),
            flex=True,
            style=lambda p: "dim",
            hide_below=90,
        ),
    ]


class DuplicatesScreen(Screen[None]):
    CSS_PATH = "duplicates.tcss"
    AUTO_FOCUS = "#duplicates-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="duplicates.back", tooltip="Back to where you were"),
        Binding(
            "x",
            "dismiss_pair",
            "Not a duplicate",
            id="duplicates.dismiss",
            tooltip="Mark the pair as not a duplicate: it is not listed again",
        ),
        Binding(
            "u",
            "undo_dismiss",
            "Undo",
            id="duplicates.undo",
            tooltip="Take back the last 'not a duplicate' mark",
        ),
        Binding(
            "m",
            "merge_pair",
            "Merge",
            id="duplicates.merge",
            tooltip="Merge the pair: the newer one into the older (s in the dialog swaps)",
        ),
        Binding(
            "a,enter",
            "open_a",
            "Open A",
            id="duplicates.open_a",
            tooltip="Open the first account of the pair (the people's account)",
        ),
        Binding(
            "b",
            "open_b",
            "Open B",
            id="duplicates.open_b",
            tooltip="Open the second account of the pair (the people's account)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[DuplicatePair] = []
        self.loaded = False
        self._undo: list[DuplicatePair] = []
        self._marker: tuple[int, int] | None = None

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    @property
    def table(self) -> VirtualTable[DuplicatePair]:
        return self._table

    @property
    def current_pair(self) -> DuplicatePair | None:
        """The selected pair (what a merge would merge)."""
        return self.table.current_row

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Looking for duplicates…"), id="duplicates-summary")
        self._table: VirtualTable[DuplicatePair] = VirtualTable(
            columns(), empty_text="Looking for duplicates…", id="duplicates-table"
        )
        yield self._table
        yield Static("", id="duplicates-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Duplicates"
        self.load()

    def data_changed(self) -> None:
        """Another process wrote (the app's watch): look again."""
        self.load()

    def on_screen_resume(self) -> None:
        # Back from an account (edited, trashed, merged there?): look again
        # only if something was written meanwhile.
        if self.loaded and self.kam.store.change_marker() != self._marker:
            self.load()

    # -- data -------------------------------------------------------------
    def load(self) -> None:
        self._marker = self.kam.store.change_marker()
        self._find()

    @work(
        thread=True,
        exclusive=True,
        group=LOAD,
        exit_on_error=False,
        description="Looking for duplicates",
    )
    def _find(self) -> list[DuplicatePair]:
        # Its own connection: the screens' reads never queue behind it.
        with self.kam.store.companion() as store:
            return duplicates.find(store)

    @on(Worker.StateChanged)
    def _found(self, event: Worker.StateChanged) -> None:
        if event.worker.group != LOAD:
            return
        if event.state == WorkerState.SUCCESS:
            self._show(cast("list[DuplicatePair]", event.worker.result))
        elif event.state == WorkerState.ERROR:
            self.table.empty_text = "Could not look for duplicates."
            self.table.refresh()
            self.notify(
                f"Could not look for duplicates: {event.worker.error}",
                severity="error",
                markup=False,
            )

    def _show(self, pairs: list[DuplicatePair]) -> None:
        self.loaded = True
        self.pairs = pairs
        self.table.empty_text = "No suspected duplicates."
        self.table.set_rows(list(pairs), keep=lambda p: p.key, presorted=True)
        self._summary()
        self._detail()

    def _summary(self) -> None:
        accounts = sum(1 for p in self.pairs if p.kind == ACCOUNT)
        people = len(self.pairs) - accounts
        text = Text(
            f"{accounts:,} {'pair' if accounts == 1 else 'pairs'} of accounts"
            f" · {people:,} {'pair' if people == 1 else 'pairs'} of people"
        )
        text.append("   x not a duplicate · a / b open · u undo", style="dim")
        self.query_one("#duplicates-summary", Static).update(text)
        self.refresh_bindings()

    @on(VirtualTable.Highlighted, "#duplicates-table")
    def _detail(self) -> None:
        pair = self.table.current_row
        detail = self.query_one("#duplicates-detail", Static)
        if pair is None:
            detail.update("")
            return
        text = Text(f"{pair.score} ", style=score_style(pair) or "bold")
        text.append(safe.plain(pair.a_name), style="bold")
        text.append(f" #{pair.a_id}  ~  ", style="dim")
        text.append(safe.plain(pair.b_name), style="bold")
        text.append(f" #{pair.b_id}", style="dim")
        if pair.account_id is not None:
            text.append(f"  (people of account #{pair.account_id})", style="dim")
        text.append("\n" + safe.plain("; ".join(pair.reasons)))
        detail.update(text)

    # -- actions ----------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def _account_of(self, pair: DuplicatePair, which: str) -> int:
        if pair.kind == ACCOUNT:
            return pair.a_id if which == "a" else pair.b_id
        assert pair.account_id is not None
        return pair.account_id

    def action_open_a(self) -> None:
        if (pair := self.current_pair) is not None:
            self.kam.open_account(self._account_of(pair, "a"))

    def action_open_b(self) -> None:
        if (pair := self.current_pair) is not None:
            self.kam.open_account(self._account_of(pair, "b"))

    @on(VirtualTable.Selected, "#duplicates-table")
    def _selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.action_open_a()

    def action_merge_pair(self) -> None:
        pair = self.current_pair
        if pair is None:
            return
        from kamtui.ui.screens.merge.dialog import MergeDialog

        def merged(summary: object) -> None:
            if summary is not None:
                self.load()  # the pair is gone; other pairs may have changed

        # The older record (smaller id) is kept: it is the one other systems
        # and files know longest. The dialog shows both and can swap.
        self.app.push_screen(MergeDialog(pair.kind, pair.b_id, pair.a_id, pair.account_id), merged)

    def action_dismiss_pair(self) -> None:
        pair = self.current_pair
        if pair is None:
            return
        store = self.kam.store

        def dismissed(_: object) -> None:
            self._undo.append(pair)
            self.pairs = [p for p in self.pairs if p.key != pair.key]
            at = self.table.cursor_row
            self.table.set_rows(list(self.pairs), presorted=True)
            self.table.move_cursor(min(at, max(0, len(self.pairs) - 1)))
            self._summary()
            self._detail()
            self.notify(
                f"Not a duplicate: {safe.plain(pair.a_name)} and {safe.plain(pair.b_name)}"
                " — u takes it back",
                markup=False,
            )

        run_write(
            self,
            lambda: duplicates.dismiss(store, pair.kind, pair.a_id, pair.b_id),
            done=dismissed,
        )

    def action_undo_dismiss(self) -> None:
        if not self._undo:
            self.notify("Nothing to undo", severity="warning")
            return
        pair = self._undo.pop()
        store = self.kam.store

        def undone(_: object) -> None:
            self.pairs = duplicates.ranked([*self.pairs, pair])
            self.table.set_rows(list(self.pairs), presorted=True)
            self._select(pair)
            self._summary()
            self._detail()

        run_write(
            self,
            lambda: duplicates.undismiss(store, pair.kind, pair.a_id, pair.b_id),
            done=undone,
            failed=lambda _exc: self._undo.append(pair),
        )

    def _select(self, pair: DuplicatePair) -> None:
        for i, row in enumerate(self.table.rows):
            if row.key == pair.key:
                self.table.move_cursor(i)
                return

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("dismiss_pair", "open_a", "open_b"):
            return None if self.table.current_row is None else True
        if action == "undo_dismiss":
            return bool(self._undo)
        return True
