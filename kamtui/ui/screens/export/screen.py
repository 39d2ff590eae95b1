"""Export and backup (command palette: "data: export and backup"): export
everything, or one account, to a folder of CSV (plain or for a Spanish
Excel) or JSON files, and back the database up now. Both run in a thread
worker on a companion connection (the screens' own reads never queue behind
them) with a progress bar, and say where the result went.

Restoring a backup is the command line's (`kamtui restore-backup FILE`),
named here: it swaps the database file, which cannot be done safely under
the app that has it open (the restore refuses a file in use)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, ProgressBar, Select, Static

from kamtui.ui import safe
from kamtui.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp

FORMATS = [
    ("CSV (comma, UTF-8)", "csv"),
    ("CSV for Excel in Spanish (; and BOM)", "excel"),
    ("JSON", "json"),
]
RESTORE_NOTE = (
    "To restore a backup, quit kamtui and run: kamtui restore-backup FILE "
    "(the current file is kept aside)."
)


def default_folder(today: date) -> str:
    return f"~/kamtui-export-{today.isoformat()}"


class ExportScreen(Screen[None]):
    CSS_PATH = "export.tcss"
    AUTO_FOCUS = "#export-folder"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="export.back", tooltip="Back to where you were"),
        Binding(
            "ctrl+e",
            "export",
            "Export",
            id="export.run",
            tooltip="Write the export into the folder",
            priority=True,
        ),
        Binding(
            "ctrl+b",
            "backup",
            "Back up",
            id="export.backup",
            tooltip="Copy the database now into the backups folder beside it",
            priority=True,
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        self.last_result: Path | None = None

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="export-box"):
            yield Label("Export into the folder (new or empty)", classes="field-label")
            yield Input(value=default_folder(self.kam.today), id="export-folder")
            with Horizontal(id="export-options"):
                yield Select(FORMATS, value="csv", allow_blank=False, id="export-format")
                yield Input(placeholder="account (blank: whole portfolio)", id="export-account")
            with Horizontal(id="export-buttons"):
                yield Button("Export (ctrl+e)", variant="primary", id="export-run")
                yield Button("Back up now (ctrl+b)", id="export-backup")
            # Hidden until something runs: an idle bar animates "--%".
            yield ProgressBar(id="export-progress", show_eta=False, classes="idle")
            yield Static("", id="export-result")
            yield Static(Text(RESTORE_NOTE, style="dim"), id="export-restore")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Export and backup"

    def action_back(self) -> None:
        if self.running:
            self.notify("Wait for the job to finish", severity="warning")
            return
        self.dismiss()

    @on(Button.Pressed, "#export-run")
    def _export_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export-backup")
    def _backup_pressed(self) -> None:
        self.action_backup()

    def _start(self, text: str) -> bool:
        if self.running:
            self.notify("A job is already running", severity="warning")
            return False
        self.running = True
        bar = self.query_one("#export-progress", ProgressBar)
        bar.remove_class("idle")
        bar.update(total=None, progress=0)
        self._say(text)
        return True

    def action_export(self) -> None:
        folder = self.query_one("#export-folder", Input).value.strip()
        if not folder:
            self._say("Type the folder to export into first.", error=True)
            self.query_one("#export-folder", Input).focus()
            return
        choice = str(self.query_one("#export-format", Select).value)
        account = self.query_one("#export-account", Input).value.strip() or None
        if self._start(f"Exporting into {folder} …"):
            self._export(Path(folder).expanduser(), choice, account)

    def action_backup(self) -> None:
        if self._start("Backing up …"):
            self._backup()

    @work(thread=True, exclusive=True, group="export", exit_on_error=False, description="Export")
    def _export(self, folder: Path, choice: str, account: str | None) -> None:
        from kamtui.services.errors import ServiceError
        from kamtui.services.export import export
        from kamtui.storage.errors import StorageError

        fmt = "json" if choice == "json" else "csv"
        try:
            with self.kam.store.companion() as store:
                report = export(
                    store,
                    folder,
                    fmt=fmt,
                    excel=choice == "excel",
                    account=account,
                    progress=self._progress_from_thread,
                )
        except (ServiceError, StorageError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # a bug or an I/O error: say it, keep the app alive
            self.app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        rows = sum(report.counts.values())
        self.app.call_from_thread(
            self._finished, report.folder, f"Exported {rows:,} rows into {report.folder}"
        )

    @work(thread=True, exclusive=True, group="export", exit_on_error=False, description="Backup")
    def _backup(self) -> None:
        from kamtui.services import backup
        from kamtui.storage.errors import StorageError

        try:
            path, removed = backup.backup(
                self.kam.store,
                keep=self.kam.config.backup.keep,
                progress=self._progress_from_thread,
            )
        except StorageError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        note = f" (removed {len(removed)} older)" if removed else ""
        self.app.call_from_thread(self._finished, path, f"Backup written and checked: {path}{note}")

    def _progress_from_thread(self, done: int, total: int) -> None:
        self.app.call_from_thread(self._progress, done, total)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=max(total, 1), progress=done)

    def _finished(self, path: Path, text: str) -> None:
        self.running = False
        self.last_result = path
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=1, progress=1)
        self._say(text)

    def _failed(self, text: str) -> None:
        self.running = False
        self.query_one("#export-progress", ProgressBar).add_class("idle")
        self._say(text, error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        shown: Any = safe.text(text, style="red" if error else "")
        self.query_one("#export-result", Static).update(shown)
