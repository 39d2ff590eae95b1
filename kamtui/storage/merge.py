"""SQL for merging two accounts, or two people of one account, with a journal
(`merges`, `merge_moves`) of every row moved, dropped, filled and added, so
`merge_undo.undo` can put it all back. Every function here runs inside the
caller's `store.write()` transaction: a merge is all or nothing."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from kamtui.storage import aliases
from kamtui.storage.merge_journal import Journal, Refused
from kamtui.storage.merge_marks import MARKS_LABEL, move_marks
from kamtui.textsafe import fold

__all__ = ["Journal", "Refused", "merge_accounts", "merge_people"]

# The business units of the identifiers a merge gives the target, so an
# import of an old file (or a command) naming the source still finds it.
FORMER_NUMBER = "former number"
FORMER_NAME = "former name"

# Filled on the target only where it is empty; notes-like text is added below
# the target's own instead (nothing the user wrote disappears from view).
ACCOUNT_FILL = (
    "account_number",
    "tax_id",
    "domain",
    "industry",
    "tier",
    "owner",
    "phone",
    "email",
    "address",
    "cadence_days",
)
ACCOUNT_APPEND = ("notes",)
PERSON_FILL = ("title", "function", "decision_role", "stance", "email", "phone", "verified_at")
PERSON_APPEND = ("privacy_note",)

# Tables that follow the account as they are: (table, label).
ACCOUNT_TABLES = (
    ("people", "people"),
    ("links", "links"),
    ("interactions", "interactions"),
    ("next_steps", "next steps"),
    ("complaints", "complaints"),
    ("facts", "facts"),
    ("goals", "goals"),
    ("account_identifiers", "identifiers"),
)
# Tables with an account_id the merge handles specially (unique per account).
SPECIAL_TABLES = ("transactions", "wallet_estimates", "health_snapshots")
# Tables with an account_id column that are not records of the account:
# the search indexes, the day an account was lost (it stays with the one
# merged away), the audit trail (what happened to each account, as it was).
NOT_RECORDS = ("search_index", "search_directory", "account_closures")
# and derived data: health's change counters and today's stored results
# (the triggers bump both accounts of every moved row)
NOT_RECORD_PREFIXES = ("search_", "audit_", "health_changes", "health_cache")


def _row(conn: sqlite3.Connection, table: str, row_id: int) -> dict[str, Any] | None:
    cur = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    row = cur.fetchone()
    return None if row is None else dict(zip([d[0] for d in cur.description], row, strict=True))


def live_row(conn: sqlite3.Connection, table: str, row_id: int) -> dict[str, Any] | None:
    row = _row(conn, table, row_id)
    return row if row is not None and row["deleted_at"] is None else None


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def start(
    conn: sqlite3.Connection,
    kind: str,
    source: dict[str, Any],
    target: dict[str, Any],
    stamp: str,
) -> Journal:
    """A new entry in `merges` and its journal."""
    account = "id" if kind == "account" else "account_id"
    cur = conn.execute(
        "INSERT INTO merges (kind, source_id, target_id, source_account_id, target_account_id,"
        " source_name, target_name, merged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            kind,
            source["id"],
            target["id"],
            source[account],
            target[account],
            source["name"],
            target["name"],
            stamp,
        ),
    )
    return Journal(conn, int(cur.lastrowid or 0))


def finish(journal: Journal, summary: dict[str, Any]) -> None:
    journal.conn.execute(
        "UPDATE merges SET summary = ? WHERE id = ?",
        (json.dumps(summary, ensure_ascii=False), journal.merge_id),
    )


def fill_fields(
    j: Journal,
    table: str,
    source: dict[str, Any],
    target: dict[str, Any],
    fill: tuple[str, ...],
    append: tuple[str, ...],
) -> tuple[list[tuple[str, str]], list[str]]:
    """The target's empty fields take the source's values; text fields the
    target has too get the source's text added below (with whose it was)."""
    filled: list[tuple[str, str]] = []
    appended: list[str] = []
    for col in fill:
        if _empty(target[col]) and not _empty(source[col]):
            j.change("fill", table, target["id"], col, target[col], source[col])
            filled.append((col, str(source[col])))
    for col in append:
        if _empty(source[col]) or source[col] == target[col]:
            continue
        if _empty(target[col]):
            j.change("fill", table, target["id"], col, target[col], source[col])
            filled.append((col, str(source[col])))
        else:
            text = f"{target[col].rstrip()}\n\n{source['name']}:\n{source[col].strip()}"
            j.change("fill", table, target["id"], col, target[col], text)
            appended.append(col)
    return filled, appended


