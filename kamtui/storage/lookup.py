"""Finding an account by what a person types (number or name), as plain rows:
no models, so a one-shot command such as `kamtui log` stays cheap."""

from __future__ import annotations

import re
import sqlite3

from kamtui.storage.db import Store

# Accounts that answer to a folded name `:key` because an account of that
# name was merged into them (merge.FORMER_NAME identifiers; the index on
# (business_unit, number) narrows the scan to those).
FORMER_NAMES = (
    "SELECT account_id FROM account_identifiers"
    " WHERE business_unit = 'former name' AND kam_fold(number) = :key"
)

# Accounts with the number `:text` in a business unit (a former name is no number).
NUMBERS = (
    "SELECT account_id FROM account_identifiers"
    " WHERE number = :text AND business_unit != 'former name'"
)
# The same, or with `:number` in the unit `:unit` (typed "SAT:C-88").
UNIT_NUMBERS = (
    "SELECT account_id FROM account_identifiers"
    " WHERE (number = :text OR (business_unit = :unit COLLATE NOCASE AND number = :number))"
    " AND business_unit != 'former name'"
)


def account_matches(store: Store, text: str, key: str) -> list[sqlite3.Row]:
    """Live accounts whose number (their own or one of their business units',
    also written UNIT:NUMBER, "SAT:C-88") is `text` or whose folded name (or
    former name, after a merge) is `key`, in one indexed query, by id.
    Columns: id, name, by_number (1 when the number matched), by_name."""
    unit, _sep, number = text.partition(":")
    return store.query(
        "SELECT id, name,"
        f" (account_number = :text OR id IN ({UNIT_NUMBERS})) AS by_number,"
        f" (name_key = :key OR id IN ({FORMER_NAMES})) AS by_name"
        " FROM accounts WHERE deleted_at IS NULL AND (account_number = :text OR name_key = :key"
        f" OR id IN ({UNIT_NUMBERS}) OR id IN ({FORMER_NAMES})) ORDER BY id",
        {"text": text, "key": key, "unit": unit.strip(), "number": number.strip()},
    )


def accounts_named_like(store: Store, key: str, limit: int) -> list[sqlite3.Row]:
    """Live accounts whose folded name contains `key`, by folded name."""
    pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return store.query(
        "SELECT id, name FROM accounts WHERE deleted_at IS NULL AND name_key LIKE ? ESCAPE '\\'"
        " ORDER BY name_key LIMIT ?",
        (pattern, limit),
    )


def account_exists(store: Store, account_id: int) -> bool:
    """True when the account exists and is not in the trash."""
    row = store.one("SELECT 1 FROM accounts WHERE id = ? AND deleted_at IS NULL", (account_id,))
    return row is not None


def any_account(store: Store) -> bool:
    """True when the database holds at least one account (in the trash too)."""
    return store.one("SELECT 1 FROM accounts LIMIT 1") is not None


def account_name(store: Store, account_id: int) -> str | None:
    """The name of the live account `account_id`, or None."""
    row = store.one("SELECT name FROM accounts WHERE id = ? AND deleted_at IS NULL", (account_id,))
    return None if row is None else str(row["name"])


def trashed_accounts(store: Store, text: str, key: str, limit: int = 50) -> list[sqlite3.Row]:
    """Accounts in the trash that what was typed names: "#id", their number
    (their own or a business unit's), their folded name or a former name;
    else those whose folded name contains `key`. Columns: id, name, deleted_at."""
    unit, _sep, number = text.partition(":")
    found: list[sqlite3.Row] = []
    by_id = re.fullmatch(r"#\s*(\d{1,18})", text, re.ASCII)
    if by_id is not None:
        found = store.query(
            "SELECT id, name, deleted_at FROM accounts WHERE id = ? AND deleted_at IS NOT NULL",
            (int(by_id.group(1)),),
        )
    if not found:
        found = store.query(
            "SELECT id, name, deleted_at FROM accounts WHERE deleted_at IS NOT NULL AND"
            " (account_number = :text OR name_key = :key"
            f" OR id IN ({UNIT_NUMBERS}) OR id IN ({FORMER_NAMES})) ORDER BY id LIMIT :limit",
            {
                "text": text,
                "key": key,
                "unit": unit.strip(),
                "number": number.strip(),
                "limit": limit,
            },
        )
    if not found and key:
        pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        found = store.query(
            "SELECT id, name, deleted_at FROM accounts WHERE deleted_at IS NOT NULL"
            " AND name_key LIKE ? ESCAPE '\\' ORDER BY name_key LIMIT ?",
            (pattern, limit),
        )
    return found
