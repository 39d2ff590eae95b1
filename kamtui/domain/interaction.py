"""One interaction as logged, validated in plain Python.

The other domain records are pydantic models (`kamtui.domain.models`, which
re-exports this one). An interaction is logged by `kamtui log`, a process of
its own each time, and pydantic's first model costs that command more than
all its other work (~60 ms: importing BaseModel, building the validator, and
the plugin loader's `importlib.metadata`). So its few rules are written out
here; they accept and refuse what the pydantic model did, with the same
messages (tests/domain/test_interaction.py checks them against it):

- `account_id`: a whole number; `occurred_at`: text (surrounding blanks dropped);
- `channel`, `level`, `kind`: a key or English/Spanish label of their vocabulary;
- `summary`: text of at least one character once trimmed;
- `notes`: text, blank -> None; `mood`: None or a whole number from 1 to 5;
- `participant_ids`: whole numbers.
Whole numbers are read as pydantic's lax mode reads them: 4, 4.0, "4", " 4 "."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from kamtui import vocab

# pydantic's own wording, so messages read as those of the other records.
NOT_TEXT = "Input should be a valid string"
NOT_WHOLE = "Input should be a valid integer"
NOT_WHOLE_TEXT = "Input should be a valid integer, unable to parse string as an integer"
FRACTION = "Input should be a valid integer, got a number with a fractional part"
NOT_FINITE = "Input should be a finite number"
EMPTY = "String should have at least 1 character"
NOT_UNICODE = "Input should be a valid string, unable to parse raw data as a unicode string"

_WHOLE = re.compile(r"[+-]?\d+(?:_\d+)*(?:\.0*)?", re.ASCII)


class InvalidField(ValueError):
    """One field's problem: `field` is its name (with the index for list
    items, e.g. "participant_ids.1"); str() reads "field: message"."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class Interaction(NamedTuple):
    account_id: int
    occurred_at: str
    channel: str
    level: str
    kind: str
    summary: str
    notes: str | None
    mood: int | None
    participant_ids: list[int]

    @classmethod
    def validate(
        cls,
        *,
        account_id: object,
        occurred_at: object,
        channel: object,
        level: object,
        kind: object = "meeting",
        summary: object,
        notes: object = None,
        mood: object = None,
        participant_ids: Iterable[object] = (),
    ) -> Interaction:
        """The normalised record, or InvalidField for the first field (in the
        order above) that is wrong."""
        account = _whole("account_id", account_id)
        when = _text("occurred_at", occurred_at)
        channel_key = _vocab("channel", vocab.CHANNEL, channel)
        level_key = _vocab("level", vocab.LEVEL, level)
        kind_key = _vocab("kind", vocab.KIND, kind)
        summary_text = _text("summary", summary)
        if not summary_text:
            raise InvalidField("summary", EMPTY)
        notes_text = None if _blank(notes) is None else _text("notes", notes)
        mood_value = None if mood is None else _whole("mood", mood)
        if mood_value is not None and mood_value < 1:
            raise InvalidField("mood", "Input should be greater than or equal to 1")
        if mood_value is not None and mood_value > 5:
            raise InvalidField("mood", "Input should be less than or equal to 5")
        if isinstance(participant_ids, (str, bytes, dict)):
            raise InvalidField("participant_ids", "Input should be a valid list")
        people = [_whole(f"participant_ids.{i}", p) for i, p in enumerate(participant_ids)]
        return cls(
            account_id=account,
            occurred_at=when,
            channel=channel_key,
            level=level_key,
            kind=kind_key,
            summary=summary_text,
            notes=notes_text,
            mood=mood_value,
            participant_ids=people,
        )

    def row(self) -> dict[str, Any]:
        """The `interactions` columns (no id, no participants)."""
        return {
            "account_id": self.account_id,
            "occurred_at": self.occurred_at,
            "channel": self.channel,
            "level": self.level,
            "kind": self.kind,
            "summary": self.summary,
            "notes": self.notes,
            "mood": self.mood,
        }


def _blank(value: object) -> object:
    if isinstance(value, str):
        return value.strip() or None
    return value


def _text(field: str, value: object) -> str:
    if isinstance(value, (bytes, bytearray)):
        try:
            value = bytes(value).decode()
        except UnicodeDecodeError:
            raise InvalidField(field, NOT_UNICODE) from None
    if not isinstance(value, str):
        raise InvalidField(field, NOT_TEXT)
    return value.strip()


def _vocab(field: str, words: vocab.Vocabulary, value: object) -> str:
    value = _blank(value)
    if value is None:
        raise InvalidField(field, NOT_TEXT)
    try:
        return words.normalize(str(value))
    except ValueError as exc:
        raise InvalidField(field, str(exc)) from None


def _whole(field: str, value: object) -> int:
    if isinstance(value, int):  # bool too: True is 1, as in pydantic's lax mode
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidField(field, NOT_FINITE)
        if not value.is_integer():
            raise InvalidField(field, FRACTION)
        return int(value)
    if isinstance(value, (bytes, bytearray)):
        try:
            value = bytes(value).decode()
        except UnicodeDecodeError:
            raise InvalidField(field, NOT_WHOLE_TEXT) from None
    if isinstance(value, str):
        text = value.strip()
        if not _WHOLE.fullmatch(text):
            raise InvalidField(field, NOT_WHOLE_TEXT)
        return int(text.partition(".")[0])
    raise InvalidField(field, NOT_WHOLE)
