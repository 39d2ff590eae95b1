"""The bottom line of keys: what Textual's Footer shows (the screen's active
bindings, disabled ones dimmed, the command palette's key on the right; a
click presses the key, hovering shows its tooltip), drawn as one line of text
by one widget.

Why not Textual's Footer: it is a container with a widget per key, removed and
mounted again whenever the bindings change (the screen opening, focus moving,
`f` to filter), each key styled, measured and rendered on its own. On the
portfolio that was ~60 ms of start-up after the first frame, and a share of
every screen switch. Here a change of bindings only repaints one line.

Unlike the Footer, a key that does not fit entirely is left out rather than
cut in half: `?` lists them all, so `?` itself (the `help` action) is always
drawn, in place of the last keys that would not leave it room."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen

SEPARATOR = "▏"
HELP_ACTION = "help"  # the key that lists every other: always drawn  # before the palette key, as the Footer's `vkey` border draws it


@dataclass(frozen=True, slots=True)
class Key:
    """One key (or, for a binding group, several) as the bar shows it."""

    key: str  # what a click presses
    display: str
    description: str
    enabled: bool
    tooltip: str
    action: str = ""


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    key: Key


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keybar--key",
        "keybar--description",
        "keybar--disabled",
        "keybar--hover",
        "keybar--separator",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keybar--disabled {
            text-style: dim;
        }
        & > .keybar--hover {
            background: $block-hover-background;
        }
        & > .keybar--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_command_palette = show_command_palette
        self._keys: tuple[tuple[Key, ...], Key | None] | None = None  # None: read again
        self._spans: list[Span] = []
        self._hover: Key | None = None

    # -- what it shows -------------------------------------------------------
    @property
    def keys(self) -> list[Key]:
        """The keys shown on the left, in order (whether or not they fit)."""
        return list(self._current()[0])

    @property
    def palette_key(self) -> Key | None:
        return self._current()[1]

    @property
    def drawn(self) -> list[Key]:
        """The keys drawn at the current width, the palette key last."""
        return [span.key for span in self._spans]

    def _current(self) -> tuple[tuple[Key, ...], Key | None]:
        if self._keys is None:
            self._keys = self._read(self.screen)
        return self._keys

    def _read(self, screen: Screen[object]) -> tuple[tuple[Key, ...], Key | None]:
        """The keys Textual's Footer would show for `screen`'s bindings."""
        app = screen.app
        active = screen.active_bindings
        by_action: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                by_action.setdefault(binding.action, (binding, enabled, tooltip))
        keys: list[Key] = []
        for group, members in groupby(by_action.values(), lambda m: m[0].group):
            shown = list(members)
            if group is not None and len(shown) > 1:
                # A group: its keys side by side, then the group's description.
                keys.append(
                    Key(
                        key=shown[0][0].key,
                        display=" ".join(app.get_key_display(b) for b, _, _ in shown),
                        description=group.description,
                        enabled=any(enabled for _, enabled, _ in shown),
                        tooltip=" · ".join(t or b.description for b, _, t in shown),
                    )
                )
                continue
            for binding, enabled, tooltip in shown:
                keys.append(
                    Key(
                        key=binding.key,
                        display=app.get_key_display(binding),
                        description=binding.description,
                        enabled=enabled,
                        tooltip=tooltip or binding.tooltip,
                        action=binding.action,
                    )
                )
        palette: Key | None = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                palette = Key(
                    key=binding.key,
                    display=app.get_key_display(binding),
                    description=binding.description,
                    enabled=enabled,
                    tooltip=binding.tooltip or binding.description,
                )
        return tuple(keys), palette

    # -- keeping up with the bindings ---------------------------------------
    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # As the Footer: a terminal losing focus blurs the focused widget;
        # the keys stay as they were until it comes back.
        if not screen.app.app_focus or screen is not self.screen:
            return
        # Read now (~0.2 ms): the same keys (a screen resuming, focus moving
        # between widgets without keys of their own) must not cost a frame.
        keys = self._read(screen)
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    # -- drawing ---------------------------------------------------------------
    def render(self) -> Text:
        keys, palette = self._current()
        width = self.size.width
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        description_style = self.get_component_rich_style("keybar--description", partial=True)
        disabled_style = self.get_component_rich_style("keybar--disabled", partial=True)
        hover_style = self.get_component_rich_style("keybar--hover", partial=True)

        def styled(key: Key, style: Style) -> Style:
            if not key.enabled:
                style += disabled_style
            if key == self._hover:
                style += hover_style
            return style

        # The Footer's palette key, on the right: compact (no padding around the key).
        right = Text()
        if palette is not None:
            right.append(SEPARATOR, self.get_component_rich_style("keybar--separator"))
            right.append(palette.display, styled(palette, key_style))
            right.append(f" {palette.description} ", styled(palette, description_style))
        if right.cell_len > width:
            right = Text()  # not even the palette key fits
        room = width - right.cell_len
        text = Text(no_wrap=True, overflow="crop", end="")
        spans: list[Span] = []
        x = 0

        def size_of(key: Key) -> int:
            description = f"{key.description} " if key.description else ""
            return cell_len(f" {key.display} ") + cell_len(description)

        help_key = next((k for k in keys if k.action == HELP_ACTION), None)
        if help_key is not None and size_of(help_key) <= room:
            # `?` keeps its room whatever comes before it.
            keys = tuple(k for k in keys if k is not help_key)
            fitting: list[Key] = []
            used = size_of(help_key)
            for key in keys:
                if used + size_of(key) > room:
                    break
                fitting.append(key)
                used += size_of(key)
            at = next((i for i, k in enumerate(self._current()[0]) if k is help_key), len(fitting))
            fitting.insert(min(at, len(fitting)), help_key)
            keys = tuple(fitting)
        for key in keys:
            display = f" {key.display} "
            description = f"{key.description} " if key.description else ""
            size = cell_len(display) + cell_len(description)
            if x + size > room:
                break  # whole keys only
            text.append(display, styled(key, key_style))
            if description:
                text.append(description, styled(key, description_style))
            spans.append(Span(x, x + size, key))
            x += size
        if right and palette is not None:
            text.append(" " * (room - x))
            text.append_text(right)
            spans.append(Span(room + 1, width, palette))
        self._spans = spans
        return text

    # -- mouse -----------------------------------------------------------------
    def _key_at(self, x: int) -> Key | None:
        for span in self._spans:
            if span.start <= x < span.end:
                return span.key
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        event.stop()
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event.x)
        if key != self._hover:
            self._hover = key
            self.tooltip = (key.tooltip or key.description) if key is not None else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()
