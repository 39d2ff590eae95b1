"""Map tab (first version): the people on each side and their links."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable

from kamtui.services.overview import links, people
from kamtui.textsafe import clean
from kamtui.ui.widgets.account.base import AccountTab
from kamtui.vocab import DECISION_ROLE, FUNCTION


class MapTab(AccountTab):
    DEFAULT_CSS = """
    MapTab DataTable { width: 1fr; height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield DataTable(id="map-ours", cursor_type="row")
            yield DataTable(id="map-theirs", cursor_type="row")
            yield DataTable(id="map-links", cursor_type="row")

    def fetch(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return people(self.kam.store, self.account_id), links(self.kam.store, self.account_id)

    def show(self, data: Any) -> None:
        persons, pairs = data
        for side, table_id, title in (
            ("ours", "#map-ours", "Our people"),
            ("theirs", "#map-theirs", "Their people"),
        ):
            table = self.query_one(table_id, DataTable)
            table.clear(columns=True)
            table.add_columns(title, "Function", "Role")
            for p in persons:
                if p["side"] == side:
                    table.add_row(
                        Text(clean(p["name"], one_line=True)),
                        Text(FUNCTION.label(p["function"])),
                        Text(DECISION_ROLE.label(p["decision_role"])),
                    )
        table = self.query_one("#map-links", DataTable)
        table.clear(columns=True)
        table.add_columns("Ours", "Theirs", "Strength")
        for link in pairs:
            table.add_row(
                Text(clean(link["ours"], one_line=True)),
                Text(clean(link["theirs"], one_line=True)),
                Text("●" * int(link["strength"])),
            )
