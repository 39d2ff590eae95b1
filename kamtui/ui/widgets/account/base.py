"""Common plumbing for account tabs: load data in a thread worker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.widget import Widget

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp


class AccountTab(Widget):
    """A tab bound to one account. Subclasses implement `fetch()` (runs in a
    worker thread: storage/services only) and `show(data)` (UI thread)."""

    DEFAULT_CSS = """
    AccountTab {
        height: 1fr;
    }
    """

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.account_id = account_id

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.run_worker(
            self._fetch_then_show,
            thread=True,
            exclusive=True,
            group=f"tab-{id(self)}",
            exit_on_error=False,
            description=f"Loading {type(self).__name__}",
        )

    def _fetch_then_show(self) -> None:
        data = self.fetch()
        self.app.call_from_thread(self.show, data)

    def fetch(self) -> Any:
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError
