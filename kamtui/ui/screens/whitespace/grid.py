"""The whitespace grid: rows of accounts, a frozen account column, a cell
cursor. It draws only the visible rows and columns (Line API), with
VirtualTable's cell drawing, so 10,000 accounts scroll as smoothly as ten."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kamtui.domain.finance import BOUGHT, LAPSED, NONE, OPEN, WhitespaceCell, WhitespaceRow
from kamtui.formatting import percent
from kamtui.textsafe import fold
from kamtui.ui.widgets.virtual_table import cells_strip, empty_line, fit_line

ACCOUNT_W, SHARE_W, POTENTIAL_W, CELL_W = 26, 7, 10, 10
# A category column is as wide as its name (and a sort arrow), up to this:
# headers were cut to ten characters even at 180 columns (issue 14).
CATEGORY_MAX_W = 24
FIXED = ("account", "share", "potential")
STATE_RANK = {BOUGHT: 3, OPEN: 2, LAPSED: 1, NONE: 0}


def short_money(value: float) -> str:
    """12 k, 1.2 M: cells are ten characters wide."""
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f} M"
    if abs(value) >= 1_000:
        return f"{value / 1_000:.0f} k"
    return f"{value:.0f}"


def cell_text(cell: WhitespaceCell, has_goal: bool) -> str:
    mark = "◆" if has_goal else ""
    if cell.state == BOUGHT:
        body = (
            f"✓ {cell.share * 100:.0f} %"
            if cell.share is not None
            else f"✓ {short_money(cell.revenue_12m)}"
        )
    elif cell.state == LAPSED:
        body = "lapsed"
    elif cell.state == OPEN:
        body = f"open {short_money(cell.potential)}"
    else:
        body = "·"
    return mark + body


CELL_STYLE = {
    BOUGHT: Style(color="green"),
    LAPSED: Style(color="yellow"),
    OPEN: Style(color="magenta", bold=True),
    NONE: Style(dim=True),
}


def cell_sort_key(cell: WhitespaceCell) -> tuple[int, float, float]:
    return (STATE_RANK[cell.state], cell.share or 0.0, cell.revenue_12m or cell.potential)


class WhitespaceGrid(ScrollView, can_focus=True):
    """Rows of accounts, a frozen account column, a cell cursor."""

    DEFAULT_CSS = """
    WhitespaceGrid {
        background: $surface;
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    WhitespaceGrid > .whitespace--header {
        text-style: bold;
        background: $panel;
    }
    WhitespaceGrid > .whitespace--cursor {
        background: $block-cursor-blurred-background;
    }
    WhitespaceGrid:focus > .whitespace--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    WhitespaceGrid > .whitespace--row {
        background: $boost;
    }
    WhitespaceGrid > .whitespace--empty {
        color: $text-muted;
        text-style: italic;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "whitespace--header",
        "whitespace--cursor",
        "whitespace--row",
        "whitespace--empty",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1, 0)", "Up", show=False),
        Binding("down", "move(1, 0)", "Down", show=False),
        Binding("left", "move(0, -1)", "Left", show=False),
        Binding("right", "move(0, 1)", "Right", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("enter", "select", "Goal", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True)
    cursor_col: reactive[int] = reactive(0, always_update=True)

    class CellSelected(Message):
        def __init__(self, row: WhitespaceRow, column: str) -> None:
            self.row = row
            self.column = column
            super().__init__()

    class CellHighlighted(Message):
        def __init__(self, row: WhitespaceRow, column: str) -> None:
            self.row = row
            self.column = column
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.categories: list[str] = []
        self.rows: list[WhitespaceRow] = []
        self.goals: set[tuple[int, str]] = set()
        self.sort_column: str | None = None
        self.sort_reverse = False
        self.first_col = 0  # first visible scrollable column (after the frozen one)
        self.empty_text = "No accounts."

    # -- data ------------------------------------------------------------------
    @property
    def columns(self) -> list[str]:
        return [*FIXED, *self.categories]

    @property
    def current_row(self) -> WhitespaceRow | None:
        if 0 <= self.cursor_row < len(self.rows):
            return self.rows[self.cursor_row]
        return None

    @property
    def current_column(self) -> str:
        return self.columns[min(self.cursor_col, len(self.columns) - 1)]

    def set_data(
        self, categories: list[str], rows: list[WhitespaceRow], goals: set[tuple[int, str]]
    ) -> None:
        current = self.current_row
        self.categories = categories
        self.goals = goals
        self.rows = self.sorted(rows)
        target = 0
        if current is not None:
            target = next(
                (i for i, r in enumerate(self.rows) if r.account_id == current.account_id), 0
            )
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self.cursor_col = min(self.cursor_col, len(self.columns) - 1)
        self.cursor_row = min(target, max(0, len(self.rows) - 1))
        self._scroll_to_cursor()
        self.refresh()

    def go_to_account(self, account_id: int) -> None:
        for i, r in enumerate(self.rows):
            if r.account_id == account_id:
                self.cursor_row = i
                self._scroll_to_cursor()
                return

    def sort_key(self, column: str) -> Any:
        if column == "account":
            return lambda r: fold(r.name)
        if column == "share":
            return lambda r: r.share
        if column == "potential":
            return lambda r: r.potential
        return lambda r: cell_sort_key(r.cells[column]) if column in r.cells else None

    def sorted(self, rows: list[WhitespaceRow]) -> list[WhitespaceRow]:
        if self.sort_column is None or self.sort_column not in self.columns:
            return list(rows)
        key = self.sort_key(self.sort_column)
        keyed = [(key(r), r) for r in rows]
        present = [p for p in keyed if p[0] is not None]
        present.sort(key=lambda p: p[0], reverse=self.sort_reverse)
        return [r for _k, r in present] + [r for k, r in keyed if k is None]

    def sort_by(self, column: str) -> None:
        if self.sort_column == column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column = column
            self.sort_reverse = column != "account"  # numbers: biggest first
        current = self.current_row
        self.rows = self.sorted(self.rows)
        if current is not None:
            self.cursor_row = self.rows.index(current)
        self._scroll_to_cursor()
        self.refresh()

    # -- geometry ---------------------------------------------------------------
    def _width_of(self, column: str) -> int:
        fixed = {"account": ACCOUNT_W, "share": SHARE_W, "potential": POTENTIAL_W}.get(column)
        if fixed is not None:
            return fixed
        return max(CELL_W, min(cell_len(column) + 2, CATEGORY_MAX_W))

    def _visible_columns(self) -> list[int]:
        """Indexes of the scrollable columns that fit after the frozen one."""
        width = self.scrollable_content_region.width or self.size.width
        room = width - 1 - ACCOUNT_W - 1
        out: list[int] = []
        for i in range(max(1, self.first_col), len(self.columns)):
            w = self._width_of(self.columns[i]) + 1
            if room < w and out:
                break
            out.append(i)
            room -= w
        return out

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self._scroll_to_cursor()

    # -- drawing (the cells as VirtualTable draws them) --------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        visible = self._visible_columns()
        if y == 0:
            style = base + self.get_component_rich_style("whitespace--header")
            labels = []
            for i in [0, *visible]:
                column = self.columns[i]
                label = {"account": "Account", "share": "Share", "potential": "Elsewhere"}.get(
                    column, column
                )
                if column == self.sort_column:
                    label += " ▼" if self.sort_reverse else " ▲"
                align = "left" if i == 0 or i > 2 else "right"
                labels.append((label, self._width_of(column), align, style, style))
            return fit_line(cells_strip(labels, style), 0, width, style)
        index = self.scroll_offset.y + y - 1
        if not self.rows:
            if y == 1:
                style = base + self.get_component_rich_style("whitespace--empty")
                return empty_line(self.empty_text, width, style)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base
        if index == self.cursor_row:
            style += self.get_component_rich_style("whitespace--row")
        cursor = self.get_component_rich_style("whitespace--cursor")
        cells = []
        for i in [0, *visible]:
            column = self.columns[i]
            w = self._width_of(column)
            on_cursor = index == self.cursor_row and i == self.cursor_col
            if column == "account":
                text, extra, align = row.name, Style(bold=True), "left"
            elif column == "share":
                text, extra, align = percent(row.share), Style(), "right"
            elif column == "potential":
                text = short_money(row.potential) if row.wallet else "—"
                extra, align = Style(), "right"
            else:
                cell = row.cells.get(column)
                if cell is None:
                    text, extra = "", Style()
                else:
                    text = cell_text(cell, (row.account_id, fold(column)) in self.goals)
                    extra = CELL_STYLE[cell.state]
                align = "left"
            cell_style = style + extra
            if on_cursor:
                cell_style += cursor
            cells.append((text, w, align, cell_style, cell_style))
        return fit_line(cells_strip(cells, style), 0, width, style)

    # -- cursor -----------------------------------------------------------------------
    def watch_cursor_row(self) -> None:
        self._highlight()

    def watch_cursor_col(self) -> None:
        self._highlight()

    def _highlight(self) -> None:
        self.refresh()
        row = self.current_row
        if row is not None and self.columns:
            self.post_message(self.CellHighlighted(row, self.current_column))

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)
        if self.cursor_col >= 1:
            if self.cursor_col < self.first_col:
                self.first_col = self.cursor_col
            while (
                self.cursor_col not in self._visible_columns() and self.first_col < self.cursor_col
            ):
                self.first_col += 1
        self.refresh()

    def action_move(self, rows: int, cols: int) -> None:
        if not self.rows:
            return
        self.cursor_row = max(0, min(len(self.rows) - 1, self.cursor_row + rows))
        self.cursor_col = max(0, min(len(self.columns) - 1, self.cursor_col + cols))
        self._scroll_to_cursor()

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 2), 0)

    def action_edge(self, end: int) -> None:
        if self.rows:
            self.cursor_row = len(self.rows) - 1 if end else 0
            self._scroll_to_cursor()

    def action_select(self) -> None:
        row = self.current_row
        if row is not None:
            self.post_message(self.CellSelected(row, self.current_column))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        x = offset.x - 1
        column_index = None
        for i in [0, *self._visible_columns()]:
            w = self._width_of(self.columns[i]) + 1
            if x < w:
                column_index = i
                break
            x -= w
        if column_index is None:
            return
        if offset.y == 0:
            self.sort_by(self.columns[column_index])
            return
        index = self.scroll_offset.y + offset.y - 1
        if 0 <= index < len(self.rows):
            again = index == self.cursor_row and column_index == self.cursor_col
            self.cursor_row, self.cursor_col = index, column_index
            if again and event.chain >= 2:
                self.action_select()
