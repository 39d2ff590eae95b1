"""The trash across kinds: what is in it, and taking one record back out."""

from __future__ import annotations

from typing import Any

from kamtui.services.errors import NotFound, ServiceError
from kamtui.storage import trash as sql
from kamtui.storage.db import Store
from kamtui.textsafe import fold

KINDS = tuple(sql.KINDS)
_PLURALS = {
    "people": "person",
    "persons": "person",
    "personas": "person",
    "persona": "person",
    "step": "next_step",
    "steps": "next_step",
    "action": "goal_action",
    "actions": "goal_action",
}


def items(store: Store) -> list[dict[str, Any]]:
    """Every trashed record: kind, id, account_id, account, label, parent
    (a next step's interaction, an action item's goal), deleted_at."""
    return [dict(r) for r in sql.items(store)]


def kind_of(text: str) -> str:
    """'account', 'accounts', 'People'… -> the kind; ServiceError otherwise."""
    key = "_".join(fold(text).replace("-", " ").split())
    key = _PLURALS.get(key, key)
    if key not in sql.KINDS and key.endswith("s") and key[:-1] in sql.KINDS:
        key = key[:-1]
    if key not in sql.KINDS:
        raise ServiceError(f"unknown kind {text!r}: one of {', '.join(KINDS)}")
    return key


def restore(store: Store, kind: str, row_id: int) -> None:
    """Take one record out of the trash (NotFound when it is not there)."""
    kind = kind_of(kind)
    if not sql.is_trashed(store, kind, row_id):
        raise NotFound(f"no {kind} #{row_id} in the trash")
    if kind == "account":
        from kamtui.services import accounts

        accounts.restore(store, row_id)
    elif kind == "person":
        from kamtui.services import people

        people.restore_person(store, row_id)
    elif kind == "link":
        from kamtui.services import people

        people.restore_link(store, row_id)
    elif kind == "interaction":
        from kamtui.services.interactions import log

        log.restore(store, row_id)
    elif kind == "complaint":
        from kamtui.services import complaints

        complaints.restore(store, row_id)
    elif kind == "fact":
        from kamtui.services import facts

        facts.restore(store, row_id)
    elif kind == "goal":
        from kamtui.services.goals import editing

        editing.restore(store, row_id)
    elif kind == "next_step":
        from kamtui.services.interactions import editing as steps

        steps.restore_next_step(store, row_id)
    else:
        from kamtui.services.goals import editing

        editing.restore_action(store, row_id)
