"""The initial schema: accounts, people and links (the contact map), interactions
with participants and next steps, complaints, facts, transactions and wallet
estimates, goals with action items, health snapshots (drafts live in meta)."""

from __future__ import annotations

INITIAL_SCHEMA = (
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
)
