"""The audit trail: who changed what and when, recorded by triggers.

Triggers, not application code, so that every write is recorded whatever
wrote it: the app, the CLI, an import, or another tool (the `sqlite3`
shell, sqlite-utils) on the same file. The triggers use only SQLite's
built-in functions (json_object, strftime): a plain `sqlite3` shell can
still write every table. "Who" comes from the one-row `audit_context`:
`Store.write()` fills it right after BEGIN IMMEDIATE (so writers are
serialised and a row never carries another process's name) and empties it
before COMMIT; a write from another tool therefore finds it empty and is
recorded with no user ("outside kamtui").

While an import runs (`audit_context.import_id` set, see
kamtui/storage/audit.py `imported`), the triggers write no entry per row:
the import has one entry of its own, and each row only marks its account
as touched by that import (`audit_import_accounts`, one row per account,
not per record), so an account's history lists the imports that changed
it. The imports of transactions and wallet estimates set those tables'
triggers aside for the import instead (`imported(set_aside=...)`). The
large demo's bulk load drops these triggers with all others while it loads
(storage/bulk.py) and records one entry.

The SQL is generated from AUDITED below. A released migration must never
change: a later migration that adds a column to an audited table, or a
new table holding user data (its spec in AUDITED with `later=True`),
creates or recreates that table's triggers with `triggers(...)` in its
own module (tests/storage/test_audit.py checks that
every column of every user-data table is audited).
"""

from __future__ import annotations

from dataclasses import dataclass

# Bookkeeping columns, never shown as a change: the action says what
# deleted_at means, the others move on every save.
BOOKKEEPING = frozenset({"id", "name_key", "created_at", "updated_at", "version", "deleted_at"})


@dataclass(frozen=True)
class Audited:
    """One table's audit: `{r}` in the expressions is NEW or OLD."""

    table: str
    kind: str  # what the history calls a record of it
    fields: tuple[str, ...]  # columns whose changes are recorded, old and new
    label: str  # SQL: a short text naming the record (its name, title, summary)
    account: str = "{r}.account_id"  # SQL: the account it belongs to
    row_id: str = "{r}.id"  # SQL: its id
    people: str = "NULL"  # SQL: a JSON array of the people it names (for erasure)
    soft_delete: bool = False  # has deleted_at: trash and restore
    # A table added later: its own migration creates it and these triggers
    # (`triggers(spec)`), so this migration's SQL stays as it was released.
    later: bool = False


def _person_name(expr: str) -> str:
    return f"(SELECT name FROM people WHERE id = {expr})"


