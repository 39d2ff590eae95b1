"""A change saved in the app shows on the portfolio in the same frame as
the save's confirmation: the worker that saved it also computes the health
of the accounts it touched (`services.health_refresh`, a few ms each) and
reads their rows; the UI thread then swaps them in and confirms, in one
call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App


def after_write(app: App[Any]) -> Callable[[], None]:
    """In the worker that has just written: bring the portfolio's rows of the
    accounts that changed up to date; returns what the UI thread calls
    before confirming. Never fails the save: a problem here only leaves the
    rows to the portfolio's next update."""
    from kamtui.ui.screens.portfolio.screen import PortfolioScreen

    for screen in app.screen_stack:
        if isinstance(screen, PortfolioScreen):
            try:
                return screen.prepare_sync()
            except Exception:
                return lambda: None
    return lambda: None


def confirm_from_worker(app: App[Any], confirm: Callable[..., Any], *args: Any) -> None:
    """From a worker that saved: update the portfolio, then `confirm(*args)`
    (dismiss the form, notify) on the UI thread, in the same frame."""
    show = after_write(app)

    def both() -> None:
        show()
        confirm(*args)

    app.call_from_thread(both)
