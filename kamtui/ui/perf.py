"""Every performance trick of the app, in one place, each with the measurement
that justified it. `KAMTUI_NO_TUNING=1` in the environment turns them all off
(the app then runs on Textual's defaults and public API only): to tell a bug
in a trick from a bug in the app, and to measure what each one still buys.

The tricks, in the order the app meets them:
1. `set_frame_rate`: Textual draws up to 120 frames a second, not 60.
2. `startup_pause` / `end_startup`: no garbage collection while start-up
   makes its long-lived objects (the collector's pauses during the health
   computation, `kamtui.gcpause`, follow the same switch).
3. `start_early_read` / `take_early_read`: the portfolio is read while
   Textual loads.
4. `keep_long_lived` / `release_long_lived`: what lives for the session is
   frozen out of the collector's full passes.
5. `warm_account_screen`: the account screen's modules and stylesheet are
   loaded while the portfolio is idle, not on the first Enter.
6. `SameFrameRefresh`: a `VirtualTable`'s rows and scrollbar are drawn in
   the frame that follows the key, not one later. The only Textual-private
   calls of the app are there.

This module is imported before Textual (by `kamtui.ui`): it must not import
it at module level."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kamtui import gcpause

if TYPE_CHECKING:
    from textual.app import App
    from textual.geometry import Size

    from kamtui.domain.records import PortfolioRow
    from kamtui.storage.db import Store

    EarlyRows = tuple[tuple[int, int], list[PortfolioRow]]

SWITCH = "KAMTUI_NO_TUNING"


def enabled() -> bool:
    """The tricks are on unless `KAMTUI_NO_TUNING` is set to anything but
    empty or 0. Read at each use: a test can flip it."""
    return os.environ.get(SWITCH, "").strip() in ("", "0")


def sync_switch() -> None:
    """The services' collector pauses (a whole-portfolio health computation,
    `kamtui.gcpause`) follow the switch too, in the app's process: called
    when the app starts."""
    gcpause.set_enabled(enabled())


# -- 1. frame rate ------------------------------------------------------------
def set_frame_rate() -> None:
    """Textual draws at most TEXTUAL_FPS frames a second (60 by default) and,
    a frame after another, waits one to two frame periods: a key pressed just
    after a frame (the previous key's, the cursor's blink) showed 17-33 ms
    late. At 120 that wait is 8-17 ms; frames are still only drawn when
    something changed. Must run before Textual is imported (it reads the
    variable once): `kamtui.ui` calls it on import. The user's own TEXTUAL_FPS
    wins."""
    if enabled():
        os.environ.setdefault("TEXTUAL_FPS", "120")


# -- 2. start-up without garbage collection -------------------------------------
@contextmanager
def startup_pause() -> Iterator[None]:
    """Start-up creates ~80,000 objects that live as long as the app
    (Textual's modules, the widgets, the rows) and almost no garbage:
    collecting while they are made cost 40-90 ms. The collector comes back
    at the first paint (`keep_long_lived`) or when the app ends, whichever
    comes first."""
    sync_switch()
    gcpause.pause_startup()  # nothing when the switch is off
    try:
        yield
    finally:
        gcpause.end_startup()


# -- 3. the portfolio read while Textual loads ---------------------------------
class EarlyRead:
    """The portfolio's accounts (with the change marker taken before them),
    read in a thread started before Textual is imported: Textual's imports
    take longer than the read (~30 ms for 10,000 accounts), so the first
    screen is drawn with the rows, without a worker round trip."""

    def __init__(self, store: Store) -> None:
        from kamtui.services.accounts import portfolio_accounts

        self.future: Future[EarlyRows] = Future()
        self._store = store
        self._read_rows = portfolio_accounts
        self._thread = threading.Thread(target=self._read, name="kamtui-first-read", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        if self.future.set_running_or_notify_cancel():
            try:
                store = self._store
                self.future.set_result((store.change_marker(), self._read_rows(store)))
            except BaseException as exc:  # handed to the screen, which reads again
                self.future.set_exception(exc)

    def join(self) -> None:
        """An app that ends at once (an error while starting) must not close
        the store under the read still running."""
        self._thread.join()


def start_early_read(store: Store) -> EarlyRead | None:
    return EarlyRead(store) if enabled() else None


def take_early_read(app: Any) -> Future[EarlyRows] | None:
    """The early read handed to the app (`KamApp(first_portfolio=…)`), taken
    once: by the portfolio screen on its first mount."""
    first = getattr(app, "first_portfolio", None)
    app.first_portfolio = None
    return first


# -- 4. freezing what lives for the session -----------------------------------
_froze = False


def keep_long_lived(*, collect_young: bool = True) -> None:
    """Move every object alive now out of the garbage collector's sight
    (`gc.freeze`): modules, the portfolio's widgets, 10,000 rows and their
    health stay for the session, and a full collection walking them took
    100-250 ms, landing on a random keystroke. Called once the first screen
    is painted (which also ends start-up's pause of the collector: start-up
    makes next to no garbage, so no collection first) and when the
    portfolio's health lands while the portfolio is the current screen (so
    no other screen's widgets are frozen), after collecting the young
    garbage: frozen objects are never freed if they are part of a cycle. The
    account screen kept for the next open (`KamApp.open_account`) is frozen
    too: its frame is reused; the tabs it shows then are replaced at the next
    open and never freed, at most one account's tabs per freeze (as before: a
    screen just closed could still be referred to by Textual, and be
    frozen)."""
    global _froze
    if enabled():
        if collect_young:
            gc.collect(1)
        gc.freeze()
        _froze = True
    gcpause.end_startup()


def release_long_lived() -> None:
    """Leaving the app: what was frozen can be collected again (matters when
    the app runs inside another process, e.g. the tests)."""
    global _froze
    if _froze:
        _froze = False
        gc.unfreeze()


# -- 5. the account screen, ready before the first Enter ------------------------
def warm_account_screen(app: App[Any], then: Callable[[], None]) -> None:
    """Import the account screen (its tabs, plotext: ~130 ms) in a thread and
    load its stylesheet (Textual re-parses every stylesheet it holds when a
    screen brings a new one: ~50 ms on the first open otherwise), once, when
    the portfolio is loaded and idle (the app asks once). `then` runs on the
    UI thread after."""
    if not enabled():
        return

    def work() -> None:
        import kamtui.ui.screens.account.screen  # noqa: F401 - warms the import

        app.call_from_thread(loaded)

    def loaded() -> None:
        from kamtui.ui.screens.account.screen import load_stylesheet

        load_stylesheet(app)
        then()

    app.run_worker(
        work,
        thread=True,
        exit_on_error=False,
        group="prepare-account",
        description="Preparing the account screen",
    )


# -- 6. rows and scrollbar in the same frame --------------------------------------
class SameFrameRefresh:
    """Mixed into `VirtualTable` (a Textual `ScrollView`). Textual 8.2's
    private `Widget._check_refresh`, `Widget._scroll_update` and
    `ScrollView._size_updated` are used here and nowhere else in the app; the
    version is pinned. With the switch off the table only assigns
    `virtual_size` and calls `refresh()` (public API), and the rows or the
    scrollbar may come one frame later."""

    _sizes_seen: tuple[Size, Size, Size] | None = None

    def size_changed_now(self) -> None:
        """After `virtual_size` was assigned: the scrollbars follow the rows
        now, so the frame that draws the rows draws them too (without it the
        layout that follows updates them, a frame later)."""
        if not enabled():
            return
        widget: Any = self
        if widget.is_mounted and widget.container_size:
            widget._scroll_update(widget.virtual_size)
            self._sizes_seen = (widget.size, widget.virtual_size, widget.container_size)

    def hand_refresh_to_screen(self) -> None:
        """Hand the repaint of the table and its scrollbar to the screen now.
        A widget's refresh waits for its own message queue to go idle; when
        another widget triggers the frame (a filter's Input, as the key is
        typed), the new rows or the scrollbar often missed it and came one
        frame (17-33 ms) later."""
        if not enabled():
            return
        widget: Any = self
        widget._check_refresh()
        if widget._vertical_scrollbar is not None:
            widget._vertical_scrollbar._check_refresh()

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Textual's ScrollView compares the laid-out size it is given with
        # its own virtual size, which never match here: every layout of the
        # screen (the filter's Input asks for one per keystroke) repainted
        # the scrollbar in a frame of its own, ~20-30 ms after the rows.
        # Nothing changed since the last update: nothing to do.
        parent: Any = super()
        if enabled():
            seen = (size, self.virtual_size, container_size)  # type: ignore[attr-defined]
            if seen == self._sizes_seen:
                return False
            self._sizes_seen = seen
        return bool(parent._size_updated(size, virtual_size, container_size, layout))
