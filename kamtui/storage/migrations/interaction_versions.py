"""Row versions for interactions and their next steps (edited from the app
and the shell since they became editable)."""

from __future__ import annotations

# The same compare-and-set as the "row versions" migration: an edit saves
# only over the version it loaded, and any other UPDATE (trash, restore, a
# SQLite tool) moves the version through the trigger.
INTERACTION_VERSIONS = (
    "interaction row versions",
    """
ALTER TABLE interactions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE next_steps ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TRIGGER interactions_version AFTER UPDATE ON interactions
WHEN NEW.version = OLD.version BEGIN
    UPDATE interactions SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER next_steps_version AFTER UPDATE ON next_steps
WHEN NEW.version = OLD.version BEGIN
    UPDATE next_steps SET version = OLD.version + 1 WHERE id = NEW.id;
END;
""",
)
