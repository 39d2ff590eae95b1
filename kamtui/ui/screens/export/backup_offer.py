"""The backup offered when the app quits and the newest backup is older than
`backup.offer_after_days` (config; 0, the default, never asks). Back up now
copies the database in a worker with a progress bar, then the app quits;
Not now quits at once. Nothing here can lose data: drafts were written
before it opens, and a backup only reads. A failed backup is shown and the
choice stays with the user (quit anyway, or stay)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, ProgressBar, Static

from kamtui.ui import safe

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp


def offer_text(last: datetime | None, now: datetime | None = None) -> str:
    if last is None:
        return "This database has never been backed up."
    days = ((now or datetime.now()) - last).days
    return f"The last backup is {days} day{'s' if days != 1 else ''} old."


class BackupOffer(ModalScreen[bool]):
    """Dismissed with True to quit, False to stay."""

    CSS_PATH = "backup_offer.tcss"
    AUTO_FOCUS = "#offer-backup"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "backup", "Back up", id="offer.backup", tooltip="Back up now, then quit"),
        Binding("n,escape", "skip", "Not now", id="offer.skip", tooltip="Quit without a backup"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.running = False
        self.failed = False
        self.written: Path | None = None

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="offer-box"):
            yield Static(Text("Back up before you go?", style="bold"))
            yield Static(self.text, id="offer-text", markup=False)
            yield ProgressBar(id="offer-progress", show_eta=False, classes="idle")
            with Horizontal(id="offer-buttons"):
                yield Button("Back up now (b)", variant="primary", id="offer-backup")
                yield Button("Not now (n)", id="offer-skip")

    @on(Button.Pressed, "#offer-backup")
    def _backup_pressed(self) -> None:
        self.action_backup()

    @on(Button.Pressed, "#offer-skip")
    def _skip_pressed(self) -> None:
        self.action_skip()

    def action_skip(self) -> None:
        if self.running:
            return  # the copy finishes in a moment, then the app quits
        self.dismiss(True)

    def action_backup(self) -> None:
        if self.running:
            return
        if self.failed:  # "Stay": keep the app open
            self.dismiss(False)
            return
        self.running = True
        self.query_one("#offer-progress", ProgressBar).remove_class("idle")
        self.query_one("#offer-text", Static).update("Backing up …")
        self.query_one("#offer-buttons").display = False
        self._backup()

    @work(thread=True, exclusive=True, group="backup", exit_on_error=False, description="Backup")
    def _backup(self) -> None:
        from kamtui.services import backup
        from kamtui.storage.errors import StorageError

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            path, _removed = backup.backup(
                self.kam.store, keep=self.kam.config.backup.keep, progress=progress
            )
        except StorageError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # never keep the user from quitting over a bug
            self.app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._done, path)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#offer-progress", ProgressBar).update(total=max(total, 1), progress=done)

    def _done(self, path: Path) -> None:
        self.running = False
        self.written = path
        self.app.notify(safe.plain(f"Backup written: {path}"), markup=False)
        self.dismiss(True)

    def _failed(self, text: str) -> None:
        self.running = False
        self.failed = True
        self.query_one("#offer-progress", ProgressBar).add_class("idle")
        self.query_one("#offer-text", Static).update(
            safe.text(f"The backup failed: {text}", style="red")
        )
        self.query_one("#offer-backup", Button).label = "Stay (b)"
        self.query_one("#offer-skip", Button).label = "Quit anyway (n)"
        self.query_one("#offer-buttons").display = True
