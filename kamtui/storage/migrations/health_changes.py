"""Change counters for incremental health, and today's stored health."""

from __future__ import annotations

# Every table whose rows feed an account's health (services/health.gather,
# goal progress and contact due) bumps that account's counter in
# `health_changes` by trigger, whoever writes: this kamtui, the shell, any
# SQLite tool. An UPDATE bumps the old and the new account (a row moved
# between accounts changes both). Two more counters per account feed the
# portfolio-wide inputs: `catalogue` (its transactions: the categories the
# portfolio buys) and `keys` (its name, tax id or being live: the duplicate
# keys). `health_cache` keeps today's computed health of each account with
# the counter it saw (a differing counter means "compute again") and the
# stamp of the save that wrote it (grows with every save: who shows stored
# health knows which accounts' results are new). Next steps,
# facts, identifiers and goal actions feed no score, so they bump nothing.
# No foreign keys: a hard-deleted account's counter must outlive it (its
# transactions left the catalogue).


def _bump(account: str, *, catalogue: str = "0", keys: str = "0") -> str:
    """One upsert: the account's counters up by one (and `catalogue`, `keys`
    by the given 0/1 expressions). A NULL account (a subquery finding no
    row) bumps nothing."""
    return (
        "INSERT INTO health_changes (account_id, n, catalogue, keys)"
        f" SELECT x, 1, {catalogue}, {keys} FROM (SELECT ({account}) AS x) WHERE x IS NOT NULL"
        " ON CONFLICT (account_id) DO UPDATE SET n = n + 1,"
        " catalogue = catalogue + excluded.catalogue, keys = keys + excluded.keys;"
    )


def _by_account(table: str, *, catalogue: str = "0") -> str:
    """Triggers of a table with an `account_id` column."""
    return f"""
CREATE TRIGGER {table}_health_ins AFTER INSERT ON {table} BEGIN
    {_bump("NEW.account_id", catalogue=catalogue)}
END;
CREATE TRIGGER {table}_health_del AFTER DELETE ON {table} BEGIN
    {_bump("OLD.account_id", catalogue=catalogue)}
END;
CREATE TRIGGER {table}_health_upd AFTER UPDATE ON {table} BEGIN
    {_bump("OLD.account_id", catalogue=catalogue)}
    {_bump("CASE WHEN NEW.account_id IS NOT OLD.account_id THEN NEW.account_id END", catalogue=catalogue)}
END;
"""


_KEYS_CHANGED = (
    "(OLD.name IS NOT NEW.name OR OLD.name_key IS NOT NEW.name_key"
    " OR OLD.tax_id IS NOT NEW.tax_id OR OLD.deleted_at IS NOT NEW.deleted_at)"
)

_PARTICIPANT = "(SELECT account_id FROM {t} WHERE id = {row}.{col})"

HEALTH_CHANGES = (
    "health change counters",
    f"""
CREATE TABLE health_changes (
    account_id INTEGER PRIMARY KEY,
    n INTEGER NOT NULL DEFAULT 0,
    catalogue INTEGER NOT NULL DEFAULT 0,
    keys INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE health_cache (
    account_id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    n INTEGER NOT NULL,
    stamp INTEGER NOT NULL DEFAULT 0,
    score REAL,
    band TEXT,
    shape TEXT,
    wallet_share REAL,
    revitalise TEXT NOT NULL DEFAULT '',
    gap INTEGER NOT NULL DEFAULT 0,
    due INTEGER NOT NULL DEFAULT 0,
    duplicates TEXT NOT NULL DEFAULT '[]',
    health TEXT
);
CREATE INDEX health_cache_stamp ON health_cache(stamp);

CREATE TRIGGER accounts_health_ins AFTER INSERT ON accounts BEGIN
    {_bump("NEW.id", keys="1")}
END;
CREATE TRIGGER accounts_health_del AFTER DELETE ON accounts BEGIN
    {_bump("OLD.id", keys="1")}
END;
CREATE TRIGGER accounts_health_upd AFTER UPDATE ON accounts BEGIN
    {_bump("NEW.id", keys=_KEYS_CHANGED)}
END;
{_by_account("interactions")}
{_by_account("complaints")}
{_by_account("transactions", catalogue="1")}
{_by_account("wallet_estimates")}
{_by_account("people")}
{_by_account("links")}
{_by_account("goals")}
CREATE TRIGGER interaction_participants_health_ins AFTER INSERT ON interaction_participants BEGIN
    {_bump(_PARTICIPANT.format(t="interactions", row="NEW", col="interaction_id"))}
    {_bump(_PARTICIPANT.format(t="people", row="NEW", col="person_id"))}
END;
CREATE TRIGGER interaction_participants_health_del AFTER DELETE ON interaction_participants BEGIN
    {_bump(_PARTICIPANT.format(t="interactions", row="OLD", col="interaction_id"))}
    {_bump(_PARTICIPANT.format(t="people", row="OLD", col="person_id"))}
END;
CREATE TRIGGER interaction_participants_health_upd AFTER UPDATE ON interaction_participants BEGIN
    {_bump(_PARTICIPANT.format(t="interactions", row="OLD", col="interaction_id"))}
    {_bump(_PARTICIPANT.format(t="people", row="OLD", col="person_id"))}
    {_bump(_PARTICIPANT.format(t="interactions", row="NEW", col="interaction_id"))}
    {_bump(_PARTICIPANT.format(t="people", row="NEW", col="person_id"))}
END;
""",
)