def other_account_tables(conn: sqlite3.Connection) -> list[str]:
    """Tables with an account_id this module does not know (added later):
    their rows follow the account as they are, journaled like the others."""
    known = {t for t, _ in ACCOUNT_TABLES} | set(SPECIAL_TABLES) | set(NOT_RECORDS)
    found = []
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
    ).fetchall():
        cols = {r[1] for r in conn.execute(f"PRAGMA table_info({name})")}
        if "account_id" in cols and name not in known and not name.startswith(NOT_RECORD_PREFIXES):
            found.append(name)
    return found


def merge_accounts(
    conn: sqlite3.Connection, source_id: int, target_id: int, stamp: str
) -> tuple[Journal, dict[str, Any]]:
    """Move every record of account `source_id` to `target_id`, fill the
    target's empty fields, give it the source's number and name as
    identifiers, and trash the source. Returns the journal and the summary."""
    source = live_row(conn, "accounts", source_id)
    target = live_row(conn, "accounts", target_id)
    if source is None or target is None:
        raise Refused(f"account #{source_id if source is None else target_id} is not live")
    j = start(conn, "account", source, target, stamp)
    s, t = source_id, target_id
    # The same person on both accounts (same folded name and side: our KAM,
    # the client's buyer) becomes one, the target's.
    pairs = conn.execute(
        "SELECT a.id, (SELECT MIN(b.id) FROM people b WHERE b.account_id = ? AND"
        " b.deleted_at IS NULL AND b.name_key = a.name_key AND b.side = a.side) AS twin"
        " FROM people a WHERE a.account_id = ? AND a.deleted_at IS NULL AND twin IS NOT NULL"
        " ORDER BY a.name_key, a.id",
        (t, s),
    ).fetchall()
    moved: dict[str, int] = {}
    kept: dict[str, int] = {}
    dropped: dict[str, int] = {}
    renamed: dict[str, int] = {}
    for table, label in ACCOUNT_TABLES:
        moved[label] = j.move(table, "account_id", t, "account_id = ?", [s])
    both = []
    for person_id, twin in pairs:
        person, kept_one = _row(conn, "people", person_id), _row(conn, "people", twin)
        assert person is not None and kept_one is not None
        _merge_person(j, person, kept_one, stamp)
        both.append(str(person["name"]))
    # The same document twice: the same invoice imported under both accounts
    # (dropped), or two documents that share a number (the source's renamed).
    same = (
        "account_id = ? AND EXISTS (SELECT 1 FROM transactions o WHERE o.account_id = ?"
        " AND o.document = transactions.document{})"
    )
    dropped["transactions"] = j.drop(
        "transactions",
        same.format(
            " AND o.date = transactions.date AND o.amount = transactions.amount"
            " AND o.category = transactions.category AND o.margin IS transactions.margin"
        ),
        [s, t],
    )
    clashing = conn.execute(
        "SELECT id, document FROM transactions WHERE " + same.format(""), (s, t)
    ).fetchall()
    for row_id, document in clashing:
        j.change("move", "transactions", row_id, "document", document, f"{document} (#{s})")
    renamed["transaction documents"] = len(clashing)
    moved["transactions"] = j.move("transactions", "account_id", t, "account_id = ?", [s])
    kept["wallet estimates"] = j.drop(
        "wallet_estimates",
        "account_id = ? AND EXISTS (SELECT 1 FROM wallet_estimates o WHERE o.account_id = ?"
        " AND o.category = wallet_estimates.category AND o.year = wallet_estimates.year)",
        [s, t],
    )
    moved["wallet estimates"] = j.move("wallet_estimates", "account_id", t, "account_id = ?", [s])
    kept["health snapshots"] = j.drop(
        "health_snapshots",
        "account_id = ? AND EXISTS (SELECT 1 FROM health_snapshots o WHERE o.account_id = ?"
        " AND o.date = health_snapshots.date)",
        [s, t],
    )
    moved["health snapshots"] = j.move("health_snapshots", "account_id", t, "account_id = ?", [s])
    for table in other_account_tables(conn):
        moved[table.replace("_", " ")] = j.move(table, "account_id", t, "account_id = ?", [s])
    # A half-written interaction for the source becomes the target's, unless
    # the target has one of its own (then it waits with the source).
    draft, target_draft = f"draft.interaction.{s}", f"draft.interaction.{t}"
    if conn.execute("SELECT 1 FROM meta WHERE key = ?", (target_draft,)).fetchone() is None:
        moved["drafts"] = j.move("meta", "key", target_draft, "key = ?", [draft])
    marks = move_marks(j, "account", s, t)
    if marks:
        moved[MARKS_LABEL] = marks
    filled, appended = fill_fields(j, "accounts", source, target, ACCOUNT_FILL, ACCOUNT_APPEND)
    identifiers, notes = _former_identifiers(j, source, target)
    j.change("set", "accounts", t, "updated_at", target["updated_at"], stamp)
    j.change("set", "accounts", s, "deleted_at", None, stamp)
    summary = {
        "moved": moved,
        "kept": kept,
        "dropped": dropped,
        "renamed": renamed,
        "filled": filled,
        "appended": appended,
        "identifiers": identifiers,
        "people_in_both": both,
        "notes": notes,
    }
    finish(j, summary)
    return j, summary


