"""Make user text safe to show in a terminal.

User text (names, notes, imported fields) is data: it must never emit escape
sequences. Every display path goes through `clean()`; widgets additionally
receive `rich.text.Text`/`Content` objects so markup is never parsed.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# C0 and C1 control characters except tab and newline, plus DEL, plus the
# bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they
# reorder what follows on the line ("Trojan Source"), so a name could make the
# text after it read differently. Right-to-left scripts need none of them.
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def clean(value: object, *, one_line: bool = False) -> str:
    """Return `value` as text with control and bidi characters replaced by
    visible placeholders ("␛" for ESC, "�" for the rest); `one_line` also turns
    tab, newline and carriage return into spaces."""
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


# Spreadsheet formula injection (OWASP "CSV Injection"): a cell a spreadsheet
# would run as a formula starts with one of these. Exports write such a cell
# with a leading apostrophe; imports take it off again.
FORMULA_START = "=+-@\t\r"
_FORMULA = re.compile(f"'*[{re.escape(FORMULA_START)}]")


def formula_safe(value: str) -> str:
    """`value` as a spreadsheet cell that never runs as a formula: "=1+1" ->
    "'=1+1". A value that already starts with apostrophes before such a
    character gets one more, so `formula_unsafe` always gives `value` back."""
    return "'" + value if _FORMULA.match(value) else value


def formula_unsafe(value: str) -> str:
    """The inverse of `formula_safe`: "'=1+1" -> "=1+1"; anything else as is."""
    if value.startswith("'") and _FORMULA.match(value, 1):
        return value[1:]
    return value


def has_formula_escape(text: str) -> bool:
    """Whether `text` (a whole file) may hold a cell `formula_safe` escaped:
    the importers only look at cells when it does."""
    return re.search(f"'[{re.escape(FORMULA_START)}']", text) is not None
