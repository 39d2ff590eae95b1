"""Domain objects (pydantic v2). No UI, no SQL."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from kamtui import vocab
from kamtui.domain.interaction import Interaction
from kamtui.textsafe import fold

__all__ = [
    "Account",
    "AccountInput",
    "Complaint",
    "ConsentInput",
    "Fact",
    "Goal",
    "GoalAction",
    "Interaction",
    "Link",
    "Model",
    "OptStr",
    "Person",
    "PersonInput",
    "Transaction",
    "WalletEstimate",
]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[+()0-9 .\-/]{6,25}$")


def _blank_to_none(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


OptStr = Annotated[str | None, BeforeValidator(_blank_to_none)]


def _vocab_validator(v: vocab.Vocabulary):  # type: ignore[no-untyped-def]
    def check(value: object) -> object:
        value = _blank_to_none(value)
        if value is None:
            return None
        return v.normalize(str(value))

    return BeforeValidator(check)


class Model(BaseModel):
    # defer_build: validators are built on a class's first use, so importing
    # the models costs only the class statements.
    model_config = ConfigDict(str_strip_whitespace=True, validate_assignment=True, defer_build=True)


class AccountInput(Model):
    """What a user may type for an account (form, CSV import)."""

    name: str = Field(min_length=1, max_length=200)
    account_number: OptStr = Field(default=None, max_length=60)
    tax_id: OptStr = Field(default=None, max_length=40)
    domain: OptStr = Field(default=None, max_length=120)
    industry: OptStr = Field(default=None, max_length=80)
    tier: OptStr = Field(default=None, max_length=20)
    owner: OptStr = Field(default=None, max_length=120)
    phone: OptStr = None
    email: OptStr = None
    address: OptStr = Field(default=None, max_length=300)
    cadence_days: Annotated[int | None, BeforeValidator(_blank_to_none)] = Field(
        default=None, ge=1, le=730
    )
    status: Annotated[str, _vocab_validator(vocab.ACCOUNT_STATUS)] = "active"
    # Numbers in other business units' systems: (unit, number) pairs, or
    # their text "ERP-Norte:4711; SAT:C-88". None: not given, the stored ones
    # stay (a field-wise edit, an import without the column). Not a column of
    # `accounts` (its own table), so never in model_dump().
    identifiers: tuple[tuple[str, str], ...] | None = Field(default=None, exclude=True)

    @field_validator("identifiers", mode="before")
    @classmethod
    def _identifiers(cls, value: object) -> object:
        from kamtui.domain.identifiers import check_identifier, parse_identifiers, unique

        if value is None or isinstance(value, str):
            return None if value is None else parse_identifiers(value)
        if isinstance(value, list | tuple):
            return unique(check_identifier(str(u), str(n)) for u, n in value)
        return value

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            raise ValueError("a name is required")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.match(value):
            raise ValueError("not an e-mail address (expected name@domain.tld)")
        return value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value is not None and not _PHONE.match(value):
            raise ValueError("not a phone number (digits, spaces, + ( ) - . /)")
        return value

    @field_validator("tier")
    @classmethod
    def _tier(cls, value: str | None) -> str | None:
        return value.upper() if value and len(value) == 1 else value

    @property
    def name_key(self) -> str:
        return fold(self.name)


class Account(AccountInput):
    id: int
    created_at: str
    updated_at: str
    deleted_at: str | None = None
    version: int = 1  # row version: an edit saves only over the version it loaded


class ConsentInput(Model):
    """One entry of a person's consent history."""

    status: Annotated[str, _vocab_validator(vocab.CONSENT_STATUS)]
    date: str = Field(min_length=10, max_length=10)  # ISO day
    channel: Annotated[str | None, _vocab_validator(vocab.CONSENT_CHANNEL)] = None
    note: OptStr = Field(default=None, max_length=2000)


class PersonInput(Model):
    side: Annotated[str, _vocab_validator(vocab.SIDE)]
    name: str = Field(min_length=1, max_length=200)
    title: OptStr = None
    function: Annotated[str | None, _vocab_validator(vocab.FUNCTION)] = None
    decision_role: Annotated[str | None, _vocab_validator(vocab.DECISION_ROLE)] = None
    stance: Annotated[str | None, _vocab_validator(vocab.STANCE)] = None
    email: OptStr = None
    phone: OptStr = None
    privacy_note: OptStr = None
    verified_at: OptStr = None
    lawful_basis: Annotated[str | None, _vocab_validator(vocab.LAWFUL_BASIS)] = None
    do_not_contact: bool = False
    # A consent entry to record with this save (not a column of people: the
    # history is the `consents` table).
    consent: ConsentInput | None = None


class Person(PersonInput):
    id: int
    account_id: int
    leaving: bool = False
    version: int = 1  # row version: an edit saves only over the version it loaded


class Link(Model):
    id: int
    account_id: int
    our_person_id: int
    their_person_id: int
    strength: int = Field(default=3, ge=1, le=5)
    last_contact: str | None = None


class Complaint(Model):
    id: int | None = None
    account_id: int
    interaction_id: int | None = None
    title: str = Field(min_length=1)
    description: OptStr = None
    severity: Annotated[str, _vocab_validator(vocab.SEVERITY)] = "medium"
    status: Annotated[str, _vocab_validator(vocab.COMPLAINT_STATUS)] = "open"
    opened_at: str
    in_progress_at: str | None = None
    resolved_at: str | None = None
    resolution: OptStr = None


class Fact(Model):
    id: int | None = None
    account_id: int
    person_id: int | None = None
    interaction_id: int | None = None
    kind: Annotated[str, _vocab_validator(vocab.FACT_KIND)] = "other"
    text: str = Field(min_length=1)


class Transaction(Model):
    id: int | None = None
    account_id: int
    date: str
    amount: float
    category: str = Field(min_length=1)
    document: str = Field(min_length=1)
    margin: float | None = None


class WalletEstimate(Model):
    account_id: int
    category: str
    year: int
    amount: float = Field(ge=0)


class GoalAction(Model):
    id: int | None = None
    goal_id: int | None = None
    text: str = Field(min_length=1)
    due_date: str | None = None
    done_at: str | None = None


class Goal(Model):
    id: int | None = None
    account_id: int
    type: Annotated[str, _vocab_validator(vocab.GOAL_TYPE)]
    category: OptStr = None
    title: str = Field(min_length=1)
    baseline: float | None = None
    target: float | None = None
    current: float | None = None
    start_date: str
    due_date: str | None = None
    status: Annotated[str, _vocab_validator(vocab.GOAL_STATUS)] = "active"
    actions: list[GoalAction] = Field(default_factory=list)
