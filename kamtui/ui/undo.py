"""Delete with undo, the same way on every screen that deletes: the delete
runs in a worker (`run_write`), the user is told "Moved … to the trash —
press u to undo", and `u` puts back the last one deleted on that screen
(again in a worker; a failed undo stays on the stack for another try)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.dom import DOMNode

from kamtui.textsafe import clean
from kamtui.ui.writes import run_write

LABEL_WIDTH = 48


def label(kind: str, text: str | None) -> str:
    """'the interaction "Quarterly review"', on one line, shortened, plain."""
    value = clean(text or "", one_line=True).strip()
    if len(value) > LABEL_WIDTH:
        value = value[: LABEL_WIDTH - 1] + "…"
    return f"the {kind} “{value}”" if value else f"the {kind}"


@dataclass(frozen=True)
class Undo:
    label: str
    restore: Callable[[], object]  # runs in a worker thread


class UndoStack:
    """What was deleted on one screen or tab, newest last."""

    def __init__(self) -> None:
        self.items: list[Undo] = []

    def __bool__(self) -> bool:
        return bool(self.items)

    def delete(
        self,
        node: DOMNode,
        what: str,
        job: Callable[[], object],
        *,
        restore: Callable[[object], object],
        done: Callable[[], object],
        trashed: bool = True,
    ) -> None:
        """Run `job` (the delete) in a worker; then remember how to undo it
        (`restore(job's result)`), say so, and `done()`."""

        def deleted(result: object) -> None:
            self.items.append(Undo(what, lambda: restore(result)))
            where = "Moved {} to the trash" if trashed else "Deleted {}"
            node.app.notify(f"{where.format(what)} — press u to undo", markup=False, timeout=6)
            done()

        run_write(node, job, done=deleted)

    def undo(self, node: DOMNode, done: Callable[[], object]) -> None:
        if not self.items:
            node.app.notify("Nothing to undo", severity="warning")
            return
        item = self.items.pop()

        def restored(_: object) -> None:
            node.app.notify(f"Restored {item.label}", markup=False)
            done()

        run_write(node, item.restore, done=restored, failed=lambda _exc: self.items.append(item))