def _former_identifiers(
    j: Journal, source: dict[str, Any], target: dict[str, Any]
) -> tuple[list[tuple[str, str]], list[str]]:
    """The source's account number and name, kept as identifiers of the
    target (unless the target already answers to them)."""
    conn = j.conn
    added: list[tuple[str, str]] = []
    notes: list[str] = []
    wanted = []
    number = (source["account_number"] or "").strip()
    # An empty number on the target was filled with this one: nothing to add.
    taken = _empty(target["account_number"])
    if number and not taken and number != target["account_number"].strip():
        wanted.append((FORMER_NUMBER, number))
    if fold(source["name"]) != target["name_key"]:
        wanted.append((FORMER_NAME, source["name"].strip()))
    for unit, value in wanted:
        owner = conn.execute(
            "SELECT account_id FROM account_identifiers WHERE business_unit = ? AND number = ?",
            (unit, value),
        ).fetchone()
        if owner is not None:
            if owner[0] != target["id"]:
                notes.append(
                    f"{unit} {value!r} is already an identifier of account #{owner[0]}: not added"
                )
            continue
        cur = conn.execute(
            "INSERT INTO account_identifiers (account_id, business_unit, number) VALUES (?, ?, ?)",
            (target["id"], unit, value),
        )
        j.added("account_identifiers", int(cur.lastrowid or 0))
        added.append((unit, value))
    return added, notes


