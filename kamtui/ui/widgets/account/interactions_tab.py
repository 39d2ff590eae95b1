"""Interactions tab (first version): the account's interactions, newest first."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable

from kamtui.dates import display_date
from kamtui.services.overview import interactions
from kamtui.textsafe import clean
from kamtui.ui.widgets.account.base import AccountTab
from kamtui.vocab import CHANNEL, KIND, LEVEL


class InteractionsTab(AccountTab):
    def compose(self) -> ComposeResult:
        yield DataTable(id="interactions-table", cursor_type="row", zebra_stripes=True)

    def fetch(self) -> list[dict[str, Any]]:
        return interactions(self.kam.store, self.account_id)

    def show(self, data: Any) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns("When", "Channel", "Level", "Kind", "Mood", "Summary")
        for row in data:
            table.add_row(
                Text(f"{display_date(row['occurred_at'])} {row['occurred_at'][11:16]}"),
                Text(CHANNEL.label(row["channel"])),
                Text(LEVEL.label(row["level"])),
                Text(KIND.label(row["kind"])),
                Text(str(row["mood"] or "")),
                Text(clean(row["summary"], one_line=True)),
            )
