"""The merge dialog: which record goes (the source, to the trash) and which
stays (the target), what will move and be filled (the service's preview),
a key to swap the two, and the merge itself in a worker. Dismisses with the
merge's summary, or None when cancelled."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kamtui.domain.merge import MergeSummary
from kamtui.services import merge
from kamtui.services.errors import ServiceError
from kamtui.storage.errors import StorageError
from kamtui.ui import safe
from kamtui.ui.writes import Failure, run_write

if TYPE_CHECKING:
    from textual.app import App

    from kamtui.ui.app import KamApp

UNDO_HINT = "undo: ctrl+p, 'merge: undo the last merge'"


class MergeDialog(ModalScreen[MergeSummary | None]):
    """Merge `source_id` into `target_id` (accounts, or people of
    `account_id`). `s` swaps which one stays."""

    CSS_PATH = "merge.tcss"
    AUTO_FOCUS = "#merge-cancel"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "m",
            "merge",
            "Merge",
            id="merge.confirm",
            tooltip="Merge now: everything moves to the one kept, the other goes to the trash",
        ),
        Binding(
            "s",
            "swap",
            "Swap",
            id="merge.swap",
            tooltip="Keep the other one: swap which record goes and which stays",
        ),
        Binding("escape", "cancel", "Cancel", id="merge.cancel", tooltip="Close; nothing merged"),
    ]

    def __init__(
        self, kind: str, source_id: int, target_id: int, account_id: int | None = None
    ) -> None:
        super().__init__()
        self.kind = kind
        self.source_id = source_id
        self.target_id = target_id
        self.account_id = account_id
        self.plan: MergeSummary | None = None  # the preview of the pair shown
        self.busy = False  # the merge is being written

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        what = "accounts" if self.kind == "account" else "people"
        with Vertical(id="merge-box"):
            yield Static(Text(f"Merge two {what}", style="bold"), id="merge-title")
            yield Static(Text("Reading…", style="dim"), id="merge-pair")
            with VerticalScroll(id="merge-preview-box"):
                yield Static(Text(""), id="merge-preview")
            with Horizontal(id="merge-buttons"):
                yield Button("Merge (m)", variant="warning", id="merge-confirm", disabled=True)
                yield Button("Swap (s)", id="merge-swap")
                yield Button("Cancel (esc)", id="merge-cancel")

    def on_mount(self) -> None:
        self._load()

    def _load(self) -> None:
        self.plan = None
        self.query_one("#merge-confirm", Button).disabled = True
        self.query_one("#merge-preview", Static).update(Text("Working out what moves…", "dim"))
        store = self.kam.store
        pair = (self.kind, self.source_id, self.target_id, self.account_id)

        def work() -> None:
            try:
                plan: MergeSummary | str = merge.preview(store, *pair)
            except (ServiceError, StorageError) as exc:
                plan = str(exc)
            self.app.call_from_thread(self._loaded, pair, plan)

        self.run_worker(
            work,
            thread=True,
            exclusive=True,
            group="merge-preview",
            exit_on_error=False,
            description="Preview of the merge",
        )

    def _loaded(self, pair: tuple[Any, ...], plan: MergeSummary | str) -> None:
        if pair != (self.kind, self.source_id, self.target_id, self.account_id):
            return  # the pair was swapped meanwhile: another preview is coming
        preview = self.query_one("#merge-preview", Static)
        if isinstance(plan, str):
            self.query_one("#merge-pair", Static).update(safe.text(plan, "bold red"))
            preview.update(Text("Nothing can be merged as asked.", "dim"))
            return
        self.plan = plan
        pair_text = Text()
        pair_text.append(safe.text(f"{plan.source_name} (#{plan.source_id})", "bold"))
        pair_text.append("  goes to the trash, its records move into  ")
        pair_text.append(safe.text(f"{plan.target_name} (#{plan.target_id})", "bold"))
        pair_text.append("  (kept)")
        if plan.kind == "person":
            pair_text.append(safe.text(f"  — account {plan.account_name}", "dim"))
        self.query_one("#merge-pair", Static).update(pair_text)
        body = Text()
        for line in plan.lines():
            body.append("• ")
            body.append(safe.text(line, one_line=False))
            body.append("\n")
        preview.update(body)
        self.query_one("#merge-confirm", Button).disabled = False

    def action_swap(self) -> None:
        if self.busy:
            return
        self.source_id, self.target_id = self.target_id, self.source_id
        self._load()

    def action_merge(self) -> None:
        plan = self.plan
        if plan is None or self.busy:
            return
        self.busy = True
        self.query_one("#merge-confirm", Button).disabled = True
        store, app = self.kam.store, self.kam
        kind, source, target, account = self.kind, self.source_id, self.target_id, self.account_id

        def job() -> MergeSummary:
            return merge.merge(
                store, kind, source, target, account, today=app.today, config=app.config
            )

        run_write(self, job, done=self._merged, failed=self._failed, description="Merging")

    def _merged(self, done: MergeSummary) -> None:
        self.notify(f"{done.heading()} (merge #{done.merge_id}); {UNDO_HINT}", timeout=12)
        self.dismiss(done)

    def _failed(self, error: Failure) -> None:
        self.busy = False
        if not isinstance(error, StorageError):  # the app has said why already
            self.notify(str(error), severity="error")
        self._load()

    def action_cancel(self) -> None:
        if not self.busy:
            self.dismiss(None)

    @on(Button.Pressed, "#merge-confirm")
    def _confirm_pressed(self) -> None:
        self.action_merge()

    @on(Button.Pressed, "#merge-swap")
    def _swap_pressed(self) -> None:
        self.action_swap()

    @on(Button.Pressed, "#merge-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


def undo_last(app: App[Any]) -> None:
    """Undo the newest merge, in a worker, and say what came back; the
    screen on view reads its data again."""
    kam = cast("KamApp", app)
    store = kam.store

    def undone(report: Any) -> None:
        kam.notify("; ".join(report.lines()), timeout=10)
        refresh = getattr(kam.screen, "data_changed", None)
        if refresh is not None:
            refresh()

    run_write(kam.screen, lambda: merge.undo(store), done=undone, description="Undoing a merge")
