"""The Textual application: owns the store, "today" and navigation."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from kamtui import dates
from kamtui.services.health_child import Children
from kamtui.storage.busy import BusyWait
from kamtui.storage.db import Store
from kamtui.storage.errors import StorageError
from kamtui.textsafe import clean
from kamtui.ui import perf, safe
from kamtui.ui.commands import AccountCommands
from kamtui.ui.screens.merge.commands import MergeCommands

# A change made in the app waits this long for another process's write (an
# import from the shell) before it is given up, with a message.
APP_BUSY_LIMIT = 120.0
# While waiting, the notice is repeated this often (in tries of 250 ms).
BUSY_NOTICE_EVERY = 40


class StoreBusy(Message):
    """A write waits for another process (posted from the waiting thread)."""

    def __init__(self, wait: BusyWait) -> None:
        super().__init__()
        self.wait = wait


class StoreFailed(Message):
    """A write failed and nothing was written (posted from the writing thread)."""

    def __init__(self, error: StorageError) -> None:
        super().__init__()
        self.error = error


if TYPE_CHECKING:
    from collections.abc import Iterable
    from concurrent.futures import Future

    from rich.console import RenderableType
    from textual.screen import Screen

    from kamtui.config import Config
    from kamtui.domain.records import PortfolioRow
    from kamtui.ui.screens.account.screen import AccountScreen


class KamApp(App[None]):
    # How often the app asks SQLite whether another process committed
    # (`PRAGMA data_version`, microseconds; nothing else runs when unchanged).
    WATCH_INTERVAL = 1.5
    CSS_PATH = "app.tcss"
    TITLE = "kamtui"
    COMMANDS = App.COMMANDS | {AccountCommands, MergeCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave kamtui"),
        Binding(
            "question_mark,f1", "help", "Help", id="app.help", tooltip="Keys of the current screen"
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Jump",
            id="app.palette",
            tooltip="Command palette: jump to any account by name",
            show=False,  # the key bar shows its own palette key on the right
        ),
        Binding(
            "v",
            "revitalise",
            "Revitalise",
            id="app.revitalise",
            tooltip="Accounts needing revitalisation, most urgent first, with suggested goals",
        ),
        Binding(
            "w",
            "whitespace",
            "Whitespace",
            id="app.whitespace",
            tooltip="Accounts x categories: bought, lapsed, open; a cell creates a goal",
        ),
        Binding(
            "slash", "search", "Search", id="app.search", tooltip="Full-text search everything"
        ),
        Binding(
            "F",
            "followups",
            "Follow-ups",
            id="app.followups",
            tooltip="Next steps and goal actions due: overdue, today, this week",
        ),
    ]

    def __init__(
        self,
        store: Store,
        *,
        today: date | None = None,
        config: Config | None = None,
        first_portfolio: Future[tuple[tuple[int, int], list[PortfolioRow]]] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        # (change marker, portfolio_accounts rows) being read since before the
        # app started (`perf.start_early_read`); the portfolio screen takes it
        # once (`perf.take_early_read`).
        self.first_portfolio = first_portfolio
        perf.sync_switch()
        self.today = today or dates.today()
        self.config_error: str | None = None
        self._config = config
        self._config_lock = threading.Lock()
        self._account_screen_ready = False
        # Whole-portfolio health computations run in child processes
        # (`services/health_child.py`): the UI thread keeps the GIL.
        self.health_children = Children()
        self._account_screen: AccountScreen | None = None
        # Commits by other processes seen so far (see _watch_outside).
        self.outside_changes = 0
        self._outside_version: int | None = None
        self.sub_title = store.path.name
        # Posting is thread-safe and never blocks: the waiting thread holds
        # the store's lock, which the UI thread may be waiting for.
        store.busy_limit = APP_BUSY_LIMIT
        store.on_busy = self._post_busy
        store.on_failure = self._post_failed

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification (screens' and widgets' `notify` end here) is
        plain text: messages quote names, notes and error texts, which must
        neither be parsed as markup nor write escape sequences. `markup` is
        accepted for the signature's sake and ignored."""
        super().notify(
            safe.plain(message, one_line=False),
            title=safe.plain(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def format_title(self, title: str, sub_title: str) -> Content:
        # Screen titles hold account names; the header shows them literally
        # already, but control characters would reach the terminal.
        return super().format_title(safe.plain(title), safe.plain(sub_title))

    @property
    def config(self) -> Config:
        """The settings file, read on first use (a worker reads it just after
        the portfolio is on screen): pydantic stays off the start-up path."""
        if self._config is None:
            with self._config_lock:
                if self._config is None:
                    from kamtui.config import Config, ConfigError, load_config

                    try:
                        config = load_config()
                    except ConfigError as exc:
                        self.config_error = str(exc)
                        config = Config()
                    self._config = config
        return self._config

    def on_mount(self) -> None:
        from kamtui.ui.screens.portfolio.screen import PortfolioScreen

        self.push_screen(PortfolioScreen())
        if self._config is None:
            self.call_after_refresh(self._read_config)
        self.call_after_refresh(self._purge_trash)
        self._outside_version = self.store.outside_version()
        self.set_interval(self.WATCH_INTERVAL, self._watch_outside, name="watch-outside")

    def _watch_outside(self) -> None:
        """Writes made from the shell (`kamtui log`, an import) reach the open
        app: when another connection committed, the screen on view (and any
        dialog over it) reads its data again, in its own workers. Midnight
        passing is noticed here too (`check_day`)."""
        self.check_day()
        version = self.store.outside_version()
        if version is None:  # a worker holds the connection: next time
            return
        if self._outside_version is None:
            self._outside_version = version
            return
        if version == self._outside_version:
            return
        self._outside_version = version
        self.outside_changes += 1
        self.refresh_shown_data()

    def check_day(self) -> bool:
        """A new day with the app open (overnight; "today" is $KAMTUI_TODAY
        when set): `today` moves on, the portfolio computes every figure and
        score again in the background, and the screen on view reads again.
        True when the day changed."""
        try:
            day = dates.today()
        except dates.DateError:
            return False
        if day == self.today:
            return False
        self.today = day
        from textual.screen import ModalScreen

        on_view = True
        for screen in reversed(self.screen_stack):
            day_changed = getattr(screen, "day_changed", None)
            if day_changed is not None:
                day_changed()
            elif on_view and (data_changed := getattr(screen, "data_changed", None)):
                data_changed()
            on_view = on_view and isinstance(screen, ModalScreen)
        return True

    def refresh_shown_data(self) -> None:
        """Ask the screens on view to read their data again: the top one and,
        under dialogs, the first full screen (screens further down read again
        when they are back on view)."""
        from textual.screen import ModalScreen

        for screen in reversed(self.screen_stack):
            data_changed = getattr(screen, "data_changed", None)
            if data_changed is not None:
                data_changed()
            if not isinstance(screen, ModalScreen):
                break

    def _post_busy(self, wait: BusyWait) -> None:
        self.post_message(StoreBusy(wait))

    def _post_failed(self, error: StorageError) -> None:
        self.post_message(StoreFailed(error))

    @on(StoreBusy)
    def _store_busy(self, message: StoreBusy) -> None:
        wait = message.wait
        if wait.attempt % BUSY_NOTICE_EVERY != 1:
            return
        waited = f" ({wait.waited:.0f} s so far)" if wait.waited >= 1 else ""
        self.notify(
            f"Waiting for {clean(wait.holder)} to finish writing{waited}… "
            f"your change is kept and will be saved then (up to {wait.limit:.0f} s).",
            title="Database busy",
            severity="warning",
            timeout=12,
            markup=False,
        )

    @on(StoreFailed)
    def _store_failed(self, message: StoreFailed) -> None:
        retry = (
            "\nWhat you typed is still on screen: save again to retry."
            if hasattr(self.screen, "saving")
            else ""
        )
        self.notify(
            f"{clean(str(message.error))}{retry}",
            title="Not saved",
            severity="error",
            timeout=20,
            markup=False,
        )

    def on_unmount(self) -> None:
        # A child still computing health is ended (its one transaction
        # rolled back): the next start computes it again.
        self.health_children.stop()
        perf.release_long_lived()

    @work(thread=True, exit_on_error=False, group="config", description="Reading the settings")
    def _read_config(self) -> None:
        self.config  # noqa: B018 - loads it
        if self.config_error:
            self.call_from_thread(
                self.notify,
                f"{self.config_error} — using defaults",
                severity="warning",
                markup=False,
                timeout=10,
            )

    @work(thread=True, exit_on_error=False, group="retention", description="Purging old trash")
    def _purge_trash(self) -> None:
        """Records in the trash past `privacy.trash_days` go for good
        (docs/privacy.md); said in a notice when there were any."""
        from kamtui.services.retention import auto_purge

        days = self.config.privacy.trash_days
        try:
            purged = auto_purge(self.store, today=self.today, config=self.config.privacy)
        except StorageError:
            return  # busy or read-only: the next open tries again
        if purged:
            self.call_from_thread(
                self.notify,
                f"{purged} record(s) in the trash for more than {days} days were deleted for good",
                title="Trash",
                timeout=8,
            )

    def prepare_account_screen(self) -> None:
        """Get the account screen ready before the first Enter on an account
        (`perf.warm_account_screen`), once. Called when the portfolio's health
        lands: never on the start-up path."""
        if self._account_screen_ready:
            return
        self._account_screen_ready = True
        perf.warm_account_screen(self, then=self._account_screen_warmed)

    def _account_screen_warmed(self) -> None:
        from kamtui.ui.screens.portfolio.screen import PortfolioScreen

        if isinstance(self.screen, PortfolioScreen):
            # The modules just imported live as long as the app.
            perf.keep_long_lived()

    async def action_quit(self) -> None:
        if getattr(self.screen, "dirty", False):
            self.notify(
                "Unsaved changes: save (ctrl+s) or cancel (esc) before quitting", severity="warning"
            )
            return
        # Screens keeping a draft (the log form) write it first; one that
        # could not keep it says so and the app stays open.
        for screen in reversed(self.screen_stack):
            flush = getattr(screen, "flush_before_quit", None)
            if flush is not None and not await flush():
                return
        if self._offer_backup():
            return
        await super().action_quit()

    def _offer_backup(self) -> bool:
        """Open the backup offer when one is due (config backup.offer_after_days);
        whether it opened (the app then quits from its answer)."""
        from kamtui.ui.screens.export.backup_offer import BackupOffer, offer_text

        if isinstance(self.screen, BackupOffer):
            return True  # q again while it is open: it answers, not the key
        days = self.config.backup.offer_after_days
        if days <= 0 or self.store.readonly:
            return False
        from kamtui.services import backup

        if not backup.backup_due(self.store.path, days):
            return False
        text = offer_text(backup.last_backup_time(self.store.path))

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                self.exit()

        self.push_screen(BackupOffer(text), answered)
        return True

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        # Any other way out (App.exit from code): drafts are written now, and
        # one that did not reach the database is reported on the terminal.
        notes = []
        for screen in self.screen_stack:
            flush = getattr(screen, "flush_before_exit", None)
            if flush is not None and (note := flush()):
                notes.append(note)
        if notes and message is None:
            message = "\n".join(notes)
        super().exit(result, return_code, message)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "data: export and backup",
            "Export everything (CSV, Excel CSV, JSON) or back the database up now",
            self.action_export,
        )
        yield SystemCommand(
            "Trash", "Everything deleted, of every kind: restore any of it", self.action_trash
        )
        yield SystemCommand(
            "Duplicates",
            "Suspected duplicate accounts and people, ranked, with the reasons",
            self.action_duplicates,
        )

    def action_export(self) -> None:
        from kamtui.ui.screens.export.screen import ExportScreen

        if not isinstance(self.screen, ExportScreen):
            self.push_screen(ExportScreen())

    def action_help(self) -> None:
        from kamtui.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))

    def action_whitespace(self) -> None:
        from kamtui.ui.screens.whitespace.screen import WhitespaceScreen

        if not isinstance(self.screen, WhitespaceScreen):
            self.push_screen(WhitespaceScreen())

    def action_revitalise(self) -> None:
        from kamtui.ui.screens.revitalise import RevitaliseScreen

        if not isinstance(self.screen, RevitaliseScreen):
            self.push_screen(RevitaliseScreen())

    def action_search(self) -> None:
        from kamtui.ui.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def action_duplicates(self) -> None:
        from kamtui.ui.screens.duplicates.screen import DuplicatesScreen

        if not isinstance(self.screen, DuplicatesScreen):
            self.push_screen(DuplicatesScreen())

    def action_trash(self) -> None:
        from kamtui.ui.screens.portfolio.screen import PortfolioScreen
        from kamtui.ui.screens.trash import TrashScreen

        under = self.screen
        if isinstance(under, TrashScreen):
            return
        if isinstance(under, PortfolioScreen):
            under.action_trash()
            return

        def closed(account_id: int | None) -> None:
            if trash.restored_any and (changed := getattr(under, "data_changed", None)):
                changed()  # what was taken back shows where it belongs
            if account_id is not None:
                self.open_account(account_id)

        trash = TrashScreen()
        self.push_screen(trash, closed)

    def action_followups(self) -> None:
        from kamtui.ui.screens.followups import FollowupsScreen

        if not isinstance(self.screen, FollowupsScreen):
            self.push_screen(FollowupsScreen())

    def open_account(self, account_id: int) -> None:
        from kamtui.ui.screens.account.screen import AccountScreen

        # One account screen, installed, shows account after account
        # (`set_account`); a new one when it is in the stack already or
        # still being built (left at once).
        screen = self._account_screen
        if screen is None:
            screen = self._account_screen = AccountScreen(account_id)
            self.install_screen(screen, name="account")
        elif screen in self.screen_stack or not screen.is_mounted:
            screen = AccountScreen(account_id)
        else:
            screen.set_account(account_id)
        self.push_screen(screen)
