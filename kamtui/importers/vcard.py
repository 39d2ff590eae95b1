"""Parse vCards (versions 2.1, 3.0 and 4.0) into people of one account: every
card validated, errors as `FILE:LINE: card N: property: reason`. The account
and side come from the caller; writing them is kamtui.services.imports's job.

The file is cut into cards here (so every error names its card and line) and
each card is read by vobject, which decodes quoted-printable and base64 values
and their CHARSET. vobject does not join the soft line breaks of 2.1's
quoted-printable values ("=" at the end of a line), so they are joined here
first, remembering each line's number."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import vobject
from pydantic import ValidationError

from kamtui import vocab
from kamtui.domain.models import PersonInput
from kamtui.domain.validation import contact_errors, field_errors
from kamtui.importers import limits
from kamtui.importers.csvfile import ImportFailed, Parsed
from kamtui.textsafe import clean, fold

# PersonInput field -> the vCard property its value comes from (for errors).
PROPERTY = {
    "name": "FN",
    "title": "TITLE",
    "email": "EMAIL",
    "phone": "TEL",
    "function": "ROLE",
    "decision_role": "ROLE",
    "side": "side",
}
_QP = re.compile(r"^[^:]*(ENCODING=QUOTED-PRINTABLE|;QUOTED-PRINTABLE)[;:]", re.IGNORECASE)
_BEGIN = "BEGIN:VCARD"
_END = "END:VCARD"


@dataclass
class Card:
    """One card's text (soft line breaks joined) and the file line of each of its lines."""

    number: int
    lines: list[str] = field(default_factory=list)
    line_of: list[int] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.line_of[0]

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def line_for(self, prop: str) -> int:
        """The file line where property `prop` (FN, EMAIL…) starts in this card."""
        wanted = prop.upper()
        for text, line in zip(self.lines, self.line_of, strict=True):
            name = re.split("[;:]", text, maxsplit=1)[0].split(".")[-1].strip().upper()
            if name == wanted:
                return line
        return self.line


# (the person, the fields the card gave)
Row = tuple[PersonInput, set[str]]


