"""The one way user text reaches a widget: cleaned of terminal control
(`kamtui.textsafe.clean`) and wrapped so Textual never parses it as markup.

Textual 8 parses a plain `str` as markup in Static, Label, Button, OptionList,
Tree, DataTable, Select, tooltips and the command palette: `[/]` raises, and
`[@click=app.quit]` becomes a live link. A `rich.text.Text` is shown as is.
"""

from __future__ import annotations

import re

from rich.text import Text

from kamtui.textsafe import clean

# Never wrap a number (issue 14: "1 362" and "33 %" broke across lines at
# 80x24). Rich and Textual wrap at every Unicode space, the thin and the
# no-break ones too, so the gap inside a number ("344 000 €", "33 %") becomes
# a blank that is not a space: U+2800, one cell wide and drawn empty.
KEEP_TOGETHER = "\u2800"
_NUMBER_GAP = re.compile(r"(?<=\d)[ \u202f\u00a0](?=\d{3}(?!\d)|[%€])")


def whole_numbers(value: str) -> str:
    """`value` with the gaps inside numbers made unbreakable (one character
    for one, so a `Text`'s spans stay where they were)."""
    return _NUMBER_GAP.sub(KEEP_TOGETHER, value)


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
        out.plain = whole_numbers(clean(value.plain))
        if style:
            out.stylize_before(style)
        return out
    return Text(whole_numbers(clean(value, one_line=one_line)), style=style)
