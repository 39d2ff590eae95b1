"""The account brief on screen: everything to read before a meeting, in one
scrollable page (readable at 80×24), with keys to write it to a Markdown or
HTML file; the status line says where it went."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from kamtui import exporters
from kamtui.domain.brief import Brief
from kamtui.services import brief as brief_service
from kamtui.services.errors import NotFound, ServiceError
from kamtui.ui import safe
from kamtui.ui.screens.brief.render import brief_text
from kamtui.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp


class BriefScreen(Screen[None]):
    CSS_PATH = "brief.tcss"
    AUTO_FOCUS = "#brief-scroll"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back", id="brief.back", tooltip="Back to the account"),
        Binding(
            "m",
            "export('md')",
            "Save .md",
            id="brief.export_md",
            tooltip="Write the brief to a Markdown file ($KAMTUI_EXPORT_DIR, else the "
            "directory kamtui started in)",
        ),
        Binding(
            "h",
            "export('html')",
            "Save .html",
            id="brief.export_html",
            tooltip="Write the brief to an HTML page that prints on A4",
        ),
    ]

    def __init__(self, account_id: int) -> None:
        super().__init__()
        self.account_id = account_id
        self.brief: Brief | None = None

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="brief-scroll"):
            yield Static("Preparing the brief…", id="brief-body")
        yield Static("", id="brief-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Brief"
        self.run_worker(
            self._load,
            thread=True,
            exclusive=True,
            group="brief",
            exit_on_error=False,
            description="Preparing the brief",
        )

    def _load(self) -> None:
        kam = self.kam
        try:
            brief: Brief | None = brief_service.account_brief(
                kam.store, self.account_id, today=kam.today, config=kam.config
            )
        except NotFound:
            brief = None
        self.app.call_from_thread(self._loaded, brief)

    def _loaded(self, brief: Brief | None) -> None:
        if brief is None:
            self.notify("This account no longer exists", severity="error")
            self.app.pop_screen()
            return
        self.brief = brief
        self.title = f"Brief: {safe.plain(brief.identity.name)}"
        self.query_one("#brief-body", Static).update(brief_text(brief))
        self.query_one("#brief-status", Static).update(
            "m saves it as Markdown, h as HTML (prints on A4)"
        )

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_export(self, fmt: str) -> None:
        brief = self.brief
        if brief is None:
            self.notify("The brief is still being prepared", severity="warning")
            return
        directory = brief_service.export_dir()

        def write() -> None:
            path = directory / brief_service.file_name(brief, exporters.EXTENSIONS[fmt])
            try:
                written = brief_service.write_document(path, exporters.render(brief, fmt))
            except ServiceError as exc:
                self.app.call_from_thread(self._export_failed, str(exc))
                return
            self.app.call_from_thread(self._exported, str(written))

        self.run_worker(
            write, thread=True, group="brief-export", exit_on_error=False, description="Saving"
        )

    def _exported(self, path: str) -> None:
        self.query_one("#brief-status", Static).update(safe.text(f"Saved to {path}"))
        self.notify(f"Brief saved to {path}")

    def _export_failed(self, message: str) -> None:
        self.query_one("#brief-status", Static).update(
            safe.text(f"Not saved: {message}", style="bold red")
        )
        self.notify(f"Brief not saved: {message}", severity="error")
