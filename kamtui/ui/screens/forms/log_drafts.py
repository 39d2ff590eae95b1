"""The log form's drafts: every change is kept for the account (in the
database, so it survives Escape, a crash or a closed terminal). The save is
debounced while typing (DRAFT_DELAY after the last key, at most
DRAFT_MAX_WAIT after the first unsaved one) and done at once, on the UI
thread, when the form closes, the app quits (`flush_before_quit`, which first
lets the keys already typed reach the fields) or is suspended (the $EDITOR
round-trip, ctrl+z). A database still locked by another process after its
busy timeout does not lose the draft: it goes to a file next to the database
(`inter.save_draft_file`), the user is told where, and the form offers it back
next time."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import work
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Static

from kamtui.services import interactions as inter
from kamtui.services.errors import ServiceError
from kamtui.textsafe import clean
from kamtui.ui.screens.forms.form_base import ScrollsToFields

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp

# Typing stays fast: a draft write (~1 ms, in a worker) after a 0.3 s pause,
# and at least every 2 s while typing on. Quitting, suspending and closing
# write what is pending at once.
DRAFT_DELAY = 0.3
DRAFT_MAX_WAIT = 2.0
# Closing or quitting writes the draft on the UI thread: it waits this long
# for another process's write, then keeps the draft in a file beside the database.
FLUSH_WAIT = 3.0


def has_content(values: dict[str, Any]) -> bool:
    """Worth keeping as a draft (the defaults alone are not)."""
    return bool(
        str(values.get("summary") or "").strip()
        or str(values.get("notes") or "").strip()
        or str(values.get("next") or "").strip()
        or values.get("people")
        or values.get("mood") is not None
    )


class DraftScreen(ScrollsToFields, ModalScreen[int | None]):
    """The log form's base: its draft, written as the user types. The form
    gives `values()`, `account_id`, `saving` and `loaded`, and calls
    `init_drafts` when built."""

    account_id: int
    saving: bool
    loaded: bool

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def init_drafts(self) -> None:
        self._draft_timer: Timer | None = None
        self._suspend_draft = True
        self._unsaved: dict[str, Any] | None = None
        # Drafts: every change bumps _gen; _saved_gen is the change last
        # written (by the worker or a flush, under _draft_lock: an older
        # write never lands after a newer one).
        self._gen = 0
        self._saved_gen = 0
        self._pending_since: float | None = None
        self._draft_lock = threading.Lock()
        self._final = False  # the app is leaving: the draft is written, stop
        self._fallback: Path | None = None  # a draft file the db has not taken yet
        self._fallback_told = False

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    @property
    def has_content(self) -> bool:
        return has_content(self.values())

    def _current_values(self) -> dict[str, Any] | None:
        """The form's values now; those of the last change when the fields
        are already gone (the screen being removed)."""
        try:
            return self.values()
        except Exception:  # NoMatches and friends while unmounting
            return self._unsaved

    @property
    def draft_pending(self) -> bool:
        """Changed since the draft was last written."""
        return self._gen > self._saved_gen

    def _changed(self) -> None:
        self.query_one("#log-error", Static).update("")
        if self._suspend_draft or self.saving or self._final:
            return
        self._gen += 1
        self._unsaved = self.values()
        now = time.monotonic()
        if self._pending_since is None:
            self._pending_since = now
        # (a Timer cannot be 0 s: Textual divides by its interval)
        delay = max(0.05, min(DRAFT_DELAY, self._pending_since + DRAFT_MAX_WAIT - now))
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(delay, self._save_draft)

    def _catch_up(self) -> None:
        """Count a change whose Changed message has not arrived yet (keys
        typed just before quitting)."""
        if self._suspend_draft or self.saving or self._final or not self.loaded:
            return
        try:
            values = self.values()
        except Exception:  # the fields are gone
            return
        if values == self._unsaved or (self._unsaved is None and not has_content(values)):
            return
        self._gen += 1
        self._unsaved = values

    def _stop_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        self._pending_since = None

    def _save_draft(self) -> None:
        self._draft_timer = None
        self._pending_since = None
        if self.saving or self._final or not self.draft_pending:
            return
        self._write_draft(self._gen, self.values())

    @work(thread=True, exclusive=True, group="log-draft", exit_on_error=False)
    def _write_draft(self, gen: int, values: dict[str, Any]) -> None:
        try:
            self._persist(gen, values)
        except ServiceError as exc:
            self.app.call_from_thread(self._draft_failed, str(exc))

    def _draft_failed(self, message: str) -> None:
        """A background write failed (the database stayed busy): say so and
        try again shortly; closing or quitting falls back to a file."""
        self.notify(
            f"Draft not saved yet: {clean(message, one_line=True)} — retrying",
            severity="warning",
            markup=False,
        )
        if self.is_mounted and not self._final and self._draft_timer is None:
            self._draft_timer = self.set_timer(2.0, self._save_draft)

    def _persist(self, gen: int, values: dict[str, Any]) -> None:
        """Write change `gen` to the database, unless a newer one is there
        already (any thread). Raises ServiceError (DraftNotSaved)."""
        store = self.kam.store
        with self._draft_lock:
            if gen <= self._saved_gen:
                return
            if has_content(values):
                inter.save_draft(store, self.account_id, values)
            else:
                inter.clear_draft(store, self.account_id)
            self._saved_gen = gen
            if self._fallback is not None:
                inter.clear_draft_file(store.path, self.account_id)
                self._fallback = None

    def flush_draft(self) -> Path | None:
        """Write the pending draft now, on this thread (closing, quitting,
        suspending). None: the database has it (or there was nothing to
        write). A path: the database could not take it (still busy after its
        timeout), so it was written to that file. Raises OSError when even
        the file cannot be written: then nothing is kept."""
        self._stop_timer()
        self._catch_up()
        if self.saving or not self.loaded or not self.draft_pending:
            return None
        values = self._current_values()
        if values is None:
            return None
        gen = self._gen
        try:
            # On the UI thread (quitting, closing): a short wait, then the file.
            with self.kam.store.waiting_at_most(FLUSH_WAIT):
                self._persist(gen, values)
        except ServiceError:
            path = inter.save_draft_file(self.kam.store.path, self.account_id, values)
            self._fallback = path
            return path
        return None

    def _flush_and_tell(self) -> bool:
        """flush_draft, telling the user when the draft went to a file or was
        not kept at all (then False)."""
        try:
            path = self.flush_draft()
        except OSError as exc:
            self.notify(
                f"Your draft could not be saved (database busy, and {exc}). "
                "Copy your notes somewhere safe.",
                severity="error",
                timeout=15,
                markup=False,
            )
            return False
        if path is not None:
            self._tell_fallback(path)
        return True

    def _tell_fallback(self, path: Path) -> None:
        self._fallback_told = True
        self.notify(
            f"The database is busy (another program is writing): your draft was saved to {path} "
            "and will be offered back when you log for this account again",
            severity="warning",
            timeout=15,
            markup=False,
        )

    async def flush_before_quit(self) -> bool:
        """Called by the app before it quits: let the keys already typed reach
        the field (a fast typist's last keys may still be queued when ctrl+q
        arrives), then write the draft. False keeps the app open: the user
        was told why (once: quitting again leaves, the draft being in its
        file)."""
        target = self.focused
        if target is not None:
            reached = asyncio.get_running_loop().create_future()

            def mark() -> None:
                if not reached.done():
                    reached.set_result(None)

            if target.call_later(mark):
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(reached, 2.0)
        told = self._fallback_told
        try:
            path = self.flush_draft()
        except OSError as exc:
            self.notify(
                f"Not quitting: your draft could not be saved (database busy, and {exc}). "
                "Try again in a moment, or copy your notes somewhere safe.",
                severity="error",
                timeout=15,
                markup=False,
            )
            return False
        if path is not None and not told:
            self._tell_fallback(path)
            self.notify("Press ctrl+q again to quit", timeout=15)
            return False
        self._final = True
        return True

    def flush_before_exit(self) -> str | None:
        """Called when the app exits by another route (App.exit): write the
        draft now; a line for the terminal when it did not go to the database."""
        if self._final:
            return None
        try:
            path = self.flush_draft()
        except OSError as exc:
            values = self._current_values() or {}
            return (
                f"kamtui: your log draft could not be saved ({exc}). Summary: "
                f"{values.get('summary', '')!r}; notes: {values.get('notes', '')!r}"
            )
        finally:
            self._final = True
        if path is not None:
            return f"kamtui: the database was busy; your log draft was saved to {path}"
        return None

    def _app_suspending(self, _app: Any) -> None:
        """The app is about to hand the terminal over (ctrl+z, $EDITOR)."""
        if not self._final:
            self._flush_and_tell()

    def action_close(self) -> None:
        if not self._flush_and_tell():
            return  # nothing kept: the form stays open with what was typed
        if not self.saving and self.loaded and has_content(self._current_values() or {}):
            self.notify(
                "Draft kept — log an interaction for this account again to continue",
                timeout=4,
            )
        self._final = True
        self.dismiss(None)

    def on_unmount(self) -> None:
        # The screen removed another way (popped, the app leaving by a route
        # that did not flush): keep what was typed, even when the draft timer
        # has not fired yet.
        if self._final or self.saving:
            return
        try:
            message = self.flush_before_exit()
        except Exception:  # the store may already be closed
            return
        if message:
            with contextlib.suppress(Exception):
                self.app.notify(message, severity="warning", markup=False, timeout=15)
