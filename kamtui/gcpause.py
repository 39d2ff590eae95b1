"""Pausing Python's cyclic garbage collector while many objects that need no
cycle collection are made: the app's start-up (modules, widgets, rows that
live for the session) and a whole-portfolio health computation (a million
short-lived acyclic objects). Pauses nest and may come from several threads:
collection resumes when the last one ends, and stays off if something else
had turned it off before the first. The app's one switch for its performance
tricks (`kamtui.ui.perf`, `KAMTUI_NO_TUNING`) turns pauses off with
`set_enabled(False)`."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True
_startup = False
_enabled = True


def set_enabled(flag: bool) -> None:
    """Pauses asked for from now on happen (True) or are skipped (False)."""
    global _enabled
    _enabled = flag


def is_enabled() -> bool:
    """Whether pauses happen (a child process computing health follows
    its parent's switch)."""
    return _enabled


def pause() -> bool:
    """Pause collection; False (and nothing done, no `resume` due) when
    pauses are turned off."""
    global _depth, _was_enabled
    with _lock:
        if not _enabled:
            return False
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
        return True


def resume() -> None:
    global _depth
    with _lock:
        if _depth == 0:
            return
        _depth -= 1
        if _depth == 0 and _was_enabled:
            gc.enable()


@contextmanager
def paused() -> Iterator[None]:
    paused = pause()
    try:
        yield
    finally:
        if paused:
            resume()


def pause_startup() -> None:
    """The start-up pause: it ends once, at the first paint or when the app
    ends, whichever comes first (`end_startup`)."""
    global _startup
    with _lock:
        if _startup or not _enabled:
            return
        _startup = True
    pause()


def end_startup() -> None:
    global _startup
    with _lock:
        if not _startup:
            return
        _startup = False
    resume()
