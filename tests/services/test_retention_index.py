"""The app's automatic daily purge leaves no purged word in the search
index's segments: it merges the index after purging, as `kamtui purge` and
an erasure do."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kamtui.config import PrivacyConfig
from kamtui.services import accounts, retention
from kamtui.services.interactions.log import log_interaction
from kamtui.services.search import search
from kamtui.storage.db import open_store
from tests.services.privacy_world import file_bytes

TODAY = date(2026, 11, 15)
WORD = b"zarzaparrillazo"


def test_auto_purge_leaves_no_purged_word_in_the_file(db_path: Path) -> None:
    store = open_store(db_path)
    acc = accounts.add(store, {"name": "Conservas Peña S.A.", "account_number": "ES-9"})
    gone = log_interaction(
        store,
        acc,
        occurred_at="2026-08-01T10:00",
        channel="phone",
        level="operational",
        summary="Call about the zarzaparrillazo",
        notes="The zarzaparrillazo order is late.",
    )
    log_interaction(
        store,
        acc,
        occurred_at="2026-08-02T10:00",
        channel="phone",
        level="operational",
        summary="Call about the plant",
        notes="Filler about the plant.",
    )
    with store.write() as conn:
        conn.execute(
            "UPDATE interactions SET deleted_at = '2026-09-01T10:00:00' WHERE id = ?", (gone,)
        )
    # Every page in the file itself, the WAL emptied: what follows is what
    # the purge leaves.
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert WORD in file_bytes(db_path)

    assert retention.auto_purge(store, today=TODAY, config=PrivacyConfig()) == 1
    store.close()  # the only connection: its close checkpoints the WAL into the file
    assert WORD not in file_bytes(db_path).lower()

    store = open_store(db_path)  # the index is whole, and still finds the rest
    store.conn.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
    assert search(store, "zarzaparrillazo") == []
    assert search(store, "plant")
    store.close()
