"""SQL for the merge journal: listing merges, finding the one that trashed a
record, and undoing a merge step by step, newest first, in the caller's
`store.write()` transaction."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from kamtui.storage.db import Store
from kamtui.storage.merge_journal import Refused

_WHAT = {
    "people": "person",
    "links": "link",
    "interactions": "interaction",
    "next_steps": "next step",
    "complaints": "complaint",
    "facts": "fact",
    "goals": "goal",
    "account_identifiers": "identifier",
    "transactions": "transaction",
    "wallet_estimates": "wallet estimate",
    "health_snapshots": "health snapshot",
    "interaction_participants": "participation in interaction",
    "accounts": "account",
    "meta": "draft",
    "not_duplicates": "not-a-duplicate mark",
    "person_aliases": "former name",
}


def journal(store: Store) -> list[sqlite3.Row]:
    """Every merge, newest first."""
    return store.query(
        "SELECT m.*, (SELECT name FROM accounts WHERE id = m.target_account_id) AS account_name"
        " FROM merges m ORDER BY m.id DESC"
    )


def get(conn: sqlite3.Connection, merge_id: int) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM merges WHERE id = ?", (merge_id,)
    ).fetchone()
    return row


def last_id(conn: sqlite3.Connection) -> int | None:
    """The newest merge not undone yet."""
    row = conn.execute("SELECT MAX(id) FROM merges WHERE undone_at IS NULL").fetchone()
    return None if row[0] is None else int(row[0])


def merged_away(store: Store, kind: str, row_id: int) -> sqlite3.Row | None:
    """The merge (not undone) that put this account or person in the trash."""
    return store.one(
        "SELECT * FROM merges WHERE kind = ? AND source_id = ? AND undone_at IS NULL"
        " ORDER BY id DESC LIMIT 1",
        (kind, row_id),
    )


def _later(conn: sqlite3.Connection, merge: sqlite3.Row) -> sqlite3.Row | None:
    """A later merge, not undone, of one of the same accounts (or of an
    account whose "not a duplicate" mark this merge moved): it may have
    moved these rows again, so it must be undone first."""
    accounts = {merge["source_account_id"], merge["target_account_id"]}
    for (data,) in conn.execute(
        "SELECT data FROM merge_moves WHERE merge_id = ? AND tbl = 'not_duplicates'",
        (merge["id"],),
    ):
        mark = json.loads(data)
        if mark["kind"] == "account":
            accounts.update((mark["a_id"], mark["b_id"]))
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM merges WHERE id > ? AND undone_at IS NULL AND (source_account_id IN"
        " (SELECT value FROM json_each(?)) OR target_account_id IN (SELECT value FROM json_each(?)))"
        " ORDER BY id DESC LIMIT 1",
        (merge["id"], json.dumps(sorted(accounts)), json.dumps(sorted(accounts))),
    ).fetchone()
    return row


# Records of the two accounts that point across them: what undoing an
# account merge must not create (a meeting of one account with a person of
# the other, a link or fact on one account about a person of the other).
_CROSSINGS = (
    (
        "interaction #{} ({}) has {} as participant",
        # From both ends through their indexes: participants number millions.
        "SELECT i.id, i.summary, p.name FROM interactions i CROSS JOIN interaction_participants ip"
        " ON ip.interaction_id = i.id JOIN people p ON p.id = ip.person_id"
        " WHERE i.account_id IN ({a}) AND p.account_id != i.account_id"
        " UNION SELECT i.id, i.summary, p.name FROM people p CROSS JOIN interaction_participants ip"
        " ON ip.person_id = p.id JOIN interactions i ON i.id = ip.interaction_id"
        " WHERE p.account_id IN ({a}) AND i.account_id != p.account_id",
    ),
    (
        "link #{} joins {} and {}",
        "SELECT l.id, o.name, t.name FROM links l JOIN people o ON o.id = l.our_person_id"
        " JOIN people t ON t.id = l.their_person_id WHERE (l.account_id != o.account_id"
        " OR l.account_id != t.account_id) AND l.account_id IN ({a})",
    ),
    (
        "fact #{} ({}) is about {}",
        "SELECT f.id, f.text, p.name FROM facts f JOIN people p ON p.id = f.person_id"
        " WHERE f.account_id != p.account_id AND f.account_id IN ({a})",
    ),
    (
        "next step #{} ({}) comes from interaction {}",
        "SELECT n.id, n.text, '#' || i.id FROM next_steps n JOIN interactions i"
        " ON i.id = n.interaction_id WHERE n.account_id != i.account_id AND n.account_id IN ({a})",
    ),
    (
        "complaint #{} ({}) was raised in interaction {}",
        "SELECT c.id, c.title, '#' || i.id FROM complaints c JOIN interactions i"
        " ON i.id = c.interaction_id WHERE c.account_id != i.account_id AND c.account_id IN ({a})",
    ),
)


def _crossings(conn: sqlite3.Connection, accounts: tuple[int, int]) -> set[str]:
    found: set[str] = set()
    marks = ",".join(str(int(a)) for a in accounts)
    for words, sql in _CROSSINGS:
        for row in conn.execute(sql.format(a=marks)):
            found.add(words.format(*row))
    return found


def _values(conn: sqlite3.Connection, merge_id: int, step: int) -> tuple[Any, Any]:
    row = conn.execute(
        "SELECT old_value, new_value FROM merge_moves WHERE merge_id = ? AND step = ? LIMIT 1",
        (merge_id, step),
    ).fetchone()
    return row[0], row[1]


def undo(conn: sqlite3.Connection, merge_id: int, stamp: str) -> dict[str, Any]:
    """Put back everything merge `merge_id` changed. Raises Refused (the
    caller's transaction then rolls back) when it was undone already, a
    later merge of the same accounts is still in place, a moved row was
    moved again since, or undoing would leave records pointing across the
    two accounts. Fields changed since the merge keep their new value."""
    merge = get(conn, merge_id)
    if merge is None:
        raise Refused(f"no merge #{merge_id} (`kamtui merges` lists them)")
    if merge["undone_at"] is not None:
        raise Refused(f"merge #{merge_id} was undone already ({merge['undone_at'][:16]})")
    later = _later(conn, merge)
    if later is not None:
        raise Refused(
            f"merge #{later['id']} ({later['source_name']} into {later['target_name']}) came "
            f"later and involves the same accounts: undo it first (kamtui merge undo {later['id']})"
        )
    accounts = (merge["source_account_id"], merge["target_account_id"])
    before = _crossings(conn, accounts)
    restored = gone = 0
    kept: list[str] = []
    steps = conn.execute(
        "SELECT step, action, tbl, col, COUNT(*) FROM merge_moves WHERE merge_id = ?"
        " GROUP BY step ORDER BY step DESC",
        (merge_id,),
    ).fetchall()
    try:
        for step, action, table, col, count in steps:
            if action == "add":
                _remove_added(conn, merge_id, step, table)
            elif action == "drop":
                restored += _put_back(conn, merge_id, step, table)
            elif table == "interaction_participants":
                old, new = _values(conn, merge_id, step)
                n = conn.execute(
                    f"UPDATE interaction_participants SET {col} = ? WHERE {col} = ? AND"
                    " interaction_id IN (SELECT row_key FROM merge_moves WHERE merge_id = ?"
                    " AND step = ?)",
                    (old, new, merge_id, step),
                ).rowcount
                restored += n
                gone += count - n
            else:
                n, missing, changed = _revert(conn, merge_id, step, action, table, col)
                if action == "move" and changed:
                    raise Refused(
                        f"{_WHAT.get(table, table)} #{changed[0]} was moved again since the "
                        f"merge; undoing it would not put it back where it was"
                    )
                if action == "fill" and changed:
                    kept.append(f"{_WHAT.get(table, table)} #{changed[0]}: {col}")
                if action == "move":
                    restored += n
                    gone += missing
    except sqlite3.IntegrityError as exc:
        raise Refused(
            f"a record added since the merge takes the place of one to put back ({exc})"
        ) from None
    new = _crossings(conn, accounts) - before
    if new:
        listed = "; ".join(sorted(new)[:3])
        raise Refused(
            f"since the merge, records joined the two accounts' data ({listed}); undoing it "
            "would split them. Change those records first, or keep the merge"
        )
    conn.execute("UPDATE merges SET undone_at = ? WHERE id = ?", (stamp, merge_id))
    conn.execute("DELETE FROM merge_moves WHERE merge_id = ?", (merge_id,))
    return {"merge": dict(merge), "restored": restored, "kept": kept, "gone": gone}


def _revert(
    conn: sqlite3.Connection, merge_id: int, step: int, action: str, table: str, col: str
) -> tuple[int, int, list[int]]:
    """One step of moved or filled values back: (rows put back, rows gone
    since, rows whose value changed since)."""
    of_step = "SELECT row_key FROM merge_moves WHERE merge_id = ? AND step = ?"
    this = f"(SELECT {{}} FROM merge_moves m WHERE m.merge_id = ? AND m.step = ? AND m.row_key = {table}.rowid)"
    changed = [
        r[0]
        for r in conn.execute(
            f"SELECT rowid FROM {table} WHERE rowid IN ({of_step})"
            f" AND {col} IS NOT {this.format('m.new_value')}",
            (merge_id, step, merge_id, step),
        )
    ]
    present = conn.execute(
        f"SELECT COUNT(*) FROM {table} WHERE rowid IN ({of_step})", (merge_id, step)
    ).fetchone()[0]
    total = conn.execute(
        "SELECT COUNT(*) FROM merge_moves WHERE merge_id = ? AND step = ?", (merge_id, step)
    ).fetchone()[0]
    only_unchanged = "" if action == "set" else f" AND {col} IS {this.format('m.new_value')}"
    params: list[Any] = [merge_id, step, merge_id, step]
    if only_unchanged:
        params += [merge_id, step]
    n = conn.execute(
        f"UPDATE {table} SET {col} = {this.format('m.old_value')}"
        f" WHERE rowid IN ({of_step}){only_unchanged}",
        params,
    ).rowcount
    return n, total - present, changed


def _remove_added(conn: sqlite3.Connection, merge_id: int, step: int, table: str) -> None:
    """Delete the rows a step added: by rowid, or by their key's columns."""
    keyed = conn.execute(
        "SELECT data FROM merge_moves WHERE merge_id = ? AND step = ? AND data IS NOT NULL",
        (merge_id, step),
    ).fetchall()
    if not keyed:
        conn.execute(
            f"DELETE FROM {table} WHERE rowid IN (SELECT row_key FROM merge_moves"
            " WHERE merge_id = ? AND step = ?)",
            (merge_id, step),
        )
    for (data,) in keyed:
        values = json.loads(data)
        where = " AND ".join(f"{c} = ?" for c in values)
        conn.execute(f"DELETE FROM {table} WHERE {where}", list(values.values()))


def _put_back(conn: sqlite3.Connection, merge_id: int, step: int, table: str) -> int:
    rows = conn.execute(
        "SELECT data FROM merge_moves WHERE merge_id = ? AND step = ?", (merge_id, step)
    ).fetchall()
    for (data,) in rows:
        values = json.loads(data)
        cols = list(values)
        conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [values[c] for c in cols],
        )
    return len(rows)
