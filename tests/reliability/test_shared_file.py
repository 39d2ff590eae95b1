"""The app and the shell on one file at once: no write is lost, nothing
crashes, a busy file is waited for and reported."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kamtui.services.interactions import log_interaction
from kamtui.storage import busy
from kamtui.storage.db import open_store
from kamtui.storage.errors import DatabaseBusy
from tests.reliability.helpers import (
    add_account,
    env,
    integrity,
    kamtui,
    log_args,
    summaries,
    transactions_csv,
)


def _locks_held(path: Path) -> bool:
    """Whether this process holds a POSIX lock on `path` (from /proc/locks)."""
    inode = os.stat(path).st_ino
    for line in Path("/proc/locks").read_text().splitlines():
        parts = line.split()
        if "->" in parts:  # a waiting lock: "1: -> POSIX ..."
            continue
        pid, dev_inode = int(parts[4]), parts[5]
        if pid == os.getpid() and int(dev_inode.rsplit(":", 1)[1]) == inode:
            return True
    return False


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs Linux /proc/locks")
def test_a_companion_connection_keeps_the_process_locks(db_path: Path) -> None:
    store = open_store(db_path)
    store.query("SELECT COUNT(*) FROM accounts")
    assert _locks_held(db_path)
    with store.companion() as other:  # what whole-portfolio health does
        other.query("SELECT COUNT(*) FROM accounts")
    assert _locks_held(db_path), "opening a companion dropped the app's SQLite locks"
    store.close()


def test_app_and_shell_writes_on_one_file_all_survive(db_path: Path) -> None:
    app = open_store(db_path)
    add_account(app, "Acme Ibérica")
    with app.companion() as other:
        other.query("SELECT COUNT(*) FROM accounts")
    first = kamtui(db_path, *log_args("Acme", "shell call 1"))
    assert first.returncode == 0, first.stderr
    add_account(app, "Beta Logística")  # the app writes while the shell is gone
    second = kamtui(db_path, *log_args("Acme", "shell call 2"))
    assert second.returncode == 0, second.stderr
    # Another process sees the app's write, the app sees the shell's.
    seen = kamtui(db_path, "search", "Beta", "--json")
    assert "Beta Log" in seen.stdout
    assert [r[0] for r in app.query("SELECT summary FROM interactions ORDER BY id")] == [
        "shell call 1",
        "shell call 2",
    ]
    app.close()
    assert summaries(db_path) == ["shell call 1", "shell call 2"]
    conn = sqlite3.connect(db_path)
    names = [r[0] for r in conn.execute("SELECT name FROM accounts ORDER BY id")]
    conn.close()
    assert names == ["Acme Ibérica", "Beta Logística"]
    assert integrity(db_path) == "ok"


_WRITER = """
import json, sys
from kamtui.cli.main import main
db, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
codes = []
for i in range(n):
    codes.append(main(["--db", db, "log", "Acme", "--when", "2026-11-10 10:00",
                       "--channel", "phone", "--level", "operational",
                       "--summary", f"{tag}-{i}"]))
