"""SQL for the follow-ups view: open next steps (goal action items are read
through services.goals.open_actions)."""

from __future__ import annotations

import sqlite3

from kamtui.storage import interactions as interaction_sql
from kamtui.storage.db import Store


def open_next_steps(store: Store) -> list[sqlite3.Row]:
    return interaction_sql.open_next_steps(store)
