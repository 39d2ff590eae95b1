"""Everything about one account: identity header and tabs."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Static, TabbedContent, TabPane
from textual.widgets.tabbed_content import ContentTabs

from kamtui.domain.models import Account, AccountInput
from kamtui.services import accounts
from kamtui.services.errors import NotFound
from kamtui.ui import safe
from kamtui.ui.screens.account.tabs.base import AccountTab
from kamtui.ui.screens.account.tabs.goals_tab import GoalsTab
from kamtui.ui.screens.account.tabs.interactions_tab import InteractionsTab
from kamtui.ui.screens.account.tabs.map_tab import MapTab
from kamtui.ui.screens.account.tabs.overview import OverviewTab
from kamtui.ui.screens.account.tabs.transactions_tab import TransactionsTab
from kamtui.ui.widgets.keybar import KeyBar
from kamtui.ui.writes import run_write

if TYPE_CHECKING:
    from textual.app import App

    from kamtui.ui.app import KamApp


def identity_text(account: Account) -> Text:
    """One or two lines that say who the client is; user text stays literal."""
    text = Text()
    text.append(safe.plain(account.name), style="bold")
    if account.tier:
        text.append(f"  tier {safe.plain(account.tier)}", style="cyan")
    if account.status != "active":
        text.append(f"  [{account.status}]", style="yellow")
    details = [
        ("#", account.account_number),
        ("", account.tax_id),
        ("", account.industry),
        ("KAM ", account.owner),
    ]
    bits = [f"{label}{safe.plain(v)}" for label, v in details if v]
    if bits:
        text.append("   " + " · ".join(bits), style="dim")
    contact = [safe.plain(v) for v in (account.phone, account.email, account.address) if v]
    if account.cadence_days:
        contact.append(f"contact every {account.cadence_days} d")
    if contact:
        text.append("\n" + " · ".join(contact), style="dim")
    return text


# (pane id, tab label, tab widget) in the order of the tab bar.
TABS: tuple[tuple[str, str, type[AccountTab]], ...] = (
    ("overview", "1 Overview", OverviewTab),
    ("map", "2 Map", MapTab),
    ("interactions", "3 Interactions", InteractionsTab),
    ("goals", "4 Goals", GoalsTab),
    ("transactions", "5 Transactions", TransactionsTab),
)


def load_stylesheet(app: App[Any]) -> None:
    """Add the account screen's stylesheet to the app's before the first
    account opens (the app calls it once the portfolio is loaded and idle):
    Textual re-parses every stylesheet it holds when a screen brings a new
    one, ~50 ms on the first open otherwise. Its rules name only the account
    screen's widgets, so nothing else changes look."""
    stylesheet = app.stylesheet
    path = str((Path(inspect.getfile(AccountScreen)).parent / AccountScreen.CSS_PATH).resolve())
    if stylesheet.has_source(path):
        return
    stylesheet.read(path)
    stylesheet.reparse()
    stylesheet.update(app)


