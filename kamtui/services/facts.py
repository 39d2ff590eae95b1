"""Facts: needs, preferences and habits the client told us (never ask twice),
per account or per person, added from an interaction or on their own."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from kamtui.domain.models import Fact
from kamtui.services.errors import NotFound, ServiceError
from kamtui.storage import accounts as account_sql
from kamtui.storage import facts as sql
from kamtui.storage import interactions as interaction_sql
from kamtui.storage import versions
from kamtui.storage.db import Store


def of_account(store: Store, account_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in sql.of_account(store, account_id)]


def get(store: Store, fact_id: int) -> dict[str, Any]:
    row = sql.get(store, fact_id)
    if row is None:
        raise NotFound(f"no fact with id {fact_id}")
    return dict(row)


def _validated(
    account_id: int,
    text: str,
    kind: str,
    person_id: int | None,
    interaction_id: int | None,
    store: Store,
) -> Fact:
    try:
        data = Fact(
            account_id=account_id,
            text=text or "",
            kind=kind or "other",
            person_id=person_id,
            interaction_id=interaction_id,
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ())) or "value"
        raise ServiceError(
            f"{where}: {str(err.get('msg', 'invalid')).removeprefix('Value error, ')}"
        ) from None
    if person_id is not None and person_id not in {
        r["id"] for r in interaction_sql.people(store, account_id)
    }:
        raise ServiceError(f"person: #{person_id} is not on this account's map")
    return data


def add(
    store: Store,
    account_id: int,
    text: str,
    *,
    kind: str = "other",
    person_id: int | None = None,
    interaction_id: int | None = None,
) -> int:
    if account_sql.get(store, account_id) is None:
        raise NotFound(f"no account with id {account_id}")
    data = _validated(account_id, text, kind, person_id, interaction_id, store)
    return sql.insert(store, data.model_dump(exclude={"id"}))


def update(
    store: Store,
    fact_id: int,
    text: str,
    *,
    kind: str = "other",
    person_id: int | None = None,
    expected_version: int | None = None,
    restore: bool = False,
) -> None:
    """With `expected_version` (the version the form loaded) a change or
    trashing made since raises RecordConflict instead of being overwritten;
    `restore=True` also takes the fact out of the trash."""
    with store.write() as conn:
        versions.claim(conn, "facts", fact_id, expected_version, restore=restore)
        current = get(store, fact_id)
        data = _validated(
            current["account_id"], text, kind, person_id, current["interaction_id"], store
        )
        sql.update(store, fact_id, {"text": data.text, "kind": data.kind, "person_id": person_id})


def delete(store: Store, fact_id: int) -> None:
    get(store, fact_id)
    sql.set_deleted(store, fact_id, True)


def restore(store: Store, fact_id: int) -> None:
    sql.set_deleted(store, fact_id, False)
