"""Full-text search: the index over every searchable record and the small
directory index of accounts and people."""

from __future__ import annotations

# Full-text search over accounts, people, interactions, facts and complaints.
# rowid = source id * 8 + kind code (1 account, 2 person, 3 interaction,
# 4 fact, 5 complaint) so triggers update one row by key. Folding (case and
# accents: "compania" finds "Compañía") is done by the unicode61 tokenizer,
# not by kam_fold(), so other tools (sqlite-utils, datasette) can still
# write these tables. Rows already present are indexed here.
SEARCH_INDEX = (
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
)

# The directory: accounts and people again, in a small full-text index of
# their own (same rowids, columns and tokenizer as search_index), so a
# search finds every account and person it names however many of the
# million notes also match. Kept in sync by its own triggers; rows already
# present are indexed here (about 3 s for 210,000 accounts and people).
DIRECTORY_INDEX = (
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
)
