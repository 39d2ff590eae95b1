"""Row versions: the compare-and-set behind the edit forms."""

from __future__ import annotations

# Row versions for the tables the app has edit forms for: a form saves
# only if the row's version is still the one it loaded (compare-and-set),
# so a change made meanwhile (another kamtui, the CLI, any SQLite tool)
# is never overwritten silently. Any UPDATE that does not move the
# version itself (trash and restore included) has it bumped by the
# trigger; kamtui's own writes bump it in the statement, so the trigger
# does nothing for them. Adding a column with a constant default
# rewrites no rows.
ROW_VERSIONS = (
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
)
