"""Goals tab (first version): the account's revitalisation goals."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable

from kamtui.dates import display_date
from kamtui.services.overview import goals
from kamtui.textsafe import clean
from kamtui.ui.widgets.account.base import AccountTab
from kamtui.vocab import GOAL_STATUS, GOAL_TYPE


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class GoalsTab(AccountTab):
    def compose(self) -> ComposeResult:
        yield DataTable(id="goals-table", cursor_type="row", zebra_stripes=True)

    def fetch(self) -> list[dict[str, Any]]:
        return goals(self.kam.store, self.account_id)

    def show(self, data: Any) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns("Goal", "Type", "Baseline", "Target", "Due", "Status", "Open actions")
        for g in data:
            table.add_row(
                Text(clean(g["title"], one_line=True)),
                Text(GOAL_TYPE.label(g["type"])),
                Text(_num(g["baseline"])),
                Text(_num(g["target"])),
                Text(display_date(g["due_date"])),
                Text(GOAL_STATUS.label(g["status"])),
                Text(str(g["open_actions"])),
            )
