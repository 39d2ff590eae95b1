"""Pairs the user marked "not a duplicate": duplicate detection never shows
them again."""

from __future__ import annotations

# A pair is (kind, smaller id, larger id): accounts' ids for kind 'account',
# people's for 'person' (so no foreign key: the ids live in two tables).
# Kept when a record goes to the trash, so restoring it does not bring the
# pair back.
NOT_DUPLICATES = (
    "pairs marked not a duplicate",
    """
CREATE TABLE not_duplicates (
    kind TEXT NOT NULL CHECK (kind IN ('account', 'person')),
    a_id INTEGER NOT NULL,
    b_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (kind, a_id, b_id),
    CHECK (a_id < b_id)
) WITHOUT ROWID;
""",
)
