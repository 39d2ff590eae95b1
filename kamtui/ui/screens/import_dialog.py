"""Import a finance CSV from the TUI: check it (dry run) or import it, with a
progress bar. The import runs in a thread worker, all-or-nothing; errors are
listed as FILE:LINE: field: reason, exactly as the CLI prints them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Log, ProgressBar, Select, Static

from kamtui.ui import safe

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp

KINDS = [
    ("Transactions (orders, invoices)", "transactions"),
    ("Wallet estimates", "wallet"),
    ("Accounts", "accounts"),
    ("People (ours and theirs)", "people"),
]
# Kinds read without the number and date choices (and without progress).
CONTACT_KINDS = ("accounts", "people")
DECIMALS = [
    ("Decimal: detect", ""),
    ("Decimal comma (1.234,56)", ","),
    ("Decimal point (1,234.56)", "."),
]
DATES = [
    ("Dates: detect", ""),
    ("Day first (25/03/2025)", "day"),
    ("Month first (03/25/2025)", "month"),
]
MAX_LOG_LINES = 300

# The importers speak to the command line ("override with --decimal ,"); the
# dialog names its own choices instead (issue 14: no shell flags in its text).
_FLAGS = [
    (re.compile(r"use --decimal \. if it uses a point"), "choose Decimal point if it uses a point"),
    (re.compile(r"use --decimal , if it uses a comma"), "choose Decimal comma if it uses a comma"),
    (re.compile(r"--decimal [.,]"), "the Decimal choice"),
    (re.compile(r"--(?:no-)?dayfirst"), "the Dates choice"),
    (
        re.compile(r"\(?(?:override with|use) --(?:margin|encoding|delimiter)[^)]*\)?"),
        "(the command line's kamtui import can override it)",
    ),
]


def for_dialog(line: str) -> str:
    """An importer's message, worded for this dialog rather than the shell."""
    for pattern, words in _FLAGS:
        line = pattern.sub(words, line)
    return line


def _run_import(
    store: Any, kind: str, path: Path, dry_run: bool, options: dict[str, Any], progress: Any
) -> Any:
    """The importer of `kind`, run on `path` (in the dialog's worker)."""
    if kind in CONTACT_KINDS:
        from kamtui.services.imports import contacts

        func = contacts.import_accounts if kind == "accounts" else contacts.import_people
        return func(store, path, dry_run=dry_run)
    if kind == "wallet":
        from kamtui.services.imports.finance import import_wallet as finance
    else:
        from kamtui.services.imports.finance import import_transactions as finance
    return finance(store, path, dry_run=dry_run, progress=progress, **options)


