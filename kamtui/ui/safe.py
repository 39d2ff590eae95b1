"""User text -> widgets, never parsed as markup, never emitting escapes."""

from __future__ import annotations

from rich.text import Text

from kamtui.textsafe import clean


def text(value: object, style: str = "", *, one_line: bool = False) -> Text:
    return Text(clean(value, one_line=one_line), style=style)
