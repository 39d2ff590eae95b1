"""The one way user text reaches a widget: cleaned of terminal control
(`kamtui.textsafe.clean`) and wrapped so Textual never parses it as markup.

Textual 8 parses a plain `str` as markup in Static, Label, Button, OptionList,
Tree, DataTable, Select, tooltips and the command palette: `[/]` raises, and
`[@click=app.quit]` becomes a live link. A `rich.text.Text` is shown as is.
"""

from __future__ import annotations

from rich.text import Text

from kamtui.textsafe import clean


def plain(value: object, *, one_line: bool = True) -> str:
    """User text as a clean `str`: for Input values, titles and other places
    that take text literally (never for a widget that parses markup)."""
    return clean(value, one_line=one_line)


def text(value: object, style: str = "", *, one_line: bool = True) -> Text:
    """User text as a literal `Text` (never markup) for any widget.

    A `Text` built from pieces (a detail pane mixing labels, names and domain
    explanations that quote names) is cleaned as a whole, keeping its styles:
    `clean` replaces one character by one, so the spans stay where they were;
    its line breaks are kept (they are the layout's).
    """
    if isinstance(value, Text):
        out = value.copy()
        out.plain = clean(value.plain)
        if style:
            out.stylize_before(style)
        return out
    return Text(clean(value, one_line=one_line), style=style)
