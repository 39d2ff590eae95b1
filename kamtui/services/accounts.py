"""Account operations shared by the TUI and the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from kamtui.domain.records import PortfolioRow
from kamtui.services.errors import NotFound, ServiceError, validation_message
from kamtui.services.lookup import resolve_account
from kamtui.storage import accounts as account_sql
from kamtui.storage.db import Store

if TYPE_CHECKING:
    # pydantic models: only type hints here, so the portfolio starts without them.
    from kamtui.domain.models import Account, AccountInput


def portfolio(store: Store, today: date) -> list[PortfolioRow]:
    return account_sql.portfolio(store, today)


def portfolio_accounts(store: Store, account_ids: list[int] | None = None) -> list[PortfolioRow]:
    """The portfolio's rows (or these accounts') with names and stored
    health only (first paint)."""
    return account_sql.portfolio_accounts(store, account_ids)


def health_columns(store: Store, since: int) -> dict[int, tuple[Any, ...]]:
    """Stored health per live account saved after stamp `since`, as the
    portfolio shows it."""
    return account_sql.health_columns(store, since)


def change_counters(store: Store) -> dict[int, tuple[int, bool]]:
    """The health change counters ever bumped, with whether their account
    is live: the portfolio compares them with those its rows were read at."""
    return account_sql.change_counters(store)


def portfolio_figures(
    store: Store, today: date, account_ids: list[int] | None = None
) -> dict[int, tuple[float, str | None, int]]:
    """(12-month revenue, last contact, open complaints) per account."""
    return account_sql.portfolio_figures(store, today, account_ids)


def listing(store: Store) -> list[dict[str, Any]]:
    """Every live account: id, name, number, tier, owner, status (by name)."""
    return [dict(r) for r in account_sql.listing(store)]


def account_input(fields: dict[str, Any]) -> AccountInput:
    """Validated input (vocabulary keys or labels); ServiceError naming the
    first wrong field."""
    from pydantic import ValidationError

    from kamtui.domain.models import AccountInput

    try:
        return AccountInput.model_validate(fields)
    except ValidationError as exc:
        raise ServiceError(validation_message(exc)) from None


def identifiers_by_account(store: Store) -> dict[int, list[tuple[str, str]]]:
    """Every live account's identifiers (business unit, number)."""
    return account_sql.identifiers_by_account(store)


def add(store: Store, fields: dict[str, Any]) -> int:
    return create(store, account_input(fields))


def edit(store: Store, account_id: int, changes: dict[str, Any]) -> Account:
    """Change only the fields in `changes`, compare-and-set against the
    version just read: a change made in between raises RecordConflict."""
    current = get(store, account_id)
    merged = current.model_dump(include=set(account_sql.ACCOUNT_FIELDS))
    merged.update(changes)
    data = account_input(merged)
    update(store, account_id, data, expected_version=current.version)
    return get(store, account_id)


def get(store: Store, account_id: int) -> Account:
    account = account_sql.get(store, account_id)
    if account is None:
        raise NotFound(f"no account with id {account_id}")
    return account


def create(store: Store, data: AccountInput) -> int:
    """A new account with its identifiers, in one transaction."""
    with _identifiers_checked():
        return account_sql.insert(store, data)


def update(
    store: Store,
    account_id: int,
    data: AccountInput,
    *,
    expected_version: int | None = None,
    restore: bool = False,
) -> None:
    """Save an edit. With `expected_version` (the version the form loaded) a
    change or trashing made since raises RecordConflict instead of being
    overwritten; `restore=True` also takes the account out of the trash."""
    if expected_version is None:
        get(store, account_id)
    with _identifiers_checked():
        account_sql.update(
            store, account_id, data, expected_version=expected_version, restore=restore
        )


@contextmanager
def _identifiers_checked() -> Iterator[None]:
    """An identifier that is another account's: refused (nothing written)."""
    try:
        yield
    except account_sql.IdentifierTaken as exc:
        raise ServiceError(f"identifiers: {exc}") from None


def delete(store: Store, account_id: int) -> Account:
    """Move to the trash; `restore` undoes it."""
    account = get(store, account_id)
    account_sql.set_deleted(store, [account_id], True)
    return account


def restore(store: Store, account_id: int) -> None:
    """Out of the trash; refused for an account merged into another (its
    records are there: `kamtui merge undo` brings it back whole)."""
    from kamtui.services.merge import check_restore

    check_restore(store, "account", account_id)
    account_sql.set_deleted(store, [account_id], False)


def trash(store: Store) -> list[Account]:
    return account_sql.trash(store)


def resolve(store: Store, query: str) -> Account:
    """Find one account by number, exact name or unique partial name,
    case- and accent-insensitively. Ambiguous names list the candidates."""
    return get(store, resolve_account(store, query).id)


def names(store: Store) -> list[tuple[int, str]]:
    return account_sql.all_names(store)


def counts(store: Store, account_id: int) -> dict[str, int]:
    return account_sql.counts(store, account_id)
