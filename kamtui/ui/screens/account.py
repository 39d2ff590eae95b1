"""Everything about one account: identity header and tabs."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from kamtui.domain.models import Account, AccountInput
from kamtui.services import accounts
from kamtui.services.errors import NotFound
from kamtui.textsafe import clean
from kamtui.ui.widgets.account.goals_tab import GoalsTab
from kamtui.ui.widgets.account.interactions_tab import InteractionsTab
from kamtui.ui.widgets.account.map_tab import MapTab
from kamtui.ui.widgets.account.overview import OverviewTab
from kamtui.ui.widgets.account.transactions_tab import TransactionsTab

if TYPE_CHECKING:
    from kamtui.ui.app import KamApp


def identity_text(account: Account) -> Text:
    """One or two lines that say who the client is; user text stays literal."""
    text = Text()
    text.append(clean(account.name, one_line=True), style="bold")
    if account.tier:
        text.append(f"  tier {clean(account.tier, one_line=True)}", style="cyan")
    if account.status != "active":
        text.append(f"  [{account.status}]", style="yellow")
    details = [
        ("#", account.account_number),
        ("", account.tax_id),
        ("", account.industry),
        ("KAM ", account.owner),
    ]
    bits = [f"{label}{clean(v, one_line=True)}" for label, v in details if v]
    if bits:
        text.append("   " + " · ".join(bits), style="dim")
    contact = [
        clean(v, one_line=True) for v in (account.phone, account.email, account.address) if v
    ]
    if account.cadence_days:
        contact.append(f"contact every {account.cadence_days} d")
    if contact:
        text.append("\n" + " · ".join(contact), style="dim")
    return text


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
        Binding("1", "tab('overview')", "Overview", show=False, id="account.tab1"),
        Binding("2", "tab('map')", "Map", show=False, id="account.tab2"),
        Binding("3", "tab('interactions')", "Interactions", show=False, id="account.tab3"),
        Binding("4", "tab('goals')", "Goals", show=False, id="account.tab4"),
        Binding("5", "tab('transactions')", "Transactions", show=False, id="account.tab5"),
        Binding(
            "L", "log", "Log", id="account.log", tooltip="Log an interaction with this account"
        ),
    ]

    def __init__(self, account_id: int) -> None:
        super().__init__()
        self.account_id = account_id

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="account-identity")
        with TabbedContent(id="account-tabs"):
            with TabPane("1 Overview", id="overview"):
                yield OverviewTab(self.account_id)
            with TabPane("2 Map", id="map"):
                yield MapTab(self.account_id)
            with TabPane("3 Interactions", id="interactions"):
                yield InteractionsTab(self.account_id)
            with TabPane("4 Goals", id="goals"):
                yield GoalsTab(self.account_id)
            with TabPane("5 Transactions", id="transactions"):
                yield TransactionsTab(self.account_id)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_identity()

    def refresh_identity(self) -> None:
        try:
            account = accounts.get(self.kam.store, self.account_id)
        except NotFound:
            self.notify("This account no longer exists", severity="error")
            self.app.pop_screen()
            return
        self.account = account
        self.title = clean(account.name, one_line=True)
        self.query_one("#account-identity", Static).update(identity_text(account))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_log(self) -> None:
        from kamtui.ui.widgets.account.interactions_tab import open_log_form

        open_log_form(self, self.account_id, self.account.name)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_edit(self) -> None:
        from kamtui.ui.screens.account_form import AccountFormScreen

        def done(data: AccountInput | None) -> None:
            if data is None:
                return
            accounts.update(self.kam.store, self.account_id, data)
            self.notify(f"Saved {clean(data.name, one_line=True)}", markup=False)
            self.refresh_identity()

        self.app.push_screen(AccountFormScreen(self.account), done)

    def action_delete(self) -> None:
        from kamtui.ui.screens.portfolio import PortfolioScreen

        accounts.delete(self.kam.store, self.account_id)
        name = clean(self.account.name, one_line=True)
        self.app.pop_screen()
        screen = self.app.screen
        if isinstance(screen, PortfolioScreen):
            screen._undo.append((self.account_id, self.account.name))
        self.notify(f"Moved {name} to the trash — press u to undo", markup=False)
