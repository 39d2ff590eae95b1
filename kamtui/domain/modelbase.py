"""The base of kamtui's pydantic models and their shared field types.

Kept apart from `models` so a command that validates one kind of record (the
`kamtui log` path: `domain.interaction`) does not create every model class."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict

from kamtui import vocab

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^[+()0-9 .\-/]{6,25}$")


def blank_to_none(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


OptStr = Annotated[str | None, BeforeValidator(blank_to_none)]


def vocab_validator(v: vocab.Vocabulary):  # type: ignore[no-untyped-def]
    def check(value: object) -> object:
        value = blank_to_none(value)
        if value is None:
            return None
        return v.normalize(str(value))

    return BeforeValidator(check)


class Model(BaseModel):
    # defer_build: validators are built on a class's first use, so importing
    # the models costs only the class statements.
    model_config = ConfigDict(str_strip_whitespace=True, validate_assignment=True, defer_build=True)
