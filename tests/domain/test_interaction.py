"""The Interaction record is validated in plain Python (kamtui log must not pay
for pydantic). It must accept, normalise and refuse exactly as the pydantic
model it replaced, with the same first message: that model is kept here as the
reference."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from pydantic import Field, ValidationError

from kamtui import vocab
from kamtui.domain.interaction import Interaction, InvalidField
from kamtui.domain.models import Model, OptStr, _vocab_validator


class PydanticInteraction(Model):
    """The model as it was (commit 81bacb0), less the unused id."""

    account_id: int
    occurred_at: str
    channel: Annotated[str, _vocab_validator(vocab.CHANNEL)]
    level: Annotated[str, _vocab_validator(vocab.LEVEL)]
    kind: Annotated[str, _vocab_validator(vocab.KIND)] = "meeting"
    summary: str = Field(min_length=1)
    notes: OptStr = None
    mood: int | None = Field(default=None, ge=1, le=5)
    participant_ids: list[int] = Field(default_factory=list)


def _first_error(exc: ValidationError) -> str:
    # services.interactions turned the first pydantic error into this message
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "value"
    msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}: {msg}"


def _reference(values: dict[str, Any]) -> object:
    try:
        data = PydanticInteraction(**values)
    except ValidationError as exc:
        return ("error", _first_error(exc))
    return ("ok", data.model_dump(), data.participant_ids)


def _plain(values: dict[str, Any]) -> object:
    try:
        data = Interaction.validate(**values)
    except InvalidField as exc:
        return ("error", str(exc))
    return ("ok", {**data.row(), "participant_ids": data.participant_ids}, data.participant_ids)


BASE: dict[str, Any] = {
    "account_id": 7,
    "occurred_at": "2026-11-14T15:00",
    "channel": "phone",
    "level": "strategic",
    "kind": "call",
    "summary": "Plan 2027",
}

CASES: list[dict[str, Any]] = [
    {},
    {"channel": "Teléfono", "level": "ESTRATÉGICO", "kind": "Reunión"},
    {"channel": " in person ", "level": "satisfaccion", "kind": "queja"},
    {"channel": "site-visit"},
    {"channel": "pigeon"},
    {"channel": ""},
    {"channel": "   "},
    {"channel": None},
    {"channel": 5},
    {"level": "casual"},
    {"level": None},
    {"kind": "gossip"},
    {"kind": ""},
    {"summary": "  Plan  2027  "},
    {"summary": ""},
    {"summary": "   "},
    {"summary": None},
    {"summary": 12},
    {"summary": "[bold]x[/] \x1b[31m"},
    {"notes": None},
    {"notes": ""},
    {"notes": "  \n "},
    {"notes": "\n- agreed X\n[/] ok\n"},
    {"notes": 5},
    {"mood": None},
    {"mood": 1},
    {"mood": 5},
    {"mood": 0},
    {"mood": 6},
    {"mood": 9},
    {"mood": -1},
    {"mood": "4"},
    {"mood": " 4 "},
    {"mood": "+4"},
    {"mood": "04"},
    {"mood": "4.0"},
    {"mood": "4.5"},
    {"mood": "four"},
    {"mood": ""},
    {"mood": " "},
    {"mood": "1e0"},
    {"mood": "٤"},
    {"mood": 4.0},
    {"mood": 4.5},
    {"mood": float("nan")},
    {"mood": float("inf")},
    {"mood": True},
    {"mood": False},
    {"mood": [4]},
    {"mood": b"3"},
    {"participant_ids": []},
    {"participant_ids": [3, 1, 2]},
    {"participant_ids": ["3", 4.0]},
    {"participant_ids": [3, "x"]},
    {"participant_ids": [3, None]},
    {"participant_ids": (5, 6)},
    {"account_id": "7"},
    {"account_id": "seven"},
    {"account_id": None},
    {"account_id": 7.5},
    {"occurred_at": " 2026-11-14T15:00 "},
    {"occurred_at": ""},
    {"occurred_at": None},
    {"occurred_at": 20261114},
    # several wrong: the first field in the model's order is reported
    {"channel": "pigeon", "level": "casual", "summary": "", "mood": 9},
    {"summary": "", "mood": 9},
    {"kind": "gossip", "channel": "pigeon"},
    {"mood": 0, "participant_ids": ["x"]},
    {"account_id": "x", "occurred_at": None},
]


@pytest.mark.parametrize("change", CASES, ids=[repr(c) for c in CASES])
def test_same_result_as_the_pydantic_model(change: dict[str, Any]) -> None:
    values = {**BASE, **change}
    assert _plain(values) == _reference(values)


def test_kind_defaults_to_meeting() -> None:
    values = {k: v for k, v in BASE.items() if k != "kind"}
    assert Interaction.validate(**values).kind == "meeting"
    assert _plain(values) == _reference(values)


def test_invalid_field_names_the_field() -> None:
    with pytest.raises(InvalidField) as exc:
        Interaction.validate(**{**BASE, "participant_ids": [1, "x"]})
    assert exc.value.field == "participant_ids.1"
    assert str(exc.value).startswith("participant_ids.1: Input should be a valid integer")
