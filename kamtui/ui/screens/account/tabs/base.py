"""Common plumbing for account tabs: build the tab the first time it is shown,
then load its data in a thread worker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp


class AccountTab(Widget):
    """A tab bound to one account. Subclasses implement `compose_content()`
    (the tab's widgets), `fetch()` (runs in a worker thread: storage/services
    only), `show(data)` (UI thread) and optionally `shown()` (the tab came into
    view, after it is built).

    A tab is an empty widget until `build()`: the account screen builds the tab
    it opens on at once and the others when they are first shown, so opening an
    account mounts (and styles) one tab's widgets, not five, and runs one tab's
    queries."""

    DEFAULT_CSS = """
    AccountTab {
        height: 1fr;
    }
    """

    def __init__(self, account_id: int, *, built: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.account_id = account_id
        self.built = built
        self._building = False
        self._shown_pending = False
        # The store's change marker when the data shown was read: a tab shown
        # again after a change elsewhere (a person added on the Map changes the
        # Overview's counts) reads again.
        self._loaded_marker: tuple[int, int] | None = None

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        if self.built:
            yield from self.compose_content()

    def compose_content(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        if self.built:
            self.reload()

    async def build(self) -> None:
        """Mount the tab's widgets and start loading its data (once)."""
        if self.built or self._building or not self.is_attached:
            return
        self._building = True
        self.built = True
        try:
            await self.recompose()
        finally:
            self._building = False
        self.reload()
        if self._shown_pending:
            self._shown_pending = False
            if self.is_active():
                self.shown()

    def is_active(self) -> bool:
        """Is this the tab its TabbedContent shows (True outside one)?"""
        pane = self.parent
        if not isinstance(pane, TabPane):
            return True
        for ancestor in pane.ancestors:
            if isinstance(ancestor, TabbedContent):
                return ancestor.active == pane.id
        return True

    async def on_show(self) -> None:
        await self.arrive()

    async def arrive(self) -> None:
        """The tab is (maybe) being shown: build it the first time, then
        `shown()`. Called on Show and by the account screen when its tab
        becomes the active one: Textual sends no Show to a widget that appears
        in the same refresh as a scroll (Tab, then ↓ on the Overview, then 2
        left the Map an empty, keyless `MapTab`)."""
        # Textual can send Show to the pane being left (focus moves inside it
        # as it hides): only the tab being shown builds and takes the focus.
        if not self.is_active():
            return
        if not self.built:
            await self.build()
        elif not self._building and self._loaded_marker is not None:
            marker = self.kam.store.change_marker_nowait()
            if marker != self._loaded_marker:
                self.reload()
        if self._building:  # built by someone else: show when the widgets are there
            self._shown_pending = True
        else:
            self.shown()

    def shown(self) -> None:
        """The tab came into view (and is built)."""

    def reload(self) -> None:
        if not self.built:
            return  # loads when it is first shown
        self.run_worker(
            self._fetch_then_show,
            thread=True,
            exclusive=True,
            group=f"tab-{id(self)}",
            exit_on_error=False,
            description=f"Loading {type(self).__name__}",
        )

    def _fetch_then_show(self) -> None:
        marker = self.kam.store.change_marker()  # before reading: a write meanwhile reads again
        data = self.fetch()
        self.app.call_from_thread(self._show_loaded, data, marker)

    def _show_loaded(self, data: Any, marker: tuple[int, int]) -> None:
        self._loaded_marker = marker
        self.show(data)

    def fetch(self) -> Any:
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError
