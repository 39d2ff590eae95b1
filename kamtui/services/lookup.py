"""Resolving what a person typed to one account: its account number (or a
business unit's), then "#N" (the id every message prints: "Peña (#4)"),
then exact name, then a unique part of the name; case- and
accent-insensitive; ambiguous names and numbers list the candidates. Returns the id and name only, so `kamtui log` needs no
account models; `services.accounts.resolve` builds on it."""

from __future__ import annotations

import re
from typing import NamedTuple

from kamtui.services.errors import Ambiguous, NotFound
from kamtui.storage import lookup as sql
from kamtui.storage.db import Store
from kamtui.textsafe import fold


class AccountRef(NamedTuple):
    id: int
    name: str


def resolve_account(store: Store, query: str) -> AccountRef:
    """One live account by number, "#id", exact name or unique partial name.
    Raises NotFound, or Ambiguous listing the candidates."""
    text = query.strip()
    if not text:
        raise NotFound("no account given")
    key = fold(text)
    rows = sql.account_matches(store, text, key)
    by_number = [r for r in rows if r["by_number"]]
    if len(by_number) == 1:
        return AccountRef(by_number[0]["id"], by_number[0]["name"])
    ref = _by_id(store, text)
    if ref is not None:
        return ref
    by_name = [r for r in rows if r["by_name"]]
    if not by_name:
        by_name = sql.accounts_named_like(store, key, limit=50)
    if len(by_name) == 1:
        return AccountRef(by_name[0]["id"], by_name[0]["name"])
    # A number shared by several accounts is no answer unless a name decides;
    # else they are listed, with the "#N" that picks one.
    if by_name or by_number:
        listed = by_name or by_number
        raise Ambiguous("account", query, [f"{r['name']} (#{r['id']})" for r in listed])
    raise NotFound(f"no account matches {query!r}{_empty_hint(store)}")


def _empty_hint(store: Store) -> str:
    """For a database without any account (typically the default one, right
    after `kamtui demo` filled the demo's own file): where the accounts are."""
    if sql.any_account(store):
        return ""
    from kamtui.paths import demo_db

    where = f"{store.path} has no accounts yet"
    demo = demo_db(None)
    try:
        is_demo = store.path.resolve() == demo.resolve()
    except OSError:
        is_demo = False
    if demo.exists() and not is_demo:
        import shlex

        return (
            f"; {where}: the demo portfolio lives in its own file, {demo} "
            f"(`kamtui demo` opens it; or add --db {shlex.quote(str(demo))})"
        )
    return f"; {where} (import yours with `kamtui import accounts FILE`, or try `kamtui demo`)"


_ID = re.compile(r"#\s*(\d{1,18})", re.ASCII)


def _by_id(store: Store, text: str) -> AccountRef | None:
    """'#4' -> the live account with id 4 (NotFound when there is none);
    None when `text` is not of that form."""
    m = _ID.fullmatch(text)
    if m is None:
        return None
    account_id = int(m.group(1))
    name = sql.account_name(store, account_id)
    if name is None:
        raise NotFound(f"no account #{account_id} (deleted, or in the trash)")
    return AccountRef(account_id, name)
