"""Global full-text search (`/`): type, see highlighted snippets, Enter opens
the item in its account. Any text is a valid query (see services.search).

Searches run in a thread worker, one at a time (a new one cancels the one
before); each is numbered and only the latest typed query's results are
shown, however the workers finish."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from kamtui.services import search as search_service
from kamtui.services.search import SearchHit, Spans
from kamtui.ui import safe
from kamtui.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp

KIND_STYLE = {
    "account": "bold cyan",
    "person": "magenta",
    "interaction": "green",
    "fact": "yellow",
    "complaint": "bold red",
}
HIT_STYLE = "bold reverse"
TYPING_DELAY = 0.15
# Where Enter takes each kind of hit (tab id on the account screen).
TAB_FOR = {
    "account": "overview",
    "person": "map",
    "interaction": "interactions",
    "fact": "interactions",
    "complaint": "interactions",
}


def spans_text(spans: Spans, style: str = "") -> Text:
    """Matched words styled; the text itself is data (already cleaned), never markup."""
    text = Text(style=style)
    for piece, hit in spans:
        text.append(piece, style=HIT_STYLE if hit else "")
    return text


def hit_text(hit: SearchHit) -> Text:
    label = search_service.KIND_LABELS.get(hit.kind, hit.kind)
    text = Text()
    text.append(f"{label:<12}", style=KIND_STYLE.get(hit.kind, ""))
    text.append(hit.account, style="dim")
    text.append("\n")
    text.append_text(spans_text(hit.title_spans or [(hit.title, False)], "bold"))
    if hit.snippet and hit.snippet != hit.title:
        text.append("\n")
        text.append_text(spans_text(hit.snippet_spans))
    return text


class SearchScreen(Screen[None]):
    CSS_PATH = "search.tcss"
    AUTO_FOCUS = "#search-input"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="search.back", tooltip="Close the search"),
        Binding(
            "down",
            "to_results",
            "Results",
            show=False,
            id="search.results",
            tooltip="Move to the results",
        ),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.hits: list[SearchHit] = []
        self.searched: str | None = None
        self._timer: Timer | None = None
        self._asked = 0  # number of the latest search asked for

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            value=self.initial,
            placeholder="Search accounts, people, notes, facts, complaints (accents optional)",
            id="search-input",
        )
        yield Static("", id="search-status")
        yield OptionList(id="search-results")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Search"
        self._status("Type to search. Enter opens the highlighted result.")
        if self.initial:
            self.ask(self.initial)

    def _status(self, message: str) -> None:
        self.query_one("#search-status", Static).update(Text(message, style="dim"))

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        value = event.value
        self._timer = self.set_timer(TYPING_DELAY, lambda: self.ask(value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
        if event.value != self.searched:
            self.ask(event.value)
            return
        results = self.query_one("#search-results", OptionList)
        if self.hits:
            self.open_hit(self.hits[results.highlighted or 0])

    def ask(self, query: str) -> None:
        """Search for `query`, superseding any search still running."""
        self._asked += 1
        self.run_search(query, self._asked)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str, asked: int) -> None:
        hits = search_service.search(self.kam.store, query)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, hits, asked)

    def _show(self, query: str, hits: list[SearchHit], asked: int) -> None:
        if asked != self._asked:
            return  # a newer query was typed while this one ran
        self.searched = query
        self.hits = hits
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options([Option(safe.text(hit_text(h)), id=f"{h.kind}-{h.id}") for h in hits])
        if hits:
            results.highlighted = 0
        if not search_service.terms(query):
            self._status("Type to search. Enter opens the highlighted result.")
        elif not hits:
            self._status("No matches. Every word must appear; accents and case do not matter.")
        else:
            more = "+" if len(hits) >= 50 else ""
            self._status(f"{len(hits)}{more} result(s) — ↓ to move, Enter to open")

    def action_to_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if self.hits:
            results.focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open_hit(self.hits[event.option_index])

    def open_hit(self, hit: SearchHit) -> None:
        from textual.widgets import TabbedContent

        from kamtui.ui.screens.account.screen import AccountScreen
        from kamtui.ui.screens.account.tabs.interactions_tab import InteractionsTab

        screen = AccountScreen(hit.account_id)
        self.app.push_screen(screen)

        def show_item() -> None:
            tab = TAB_FOR.get(hit.kind, "overview")
            try:
                screen.query_one(TabbedContent).active = tab
            except Exception:  # the screen closed itself (account gone)
                return
            if hit.kind in ("interaction", "complaint"):
                screen.query_one(InteractionsTab).select_item(hit.kind, hit.id)

        screen.call_after_refresh(show_item)
