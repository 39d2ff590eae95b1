"""What one imported CSV cell may hold, for every importer, in one place.

A hostile or broken file must fail with `FILE:LINE: column: reason`, never
with a traceback or a silently mangled row: a stray quote that swallows the
rest of the file, a megabyte-long name, NUL bytes, terminal control
characters, bidi overrides that make a name read backwards, `1e308`."""

from __future__ import annotations

import re

# The csv module's own cap (131,072 by default) is set far above every limit
# below, so a long cell is reported by our check, with its line and column.
CSV_FIELD_SIZE_LIMIT = 16 * 1024 * 1024

FREE_TEXT_MAX = 100_000  # notes, summaries: 100 kB of text
ONE_LINE_MAX = 200  # any one-line field not listed below

# Field (as the importers name it) -> most characters a cell may hold.
MAX_CHARS: dict[str, int] = {
    # names and titles
    "name": 200,
    "title": 200,
    "account": 200,
    "ours": 200,
    "theirs": 200,
    "owner": 120,
    # keys and codes
    "account_number": 60,
    "document": 60,
    "tax_id": 40,
    "domain": 120,
    "email": 254,  # RFC 5321's longest path
    "phone": 40,
    # categories and vocabulary words
    "category": 80,
    "industry": 80,
    "tier": 20,
    "status": 40,
    "side": 40,
    "function": 80,
    "role": 80,
    "stance": 80,
    # numbers and dates, with room for '1.234.567,89 €' or '2025-03-25 10:00:00'
    "amount": 40,
    "margin": 40,
    "date": 40,
    "year": 10,
    "strength": 10,
    "cadence_days": 10,
    # text that may span lines
    "address": 300,
    "privacy_note": FREE_TEXT_MAX,
    "notes": FREE_TEXT_MAX,
    "summary": FREE_TEXT_MAX,
}

# Fields whose (properly quoted) value may hold line breaks and tabs.
MULTI_LINE = frozenset({"address", "privacy_note", "notes", "summary"})

# Amounts, estimates and margins: finite and below a trillion in magnitude
# (`1e308` summed by the health query overflowed to inf).
MAX_AMOUNT = 1e12

# C0 controls except tab, newline and CR; DEL; C1 controls.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
# Bidi embeddings, overrides and isolates: they reorder how a name is shown.
_BIDI = "\u202a-\u202e\u2066-\u2069"
FREE_TEXT_BAD = re.compile(f"[{_CONTROL}]")
ONE_LINE_BAD = re.compile(f"[{_CONTROL}\t\r\n{_BIDI}]")
ANY_BAD = re.compile(f"[{_CONTROL}{_BIDI}]")  # one pass over the file: none, no cell check
LINE_BREAK = re.compile(r"\r\n?|\n")


def max_chars(field: str) -> int:
    return MAX_CHARS.get(field, ONE_LINE_MAX)


def describe(ch: str) -> str:
    """A character a person can look for: 'a NUL byte (U+0000)'."""
    code = f"U+{ord(ch):04X}"
    if ch == "\0":
        return f"a NUL byte ({code})"
    if ch == "\t":
        return f"a tab ({code})"
    if ch in "\r\n":
        return f"a line break ({code})"
    if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069":
        return f"a bidirectional control character ({code}, it reorders how text is shown)"
    return f"a control character ({code})"
