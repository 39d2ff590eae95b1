"""The merge journal: what each merge of two accounts or two people moved,
dropped, filled and added, so the whole merge can be undone."""

from __future__ import annotations

# One row in `merges` per merge; `merge_moves` holds its changes in steps
# (one set-wise statement each), undone newest step first. `old_value` and
# `new_value` have no declared type: SQLite keeps each value exactly as it
# was (integer, real, text or NULL). `data` is the whole row, as JSON, of a
# row the merge deleted (a same-day health snapshot, a wallet estimate the
# target already had), put back on undo.
MERGE_JOURNAL = (
    "merge journal",
    """
CREATE TABLE merges (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('account', 'person')),
    source_id INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    source_account_id INTEGER NOT NULL,
    target_account_id INTEGER NOT NULL,
    source_name TEXT NOT NULL,
    target_name TEXT NOT NULL,
    merged_at TEXT NOT NULL,
    undone_at TEXT,
    summary TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX merges_source ON merges(kind, source_id);

CREATE TABLE merge_moves (
    id INTEGER PRIMARY KEY,
    merge_id INTEGER NOT NULL REFERENCES merges(id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('move', 'fill', 'set', 'drop', 'add')),
    tbl TEXT NOT NULL,
    row_key INTEGER NOT NULL,
    col TEXT,
    old_value,
    new_value,
    data TEXT
);
CREATE INDEX merge_moves_step ON merge_moves(merge_id, step, row_key);
""",
)
