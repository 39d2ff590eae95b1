"""A table that draws only the visible rows (Textual Line API).

Textual's DataTable keeps and measures every row (about 1 s per 10k rows),
which would freeze the portfolio on start and on every filter keystroke. Here
rows are plain Python objects; cells are formatted only when drawn."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Self, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kamtui.ui import perf, safe

R = TypeVar("R")


def fit_cell(value: str, width: int, align: str = "left") -> str:
    """`value`, made safe to show, in exactly `width` cells: cut with an
    ellipsis when too long, else padded on the right (or the left)."""
    value = safe.plain(value)
    if cell_len(value) > width:
        return set_cell_size(value, width - 1) + "…"
    if align == "right":
        return " " * (width - cell_len(value)) + value
    return set_cell_size(value, width)


def cells_strip(cells: Iterable[tuple[str, int, str, Style, Style]], style: Style) -> Strip:
    """One line of cells, each `(text, width, align, style, gap_style)`: a
    space in `style`, then every cell followed by a space in its gap style."""
    segments: list[Segment] = [Segment(" ", style)]
    for value, width, align, cell_style, gap_style in cells:
        segments.append(Segment(fit_cell(value, width, align), cell_style))
        segments.append(Segment(" ", gap_style))
    return Strip(segments)


def fit_line(strip: Strip, scroll_x: int, width: int, style: Style) -> Strip:
    """A line scrolled `scroll_x` cells sideways, exactly `width` cells wide."""
    if scroll_x or strip.cell_length > width:  # scrolled sideways or too wide
        strip = strip.crop(scroll_x, scroll_x + width)
    return strip.extend_cell_length(width, style)


def empty_line(text: str, width: int, style: Style) -> Strip:
    """The line that says there is nothing to show."""
    return Strip([Segment(set_cell_size(" " + text, width), style)])


@dataclass
class Column(Generic[R]):
    key: str
    label: str
    width: int
    render: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    align: str = "left"
    flex: bool = False
    style: Callable[[R], str] | None = None
    hide_below: int = 0  # hidden when the table is narrower than this many cells


class VirtualTable(perf.SameFrameRefresh, ScrollView, Generic[R], can_focus=True):
    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        scrollbar-gutter: stable;
    }
    VirtualTable > .virtual-table--header {
        text-style: bold;
        background: $panel;
        color: $text;
    }
    VirtualTable > .virtual-table--cursor {
        background: $block-cursor-blurred-background;
    }
    VirtualTable:focus > .virtual-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    VirtualTable > .virtual-table--even {
        background: $surface-lighten-1 10%;
    }
    VirtualTable > .virtual-table--empty {
        color: $text-muted;
        text-style: italic;
    }
    """
    COMPONENT_CLASSES = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--even",
        "virtual-table--empty",
    }
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True, repaint=False)

    class Selected(Message):
        def __init__(self, table: VirtualTable[Any], row: Any) -> None:
            self.table = table
            self.row = row
            super().__init__()

        @property
        def control(self) -> VirtualTable[Any]:
            return self.table

    class Highlighted(Message):
        def __init__(self, table: VirtualTable[Any], row: Any) -> None:
            self.table = table
            self.row = row
            super().__init__()

        @property
        def control(self) -> VirtualTable[Any]:
            return self.table

    class Sorted(Message):
        """The sort order changed (owners re-sort their unfiltered rows)."""

        def __init__(self, table: VirtualTable[Any]) -> None:
            self.table = table
            super().__init__()

        @property
        def control(self) -> VirtualTable[Any]:
            return self.table

    class HeaderClicked(Message):
        def __init__(self, table: VirtualTable[Any], column: str) -> None:
            self.table = table
            self.column = column
            super().__init__()

        @property
        def control(self) -> VirtualTable[Any]:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        empty_text: str = "Nothing to show.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns: list[Column[R]] = list(columns)
        self.rows: list[R] = []
        self.empty_text = empty_text
        self.sort_column: str | None = None
        self.sort_reverse = False
        self._fit_cache: tuple[int, tuple[list[Column[R]], list[int]]] | None = None
        self._base_style: Style | None = None

    # -- data -----------------------------------------------------------
    def set_rows(
        self, rows: list[R], *, keep: Callable[[R], Any] | None = None, presorted: bool = False
    ) -> None:
        """Replace the rows; `keep` extracts an identity to keep the cursor on.
        `presorted` rows are already in the table's sort order (a filtered
        subset of sorted rows), which saves a sort per keystroke."""
        current = self.current_row
        self.rows = rows
        if not presorted:
            self._sort()
        target = 0
        if keep is not None and current is not None:
            ident = keep(current)
            for i, row in enumerate(self.rows):
                if keep(row) == ident:
                    target = i
                    break
        self._update_size()
        self.cursor_row = min(target, max(0, len(self.rows) - 1))
        self._scroll_to_cursor()
        self.refresh()
        self.hand_refresh_to_screen()

    def sort_by(self, key: str, reverse: bool | None = None) -> None:
        if reverse is None:
            reverse = not self.sort_reverse if self.sort_column == key else False
        self.sort_column = key
        self.sort_reverse = reverse
        current = self.current_row
        self._sort()
        self.post_message(self.Sorted(self))
        if current is not None:
            self.cursor_row = self.rows.index(current)
            self._scroll_to_cursor()
        self.refresh()

    def _sort(self) -> None:
        self.rows = self.sorted(self.rows)

    @property
    def sort_state(self) -> tuple[str | None, bool]:
        return self.sort_column, self.sort_reverse

    def sorted(self, rows: list[R], state: tuple[str | None, bool] | None = None) -> list[R]:
        """`rows` in the table's current sort order, or in `state` (a
        `sort_state` taken earlier: workers sort without reading the widget),
        missing values last."""
        sort_column, reverse = state if state is not None else self.sort_state
        if sort_column is None:
            return list(rows)
        column = next((c for c in self.columns if c.key == sort_column), None)
        if column is None:
            return list(rows)
        key = column.sort_key or column.render
        keyed = [(key(r), r) for r in rows]
        present = [pair for pair in keyed if pair[0] is not None]
        present.sort(key=lambda pair: pair[0], reverse=reverse)
        return [r for _, r in present] + [r for k, r in keyed if k is None]

    def insert_sorted(
        self, rows: list[R], new: list[R], state: tuple[str | None, bool] | None = None
    ) -> list[R]:
        """`rows` (already in `state`'s order, as `sorted` gives them) with
        `new` rows put in their places: a binary search each, instead of
        sorting 10,000 rows again for a few changed ones."""
        sort_column, reverse = state if state is not None else self.sort_state
        column = next((c for c in self.columns if c.key == sort_column), None)
        if column is None:
            return [*rows, *new]
        key = column.sort_key or column.render
        out = list(rows)
        for row in new:
            k = key(row)
            if k is None:  # missing values last
                out.append(row)
                continue
            lo, hi = 0, len(out)
            while lo < hi:  # the first place after every row that sorts before or with it
                mid = (lo + hi) // 2
                other = key(out[mid])
                before = other is not None and (other >= k if reverse else other <= k)
                if before:
                    lo = mid + 1
                else:
                    hi = mid
            out.insert(lo, row)
        return out

    @property
    def current_row(self) -> R | None:
        if 0 <= self.cursor_row < len(self.rows):
            return self.rows[self.cursor_row]
        return None

    # -- geometry -------------------------------------------------------
    @property
    def shown(self) -> list[Column[R]]:
        """The columns that fit: secondary ones give way on narrow terminals."""
        return self._layout(self.scrollable_content_region.width or self.size.width)[0]

    def _widths(self) -> list[int]:
        return self._layout(self.scrollable_content_region.width or self.size.width)[1]

    def _layout(self, total: int) -> tuple[list[Column[R]], list[int]]:
        """The columns shown at `total` cells and their widths: fixed columns
        keep their width; flex columns share what is left in proportion to
        their preferred width (never below 6 cells). Asked for every line
        drawn, so kept for the last width."""
        cached = self._fit_cache
        if cached is not None and cached[0] == total:
            return cached[1]
        columns = [c for c in self.columns if c.hide_below <= total]
        fixed = sum(c.width + 1 for c in columns if not c.flex)
        flex_cols = [c for c in columns if c.flex]
        spare = max(0, total - 1 - fixed - len(flex_cols))
        weight = sum(c.width for c in flex_cols) or 1
        widths = []
        for c in columns:
            if c.flex:
                widths.append(max(6, spare * c.width // weight))
            else:
                widths.append(c.width)
        self._fit_cache = (total, (columns, widths))
        return columns, widths

    def _update_size(self) -> None:
        width = 1 + sum(w + 1 for w in self._widths())
        self.virtual_size = Size(width, len(self.rows) + 1)
        self.size_changed_now()

    def on_resize(self, event: events.Resize) -> None:
        self._update_size()

    # -- drawing --------------------------------------------------------
    # The widget's own style is worked out from its ancestors' (~0.1 ms); it
    # is the same for every line of a repaint, so kept until the next one.
    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if repaint:
            self._base_style = None
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def notify_style_update(self) -> None:
        self._base_style = None
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        columns, widths = self._layout(width or self.size.width)
        base = self._base_style
        if base is None:
            base = self._base_style = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("virtual-table--header")
            cells = []
            for column in columns:
                label = column.label
                if column.key == self.sort_column:
                    label += " ▼" if self.sort_reverse else " ▲"
                cells.append(label)
            strip = self._strip(columns, cells, widths, [None] * len(cells), style)
            return fit_line(strip, scroll_x, width, style)
        index = scroll_y + y - 1
        if not self.rows:
            if y == 1:
                style = base + self.get_component_rich_style("virtual-table--empty")
                return empty_line(self.empty_text, width, style)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base
        if index % 2:
            style += self.get_component_rich_style("virtual-table--even")
        if index == self.cursor_row:
            style += self.get_component_rich_style("virtual-table--cursor")
        cells = [column.render(row) for column in columns]
        extra = [column.style(row) if column.style else None for column in columns]
        strip = self._strip(columns, cells, widths, extra, style)
        return fit_line(strip, scroll_x, width, style)

    @staticmethod
    def _strip(
        columns: list[Column[R]],
        cells: list[str],
        widths: list[int],
        extra: list[str | None],
        style: Style,
    ) -> Strip:
        return cells_strip(
            (
                (value, w, column.align, style + Style.parse(more) if more else style, style)
                for column, value, w, more in zip(columns, cells, widths, extra, strict=True)
            ),
            style,
        )

    # -- cursor ---------------------------------------------------------
    def watch_cursor_row(self, old: int, new: int) -> None:
        # Only the two rows whose look changed (line 0 is the header); a move
        # that scrolls repaints the rest through the scroll.
        self.refresh_line(old + 1)
        self.refresh_line(new + 1)
        row = self.current_row
        if row is not None:
            self.post_message(self.Highlighted(self, row))

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)

    def move_cursor(self, row: int) -> None:
        """Put the cursor on row number `row` (clamped) and scroll it into view."""
        if not self.rows:
            return
        self.cursor_row = max(0, min(len(self.rows) - 1, row))
        self._scroll_to_cursor()

    def action_cursor(self, delta: int) -> None:
        self.move_cursor(self.cursor_row + delta)

    def action_page(self, direction: int) -> None:
        self.move_cursor(
            self.cursor_row + direction * max(1, self.scrollable_content_region.height - 2)
        )

    def action_edge(self, end: int) -> None:
        self.move_cursor(len(self.rows) - 1 if end else 0)

    def action_select(self) -> None:
        row = self.current_row
        if row is not None:
            self.post_message(self.Selected(self, row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = offset.x + self.scroll_offset.x - 1
            for column, w in zip(self.shown, self._widths(), strict=True):
                if x < w + 1:
                    self.post_message(self.HeaderClicked(self, column.key))
                    return
                x -= w + 1
            return
        index = self.scroll_offset.y + offset.y - 1
        if 0 <= index < len(self.rows):
            if index == self.cursor_row and event.chain >= 2:
                self.action_select()
            self.cursor_row = index