print(json.dumps(codes))
"""


def test_three_shell_writers_an_import_and_the_app_lose_nothing(
    db_path: Path, tmp_path: Path
) -> None:
    """The app's store plus 3 shell writers x 100 writes while an import of
    100,000 invoices holds the write lock for seconds: every write is kept."""
    app = open_store(db_path)
    add_account(app, "Acme Ibérica", "A-1")
    add_account(app, "Beta Logística", "B-2")
    invoices = transactions_csv(tmp_path / "invoices.csv", 100_000, ["A-1", "B-2"])
    importer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kamtui",
            "--db",
            str(db_path),
            "import",
            "transactions",
            str(invoices),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(db_path), f"w{k}", "100"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
        )
        for k in range(3)
    ]
    app_writes = []
    for i in range(100):
        app_writes.append(
            log_interaction(
                app,
                1,
                occurred_at="2026-11-11T09:00",
                channel="video",
                level="strategic",
                summary=f"app-{i}",
            )
        )
        with app.companion() as other:  # the app's background reads, as in real use
            other.query("SELECT COUNT(*) FROM interactions")
    _, import_err = importer.communicate(timeout=300)
    assert importer.returncode == 0, import_err
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        assert json.loads(out.splitlines()[-1]) == [0] * 100, err
    app.close()
    kept = summaries(db_path)
    expected = {f"w{k}-{i}" for k in range(3) for i in range(100)} | {
        f"app-{i}" for i in range(100)
    }
    assert len(kept) == 400
    assert set(kept) == expected
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM transactions").fetchone()[0] == 100_000
    conn.close()
    assert integrity(db_path) == "ok"


def test_kill_9_during_an_import_keeps_none_or_all_of_it(db_path: Path, tmp_path: Path) -> None:
    """Five imports killed at moments spread over their run, three of them
    once rows are being written: each leaves none or all of its rows (an
    import is one transaction), and the file stays sound and writable."""
    store = open_store(db_path)
    add_account(store, "Acme Ibérica", "A-1")
    add_account(store, "Beta Logística", "B-2")
    store.close()
    rows = 150_000
    invoices = transactions_csv(tmp_path / "invoices.csv", rows, ["A-1", "B-2"])
    command = [
        sys.executable,
        "-m",
        "kamtui",
        "--db",
        str(db_path),
        "import",
        "transactions",
        str(invoices),
    ]
    wal = db_path.with_name(db_path.name + "-wal")
    # Two kills while the file is read and checked, three while its rows are
    # being written (the WAL grows past 1 MB before the commit).
    moments = [
        ("reading", 0.2),
        ("reading", 0.8),
        ("writing", 0.0),
        ("writing", 0.1),
        ("writing", 0.25),
    ]
    outcomes: list[tuple[str, int]] = []
    for phase, delay in moments:
        proc = subprocess.Popen(
            command, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if phase == "writing":
            deadline = time.monotonic() + 60
            while (not wal.exists() or wal.stat().st_size < 1 << 20) and proc.poll() is None:
                assert time.monotonic() < deadline
                time.sleep(0.005)
        time.sleep(delay)
        proc.kill()
        assert proc.wait() in (-9, 0)
        conn = sqlite3.connect(db_path)
        count = conn.execute("SELECT COUNT(*) FROM transactions").fetchone()[0]
        conn.close()
        assert count in (0, rows), f"killed while {phase} (+{delay} s): {count} rows half-written"
        assert integrity(db_path) == "ok"
        outcomes.append((phase, count))
        if count:  # committed just before the kill: start the next round empty
            conn = sqlite3.connect(db_path)
            conn.execute("DELETE FROM transactions")
            conn.commit()
            conn.close()
    # At least one kill landed inside the import's transaction.
    assert ("writing", 0) in outcomes, outcomes
    after = kamtui(db_path, *log_args("Acme", "after the kills"))
    assert after.returncode == 0, after.stderr
    assert summaries(db_path) == ["after the kills"]


def _hold_write_lock(db_path: Path, activity: str) -> tuple[sqlite3.Connection, Path | None]:
    conn = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    return conn, busy.leave_note(db_path, activity)


def test_shell_write_waits_for_a_long_write_and_says_for_whom(db_path: Path) -> None:
    store = open_store(db_path)
    add_account(store, "Acme Ibérica")
    store.close()
    holder, note = _hold_write_lock(db_path, "import of transactions")
    threading.Timer(1.5, lambda: (holder.execute("COMMIT"), busy.remove_note(note))).start()
    # The note names this test's process: give it a kamtui-like holder by pid.
    result = kamtui(db_path, *log_args("Acme", "waited for it"), KAMTUI_BUSY_TIMEOUT="20")
    holder.close()
    assert result.returncode == 0, result.stderr
    assert "waiting for another kamtui (import of transactions, pid" in result.stderr
    assert summaries(db_path) == ["waited for it"]


def test_shell_write_gives_up_with_exit_3_and_writes_nothing(db_path: Path) -> None:
    store = open_store(db_path)
    add_account(store, "Acme Ibérica")
    store.close()
    holder, note = _hold_write_lock(db_path, "import of accounts")
    try:
        result = kamtui(db_path, *log_args("Acme", "never"), KAMTUI_BUSY_TIMEOUT="1")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        busy.remove_note(note)
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert "another kamtui (import of accounts" in result.stderr
    assert "nothing was written" in result.stderr
    assert summaries(db_path) == []


def test_store_write_raises_database_busy_after_its_limit(db_path: Path) -> None:
    store = open_store(db_path)
    store.busy_limit = 0.6
    waits = []
    store.on_busy = waits.append
    failures = []
    store.on_failure = failures.append
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusy, match="nothing was written"), store.write() as conn:
            conn.execute("INSERT INTO meta(key, value) VALUES ('k', 'v')")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert waits and waits[0].attempt == 1 and waits[0].holder == "another program"
    assert len(failures) == 1 and isinstance(failures[0], DatabaseBusy)
    store.set_meta("k", "v")  # the lock is free again: writes work
    assert store.get_meta("k") == "v"
    store.close()


def test_a_thread_may_wait_less_than_the_store_without_changing_others(db_path: Path) -> None:
    """Quitting writes the draft on the UI thread: it waits seconds, not the
    app's two minutes; the store's own limit is untouched."""
    store = open_store(db_path)
    store.busy_limit = 30.0
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    try:
        with (
            store.waiting_at_most(0.4),
            pytest.raises(DatabaseBusy, match="over 0 s"),
            store.write() as conn,
        ):
            conn.execute("INSERT INTO meta(key, value) VALUES ('k', 'v')")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert time.monotonic() - started < 3
    assert store.busy_limit == 30.0
    store.close()
