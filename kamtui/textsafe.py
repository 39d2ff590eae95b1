"""Make user text safe to show in a terminal.

User text (names, notes, imported fields) is data: it must never emit escape
sequences. Every display path goes through `clean()`; widgets additionally
receive `rich.text.Text`/`Content` objects so markup is never parsed.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# C0 and C1 control characters except tab and newline, plus DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean(value: object, *, one_line: bool = False) -> str:
    """Return `value` as text with control characters replaced by U+FFFD-free
    visible placeholders ("␛" for ESC, "�" for the rest)."""
    if value is None:
        return ""
    text = str(value)
    pattern = _CONTROL_ONE_LINE if one_line else _CONTROL
    return pattern.sub(_placeholder, text)


def _placeholder(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch == "\x1b":
        return "␛"
    if ch in "\n\r\t":
        return " "
    return "�"


@functools.lru_cache(maxsize=1 << 15)
def fold(value: str) -> str:
    """Case- and accent-insensitive key: "Compañía Ibáñez" -> "compania ibanez".
    Cached: the portfolio folds the same 10,000 names on every reload."""
    if value.isascii():  # nothing to decompose: the same result, 10x faster
        return " ".join(value.casefold().split())
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())
