"""A merge's "not a duplicate" marks: what the user said of the record
merged away, they said of the record it became. Runs inside the merge's
transaction, journaled so `merge_undo` puts the marks back as they were."""

from __future__ import annotations

from kamtui.storage.merge_journal import Journal

MARKS_LABEL = "not-a-duplicate marks"


def move_marks(j: Journal, kind: str, source_id: int, target_id: int) -> int:
    """The source's marks (source, X) become (target, X), unless X is the
    target or the target has that mark already; the source's own marks are
    dropped (kept in the journal). Returns how many marks the target gained."""
    where = "kind = ? AND (a_id = ? OR b_id = ?)"
    params = [kind, source_id, source_id]
    marks = j.conn.execute(
        f"SELECT a_id, b_id, created_at FROM not_duplicates WHERE {where} ORDER BY a_id, b_id",
        params,
    ).fetchall()
    if not marks:
        return 0
    j.drop("not_duplicates", where, params)
    added = []
    for a_id, b_id, created_at in marks:
        other = b_id if a_id == source_id else a_id
        if other == target_id:
            continue
        first, second = min(target_id, other), max(target_id, other)
        cur = j.conn.execute(
            "INSERT OR IGNORE INTO not_duplicates (kind, a_id, b_id, created_at)"
            " VALUES (?, ?, ?, ?)",
            (kind, first, second, created_at),
        )
        if cur.rowcount:
            added.append({"kind": kind, "a_id": first, "b_id": second})
    if added:
        j.added_rows("not_duplicates", added)
    return len(added)
