"""Resolving what a person typed to one account: number, then exact name,
then a unique part of the name; case- and accent-insensitive; ambiguous names
list the candidates. Returns the id and name only, so `kamtui log` needs no
account models; `services.accounts.resolve` builds on it."""

from __future__ import annotations

from typing import NamedTuple

from kamtui.services.errors import Ambiguous, NotFound
from kamtui.storage import lookup as sql
from kamtui.storage.db import Store
from kamtui.textsafe import fold


class AccountRef(NamedTuple):
    id: int
    name: str


def resolve_account(store: Store, query: str) -> AccountRef:
    """One live account by number, exact name or unique partial name.
    Raises NotFound, or Ambiguous listing the candidates."""
    text = query.strip()
    if not text:
        raise NotFound("no account given")
    key = fold(text)
    rows = sql.account_matches(store, text, key)
    by_number = [r for r in rows if r["by_number"]]
    if len(by_number) == 1:
        return AccountRef(by_number[0]["id"], by_number[0]["name"])
    by_name = [r for r in rows if r["by_name"]]
    if not by_name:
        by_name = sql.accounts_named_like(store, key, limit=50)
    if len(by_name) == 1:
        return AccountRef(by_name[0]["id"], by_name[0]["name"])
    if by_name:
        raise Ambiguous("account", query, [f"{r['name']} (#{r['id']})" for r in by_name])
    raise NotFound(f"no account matches {query!r}")
