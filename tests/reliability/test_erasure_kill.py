"""`kamtui privacy erase` killed with SIGKILL at moments spread over its run:
each kill leaves the whole erasure or nothing, the file passes its integrity
check, and the next open finishes an interrupted clean-up so that nothing of
the person is left in the file."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kamtui.storage.db import open_store
from tests.reliability.helpers import env, integrity
from tests.services.privacy_world import NAME, build, file_bytes, leftovers

MEETINGS = 4000


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small world plus thousands of meetings that name her: enough
    for the erasure's transaction and clean-up to take a visible while."""
    path = tmp_path_factory.mktemp("erase") / "template.db"
    store = open_store(path)
    w = build(store)
    with store.write() as conn:
        for n in range(MEETINGS):
            cur = conn.execute(
                "INSERT INTO interactions (account_id, occurred_at, channel, level, kind,"
                " summary, notes, created_at) VALUES (?, ?, 'phone', 'operational', 'call',"
                " ?, ?, '2026-01-01')",
                (
                    w.account_id,
                    f"2026-0{1 + n % 9}-1{n % 10}T10:00",
                    f"Call {n} with Lucía Gómez",
                    f"Call {n}: Lucía Gómez Pardo ({'prices ' * 40}) tel 611 222 333",
                ),
            )
            conn.execute(
                "INSERT INTO interaction_participants VALUES (?, ?), (?, ?)",
                (cur.lastrowid, w.lucia, cur.lastrowid, w.ana),
            )
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def _state(db: Path) -> str:
    """'whole' (erased), 'none' (untouched), or what is half-done."""
    conn = sqlite3.connect(db)
    try:
        person = conn.execute("SELECT COUNT(*) FROM people WHERE name = ?", (NAME,)).fetchone()[0]
        named = conn.execute(
            "SELECT COUNT(*) FROM interactions WHERE notes LIKE '%Pardo%'"
        ).fetchone()[0]
        erased = conn.execute(
            "SELECT COUNT(*) FROM interactions WHERE notes LIKE '%[erased contact]%'"
        ).fetchone()[0]
        taking_part = conn.execute(
            "SELECT COUNT(*) FROM interaction_participants p JOIN people x ON x.id = p.person_id"
            " WHERE x.name = ?",
            (NAME,),
        ).fetchone()[0]
    finally:
        conn.close()
    if person == 0 and named == 0 and taking_part == 0 and erased >= MEETINGS:
        return "whole"
    if person == 1 and named >= MEETINGS and erased == 0 and taking_part == MEETINGS + 1:
        return "none"
    return f"half: person={person} named={named} erased={erased} taking_part={taking_part}"


def _kill_when(proc: subprocess.Popen[bytes], wal: Path, moment: tuple[str, int]) -> None:
    """Kill `proc` at a moment of its run read from the WAL's size: while it
    writes (the WAL past `size` bytes) or while it cleans up (the WAL
    truncated after growing, the VACUUM and the marker still to come)."""
    what, size = moment
    grew = False
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        now = wal.stat().st_size if wal.exists() else -1
        grew = grew or now > 1 << 20
        if (what == "past" and now > size) or (what == "truncated" and grew and now <= size):
            break
        time.sleep(0.001)
    proc.kill()
    proc.wait()


def test_kill_9_during_erasure_leaves_all_or_nothing(template: Path, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    wal = db.with_name(db.name + "-wal")
    command = [
        sys.executable,
        "-m",
        "kamtui",
        "--db",
        str(db),
        "privacy",
        "erase",
        "ES-9",
        NAME,
        "--yes",
    ]
    moments = [
        ("past", 0),  # its transaction has begun writing
        ("past", 1 << 20),
        ("past", 3 << 20),
        ("past", 6 << 20),
        ("past", 7 << 20),  # around the commit and the index merge
        ("truncated", 0),  # VACUUMed and checkpointed, the marker not yet removed
        ("truncated", 100),
    ]
    outcomes: list[str] = []
    for moment in moments:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copy(template, db)
        proc = subprocess.Popen(
            command, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _kill_when(proc, wal, moment)
        state = _state(db)
        assert state in ("whole", "none"), f"killed at {moment}: {state}"
        assert integrity(db) == "ok"
        conn = sqlite3.connect(db)
        marker = conn.execute("SELECT COUNT(*) FROM meta WHERE key = 'privacy.cleanup_pending'")
        if state == "whole" and marker.fetchone()[0]:
            state = "whole, clean-up pending"
        conn.close()
        outcomes.append(state)
        # The next open finishes whatever clean-up the kill interrupted.
        store = open_store(db)
        assert store.get_meta("privacy.cleanup_pending") is None
        store.close()
        if state.startswith("whole"):
            assert leftovers(file_bytes(db)) == [], f"killed at {moment}"
    # The kills landed on both sides of the commit, and inside the clean-up.
    assert "none" in outcomes, outcomes
    assert "whole, clean-up pending" in outcomes, outcomes