class AccountScreen(Screen[None]):
    CSS_PATH = "account.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,backspace", "back", "Back", id="account.back", tooltip="Back to the portfolio"
        ),
        Binding("e", "edit", "Edit", id="account.edit", tooltip="Edit the account's identity"),
        Binding(
            "d",
            "delete",
            "Delete",
            id="account.delete",
            tooltip="Move the account to the trash (undo with u on the portfolio)",
        ),
        Binding(
            "M",
            "merge",
            "Merge into…",
            show=False,  # a rare correction: in help (?) and the palette, not the key bar
            id="account.merge",
            tooltip="Merge this account into another (a duplicate): pick the one to keep",
        ),
        Binding("1", "tab('overview')", "Overview", show=False, id="account.tab1"),
        Binding("2", "tab('map')", "Map", show=False, id="account.tab2"),
        Binding("3", "tab('interactions')", "Interactions", show=False, id="account.tab3"),
        Binding("4", "tab('goals')", "Goals", show=False, id="account.tab4"),
        Binding("5", "tab('transactions')", "Transactions", show=False, id="account.tab5"),
        Binding(
            "L", "log", "Log", id="account.log", tooltip="Log an interaction with this account"
        ),
        Binding(
            "b",
            "brief",
            "Brief",
            id="account.brief",
            tooltip="The brief to read before a meeting; save it as Markdown or HTML",
        ),
    ]

    def __init__(self, account_id: int) -> None:
        super().__init__()
        self.account_id = account_id
        self.account: Account | None = None  # loaded by a worker, see refresh_identity
        self._seen_outside = 0  # the app's outside_changes this screen has read

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="account-identity")
        # Only the tab shown first is built now; the others build (and load)
        # when first shown: see AccountTab.
        with TabbedContent(id="account-tabs"):
            for pane_id, label, _tab in TABS:
                with TabPane(label, id=pane_id):
                    yield self._new_tab(pane_id)
        yield KeyBar()

    def _new_tab(self, pane_id: str) -> AccountTab:
        tab_class = next(cls for pid, _label, cls in TABS if pid == pane_id)
        return tab_class(self.account_id, built=pane_id == "overview")

    def on_mount(self) -> None:
        self.refresh_identity()
        self._seen_outside = self.kam.outside_changes

    def on_screen_resume(self) -> None:
        # Back from another screen: read again if another process wrote
        # meanwhile (the app's watch refreshes only the screen on view).
        if self.is_mounted and self._seen_outside != self.kam.outside_changes:
            self.data_changed()

    def data_changed(self) -> None:
        """Another process wrote: read the identity and the tab on view again;
        the other tabs read again when shown (AccountTab.arrive)."""
        self._seen_outside = self.kam.outside_changes
        self.refresh_identity()
        tabs = self.query_one(TabbedContent)
        if tabs.active:
            for tab in tabs.get_pane(tabs.active).query_children(AccountTab):
                tab.reload()

    def set_account(self, account_id: int) -> None:
        """Show another account on this (installed, not shown) screen, as if
        it were a new one: no identity, the Overview, and every tab a new
        widget for the new account (nothing of the previous one survives);
        saves mounting and styling the header, tab bar and key bar again."""
        self.account_id = account_id
        self.account = None
        self.title = None
        self.query_one("#account-identity", Static).update("")
        tabs = self.query_one(TabbedContent)
        self.set_focus(None)
        for pane_id, _label, _tab in TABS:
            pane = tabs.get_pane(pane_id)
            pane.remove_children()
            pane.mount(self._new_tab(pane_id))
        tabs.active = "overview"
        self.refresh_identity()

    def refresh_identity(self) -> None:
        """Read the account in a worker; `_identity_loaded` shows it."""
        self.run_worker(
            self._load_identity,
            thread=True,
            exclusive=True,
            group="account-identity",
            exit_on_error=False,
            description="Loading the account",
        )

    def _load_identity(self) -> None:
        account_id = self.account_id
        try:
            account: Account | None = accounts.get(self.kam.store, account_id)
        except NotFound:
            account = None
        self.app.call_from_thread(self._identity_loaded, account, account_id)

    def _identity_loaded(self, account: Account | None, account_id: int) -> None:
        if account_id != self.account_id:
            return  # read for the account shown before: another read is on its way
        if account is None:
            self.notify("This account no longer exists", severity="error")
            if self.is_current:
                self.app.pop_screen()
            return
        self.account = account
        self.title = safe.plain(account.name)
        self.query_one("#account-identity", Static).update(safe.text(identity_text(account)))

    def _loaded_account(self) -> Account | None:
        if self.account is None:
            self.notify("The account is still loading", severity="warning")
        return self.account

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # Build and focus the tab now rather than on its Show event alone,
        # which Textual skips when the switch shares a refresh with a scroll.
        pane = event.pane
        for tab in pane.query_children(AccountTab):
            await tab.arrive()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_log(self) -> None:
        from kamtui.ui.screens.account.tabs.interactions_tab import open_log_form

        account = self._loaded_account()
        if account is not None:
            open_log_form(self, self.account_id, account.name)

    def action_brief(self) -> None:
        from kamtui.ui.screens.brief.screen import BriefScreen

        self.app.push_screen(BriefScreen(self.account_id))

    def action_tab(self, tab: str) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active == tab:
            return
        # Take the focus out of the pane being left first: when a focused
        # widget is hidden Textual focuses its neighbour in the same pane, and
        # a pane with focus inside makes itself the active one again. The tab
        # being shown then focuses its own content (AccountTab.shown).
        focused = self.focused
        if focused is not None and tabs in focused.ancestors:
            self.set_focus(tabs.query_one(ContentTabs))
        tabs.active = tab

    def action_edit(self) -> None:
        from kamtui.ui.screens.forms.account_form import AccountFormScreen

        account = self._loaded_account()
        if account is None:
            return

        def done(data: AccountInput | None) -> None:
            if data is None:
                return
            # The form saved it (over the version it loaded).
            self.notify(f"Saved {safe.plain(data.name)}", markup=False)
            self.refresh_identity()

        self.app.push_screen(AccountFormScreen(account), done)

    def action_delete(self) -> None:
        from kamtui.ui.screens.portfolio.screen import PortfolioScreen

        account = self._loaded_account()
        if account is None:
            return
        store, account_id = self.kam.store, self.account_id

        def deleted(_: object) -> None:
            if self.app.screen is self:
                self.app.pop_screen()
            screen = self.app.screen
            if isinstance(screen, PortfolioScreen):
                screen.remember_deleted(account_id, account.name)
            self.notify(
                f"Moved {safe.plain(account.name)} to the trash — press u to undo", markup=False
            )

        run_write(self, lambda: accounts.delete(store, account_id), done=deleted)

    def action_merge(self) -> None:
        """Pick the account to keep, then the merge dialog; after the merge
        the account kept is shown (this one is in the trash)."""
        from kamtui.ui.screens.merge.dialog import MergeDialog
        from kamtui.ui.screens.merge.picker import AccountPicker

        account = self._loaded_account()
        if account is None:
            return
        source_id = self.account_id

        def merged(done: object) -> None:
            target_id = getattr(done, "target_id", None)
            if target_id is None:
                return
            if target_id == self.account_id:  # swapped: this account was kept
                self.data_changed()
                return
            if self.app.screen is self:
                self.app.pop_screen()
            self.kam.open_account(target_id)

        def picked(target_id: int | None) -> None:
            if target_id is not None:
                self.app.push_screen(MergeDialog("account", source_id, target_id), merged)

        self.app.push_screen(
            AccountPicker(f"Merge {safe.plain(account.name)} into…", exclude=source_id), picked
        )
