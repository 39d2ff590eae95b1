"""A large export written by child processes: the same files as one process
writes, one state of the file even when someone commits while the children
start, a clear error when a child cannot write, and the caller's own export
whenever children cannot run."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.services import accounts, export_parallel
from kamtui.services.errors import ServiceError
from kamtui.services.export import export
from kamtui.services.interactions.log import log_interaction
from kamtui.storage.db import Store, open_store


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


FORMS = {"csv": {}, "excel": {"excel": True}, "json": {"fmt": "json"}}


@pytest.mark.parametrize("form", list(FORMS))
def test_children_write_the_same_files_as_one_process(
    demo_store: Store, tmp_path: Path, form: str
) -> None:
    # CSV files are written in parts (interactions at least), joined after.
    alone = export(demo_store, tmp_path / "one", parallel=False, **FORMS[form])  # type: ignore[arg-type]
    shared = export(demo_store, tmp_path / "many", parallel=True, **FORMS[form])  # type: ignore[arg-type]
    assert list(shared.counts.items()) == list(alone.counts.items())  # in the files' order
    assert sum(shared.counts.values()) > 500
    assert _files(tmp_path / "many") == _files(tmp_path / "one")
    assert not list((tmp_path / "many").glob(".*"))


def test_progress_climbs_to_the_end(demo_store: Store, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    report = export(
        demo_store, tmp_path / "out", parallel=True, progress=lambda d, t: seen.append((d, t))
    )
    done = [d for d, _t in seen]
    assert done == sorted(done)
    assert len(seen) > 2
    assert seen[-1][0] == seen[-1][1] == sum(report.counts.values())


def _commit_while_starting(monkeypatch: pytest.MonkeyPatch, db: Path, times: int) -> list[int]:
    """Make `times` attempts see a commit from another process's connection
    after their children said ready: a new account with one meeting."""
    calls: list[int] = []
    original = export_parallel._Attempt._wait_ready

    def wait_ready(self: export_parallel._Attempt) -> bool:
        ready = original(self)
        calls.append(1)
        if len(calls) <= times:
            other = open_store(db)
            try:
                aid = accounts.add(other, {"name": f"Llegada {len(calls)}"})
                log_interaction(
                    other,
                    aid,
                    occurred_at="2026-11-30T10:00",
                    channel="phone",
                    level="operational",
                    summary="recién llegada",
                )
            finally:
                other.close()
        return ready

    monkeypatch.setattr(export_parallel._Attempt, "_wait_ready", wait_ready)
    return calls


def test_a_commit_while_children_start_starts_them_again(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _commit_while_starting(monkeypatch, demo_store.path, times=1)
    export(demo_store, tmp_path / "out", parallel=True)
    assert len(calls) == 2
    # The second start saw the commit: every file holds the new account's records.
    assert "Llegada 1" in (tmp_path / "out" / "accounts.csv").read_text()
    assert "recién llegada" in (tmp_path / "out" / "interactions.csv").read_text()


def test_commits_at_every_start_leave_the_export_to_one_process(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _commit_while_starting(monkeypatch, demo_store.path, times=export_parallel.ATTEMPTS)
    report = export(demo_store, tmp_path / "out", parallel=True)
    assert len(calls) == export_parallel.ATTEMPTS
    text = (tmp_path / "out" / "interactions.csv").read_text()
    assert text.count("recién llegada") == export_parallel.ATTEMPTS
    assert (
        report.counts["accounts"]
        == len((tmp_path / "out" / "accounts.csv").read_text().splitlines()) - 1
    )


def test_children_that_cannot_start_leave_it_to_one_process(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_parallel, "EXECUTABLE", str(tmp_path / "no-such-python"))
    alone = export(demo_store, tmp_path / "one", parallel=False)
    report = export(demo_store, tmp_path / "out", parallel=True)
    assert report.counts == alone.counts
    assert _files(tmp_path / "out") == _files(tmp_path / "one")


def test_a_child_that_cannot_write_says_why_and_leaves_no_partial_file(
    demo_store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    (folder / "interactions.csv").mkdir(parents=True)  # the file cannot take its place
    with pytest.raises(ServiceError, match=r"the export failed: .*interactions\.csv"):
        export(demo_store, folder, parallel=True)
    assert not list(folder.glob(".*.tmp"))


def test_small_exports_and_one_core_stay_in_one_process(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[object] = []
    monkeypatch.setattr(export_parallel, "_Attempt", lambda *a: started.append(a))
    export(demo_store, tmp_path / "small")  # the demo is far below PARALLEL_ROWS
    monkeypatch.setattr(export_parallel, "PARALLEL_ROWS", 0)
    monkeypatch.setattr(export_parallel, "cores", lambda: 1)
    export(demo_store, tmp_path / "one-core")
    assert started == []


def test_a_child_never_works_on_a_file_of_another_schema(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    from kamtui.services import export_worker

    conn = sqlite3.connect(demo_path)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA user_version = {version - 1}")
    conn.close()
    (tmp_path / "out").mkdir()
    code = export_worker.main([str(demo_path), str(tmp_path / "out"), "--kinds", "accounts"])
    assert code == 2
    assert f"schema {version - 1}" in capsys.readouterr().err
    assert list((tmp_path / "out").iterdir()) == []


def test_a_child_whose_parent_is_gone_stops_and_leaves_no_file(
    demo_path: Path, tmp_path: Path
) -> None:
    from kamtui.services.children import spawn

    folder = tmp_path / "out"
    folder.mkdir()
    kinds = ["--kinds", "interactions/0//,transactions"]
    proc = spawn(
        [
            export_parallel.EXECUTABLE,
            "-m",
            export_parallel.MODULE,
            str(demo_path),
            str(folder),
            *kinds,
        ]
    )
    assert proc.stdout is not None and proc.stdin is not None
    assert proc.stdout.readline().strip() == b"ready"
    proc.stdout.close()  # the parent's end: gone, as when the app quits mid-export
    proc.stdin.write(b"go\n")
    proc.stdin.close()
    assert proc.wait(timeout=30) == 1
    assert list(folder.iterdir()) == []
