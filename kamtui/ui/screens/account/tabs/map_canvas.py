"""The map tab's drawing: the contact map, scrollable both ways; arrow keys
move between people (Line API: draws only the visible lines)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kamtui.services.people import AccountMap
from kamtui.ui.widgets.map_drawing import Drawing, draw_map


class MapCanvas(ScrollView, can_focus=True):
    """The drawing, scrollable both ways; arrow keys move between people."""

    DEFAULT_CSS = """
    MapCanvas {
        height: 1fr;
        scrollbar-size: 1 1;
    }
    MapCanvas:focus {
        background-tint: $foreground 3%;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("left,h", "side('ours')", "Ours", show=False),
        Binding("right", "side('theirs')", "Theirs", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(-1)", "Last", show=False),
    ]

    class Selected(Message):
        def __init__(self, person_id: int | None) -> None:
            super().__init__()
            self.person_id = person_id

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.amap: AccountMap | None = None
        self.drawing: Drawing | None = None
        self.selected: int | None = None
        self._strips: list[Strip] = []
        self._drawn_width = 0

    def set_map(self, amap: AccountMap) -> None:
        self.amap = amap
        ids = {p.id for p in amap.people}
        if self.selected not in ids:
            self.selected = None
            self.redraw()
            order = self.drawing.sides.get("ours") or self._order() if self.drawing else []
            self.selected = order[0] if order else None
        self.redraw()
        self.post_message(self.Selected(self.selected))

    def redraw(self) -> None:
        if self.amap is None:
            return
        width = max(self.size.width, 40)
        self._drawn_width = width
        self.drawing = draw_map(self.amap, width=width, selected=self.selected)
        console = self.app.console
        self._strips = [
            Strip(list(line.render(console)), line.cell_len) for line in self.drawing.lines
        ]
        self.virtual_size = Size(self.drawing.width, len(self._strips))
        self.refresh()
        self.call_after_refresh(self._reveal)

    def _reveal(self) -> None:
        """Keep the selected person in view, scrolled as little as possible
        (at the top whenever they fit there)."""
        if not self.drawing or self.selected not in self.drawing.rows:
            return
        y = self.drawing.rows[self.selected]
        height = max(self.scrollable_content_region.height, 1)
        top = self.scroll_offset.y
        if y + 2 <= height:
            top = 0
        elif y - 1 < top:
            top = y - 1
        elif y + 2 > top + height:
            top = y + 2 - height
        self.scroll_to(y=max(0, top), animate=False, immediate=True)

    def on_resize(self, event: Resize) -> None:
        if self.amap is not None and event.size.width != self._drawn_width:
            self.redraw()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        style = self.rich_style
        if index >= len(self._strips):
            return Strip.blank(width, style)
        return self._strips[index].crop_extend(scroll_x, scroll_x + width, style)

    def _order(self) -> list[int]:
        if not self.drawing:
            return []
        rows = self.drawing.rows
        return sorted(rows, key=lambda pid: (rows[pid], pid))

    def select(self, person_id: int | None) -> None:
        if person_id == self.selected:
            return
        self.selected = person_id
        self.redraw()
        self.post_message(self.Selected(person_id))

    def action_move(self, delta: int) -> None:
        if not self.drawing:
            return
        side = self._side_of(self.selected)
        order = self.drawing.sides.get(side, []) or self._order()
        if not order:
            return
        if self.selected not in order:
            self.select(order[0])
            return
        i = order.index(self.selected) + delta
        self.select(order[max(0, min(i, len(order) - 1))])

    def action_side(self, side: str) -> None:
        if not self.drawing:
            return
        order = self.drawing.sides.get(side, [])
        if not order:
            return
        y = self.drawing.rows.get(self.selected or -1, 0)
        self.select(min(order, key=lambda pid: abs(self.drawing.rows[pid] - y)))  # type: ignore[union-attr]

    def action_edge(self, index: int) -> None:
        if not self.drawing:
            return
        order = self.drawing.sides.get(self._side_of(self.selected), []) or self._order()
        if order:
            self.select(order[index])

    def _side_of(self, person_id: int | None) -> str:
        if self.amap is None or person_id is None:
            return "ours"
        p = self.amap.person(person_id)
        return p.side if p else "ours"
