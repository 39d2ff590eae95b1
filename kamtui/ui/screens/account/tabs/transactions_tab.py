"""Transactions tab: what the client does — the headline figures, revenue by
month (a plotext chart), categories with wallet share, and every order with
filters. Data loads in a thread worker; the order list is a virtual table, so
an account with 100,000 orders opens as fast as one with ten."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Select, Static
from textual_plotext import PlotextPlot

from kamtui.dates import display_date
from kamtui.domain.records import Tx
from kamtui.formatting import money, percent
from kamtui.services import finance
from kamtui.textsafe import fold
from kamtui.ui import safe
from kamtui.ui.screens.account.tabs.base import AccountTab
from kamtui.ui.widgets.virtual_table import Column, VirtualTable

ALL = "__all__"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class Loaded:
    figures: finance.AccountFinance
    rows: list[Tx]
    keys: list[str]  # folded document + category per row, for filtering as you type


@dataclass(slots=True)
class CategoryRow:
    category: str
    revenue: float
    wallet: float | None
    share: float | None
    last: str
    lapsed: bool


def month_label(key: str) -> str:
    """'2026-03' -> 'Mar 26'."""
    return f"{MONTHS[int(key[5:7]) - 1]} {key[2:4]}"


def signed(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:+.0f} %"


def summary_text(f: finance.AccountFinance, today: date) -> Text:
    """Three lines of headline figures; each one says what it compares."""
    s = f.summary
    text = Text()
    text.append("Last 12 months ", style="dim")
    text.append(money(s.trailing_12m), style="bold")
    if s.trailing_change is not None:
        style = "green" if s.trailing_change >= 0 else "red"
        text.append(f" {signed(s.trailing_change)}", style=style)
        text.append(" vs the 12 before", style="dim")
    text.append(" · this year ", style="dim")
    text.append(money(s.year_to_date))
    if s.ytd_change is not None:
        text.append(f" {signed(s.ytd_change)}", style="green" if s.ytd_change >= 0 else "red")
        text.append(" year on year", style="dim")
    text.append("\n")
    c = f.cadence
    text.append("Orders ", style="dim")
    text.append(safe.plain(c.reason), style="bold red" if c.overdue else "")
    text.append(" · wallet share ", style="dim")
    text.append(percent(f.wallet.share))
    text.append("\n")
    lv = f.lifetime
    text.append("Lifetime ", style="dim")
    text.append(money(lv.historical_revenue))
    text.append(" · projected ", style="dim")
    text.append(money(lv.projected_revenue))
    text.append(
        f" (assumes {lv.years} more years at {money(lv.yearly_basis)}/yr, "
        f"{lv.retention:.0%} kept each year)",
        style="dim",
    )
    return text


class TransactionsTab(AccountTab):
    DEFAULT_CSS = """
    TransactionsTab {
        height: 1fr;
    }
    TransactionsTab #tx-summary {
        height: auto;
        max-height: 3;
        padding: 0 1;
    }
    TransactionsTab #tx-top {
        height: 1fr;
        max-height: 13;
        min-height: 5;
    }
    TransactionsTab #tx-chart {
        width: 1fr;
        height: 100%;
    }
    TransactionsTab #tx-categories {
        width: 48;
        height: 100%;
    }
    TransactionsTab #tx-filters {
        height: 1;
    }
    TransactionsTab #tx-filters Input {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0 1;
    }
    TransactionsTab #tx-filters Select {
        width: 30;
    }
    TransactionsTab #tx-filters SelectCurrent {
        border: none;
        height: 1;
        padding: 0 1;
    }
    TransactionsTab #tx-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    TransactionsTab #transactions-table {
        height: 1fr;
        min-height: 4;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash,f",
            "focus_filter",
            "Filter",
            id="transactions.filter",
            tooltip="Filter orders by document or category as you type",
        ),
        Binding(
            "c",
            "focus_category",
            "Category",
            id="transactions.category",
            tooltip="Show the orders of one category",
        ),
        Binding(
            "i",
            "import",
            "Import",
            id="transactions.import",
            tooltip="Import transactions or wallet estimates from a CSV file",
        ),
    ]

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(account_id, **kwargs)
        self.loaded: Loaded | None = None
        self._categories: set[str] = set()

    def compose_content(self) -> ComposeResult:
        yield Static(Text("Loading…", style="dim"), id="tx-summary")
        with Horizontal(id="tx-top"):
            chart = PlotextPlot(id="tx-chart")
            chart.visible = False  # drawn once its data comes (an empty one costs ~30 ms)
            yield chart
            yield VirtualTable[CategoryRow](
                [
                    Column("category", "Category", 14, lambda r: r.category, flex=True),
                    Column(
                        "revenue",
                        "12 months",
                        11,
                        lambda r: money(r.revenue),
                        sort_key=lambda r: r.revenue,
                        align="right",
                    ),
                    Column(
                        "share",
                        "Share",
                        6,
                        lambda r: percent(r.share) if r.share is not None else "—",
                        sort_key=lambda r: r.share,
                        align="right",
                    ),
                    Column(
                        "last",
                        "Last",
                        10,
                        lambda r: display_date(r.last),
                        sort_key=lambda r: r.last,
                        style=lambda r: "yellow" if r.lapsed else "",
                    ),
                ],
                empty_text="No categories yet.",
                id="tx-categories",
            )
        with Horizontal(id="tx-filters"):
            yield Input(placeholder="filter: document or category (/)", id="tx-filter")
            yield Select[str](
                [("All categories", ALL)], value=ALL, allow_blank=False, id="tx-category"
            )
        yield Static("", id="tx-status")
        yield VirtualTable[Tx](
            [
                Column(
                    "date", "Date", 10, lambda t: display_date(t.date), sort_key=lambda t: t.date
                ),
                Column("document", "Document", 16, lambda t: t.document, flex=True),
                Column("category", "Category", 18, lambda t: t.category, flex=True),
                Column(
                    "amount",
                    "Amount",
                    13,
                    lambda t: money(t.amount),
                    sort_key=lambda t: t.amount,
                    align="right",
                    style=lambda t: "red" if t.amount < 0 else "",
                ),
                Column(
                    "margin",
                    "Margin",
                    7,
                    lambda t: percent(t.margin) if t.margin is not None else "",
                    sort_key=lambda t: t.margin,
                    align="right",
                ),
            ],
            empty_text="No transactions. Press i to import a CSV from finance.",
            id="transactions-table",
        )

    @property
    def table(self) -> VirtualTable[Tx]:
        return self.query_one("#transactions-table", VirtualTable)

    def shown(self) -> None:
        """Opening the tab puts the keyboard on the orders, so its keys work at once."""
        focused = self.app.focused
        if focused is None or self not in focused.ancestors:
            self.table.focus()

    def fetch(self) -> Loaded:
        today = self.kam.today
        figures = finance.account_finance(self.kam.store, self.account_id, today)
        rows = finance.transactions(self.kam.store, self.account_id)
        keys = [fold(f"{t.document} {t.category}") for t in rows]
        return Loaded(figures, rows, keys)

    def show(self, data: Loaded) -> None:
        self.loaded = data
        f = data.figures
        summary = self.query_one("#tx-summary", Static)
        if not data.rows:
            summary.update(
                Text("No transactions for this account yet. Press i to import them.", style="dim")
            )
        else:
            summary.update(safe.text(summary_text(f, self.kam.today)))
        self._draw_chart(f.monthly)
        self._fill_categories(f)
        select = self.query_one("#tx-category", Select)
        current = select.value
        names = sorted({t.category for t in data.rows}, key=fold)
        self._categories = set(names)
        select.set_options([("All categories", ALL)] + [(safe.text(n), n) for n in names])
        select.value = current if current in names else ALL
        self.apply_filters()

    def _draw_chart(self, monthly: list[tuple[str, float]]) -> None:
        plot = self.query_one("#tx-chart", PlotextPlot)
        plot.visible = True
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        if monthly and any(v for _k, v in monthly):
            labels = [month_label(k) for k, _v in monthly]
            values = [round(v / 1000, 1) for _k, v in monthly]
            plt.bar(labels, values, marker="hd")
            step = max(1, len(labels) // 6)
            plt.xticks(list(range(1, len(labels) + 1, step)), labels[::step])
            plt.title("Revenue by month (k€)")
        else:
            plt.title("Revenue by month: no orders in the last 24 months")
        plot.refresh()

    def _fill_categories(self, f: finance.AccountFinance) -> None:
        by_cat = {c.category: c for c in f.wallet.categories}
        rows = []
        for h in f.categories:
            share = by_cat.get(h.category)
            rows.append(
                CategoryRow(
                    h.category,
                    share.revenue if share else 0.0,
                    share.wallet if share else None,
                    share.share if share else None,
                    h.last,
                    not h.active_12m,
                )
            )
        known = {fold(r.category) for r in rows}
        for c in f.wallet.categories:  # estimated but never bought: whitespace
            if fold(c.category) not in known:
                rows.append(CategoryRow(c.category, 0.0, c.wallet, c.share, "", False))
        table = self.query_one("#tx-categories", VirtualTable)
        if table.sort_column is None:
            table.sort_column, table.sort_reverse = "revenue", True
        table.set_rows(rows)

    # -- filtering ----------------------------------------------------------
    def apply_filters(self) -> None:
        data = self.loaded
        if data is None:
            return
        needle = fold(self.query_one("#tx-filter", Input).value)
        category = self.query_one("#tx-category", Select).value
        rows = data.rows
        if needle or category != ALL:
            rows = [
                t
                for t, key in zip(data.rows, data.keys, strict=True)
                if (not needle or needle in key) and (category == ALL or t.category == category)
            ]
        self.table.set_rows(rows, keep=lambda t: (t.document, t.date))
        total = sum(t.amount for t in rows)
        shown = (
            f"{len(rows):,} of {len(data.rows):,} orders"
            if rows is not data.rows
            else (f"{len(rows):,} orders")
        )
        self.query_one("#tx-status", Static).update(Text(f"{shown} · {money(total)}"))

    @on(Input.Changed, "#tx-filter")
    def _filter_changed(self) -> None:
        self.apply_filters()

    @on(Select.Changed, "#tx-category")
    def _category_changed(self) -> None:
        self.apply_filters()

    @on(Input.Submitted, "#tx-filter")
    def _filter_done(self) -> None:
        self.table.focus()

    @on(VirtualTable.Selected, "#tx-categories")
    def _category_picked(self, event: VirtualTable.Selected) -> None:
        event.stop()
        select = self.query_one("#tx-category", Select)
        if event.row.category in self._categories:
            select.value = event.row.category
            self.table.focus()

    @on(VirtualTable.HeaderClicked)
    def _header(self, event: VirtualTable.HeaderClicked) -> None:
        event.stop()
        event.table.sort_by(event.column)

    def action_focus_filter(self) -> None:
        self.query_one("#tx-filter", Input).focus()

    def action_focus_category(self) -> None:
        select = self.query_one("#tx-category", Select)
        select.focus()
        select.action_show_overlay()

    def action_import(self) -> None:
        from kamtui.ui.screens.import_dialog import ImportDialog

        def done(changed: bool | None) -> None:
            if changed:
                self.reload()

        self.app.push_screen(ImportDialog("transactions"), done)

    def on_key(self, event: Any) -> None:
        # escape in the filter clears it and returns to the orders
        if event.key == "escape" and self.query_one("#tx-filter", Input).has_focus:
            event.stop()
            self.query_one("#tx-filter", Input).value = ""
            self.table.focus()