AUDITED: tuple[Audited, ...] = (
    Audited(
        "accounts",
        "account",
        (
            "name",
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
            "status",
            "notes",
        ),
        "{r}.name",
        account="{r}.id",
        soft_delete=True,
    ),
    Audited(
        "account_identifiers",
        "identifier",
        ("account_id", "business_unit", "number"),
        "{r}.business_unit || ' ' || {r}.number",
    ),
    Audited(
        "people",
        "person",
        (
            "account_id",
            "side",
            "name",
            "title",
            "function",
            "decision_role",
            "stance",
            "email",
            "phone",
            "privacy_note",
            "verified_at",
            "leaving",
            "lawful_basis",
            "do_not_contact",
        ),
        "{r}.name",
        people="json_array({r}.id)",
        soft_delete=True,
    ),
    Audited(
        "consents",
        "consent",
        ("person_id", "status", "date", "channel", "note"),
        f"COALESCE({_person_name('{r}.person_id')}, '#' || {{r}}.person_id) || ': ' || {{r}}.status",
        account="(SELECT account_id FROM people WHERE id = {r}.person_id)",
        people="json_array({r}.person_id)",
    ),
    Audited(
        "links",
        "link",
        ("account_id", "our_person_id", "their_person_id", "strength", "origin"),
        f"COALESCE({_person_name('{r}.our_person_id')}, '#' || {{r}}.our_person_id) || ' - ' || "
        f"COALESCE({_person_name('{r}.their_person_id')}, '#' || {{r}}.their_person_id)",
        people="json_array({r}.our_person_id, {r}.their_person_id)",
        soft_delete=True,
    ),
    Audited(
        "interactions",
        "interaction",
        ("account_id", "occurred_at", "channel", "level", "kind", "summary", "notes", "mood"),
        "{r}.summary",
        soft_delete=True,
    ),
    Audited(
        "interaction_participants",
        "participant",
        ("interaction_id", "person_id"),
        f"COALESCE({_person_name('{r}.person_id')}, '#' || {{r}}.person_id)",
        account="(SELECT account_id FROM interactions WHERE id = {r}.interaction_id)",
        row_id="{r}.interaction_id",
        people="json_array({r}.person_id)",
    ),
    Audited(
        "next_steps",
        "next_step",
        ("account_id", "interaction_id", "text", "due_date", "done_at"),
        "{r}.text",
    ),
    Audited(
        "complaints",
        "complaint",
        (
            "account_id",
            "interaction_id",
            "title",
            "description",
            "severity",
            "status",
            "opened_at",
            "in_progress_at",
            "resolved_at",
            "resolution",
        ),
        "{r}.title",
        soft_delete=True,
    ),
    Audited(
        "facts",
        "fact",
        ("account_id", "person_id", "interaction_id", "kind", "text"),
        "{r}.text",
        people="CASE WHEN {r}.person_id IS NOT NULL THEN json_array({r}.person_id) END",
        soft_delete=True,
    ),
    Audited(
        "transactions",
        "transaction",
        ("account_id", "date", "amount", "category", "document", "margin"),
        "{r}.document",
    ),
    Audited(
        "wallet_estimates",
        "wallet",
        ("account_id", "category", "year", "amount"),
        "{r}.category || ' ' || {r}.year",
    ),
    Audited(
        "goals",
        "goal",
        (
            "account_id",
            "type",
            "category",
            "title",
            "baseline",
            "target",
            "current",
            "start_date",
            "due_date",
            "status",
            "done_at",
        ),
        "{r}.title",
        soft_delete=True,
    ),
    Audited(
        "goal_actions",
        "goal_action",
        ("goal_id", "text", "due_date", "done_at"),
        "{r}.text",
        account="(SELECT account_id FROM goals WHERE id = {r}.goal_id)",
    ),
    # The names a person had before a merge (migrations/person_aliases.py).
    Audited(
        "person_aliases",
        "alias",
        ("person_id", "name", "merged_id"),
        "{r}.name",
        account="(SELECT account_id FROM people WHERE id = {r}.person_id)",
        people="json_array({r}.person_id, {r}.merged_id)",
        later=True,
    ),
)


# Tables that hold no user writes: settings and drafts (meta), derived
# data (health snapshots, the search indexes, the day an account was lost),
# bookkeeping of other writes (where a person came from, the merge journal:
# what a merge moved is recorded on the rows it moved) and the audit itself.
NOT_AUDITED = (
    "meta",
    "health_snapshots",
    "account_closures",
    "person_sources",
    "merges",
    "merge_moves",
    # "not a duplicate" marks only hide a pair from the duplicates list
    "not_duplicates",
    # incremental health: change counters kept by triggers, today's results
    "health_changes",
    "health_cache",
    "audit_",
)

_NOW = "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')"


def _changes(spec: Audited, old: bool, new: bool) -> str:
    """A JSON object {field: [old, new]} of the fields that differ (all
    non-null ones for a created or deleted record)."""
    pairs = []
    for f in spec.fields:
        before = f"OLD.{f}" if old else "NULL"
        after = f"NEW.{f}" if new else "NULL"
        pairs.append(
            f"'{f}', CASE WHEN {before} IS NOT {after} THEN json_array({before}, {after}) END"
        )
    inner = ", ".join(pairs)
    return (
        "(SELECT COALESCE(json_group_object(key, json(value)), '{}') "
        f"FROM json_each(json_object({inner})) WHERE type <> 'null')"
    )


_IMPORTING = "(SELECT import_id FROM audit_context WHERE id = 1)"


