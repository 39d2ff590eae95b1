"""Finding a person in free text, to replace them with "[erased contact]".

What counts as the person (docs/privacy.md says the same):
- their full name, case- and accent-insensitively, whatever the spaces
  between its words ("LUCIA  gomez pardo" for "Lucía Gómez Pardo");
- with three words or more (Spanish names carry two surnames), the first
  name with the first surname ("Lucía Gómez") and the surnames alone
  ("Sra. Gómez Pardo") too;
- their e-mail address, case-insensitively;
- their phone number whatever its grouping ("600 12 34 56", "600-123-456"),
  with or without its country prefix ("+34", "0034");
- their first name alone only when asked (`first_name=True`): first names
  are shared by many people ("Ana", "José"), and replacing every "Ana" of
  an account's notes would erase other people's words.

Plain Python on strings: no I/O."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

ERASED = "[erased contact]"

# Latin letters with their accented forms (Latin-1 and Latin Extended-A):
# a pattern letter matches any of them, so "Lucia" finds "Lucía".
_VARIANTS: dict[str, set[str]] = {}
for _code in list(range(0xC0, 0x250)):
    _ch = chr(_code)
    _base = unicodedata.normalize("NFKD", _ch)[:1].lower()
    if _base.isascii() and _base.isalpha() and _ch.isalpha():
        _VARIANTS.setdefault(_base, {_base}).update({_ch.lower(), _ch.upper()})


def _letter(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)[:1].lower()
    if base in _VARIANTS:
        return "[" + "".join(sorted(re.escape(c) for c in _VARIANTS[base] | {base})) + "]"
    return re.escape(ch)


def _words_pattern(words: list[str]) -> str:
    body = r"\s+".join("".join(_letter(c) for c in word) for word in words)
    return rf"(?<!\w){body}(?!\w)"


def _phone_pattern(digits: str) -> str:
    return r"[\s.\-/()]*".join(digits)


def name_variants(name: str, *, first_name: bool = False) -> list[list[str]]:
    """The word lists that stand for the person: the full name, first name
    and first surname (three words or more), the first name (if asked)."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    found = [words] if words else []
    if len(words) >= 3:
        found.append(words[:2])
        found.append(words[1:])
    if first_name and len(words) >= 2:
        found.append(words[:1])
    return found


@dataclass(frozen=True)
class Redactor:
    """Replaces one person's name, e-mail and phone in text."""

    pattern: re.Pattern[str]
    # What storage looks for first, cheaply, in SQL: a text that matches no
    # group of LIKE patterns (every pattern of a group), and (phone) whose
    # digits without separators do not contain `digits`, holds no mention.
    probes: tuple[tuple[str, ...], ...]
    digits: str | None = None

    def redact(self, text: str | None) -> tuple[str | None, int]:
        """The text with every mention replaced, and how many there were."""
        if not text:
            return text, 0
        return self.pattern.subn(ERASED, text)

    def redact_json(self, raw: str | None) -> tuple[str | None, int]:
        """The same inside a JSON document's strings (keys and values), so
        an escaped "Luc\\u00eda" is found too; text that is not JSON is
        treated as text."""
        if not raw:
            return raw, 0
        try:
            value = json.loads(raw)
        except ValueError:
            return self.redact(raw)
        count = 0

        def walk(node: Any) -> Any:
            nonlocal count
            if isinstance(node, str):
                new, n = self.pattern.subn(ERASED, node)
                count += n
                return new
            if isinstance(node, list):
                return [walk(v) for v in node]
            if isinstance(node, dict):
                return {walk(k): walk(v) for k, v in node.items()}
            return node

        result = walk(value)
        if not count:
            return raw, 0
        return json.dumps(result, ensure_ascii=False), count


def _like(word: str) -> str:
    """A LIKE pattern that finds `word` whatever its accents: letters that
    may carry one (and any non-ASCII character) become '_'. LIKE folds ASCII
    case only; the letters left are ASCII."""
    out = []
    for ch in word.lower():
        if not ch.isascii() or ch in "aeiouycn":
            out.append("_")
        elif ch in "%_\\":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "%" + "".join(out) + "%"


def redactor(
    name: str,
    email: str | None = None,
    phone: str | None = None,
    *,
    first_name: bool = False,
    former: Sequence[str] = (),
) -> Redactor:
    """The redactor for one person. Longer forms come first in the pattern,
    so "Lucía Gómez Pardo" is replaced whole, not as "[erased contact] Pardo".
    `former`: the names the person had before a merge, found the same way."""
    parts: list[str] = []
    probes: list[tuple[str, ...]] = []
    for each in (name, *former):
        for words in name_variants(each, first_name=first_name):
            parts.append(_words_pattern(words))
            probes.append(tuple(_like(w) for w in words))
    if email and email.strip():
        parts.append(r"(?<![\w.+-])" + re.escape(email.strip()) + r"(?![\w-])")
        probes.append((_like(email.strip().split("@")[0]),))
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) >= 6:
        forms = [digits]
        if phone and phone.strip().startswith(("+", "00")) and len(digits) > 9:
            forms.append(digits[-9:])
        elif digits.startswith("00") and len(digits) > 9:
            forms.append(digits[2:])
        for form in forms:
            prefix = r"(?:(?:\+|00)\s*\d{1,3}[\s.\-/]*)?" if form == digits[-9:] else r"\+?"
            parts.append(r"(?<![\d+])" + prefix + _phone_pattern(form) + r"(?!\d)")
    if not parts:
        raise ValueError("nothing to look for: no name, e-mail or phone")
    pattern = re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)
    return Redactor(
        pattern, tuple(dict.fromkeys(probes)), digits[-9:] if len(digits) >= 6 else None
    )
