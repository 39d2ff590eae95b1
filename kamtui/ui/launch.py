"""Opening the app from the `kamtui` command: the store comes from the
caller, every start-up trick from `kamtui.ui.perf`. Importing this module does
not import Textual: the early read starts first."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kamtui.ui import perf

if TYPE_CHECKING:
    from kamtui.storage.db import Store


def run(open_store: Callable[[], Store]) -> int:
    """Open the store, run the app on it, close it; the app's return code."""
    with perf.startup_pause():
        store = open_store()
        early = None
        try:
            early = perf.start_early_read(store)
            from kamtui.ui.app import KamApp

            app = KamApp(store, first_portfolio=early.future if early else None)
            app.run()
        finally:
            if early is not None:
                early.join()
            store.close()
    return app.return_code or 0
