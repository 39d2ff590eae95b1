"""Transactions tab (first version): the account's orders, newest first."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable

from kamtui.dates import display_date
from kamtui.formatting import money, percent
from kamtui.services.overview import transactions
from kamtui.textsafe import clean
from kamtui.ui.widgets.account.base import AccountTab


class TransactionsTab(AccountTab):
    def compose(self) -> ComposeResult:
        yield DataTable(id="transactions-table", cursor_type="row", zebra_stripes=True)

    def fetch(self) -> list[dict[str, Any]]:
        return transactions(self.kam.store, self.account_id)

    def show(self, data: Any) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns("Date", "Document", "Category", "Amount", "Margin")
        for t in data:
            table.add_row(
                Text(display_date(t["date"])),
                Text(clean(t["document"], one_line=True)),
                Text(clean(t["category"], one_line=True)),
                Text(money(t["amount"]), justify="right"),
                Text(percent(t["margin"]) if t["margin"] is not None else "", justify="right"),
            )
