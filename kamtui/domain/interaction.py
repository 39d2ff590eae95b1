"""The Interaction model (re-exported by `kamtui.domain.models`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from kamtui import vocab
from kamtui.domain.modelbase import Model, OptStr, vocab_validator


class Interaction(Model):
    id: int | None = None
    account_id: int
    occurred_at: str
    channel: Annotated[str, vocab_validator(vocab.CHANNEL)]
    level: Annotated[str, vocab_validator(vocab.LEVEL)]
    kind: Annotated[str, vocab_validator(vocab.KIND)] = "meeting"
    summary: str = Field(min_length=1)
    notes: OptStr = None
    mood: int | None = Field(default=None, ge=1, le=5)
    participant_ids: list[int] = Field(default_factory=list)