def merge_people(
    conn: sqlite3.Connection, source_id: int, target_id: int, stamp: str
) -> tuple[Journal, dict[str, Any]]:
    """Person `source_id` becomes `target_id` (same account, same side):
    their interactions, links and facts move, empty fields are filled, the
    source goes to the trash."""
    source = live_row(conn, "people", source_id)
    target = live_row(conn, "people", target_id)
    if source is None or target is None:
        raise Refused(f"person #{source_id if source is None else target_id} is not live")
    j = start(conn, "person", source, target, stamp)
    moved, kept, dropped, filled, appended = _merge_person(j, source, target, stamp)
    # The source's name stays the target's, as a former name: an import or
    # a `kamtui log --with` naming the source finds the target.
    identifiers = []
    alias = aliases.add(conn, target_id, source["name"], source_id)
    if alias is not None:
        j.added("person_aliases", alias)
        identifiers.append((FORMER_NAME, str(source["name"]).strip()))
    summary = {
        "moved": moved,
        "kept": kept,
        "dropped": dropped,
        "renamed": {},
        "filled": filled,
        "appended": appended,
        "identifiers": identifiers,
        "people_in_both": [],
        "notes": [],
    }
    finish(j, summary)
    return j, summary


def _merge_person(
    j: Journal, source: dict[str, Any], target: dict[str, Any], stamp: str
) -> tuple[dict[str, int], dict[str, int], dict[str, int], list[tuple[str, str]], list[str]]:
    """The steps of a person merge (also run for the people an account merge
    finds on both accounts): (moved, kept, dropped, filled, appended)."""
    s, t = source["id"], target["id"]
    moved: dict[str, int] = {}
    kept: dict[str, int] = {}
    dropped: dict[str, int] = {}
    # Both took part in the same interaction: the target's participation stays.
    dropped["shared interactions"] = j.drop(
        "interaction_participants",
        "person_id = ? AND interaction_id IN"
        " (SELECT interaction_id FROM interaction_participants WHERE person_id = ?)",
        [s, t],
    )
    moved["interactions"] = j.move("interaction_participants", "person_id", t, "person_id = ?", [s])
    end, other = (
        ("our_person_id", "their_person_id")
        if source["side"] == "ours"
        else ("their_person_id", "our_person_id")
    )
    # Both linked to the same person: the target's link stays as it is.
    kept["links"] = j.drop(
        "links",
        f"{end} = ? AND {other} IN (SELECT {other} FROM links WHERE {end} = ?)",
        [s, t],
    )
    moved["links"] = j.move("links", end, t, f"{end} = ?", [s])
    moved["facts"] = j.move("facts", "person_id", t, "person_id = ?", [s])
    # Names the source had before earlier merges are the target's now.
    former = j.move("person_aliases", "person_id", t, "person_id = ?", [s])
    if former:
        moved["former names"] = former
    marks = move_marks(j, "person", s, t)
    if marks:
        moved[MARKS_LABEL] = marks
    filled, appended = fill_fields(j, "people", source, target, PERSON_FILL, PERSON_APPEND)
    if source["leaving"] and not target["leaving"]:
        j.change("fill", "people", t, "leaving", target["leaving"], source["leaving"])
        filled.append(("leaving", "yes"))
    j.change("set", "people", t, "updated_at", target["updated_at"], stamp)
    j.change("set", "people", s, "deleted_at", None, stamp)
    return moved, kept, dropped, filled, appended


def snapshot_before(j: Journal, account_id: int, day: str) -> bool:
    """Before today's health snapshot of the account is computed again:
    keep the stored one's values for undo. False when there is none."""
    row = _row_where(j.conn, "health_snapshots", "account_id = ? AND date = ?", [account_id, day])
    if row is None:
        return False
    for col in ("score", "band", "components"):
        j.change("set", "health_snapshots", row["id"], col, row[col], row[col])
    return True


def snapshot_after(j: Journal, account_id: int, day: str, existed: bool) -> None:
    """After it was computed: a snapshot that is new is removed on undo."""
    row = _row_where(j.conn, "health_snapshots", "account_id = ? AND date = ?", [account_id, day])
    if row is not None and not existed:
        j.added("health_snapshots", row["id"])


def _row_where(
    conn: sqlite3.Connection, table: str, where: str, params: list[Any]
) -> dict[str, Any] | None:
    cur = conn.execute(f"SELECT * FROM {table} WHERE {where}", params)
    row = cur.fetchone()
    return None if row is None else dict(zip([d[0] for d in cur.description], row, strict=True))