def read_text(path: Path, encoding: str | None, assumptions: list[str]) -> str:
    if path.is_dir():
        raise ImportFailed([f"{path}: is a directory, not a vCard file"])
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed([f"{path}: file not found"]) from None
    except OSError as exc:
        raise ImportFailed([f"{path}: cannot be read ({exc.strerror or exc})"]) from None
    if encoding is not None:
        try:
            return raw.decode(encoding).removeprefix("\ufeff")
        except (UnicodeDecodeError, LookupError) as exc:
            raise ImportFailed([f"{path}: cannot decode as {encoding}: {exc}"]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        assumptions.append("encoding: not UTF-8, read as Windows-1252 (use --encoding to override)")
        return raw.decode("cp1252", errors="replace")


def split_cards(path: Path, text: str) -> list[Card]:
    """The cards of the file, each BEGIN:VCARD … END:VCARD; a card never closed,
    a card inside a card or text outside the cards raise ImportFailed."""
    errors: list[str] = []
    cards: list[Card] = []
    card: Card | None = None
    joining = False  # the previous line ended a quoted-printable soft line break
    for number, raw in enumerate(limits.LINE_BREAK.split(text), start=1):
        line = raw.rstrip("\r\n")
        probe = line.strip().upper()
        if card is None:
            if probe == _BEGIN:
                card = Card(len(cards) + 1, [line], [number])
            elif probe:
                errors.append(
                    f"{path}:{number}: text outside a card (expected BEGIN:VCARD): "
                    f"{clean(line[:40], one_line=True)!r}"
                )
                if len(errors) >= 20:
                    break
            continue
        if joining:
            card.lines[-1] = card.lines[-1][:-1] + line
            joining = line.endswith("=") and bool(line)
            continue
        if probe == _BEGIN:
            errors.append(
                f"{path}:{card.line}: card {card.number}: BEGIN:VCARD is not closed by "
                f"END:VCARD before the next card starts on line {number}"
            )
            cards.append(card)
            card = Card(len(cards) + 1, [line], [number])
            continue
        if not line.strip():
            continue
        card.lines.append(line)
        card.line_of.append(number)
        if probe == _END:
            cards.append(card)
            card = None
            continue
        joining = line.endswith("=") and _QP.match(line) is not None
    if card is not None:
        errors.append(
            f"{path}:{card.line}: card {card.number}: BEGIN:VCARD is never closed "
            "(END:VCARD missing before the end of the file)"
        )
    if not cards and not errors:
        errors.append(f"{path}:1: no vCard in the file (a card starts with BEGIN:VCARD)")
    if errors:
        raise ImportFailed(errors)
    return cards


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        raise ValueError("holds binary data, not text (a bad ENCODING?)")
    if isinstance(value, list):
        value = " ".join(str(v) for v in value if v)
    return str(value).strip() or None


def _name(card: Any) -> str | None:
    fn = card.contents.get("fn")
    if fn:
        text = _text(fn[0].value)
        if text:
            return text
    n = card.contents.get("n")
    if n:
        value = n[0].value
        if isinstance(value, bytes):
            raise ValueError("holds binary data, not text (a bad ENCODING?)")
        parts = [value.prefix, value.given, value.additional, value.family, value.suffix]
        words = [_text(p) for p in parts]
        return " ".join(w for w in words if w) or None
    return None


def _preferred(children: list[Any]) -> Any:
    """The child marked PREF (2.1 and 3.0: TYPE=pref; 4.0: PREF=1), else the first."""
    for child in children:
        types = [t.lower() for t in child.params.get("TYPE", [])]
        singles = [s.lower() for s in child.singletonparams]
        if "pref" in types or "pref" in singles or child.params.get("PREF", [""])[0] == "1":
            return child
    return children[0]


def _function(card: Any) -> tuple[str | None, str | None]:
    """(function, decision role) from ROLE, else the department (ORG's second
    part), where they are one of kamtui's labels (English or Spanish)."""
    candidates: list[str] = []
    for child in card.contents.get("role", []):
        text = _text(child.value)
        if text:
            candidates.append(text)
    for child in card.contents.get("org", []):
        value = child.value
        if isinstance(value, list) and len(value) > 1:
            candidates.extend(str(v).strip() for v in value[1:] if str(v).strip())
    function = role = None
    for text in candidates:
        if function is None:
            try:
                function = vocab.FUNCTION.normalize(text)
                continue
            except ValueError:
                pass
        if role is None:
            with contextlib.suppress(ValueError):
                role = vocab.DECISION_ROLE.normalize(text)
    return function, role


def _values(card: Any) -> dict[str, str | None]:
    values: dict[str, str | None] = {"name": _name(card)}
    title = card.contents.get("title")
    values["title"] = _text(title[0].value) if title else None
    emails = card.contents.get("email")
    values["email"] = _text(_preferred(emails).value) if emails else None
    phones = card.contents.get("tel")
    phone = _text(_preferred(phones).value) if phones else None
    if phone and phone.lower().startswith("tel:"):
        phone = phone[4:]
    values["phone"] = phone
    values["function"], values["decision_role"] = _function(card)
    return values


def read_card(path: Path, card: Card) -> Any:
    """The card as vobject reads it; raises ValueError with `FILE:LINE: …`."""
    where = f"card {card.number}"
    try:
        return vobject.readOne(card.text())
    except vobject.base.ParseError as exc:
        # vobject's own line numbers count lines oddly: find the line it refuses.
        line = card.line
        for text, number in zip(card.lines, card.line_of, strict=True):
            try:
                vobject.base.textLineToContentLine(text)
            except vobject.base.VObjectError:
                line = number
                break
        message = clean(str(getattr(exc, "msg", exc)), one_line=True)[:120]
        raise ValueError(f"{path}:{line}: {where}: cannot be read ({message})") from None
    except LookupError as exc:  # an unknown CHARSET
        line = next(
            (n for t, n in zip(card.lines, card.line_of, strict=True) if "CHARSET=" in t.upper()),
            card.line,
        )
        raise ValueError(
            f"{path}:{line}: {where}: CHARSET: {clean(str(exc), one_line=True)}"
        ) from None
    except (UnicodeError, ValueError, TypeError, AttributeError, IndexError) as exc:
        message = clean(str(exc), one_line=True)[:120]
        raise ValueError(f"{path}:{card.line}: {where}: cannot be read ({message})") from None


def parse_vcards(
    path: Path | str, *, side: str = "theirs", encoding: str | None = None
) -> Parsed[Row]:
    """Every card validated as a person on `side`; raises ImportFailed listing
    every problem. `extras` holds each card's number and first line."""
    path = Path(path)
    assumptions: list[str] = []
    text = read_text(path, encoding, assumptions)
    cards = split_cards(path, text)
    errors: list[str] = []
    parsed: list[Row] = []
    where_of: list[tuple[int, int]] = []
    seen: dict[str, int] = {}
    for card in cards:
        where = f"card {card.number}"
        try:
            component = read_card(path, card)
            values = _values(component)
        except ValueError as exc:
            message = str(exc)
            if not message.startswith(f"{path}:"):
                message = f"{path}:{card.line}: {where}: {message}"
            errors.append(message)
            continue
        bad = False
        for fieldname, value in values.items():
            if value is None:
                continue
            found = limits.ONE_LINE_BAD.search(value)
            if found:
                prop = PROPERTY.get(fieldname, fieldname)
                errors.append(
                    f"{path}:{card.line_for(prop)}: {where}: {prop}: contains "
                    f"{limits.describe(found.group())} at character {found.start() + 1}; remove it"
                )
                bad = True
        if bad:
            continue
        if not values["name"]:
            errors.append(f"{path}:{card.line}: {where}: FN: the card has no name (FN or N)")
            continue
        try:
            data = PersonInput.model_validate({"side": side, **values})
        except ValidationError as exc:
            for fieldname, msg in field_errors(exc).items():
                prop = PROPERTY.get(fieldname, fieldname)
                errors.append(f"{path}:{card.line_for(prop)}: {where}: {prop}: {msg}")
            continue
        bad_contact = contact_errors(data)
        for fieldname, msg in bad_contact.items():
            prop = PROPERTY.get(fieldname, fieldname)
            errors.append(f"{path}:{card.line_for(prop)}: {where}: {prop}: {msg}")
        if bad_contact:
            continue
        key = fold(data.name)
        if key in seen:
            errors.append(
                f"{path}:{card.line_for('FN')}: {where}: FN: same person as card {seen[key]}"
            )
            continue
        seen[key] = card.number
        parsed.append((data, {k for k, v in values.items() if v}))
        where_of.append((card.number, card.line))
    if errors:
        raise ImportFailed(errors)
    return Parsed(len(cards), parsed, assumptions, extras=where_of)
