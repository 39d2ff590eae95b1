"""Hostile user text for the UI and CLI tests: markup that crashes or acts,
escape sequences, C1 controls and bidi overrides in every text field of one
demo account."""

from __future__ import annotations

import re

from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.textsafe import fold

# Everything that bites: an unmatched close tag (MarkupError), a live action
# link, a style, a link, an OSC window-title write, a CSI colour, the C1 CSI,
# a right-to-left override.
# (Short enough for every field's length limit: industry takes 80.)
TAIL = " [@click=app.quit]x[/] \x1b]0;pw\x07\x1b[31mR\x9b1m\u202eab[link=http://x]y[/link]"
NAME = "[/][bold red]Evil" + TAIL
LINK = "[link=http://x]y[/link]"  # what a field scrolled to its end shows
# Raw terminal control that must never be drawn: C0 (bar tab/newline), DEL,
# C1, bidi embeddings/overrides/isolates.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile(label: str) -> str:
    return f"[bold red]{label}" + TAIL


def make_evil(s: Store) -> int:
    """Turn one demo account's every text field hostile; its id."""
    aid = accounts.resolve(s, "Grupo Alimentario Muñoz").id
    with s.conn:
        s.conn.execute(
            "UPDATE accounts SET name = ?, name_key = ?, industry = ?, owner = ?, notes = ?,"
            " address = ?, tier = ? WHERE id = ?",
            (
                NAME,
                fold(NAME),
                hostile("Ind"),
                hostile("Own"),
                hostile("Notes"),
                hostile("Addr"),
                "A",
                aid,
            ),
        )
        for table, cols in [
            ("people", ("name", "title", "privacy_note")),
            ("interactions", ("summary", "notes")),
            ("complaints", ("title", "description", "resolution")),
            ("facts", ("text",)),
            ("goals", ("title",)),
            ("next_steps", ("text",)),
        ]:
            sets = ", ".join(f"{c} = ? || ' ' || id" for c in cols)
            s.conn.execute(
                f"UPDATE {table} SET {sets} WHERE account_id = ?",
                [hostile(c.capitalize()) for c in cols] + [aid],
            )
        s.conn.execute("UPDATE people SET name_key = lower(name) WHERE account_id = ?", (aid,))
        s.conn.execute(
            "UPDATE goal_actions SET text = ? || ' ' || id"
            " WHERE goal_id IN (SELECT id FROM goals WHERE account_id = ?)",
            (hostile("Action"), aid),
        )
        # Its oldest next step overdue: first in the follow-ups.
        s.conn.execute(
            "UPDATE next_steps SET due_date = '2026-01-05', done_at = NULL"
            " WHERE id = (SELECT MIN(id) FROM next_steps WHERE account_id = ?)",
            (aid,),
        )
        # A category every account shares: whitespace columns, charts, goals.
        (cat,) = s.one(
            "SELECT category FROM transactions WHERE account_id = ?"
            " GROUP BY category ORDER BY SUM(amount) DESC LIMIT 1",
            (aid,),
        )
        for table in ("transactions", "wallet_estimates", "goals"):
            s.conn.execute(
                f"UPDATE {table} SET category = ? WHERE category = ?", (hostile("Cat"), cat)
            )
    return aid
