"""Privacy by design: each person's lawful basis, "do not contact", their
consent history, where their data came from, and when an account closed."""

from __future__ import annotations

# - people.lawful_basis: why we may hold the person's data (GDPR art. 6);
#   NULL until someone says. people.do_not_contact: follow-ups and contact
#   due leave them out. Constant defaults rewrite no rows.
# - consents: the history of consent given and withdrawn, newest last;
#   the latest entry (by date, then id) is the current state.
# - person_sources: every import that created or changed a person (file and
#   day), for subject access ("where did you get my data?").
# - account_closures: the day an account became 'lost', kept by triggers
#   outside the accounts row, so closing an account never moves its row
#   version (an open edit form would see a conflict that is not one).
#   Accounts already lost get their last activity (interaction, invoice) or,
#   with none, their last change.
# - meta key privacy.cleanup_pending: a physical clean-up (secure overwrite of freed pages,
#   search-index merge, VACUUM, WAL truncation) still owed after an erasure
#   or purge committed: re-run at the next open if a kill interrupted it.
PRIVACY = (
    "privacy",
    """
ALTER TABLE people ADD COLUMN lawful_basis TEXT
    CHECK (lawful_basis IS NULL OR lawful_basis IN
        ('consent', 'contract', 'legitimate_interest', 'legal_obligation'));
ALTER TABLE people ADD COLUMN do_not_contact INTEGER NOT NULL DEFAULT 0;

CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('given', 'withdrawn')),
    date TEXT NOT NULL,
    channel TEXT,
    note TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX consents_person ON consents(person_id, date, id);

CREATE TABLE person_sources (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    action TEXT NOT NULL CHECK (action IN ('created', 'updated')),
    source TEXT NOT NULL,
    file TEXT,
    at TEXT NOT NULL
);
CREATE INDEX person_sources_person ON person_sources(person_id);

CREATE TABLE account_closures (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    closed_on TEXT NOT NULL
);
INSERT INTO account_closures(account_id, closed_on)
SELECT a.id, substr(COALESCE(
    (SELECT MAX(x) FROM (
        SELECT MAX(i.occurred_at) AS x FROM interactions i WHERE i.account_id = a.id
        UNION ALL SELECT MAX(t.date) FROM transactions t WHERE t.account_id = a.id)),
    a.updated_at), 1, 10)
FROM accounts a WHERE a.status = 'lost';

CREATE TRIGGER account_closures_insert AFTER INSERT ON accounts WHEN NEW.status = 'lost' BEGIN
    INSERT OR REPLACE INTO account_closures(account_id, closed_on)
    VALUES (NEW.id, date('now', 'localtime'));
END;
CREATE TRIGGER account_closures_close AFTER UPDATE OF status ON accounts
WHEN NEW.status = 'lost' AND OLD.status <> 'lost' BEGIN
    INSERT OR REPLACE INTO account_closures(account_id, closed_on)
    VALUES (NEW.id, date('now', 'localtime'));
END;
CREATE TRIGGER account_closures_reopen AFTER UPDATE OF status ON accounts
WHEN NEW.status <> 'lost' BEGIN
    DELETE FROM account_closures WHERE account_id = NEW.id;
END;
""",
)
