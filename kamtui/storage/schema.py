"""Ordered schema migrations. Each entry runs once, in one transaction, and
bumps PRAGMA user_version. Never edit a released migration: append one."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "initial schema",
        """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    account_number TEXT,
    tax_id TEXT,
    domain TEXT,
    industry TEXT,
    tier TEXT,
    owner TEXT,
    phone TEXT,
    email TEXT,
    address TEXT,
    cadence_days INTEGER,
    status TEXT NOT NULL DEFAULT 'active',
    notes TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX accounts_name_key ON accounts(name_key);
CREATE INDEX accounts_number ON accounts(account_number);

CREATE TABLE account_identifiers (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    business_unit TEXT NOT NULL,
    number TEXT NOT NULL,
    UNIQUE (business_unit, number)
);
CREATE INDEX account_identifiers_account ON account_identifiers(account_id);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('ours', 'theirs')),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    title TEXT,
    function TEXT,
    decision_role TEXT,
    stance TEXT,
    email TEXT,
    phone TEXT,
    privacy_note TEXT,
    verified_at TEXT,
    leaving INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX people_account ON people(account_id, side);

CREATE TABLE links (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    our_person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    their_person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    strength INTEGER NOT NULL DEFAULT 3 CHECK (strength BETWEEN 1 AND 5),
    created_at TEXT NOT NULL,
    deleted_at TEXT,
    UNIQUE (our_person_id, their_person_id)
);
CREATE INDEX links_account ON links(account_id);

