"""Changes made in the app are written in a thread worker, never on the UI
thread: a write may wait up to two minutes for another process (an import
from the shell), and the screen must keep answering meanwhile.

`run_write(node, job, done=…, failed=…)` runs `job()` in a worker. On
success `done(result)` runs on the UI thread. A `ServiceError` (the request
cannot be done as asked), a `RecordConflict` (the record changed meanwhile)
or a `StorageError` (busy past the limit, disk full: the app has already
shown why, through `Store.on_failure`) goes to `failed(error)` on the UI
thread, so the caller can keep what the user typed on screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.dom import DOMNode
from textual.worker import Worker

from kamtui.services.errors import RecordConflict, ServiceError
from kamtui.storage.errors import StorageError
from kamtui.ui.health_sync import after_write

T = TypeVar("T")

Failure = ServiceError | RecordConflict | StorageError


def run_write(
    node: DOMNode,
    job: Callable[[], T],
    *,
    done: Callable[[T], Any] | None = None,
    failed: Callable[[Failure], Any] | None = None,
    description: str = "Saving",
) -> Worker[None]:
    app = node.app

    def work() -> None:
        try:
            result = job()
        except (ServiceError, RecordConflict, StorageError) as exc:
            app.call_from_thread(_failed, exc)
            return
        # The portfolio's rows of what changed, updated with the
        # confirmation (`health_sync`).
        show = after_write(app)

        def finish() -> None:
            show()
            if done is not None:
                done(result)

        app.call_from_thread(finish)

    def _failed(exc: Failure) -> None:
        if failed is not None:
            failed(exc)
        elif not isinstance(exc, StorageError):  # StorageError: the app said why
            app.notify(str(exc), severity="error", markup=False)

    return node.run_worker(
        work, thread=True, exit_on_error=False, group="write", description=description
    )