def _entry(spec: Audited, r: str, action: str, changes: str, condition: str) -> str:
    def x(template: str) -> str:
        return template.replace("{r}", r)

    return f"""
    INSERT INTO audit_log(at, user, txn, account_id, kind, row_id, action, label, changes, people)
    SELECT COALESCE(c.at, {_NOW}), c.user, c.txn, {x(spec.account)}, '{spec.kind}',
        {x(spec.row_id)}, d.action, {x(spec.label)}, d.changes, {x(spec.people)}
    FROM (SELECT {action} AS action, {changes} AS changes) AS d
    LEFT JOIN audit_context AS c ON c.id = 1{condition};"""


def _touched(spec: Audited, r: str) -> str:
    account = spec.account.replace("{r}", r)
    return f"""
    INSERT OR IGNORE INTO audit_import_accounts(entry_id, account_id)
    SELECT {_IMPORTING}, {account} WHERE {account} IS NOT NULL;"""


def triggers(spec: Audited) -> str:
    """The triggers that record every insert, update and delete of
    `spec.table` (dropped first, so a later migration can recreate them):
    `audit_<table>_<event>` write an entry, unless an import runs; then
    `audit_<table>_<event>_import` only mark the row's account. Their WHEN
    clauses decide before any of the entry's JSON is built: an imported
    row costs one lookup of the context and one of the account's mark."""
    t, name = spec.table, f"audit_{spec.table}"
    if spec.soft_delete:
        on_update = (
            "CASE WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN 'deleted' "
            "WHEN OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN 'restored' "
            "ELSE 'edited' END"
        )
        on_delete = "CASE WHEN OLD.deleted_at IS NOT NULL THEN 'purged' ELSE 'deleted' END"
    else:
        on_update, on_delete = "'edited'", "'deleted'"
    events = (
        ("insert", "INSERT", "NEW", "'created'", _changes(spec, False, True), ""),
        (
            "update",
            "UPDATE",
            "NEW",
            on_update,
            _changes(spec, True, True),
            " WHERE d.changes <> '{}' OR d.action <> 'edited'",
        ),
        ("delete", "DELETE", "OLD", on_delete, _changes(spec, True, False), ""),
    )
    sql = []
    for event, verb, r, action, changes, condition in events:
        sql.append(f"""
DROP TRIGGER IF EXISTS {name}_{event};
DROP TRIGGER IF EXISTS {name}_{event}_import;
CREATE TRIGGER {name}_{event} AFTER {verb} ON {t} WHEN {_IMPORTING} IS NULL
BEGIN{_entry(spec, r, action, changes, condition)}
END;
CREATE TRIGGER {name}_{event}_import AFTER {verb} ON {t} WHEN {_IMPORTING} IS NOT NULL
BEGIN{_touched(spec, r)}
END;
""")
    return "".join(sql)


_TABLES = """
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT,
    txn INTEGER,
    account_id INTEGER,
    kind TEXT NOT NULL,
    row_id INTEGER,
    action TEXT NOT NULL,
    label TEXT,
    changes TEXT NOT NULL DEFAULT '{}',
    people TEXT
);
CREATE INDEX audit_log_account ON audit_log(account_id, id);
CREATE INDEX audit_log_row ON audit_log(kind, row_id);

CREATE TABLE audit_import_accounts (
    entry_id INTEGER NOT NULL REFERENCES audit_log(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL,
    PRIMARY KEY (entry_id, account_id)
) WITHOUT ROWID;
CREATE INDEX audit_import_accounts_account ON audit_import_accounts(account_id, entry_id);

CREATE TABLE audit_context (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    user TEXT,
    at TEXT,
    txn INTEGER,
    import_id INTEGER,
    last_txn INTEGER NOT NULL DEFAULT 0
);
INSERT INTO audit_context(id) VALUES (1);

-- A file that already holds data: what was written before now is not recorded.

INSERT INTO meta(key, value)
SELECT 'audit_since', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
WHERE EXISTS (SELECT 1 FROM accounts)
ON CONFLICT(key) DO UPDATE SET value = excluded.value;
"""

AUDIT_TRAIL = (
    "audit trail",
    _TABLES + "".join(triggers(spec) for spec in AUDITED if not spec.later),
)


def spec_of(table: str) -> Audited:
    """The audit of one table (for the migration that adds it)."""
    return next(spec for spec in AUDITED if spec.table == table)