CREATE TABLE interactions (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    occurred_at TEXT NOT NULL,
    channel TEXT NOT NULL,
    level TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'meeting',
    summary TEXT NOT NULL,
    notes TEXT,
    mood INTEGER CHECK (mood IS NULL OR mood BETWEEN 1 AND 5),
    created_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX interactions_account_time ON interactions(account_id, occurred_at);
CREATE INDEX interactions_time ON interactions(occurred_at);

CREATE TABLE interaction_participants (
    interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (interaction_id, person_id)
) WITHOUT ROWID;
CREATE INDEX interaction_participants_person ON interaction_participants(person_id);

CREATE TABLE next_steps (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    interaction_id INTEGER REFERENCES interactions(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    due_date TEXT,
    done_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX next_steps_due ON next_steps(done_at, due_date);
CREATE INDEX next_steps_account ON next_steps(account_id);

CREATE TABLE complaints (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    interaction_id INTEGER REFERENCES interactions(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    description TEXT,
    severity TEXT NOT NULL DEFAULT 'medium',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved')),
    opened_at TEXT NOT NULL,
    in_progress_at TEXT,
    resolved_at TEXT,
    resolution TEXT,
    created_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX complaints_account ON complaints(account_id, status);

CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    interaction_id INTEGER REFERENCES interactions(id) ON DELETE SET NULL,
    kind TEXT NOT NULL DEFAULT 'other',
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX facts_account ON facts(account_id);

CREATE TABLE transactions (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    amount REAL NOT NULL,
    category TEXT NOT NULL,
    document TEXT NOT NULL,
    margin REAL,
    UNIQUE (account_id, document)
);
CREATE INDEX transactions_account_date ON transactions(account_id, date);
CREATE INDEX transactions_date ON transactions(date, account_id, amount);

CREATE TABLE wallet_estimates (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    year INTEGER NOT NULL,
    amount REAL NOT NULL,
    UNIQUE (account_id, category, year)
);

CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    category TEXT,
    title TEXT NOT NULL,
    baseline REAL,
    target REAL,
    current REAL,
    start_date TEXT NOT NULL,
    due_date TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    created_at TEXT NOT NULL,
    done_at TEXT,
    deleted_at TEXT
);
CREATE INDEX goals_account ON goals(account_id);

CREATE TABLE goal_actions (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    due_date TEXT,
    done_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX goal_actions_goal ON goal_actions(goal_id);

CREATE TABLE health_snapshots (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    score REAL,
    band TEXT,
    components TEXT NOT NULL DEFAULT '[]',
    UNIQUE (account_id, date)
);
""",
    ),
    (
        # Full-text search over accounts, people, interactions, facts and complaints.
        # rowid = source id * 8 + kind code (1 account, 2 person, 3 interaction,
        # 4 fact, 5 complaint) so triggers update one row by key. Folding (case and
        # accents: "compania" finds "Compañía") is done by the unicode61 tokenizer,
        # not by kam_fold(), so other tools (sqlite-utils, datasette) can still
        # write these tables. Rows already present are indexed here.
        "full-text search index",
        """
CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    ref_id UNINDEXED,
    account_id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER search_accounts_insert AFTER INSERT ON accounts BEGIN
    INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
    SELECT NEW.id * 8 + 1, 'account', NEW.id, NEW.id, NEW.name,
        COALESCE(NEW.account_number, '') || ' ' ||
        COALESCE(NEW.tax_id, '') || ' ' ||
        COALESCE(NEW.domain, '') || ' ' ||
        COALESCE(NEW.industry, '') || ' ' ||
        COALESCE(NEW.email, '') || ' ' ||
        COALESCE(NEW.phone, '') || ' ' ||
        COALESCE(NEW.address, '') || ' ' ||
        COALESCE(NEW.notes, '')
    WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_accounts_update AFTER UPDATE OF name, account_number, tax_id, domain, industry, email, phone, address, notes, deleted_at
ON accounts BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
    INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
    SELECT NEW.id * 8 + 1, 'account', NEW.id, NEW.id, NEW.name,
        COALESCE(NEW.account_number, '') || ' ' ||
        COALESCE(NEW.tax_id, '') || ' ' ||
        COALESCE(NEW.domain, '') || ' ' ||
        COALESCE(NEW.industry, '') || ' ' ||
        COALESCE(NEW.email, '') || ' ' ||
        COALESCE(NEW.phone, '') || ' ' ||
        COALESCE(NEW.address, '') || ' ' ||
        COALESCE(NEW.notes, '')
    WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_accounts_delete AFTER DELETE ON accounts BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
END;
INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
SELECT id * 8 + 1, 'account', id, id, name,
    COALESCE(account_number, '') || ' ' ||
    COALESCE(tax_id, '') || ' ' ||
    COALESCE(domain, '') || ' ' ||
    COALESCE(industry, '') || ' ' ||
    COALESCE(email, '') || ' ' ||
    COALESCE(phone, '') || ' ' ||
    COALESCE(address, '') || ' ' ||
    COALESCE(notes, '')
FROM accounts WHERE deleted_at IS NULL;

CREATE TRIGGER search_people_insert AFTER INSERT ON people BEGIN
    INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
    SELECT NEW.id * 8 + 2, 'person', NEW.id, NEW.account_id, NEW.name,
        COALESCE(NEW.title, '') || ' ' ||
        COALESCE(NEW.email, '') || ' ' ||
        COALESCE(NEW.phone, '')
    WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_people_update AFTER UPDATE OF name, account_id, title, email, phone, deleted_at
ON people BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
    INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
    SELECT NEW.id * 8 + 2, 'person', NEW.id, NEW.account_id, NEW.name,
        COALESCE(NEW.title, '') || ' ' ||
        COALESCE(NEW.email, '') || ' ' ||
        COALESCE(NEW.phone, '')
    WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_people_delete AFTER DELETE ON people BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
END;
INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
SELECT id * 8 + 2, 'person', id, account_id, name,
    COALESCE(title, '') || ' ' ||
    COALESCE(email, '') || ' ' ||
    COALESCE(phone, '')
FROM people WHERE deleted_at IS NULL;

CREATE TRIGGER search_interactions_insert AFTER INSERT ON interactions BEGIN
    INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
    SELECT NEW.id * 8 + 3, 'interaction', NEW.id, NEW.account_id, NEW.summary,
        COALESCE(NEW.notes, '')
    WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_interactions_update AFTER UPDATE OF summary, account_id, notes, deleted_at
ON interactions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 3;
    INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
    SELECT NEW.id * 8 + 3, 'interaction', NEW.id, NEW.account_id, NEW.summary,
        COALESCE(NEW.notes, '')
    WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_interactions_delete AFTER DELETE ON interactions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 3;
END;
INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
SELECT id * 8 + 3, 'interaction', id, account_id, summary,
    COALESCE(notes, '')
FROM interactions WHERE deleted_at IS NULL;

CREATE TRIGGER search_facts_insert AFTER INSERT ON facts BEGIN
    INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
    SELECT NEW.id * 8 + 4, 'fact', NEW.id, NEW.account_id, NEW.text,
        ''
    WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_facts_update AFTER UPDATE OF text, account_id, deleted_at
ON facts BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 4;
    INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
    SELECT NEW.id * 8 + 4, 'fact', NEW.id, NEW.account_id, NEW.text,
        ''
    WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_facts_delete AFTER DELETE ON facts BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 4;
END;
INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
SELECT id * 8 + 4, 'fact', id, account_id, text,
    ''
FROM facts WHERE deleted_at IS NULL;

CREATE TRIGGER search_complaints_insert AFTER INSERT ON complaints BEGIN
    INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
    SELECT NEW.id * 8 + 5, 'complaint', NEW.id, NEW.account_id, NEW.title,
        COALESCE(NEW.description, '') || ' ' ||
        COALESCE(NEW.resolution, '')
    WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_complaints_update AFTER UPDATE OF title, account_id, description, resolution, deleted_at
ON complaints BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 5;
    INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
    SELECT NEW.id * 8 + 5, 'complaint', NEW.id, NEW.account_id, NEW.title,
        COALESCE(NEW.description, '') || ' ' ||
        COALESCE(NEW.resolution, '')
    WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_complaints_delete AFTER DELETE ON complaints BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 5;
END;
INSERT INTO search_index(rowid, kind, ref_id, account_id, title, body)
SELECT id * 8 + 5, 'complaint', id, account_id, title,
    COALESCE(description, '') || ' ' ||
    COALESCE(resolution, '')
FROM complaints WHERE deleted_at IS NULL;
""",
    ),
    (
        # Large portfolios (10,000 accounts, millions of rows): covering indexes so
        # the portfolio's last contact and 12-month revenue are index seeks per
        # account, and health's per-account aggregates read these instead of the
        # tables (1M interactions with notes: 1.6 s -> 0.4 s).
        "indexes for large portfolios",
        """
CREATE INDEX interactions_live ON interactions(account_id, occurred_at, level, mood)
    WHERE deleted_at IS NULL;
CREATE INDEX transactions_account_cover ON transactions(account_id, date, category, amount);
""",
    ),
    (
        # The portfolio's trend column reads 90 days of snapshot scores for every
        # account at start-up: a covering index makes that an index-only scan.
        "health snapshot scores index",
        """
CREATE INDEX health_snapshots_scores ON health_snapshots(account_id, date, score, band);
""",
    ),
    (
        # The directory: accounts and people again, in a small full-text index of
        # their own (same rowids, columns and tokenizer as search_index), so a
        # search finds every account and person it names however many of the
        # million notes also match. Kept in sync by its own triggers; rows already
        # present are indexed here (about 3 s for 210,000 accounts and people).
        "directory search index",
        """
CREATE VIRTUAL TABLE search_directory USING fts5(
    kind UNINDEXED,
    ref_id UNINDEXED,
    account_id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER search_directory_accounts_insert AFTER INSERT ON accounts BEGIN
    INSERT INTO search_directory(rowid, kind, ref_id, account_id, title, body)
    SELECT NEW.id * 8 + 1, 'account', NEW.id, NEW.id, NEW.name,
        COALESCE(NEW.account_number, '') || ' ' ||
        COALESCE(NEW.tax_id, '') || ' ' ||
        COALESCE(NEW.domain, '') || ' ' ||
        COALESCE(NEW.industry, '') || ' ' ||
        COALESCE(NEW.email, '') || ' ' ||
        COALESCE(NEW.phone, '') || ' ' ||
        COALESCE(NEW.address, '') || ' ' ||
        COALESCE(NEW.notes, '')
    WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_directory_accounts_update AFTER UPDATE OF name, account_number, tax_id, domain, industry, email, phone, address, notes, deleted_at
ON accounts BEGIN
    DELETE FROM search_directory WHERE rowid = OLD.id * 8 + 1;
    INSERT INTO search_directory(rowid, kind, ref_id, account_id, title, body)
    SELECT NEW.id * 8 + 1, 'account', NEW.id, NEW.id, NEW.name,
        COALESCE(NEW.account_number, '') || ' ' ||
        COALESCE(NEW.tax_id, '') || ' ' ||
        COALESCE(NEW.domain, '') || ' ' ||
        COALESCE(NEW.industry, '') || ' ' ||
        COALESCE(NEW.email, '') || ' ' ||
        COALESCE(NEW.phone, '') || ' ' ||
        COALESCE(NEW.address, '') || ' ' ||
        COALESCE(NEW.notes, '')
    WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_directory_accounts_delete AFTER DELETE ON accounts BEGIN
    DELETE FROM search_directory WHERE rowid = OLD.id * 8 + 1;
END;
INSERT INTO search_directory(rowid, kind, ref_id, account_id, title, body)
SELECT id * 8 + 1, 'account', id, id, name,
    COALESCE(account_number, '') || ' ' ||
    COALESCE(tax_id, '') || ' ' ||
    COALESCE(domain, '') || ' ' ||
    COALESCE(industry, '') || ' ' ||
    COALESCE(email, '') || ' ' ||
    COALESCE(phone, '') || ' ' ||
    COALESCE(address, '') || ' ' ||
    COALESCE(notes, '')
FROM accounts WHERE deleted_at IS NULL;

CREATE TRIGGER search_directory_people_insert AFTER INSERT ON people BEGIN
    INSERT INTO search_directory(rowid, kind, ref_id, account_id, title, body)
    SELECT NEW.id * 8 + 2, 'person', NEW.id, NEW.account_id, NEW.name,
        COALESCE(NEW.title, '') || ' ' ||
        COALESCE(NEW.email, '') || ' ' ||
        COALESCE(NEW.phone, '')
    WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_directory_people_update AFTER UPDATE OF name, account_id, title, email, phone, deleted_at
ON people BEGIN
    DELETE FROM search_directory WHERE rowid = OLD.id * 8 + 2;
    INSERT INTO search_directory(rowid, kind, ref_id, account_id, title, body)
    SELECT NEW.id * 8 + 2, 'person', NEW.id, NEW.account_id, NEW.name,
        COALESCE(NEW.title, '') || ' ' ||
        COALESCE(NEW.email, '') || ' ' ||
        COALESCE(NEW.phone, '')
    WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_directory_people_delete AFTER DELETE ON people BEGIN
    DELETE FROM search_directory WHERE rowid = OLD.id * 8 + 2;
END;
INSERT INTO search_directory(rowid, kind, ref_id, account_id, title, body)
SELECT id * 8 + 2, 'person', id, account_id, name,
    COALESCE(title, '') || ' ' ||
    COALESCE(email, '') || ' ' ||
    COALESCE(phone, '')
FROM people WHERE deleted_at IS NULL;
""",
    ),
    (
        # Row versions for the tables the app has edit forms for: a form saves
        # only if the row's version is still the one it loaded (compare-and-set),
        # so a change made meanwhile (another kamtui, the CLI, any SQLite tool)
        # is never overwritten silently. Any UPDATE that does not move the
        # version itself (trash and restore included) has it bumped by the
        # trigger; kamtui's own writes bump it in the statement, so the trigger
        # does nothing for them. Adding a column with a constant default
        # rewrites no rows.
        "row versions",
        """
ALTER TABLE accounts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE links ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE complaints ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE facts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE goals ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE goal_actions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TRIGGER accounts_version AFTER UPDATE ON accounts WHEN NEW.version = OLD.version BEGIN
    UPDATE accounts SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER people_version AFTER UPDATE ON people WHEN NEW.version = OLD.version BEGIN
    UPDATE people SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER links_version AFTER UPDATE ON links WHEN NEW.version = OLD.version BEGIN
    UPDATE links SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER complaints_version AFTER UPDATE ON complaints WHEN NEW.version = OLD.version BEGIN
    UPDATE complaints SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER facts_version AFTER UPDATE ON facts WHEN NEW.version = OLD.version BEGIN
    UPDATE facts SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER goals_version AFTER UPDATE ON goals WHEN NEW.version = OLD.version BEGIN
    UPDATE goals SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER goal_actions_version AFTER UPDATE ON goal_actions WHEN NEW.version = OLD.version BEGIN
    UPDATE goal_actions SET version = OLD.version + 1 WHERE id = NEW.id;
END;
""",
    ),
]

SCHEMA_VERSION = len(MIGRATIONS)