class ImportDialog(ModalScreen[bool]):
    DEFAULT_CSS = """
    ImportDialog {
        align: center middle;
    }
    ImportDialog #import-box {
        width: 90;
        max-width: 100%;
        height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ImportDialog .field-label {
        color: $text-muted;
    }
    ImportDialog #import-options {
        height: auto;
    }
    ImportDialog #import-options Select {
        width: 1fr;
    }
    ImportDialog #import-progress {
        margin: 1 0 0 0;
        height: 1;
    }
    ImportDialog #import-progress.idle {
        display: none;
    }
    ImportDialog #import-progress Bar {
        width: 1fr;
    }
    ImportDialog #import-log {
        height: 1fr;
        border: round $panel-lighten-2;
    }
    ImportDialog #import-buttons {
        height: auto;
    }
    ImportDialog #import-buttons Button {
        margin-right: 2;
    }
    """
    AUTO_FOCUS = "#import-path"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "run(False)", "Import", id="import.run", tooltip="Import the file"),
        Binding(
            "ctrl+t",
            "run(True)",
            "Check",
            id="import.check",
            tooltip="Check the file and say what would change, writing nothing",
        ),
        Binding("escape", "close", "Close", id="import.close", tooltip="Close the dialog"),
    ]

    def __init__(self, kind: str = "transactions", path: str = "") -> None:
        super().__init__()
        self.kind = kind
        self.initial_path = path
        self.imported = False
        self.running = False

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box"):
            yield Static(Text("Import from a CSV file", style="bold"))
            yield Label("What the file holds", classes="field-label")
            yield Select(KINDS, value=self.kind, allow_blank=False, id="import-kind")
            yield Label("File", classes="field-label")
            yield Input(
                value=self.initial_path, placeholder="~/Descargas/ventas_2025.csv", id="import-path"
            )
            with Horizontal(id="import-options"):
                yield Select(DECIMALS, value="", allow_blank=False, id="import-decimal")
                yield Select(DATES, value="", allow_blank=False, id="import-dates")
            # Hidden until something runs: an idle bar animates "--%" (issue 14).
            yield ProgressBar(id="import-progress", show_eta=False, classes="idle")
            yield Log(id="import-log", max_lines=2000)
            with Horizontal(id="import-buttons"):
                yield Button("Check (ctrl+t)", id="import-check")
                yield Button("Import (ctrl+s)", variant="primary", id="import-run")
                yield Button("Close (esc)", id="import-close")

    # -- running ----------------------------------------------------------
    def action_run(self, dry_run: bool) -> None:
        if self.running:
            self.notify("An import is already running", severity="warning")
            return
        raw = self.query_one("#import-path", Input).value.strip()
        log = self.query_one("#import-log", Log)
        if not raw:
            log.write_line("Type the path of the CSV file first.")
            self.query_one("#import-path", Input).focus()
            return
        path = Path(raw).expanduser()
        kind = str(self.query_one("#import-kind", Select).value)
        options: dict[str, Any] = {}
        decimal = self.query_one("#import-decimal", Select).value
        if decimal:
            options["decimal"] = decimal
        order = self.query_one("#import-dates", Select).value
        if order and kind == "transactions":
            options["dayfirst"] = order == "day"
        log.clear()
        log.write_line(safe.plain(f"{'Checking' if dry_run else 'Importing'} {path} …"))
        bar = self.query_one("#import-progress", ProgressBar)
        bar.remove_class("idle")
        bar.update(total=None, progress=0)
        self.running = True
        self._import(path, kind, dry_run, options)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False, description="Import")
    def _import(self, path: Path, kind: str, dry_run: bool, options: dict[str, Any]) -> None:
        from kamtui.importers.csvfile import ImportFailed

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            report = _run_import(self.kam.store, kind, path, dry_run, options, progress)
        except ImportFailed as exc:
            self.app.call_from_thread(self._failed, exc.errors)
            return
        except Exception as exc:  # a bug or an I/O error: say it, keep the app alive
            self.app.call_from_thread(self._failed, [f"{path}: {type(exc).__name__}: {exc}"])
            return
        self.app.call_from_thread(self._done, report, dry_run)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#import-progress", ProgressBar).update(total=max(total, 1), progress=done)

    def _failed(self, errors: list[str]) -> None:
        self.running = False
        log = self.query_one("#import-log", Log)
        for line in errors[:MAX_LOG_LINES]:
            log.write_line(safe.plain(for_dialog(line)))
        if len(errors) > MAX_LOG_LINES:
            log.write_line(f"… {len(errors) - MAX_LOG_LINES} more")
        log.write_line(f"Nothing imported: {len(errors)} error(s). Fix the file and try again.")
        self.query_one("#import-progress", ProgressBar).update(total=1, progress=0)

    def _done(self, report: Any, dry_run: bool) -> None:
        self.running = False
        log = self.query_one("#import-log", Log)
        for note in report.assumptions:
            log.write_line(safe.plain(f"assumed {for_dialog(note)}"))
        prefix = "Check: would import" if dry_run else "Imported"
        log.write_line(
            f"{prefix} {report.rows:,} row(s): {report.created:,} new, {report.updated:,} "
            f"updated, {report.unchanged:,} unchanged"
        )
        for warning in getattr(report, "warnings", ()):
            log.write_line(safe.plain(f"⚠ {warning}"))
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=max(report.rows, 1), progress=max(report.rows, 1))
        if not dry_run:
            self.imported = self.imported or bool(report.created or report.updated)
            self.notify(f"Imported {report.rows:,} row(s)", markup=False)

    # -- buttons ------------------------------------------------------------
    def action_close(self) -> None:
        if self.running:
            self.notify("The import is still running; it finishes in a moment", severity="warning")
            return
        self.dismiss(self.imported)

    @on(Button.Pressed, "#import-check")
    def _check(self) -> None:
        self.action_run(True)

    @on(Button.Pressed, "#import-run")
    def _run(self) -> None:
        self.action_run(False)

    @on(Button.Pressed, "#import-close")
    def _close(self) -> None:
        self.action_close()

    @on(Input.Submitted, "#import-path")
    def _submitted(self) -> None:
        self.action_run(True)
