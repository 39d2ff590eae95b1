"""Next steps and goal actions go to the trash like every other record."""

from __future__ import annotations

from dataclasses import replace

from kamtui.storage.migrations.audit import AUDITED, triggers

# Deleting one sets `deleted_at` (the version trigger moves its version, so
# a form loaded before fails its compare-and-set); the trash, undo and
# restore clear it; the purge deletes it for good after the retention days.
# The audit triggers are recreated as soft deletes: setting `deleted_at` is
# recorded as "deleted", clearing it as "restored", the purge as "purged"
# (with plain triggers a trashing would change no audited field and be
# recorded as nothing). Neither table feeds health, so no counter moves.
# A next step trashed, restored or reworded moves its interaction's version
# on too: the interaction's edit form shows its steps and saves them all
# (replacing them), so a form loaded before must meet a conflict instead of
# silently adding the trashed step again (or the old wording back).
# The interaction index serves the timeline's steps of some interactions
# and the trash's check that a step's interaction is live; the partial
# indexes keep the trash and the retention from scanning every step.
_SPECS = [
    replace(s, soft_delete=True) for s in AUDITED if s.table in ("next_steps", "goal_actions")
]

STEP_TRASH = (
    "trash for next steps and goal actions",
    """
ALTER TABLE next_steps ADD COLUMN deleted_at TEXT;
ALTER TABLE goal_actions ADD COLUMN deleted_at TEXT;
CREATE INDEX next_steps_interaction ON next_steps(interaction_id);
CREATE INDEX next_steps_trashed ON next_steps(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX goal_actions_trashed ON goal_actions(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE TRIGGER next_steps_interaction_version AFTER UPDATE OF text, due_date, deleted_at
ON next_steps WHEN NEW.interaction_id IS NOT NULL AND (OLD.text IS NOT NEW.text
    OR OLD.due_date IS NOT NEW.due_date OR OLD.deleted_at IS NOT NEW.deleted_at)
BEGIN
    UPDATE interactions SET version = version + 1 WHERE id = NEW.interaction_id;
END;
"""
    + "".join(triggers(spec) for spec in _SPECS),
)
