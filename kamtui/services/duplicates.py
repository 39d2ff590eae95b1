"""Suspected duplicates, for the app's Duplicates screen, `kamtui duplicates`
and the imports' summaries: records read set-wise (storage), paired and
scored by kamtui.domain.duplicates, pairs marked "not a duplicate" left out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from kamtui import gcpause
from kamtui.domain import duplicates as dd
from kamtui.domain.duplicates import ACCOUNT, KINDS, PERSON, DuplicatePair
from kamtui.services.errors import NotFound, ServiceError
from kamtui.storage import duplicates as sql
from kamtui.storage import lookup
from kamtui.storage.db import Store
from kamtui.textsafe import clean

__all__ = [
    "ACCOUNT",
    "KINDS",
    "PERSON",
    "DuplicatePair",
    "as_json",
    "dismiss",
    "find",
    "ranked",
    "undismiss",
]


def ranked(pairs: Iterable[DuplicatePair]) -> list[DuplicatePair]:
    """Highest score first (accounts before people on a tie), then by names."""
    return sorted(dd.ranked(pairs), key=lambda p: (-p.score, p.kind != ACCOUNT))


def find(
    store: Store,
    *,
    accounts: bool = True,
    people: bool = True,
    limit: int | None = None,
) -> list[DuplicatePair]:
    """Candidate pairs, highest score first (accounts before people on a
    tie), without those marked not a duplicate. 10,000 accounts and 200,000
    people take a few seconds: call it from a worker."""
    # Hundreds of thousands of short-lived acyclic tuples: the cyclic
    # collector would walk them over and over for nothing.
    with gcpause.paused():
        dismissed = sql.dismissed(store)
        pairs: list[DuplicatePair] = []
        if accounts:
            records = [dd.AccountRecord(*r) for r in sql.accounts(store)]
            pairs.extend(dd.account_pairs(records, dismissed))
        if people:
            persons = [dd.PersonRecord(*r) for r in sql.people(store)]
            pairs.extend(dd.people_pairs(persons, dismissed))
    pairs = ranked(pairs)
    return pairs if limit is None else pairs[:limit]


def as_json(pair: DuplicatePair) -> dict[str, Any]:
    """A pair as `kamtui duplicates --json` prints it: kind, a, b (names),
    score, reasons, then the ids (a_id, b_id; account for people)."""
    out: dict[str, Any] = {
        "kind": pair.kind,
        "a": pair.a_name,
        "b": pair.b_name,
        "score": pair.score,
        "reasons": list(pair.reasons),
        "a_id": pair.a_id,
        "b_id": pair.b_id,
    }
    if pair.account_id is not None:
        out["account"] = pair.account_id
    return out


def describe(pair: DuplicatePair) -> str:
    """One line: "Olmo S.L. (#4) ~ Olmo SA (#9): same name; …"."""
    return (
        f"{clean(pair.a_name, one_line=True)} (#{pair.a_id}) ~ "
        f"{clean(pair.b_name, one_line=True)} (#{pair.b_id}): {'; '.join(pair.reasons)}"
    )


def _check(store: Store, kind: str, a_id: int, b_id: int) -> None:
    if kind not in KINDS:
        raise ServiceError(f"kind: {kind!r} is neither account nor person")
    if a_id == b_id:
        raise ServiceError(f"#{a_id} twice: a pair needs two different records")
    if kind == ACCOUNT:
        for account_id in (a_id, b_id):
            if not lookup.account_exists(store, account_id):
                raise NotFound(f"no account #{account_id} (deleted, or in the trash)")
        return
    found = sql.live_people(store, (a_id, b_id))
    for person_id in (a_id, b_id):
        if person_id not in found:
            raise NotFound(f"no person #{person_id} (deleted, or in the trash)")


def dismiss(store: Store, kind: str, a_id: int, b_id: int) -> bool:
    """Mark the pair "not a duplicate": it is not listed again. False when it
    was marked already. NotFound/ServiceError for a wrong kind or id."""
    _check(store, kind, a_id, b_id)
    return sql.dismiss(store, kind, a_id, b_id)


def undismiss(store: Store, kind: str, a_id: int, b_id: int) -> bool:
    """Take a "not a duplicate" mark back (the pair may be listed again)."""
    if kind not in KINDS:
        raise ServiceError(f"kind: {kind!r} is neither account nor person")
    return sql.undismiss(store, kind, a_id, b_id)


# -- imports -----------------------------------------------------------------------


def new_account_warnings(store: Store, new_ids: Iterable[int]) -> list[str]:
    """For an import's summary: the new accounts that look like another
    (score IMPORT_WARNING or more), one line each; never merged. Reads inside
    the import's transaction, so its own new accounts are seen."""
    ids = set(new_ids)
    if not ids:
        return []
    with gcpause.paused():
        records = [dd.AccountRecord(*r) for r in sql.accounts(store)]
        pairs = dd.account_pairs(records, sql.dismissed(store), only=ids)
    return _warnings(pairs, ids, "account")


def new_person_warnings(store: Store, new_ids: Iterable[int]) -> list[str]:
    """The same for people an import created, within their accounts."""
    ids = set(new_ids)
    if not ids:
        return []
    accounts = {account for account, _name in sql.live_people(store, ids).values()}
    records = [dd.PersonRecord(*r) for r in sql.people(store, accounts)]
    pairs = dd.people_pairs(records, sql.dismissed(store), only=ids)
    return _warnings(pairs, ids, "person")


def _warnings(pairs: list[DuplicatePair], new: set[int], what: str) -> list[str]:
    lines = []
    for p in pairs:
        if p.score < dd.IMPORT_WARNING:
            continue
        (n_id, n_name), (o_id, o_name) = (
            ((p.b_id, p.b_name), (p.a_id, p.a_name))
            if p.b_id in new
            else ((p.a_id, p.a_name), (p.b_id, p.b_name))
        )
        lines.append(
            f"possible duplicate: new {what} {clean(n_name, one_line=True)!r} (#{n_id}) looks "
            f"like {clean(o_name, one_line=True)!r} (#{o_id}): {'; '.join(p.reasons)} "
            f"(score {p.score}; nothing merged: see `kamtui duplicates`)"
        )
    return lines


_ID = re.compile(r"#\s*(\d{1,18})", re.ASCII)


def person_ref(store: Store, account_id: int, text: str) -> int:
    """A person of the account by "#id" or name (or a unique part of it)."""
    m = _ID.fullmatch(text.strip())
    if m is not None:
        person_id = int(m.group(1))
        found = sql.live_people(store, (person_id,)).get(person_id)
        if found is None or found[0] != account_id:
            raise NotFound(f"no person #{person_id} on this account")
        return person_id
    from kamtui.services.people import find_person

    return find_person(store, account_id, text).id
