"""Pausing Python's cyclic garbage collector while many objects that need no
cycle collection are made: the app's start-up (modules, widgets, rows that
live for the session) and a whole-portfolio health computation (a million
short-lived acyclic objects). Pauses nest and may come from several threads:
collection resumes when the last one ends, and stays off if something else
had turned it off before the first."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True
_startup = False


def pause() -> None:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1


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
    pause()
    try:
        yield
    finally:
        resume()


def pause_startup() -> None:
    """The start-up pause: it ends once, at the first paint or when the app
    ends, whichever comes first (`end_startup`)."""
    global _startup
    with _lock:
        if _startup:
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
