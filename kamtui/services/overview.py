"""What the account screen shows before the specialised tabs load."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kamtui.domain.models import Account
from kamtui.services import accounts
from kamtui.storage import overview as sql
from kamtui.storage.db import Store


@dataclass
class AccountOverview:
    account: Account
    figures: dict[str, Any]
    counts: dict[str, int]
    open_complaints: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    recent: list[dict[str, Any]] = field(default_factory=list)


def overview(store: Store, account_id: int, today: date) -> AccountOverview:
    return AccountOverview(
        account=accounts.get(store, account_id),
        figures=sql.figures(store, account_id, today),
        counts=accounts.counts(store, account_id),
        open_complaints=[dict(r) for r in sql.open_complaints(store, account_id)],
        facts=[dict(r) for r in sql.facts(store, account_id)],
        recent=[dict(r) for r in sql.interactions(store, account_id, limit=5)],
    )


def people(store: Store, account_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in sql.people(store, account_id)]


def links(store: Store, account_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in sql.links(store, account_id)]


def interactions(store: Store, account_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in sql.interactions(store, account_id)]


def transactions(store: Store, account_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in sql.transactions(store, account_id)]


def goals(store: Store, account_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in sql.goals(store, account_id)]
