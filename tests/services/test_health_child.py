"""The app's whole-portfolio health in a child process (benchmark 11): the
child stores what the app's own process would have computed, health and
snapshots; when it cannot start or fails, the caller computes in its own
process; stopped half-way (the app ends), it has written nothing and
nothing more is computed."""

from __future__ import annotations

import os
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from kamtui.config import Config
from kamtui.services import health, health_child, health_refresh
from kamtui.storage.db import Store
from tests.conftest import DEMO_TODAY

TOMORROW = DEMO_TODAY + timedelta(days=1)
CONFIG = Config.model_validate({"health": {"weights": {"complaints": 3.0}}})


@pytest.fixture(autouse=True)
def _every_portfolio_in_a_child(monkeypatch: pytest.MonkeyPatch) -> None:
    # The demo's few dozen accounts are computed in-process otherwise.
    monkeypatch.setattr(health_refresh, "CHILD_ABOVE", 0)


def assert_stored_equals_full(store: Store) -> None:
    full = {
        h.account_id: h
        for h in health.portfolio_health(store, today=TOMORROW, config=CONFIG, save=False)
    }
    stored = health_refresh.stored(store)
    assert stored.keys() == full.keys()
    for account_id, h in full.items():
        assert stored[account_id] == h, account_id
    days = store.query("SELECT DISTINCT day FROM health_cache")
    assert [r[0] for r in days] == [TOMORROW.isoformat()]
    snapshots = store.one("SELECT COUNT(*) FROM health_snapshots WHERE date = ?", (str(TOMORROW),))
    assert snapshots[0] == len(full)


def test_a_child_process_computes_and_stores_the_new_day(demo_store: Store) -> None:
    health_refresh.refresh(demo_store, today=DEMO_TODAY, config=CONFIG)
    children = health_child.Children()
    done = health_refresh.refresh(demo_store, today=TOMORROW, config=CONFIG, children=children)
    assert done.full and done.child is not None and done.child != os.getpid()
    assert done.child_cpu > 0 and not done.fallback
    live = demo_store.one("SELECT COUNT(*) FROM accounts")[0]
    assert len(done.recomputed) == live
    assert_stored_equals_full(demo_store)
    # the next refresh finds it done: nothing computed, no other child
    again = health_refresh.refresh(demo_store, today=TOMORROW, config=CONFIG, children=children)
    assert again.recomputed == set() and again.child is None


def test_a_child_that_cannot_start_leaves_the_work_to_this_process(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health_child, "EXECUTABLE", str(tmp_path / "no-such-python"))
    done = health_refresh.refresh(
        demo_store, today=TOMORROW, config=CONFIG, children=health_child.Children()
    )
    assert done.full and done.child is None
    assert "could not start" in done.fallback
    assert_stored_equals_full(demo_store)


def test_a_child_that_fails_leaves_the_work_to_this_process(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Other settings than those it is sent the fingerprint of: it refuses.
    real = health_refresh.fingerprint
    monkeypatch.setattr(health_refresh, "fingerprint", lambda c: real(Config()))
    done = health_refresh.refresh(
        demo_store, today=TOMORROW, config=CONFIG, children=health_child.Children()
    )
    assert done.full and done.child is None
    assert "ended with 2" in done.fallback and "settings" in done.fallback
    monkeypatch.setattr(health_refresh, "fingerprint", real)
    assert_stored_equals_full(demo_store)


def sleeping_child(tmp_path: Path) -> tuple[Path, Path]:
    """A stand-in interpreter that records its pid and never ends."""
    pidfile = tmp_path / "child.pid"
    script = tmp_path / "slow-python"
    script.write_text(f'#!/bin/sh\necho $$ > "{pidfile}"\nexec sleep 60\n')
    script.chmod(0o700)
    return script, pidfile


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_stopping_ends_the_child_and_computes_nothing_more(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    health_refresh.refresh(demo_store, today=DEMO_TODAY, config=CONFIG)
    before = demo_store.query("SELECT account_id, day, stamp FROM health_cache ORDER BY 1")
    script, pidfile = sleeping_child(tmp_path)
    monkeypatch.setattr(health_child, "EXECUTABLE", str(script))
    children = health_child.Children()
    found: list[health_refresh.Refreshed] = []
    worker = threading.Thread(
        target=lambda: found.append(
            health_refresh.refresh(demo_store, today=TOMORROW, config=CONFIG, children=children)
        )
    )
    worker.start()
    deadline = time.monotonic() + 10
    while not (children.running() and pidfile.exists() and pidfile.read_text().strip()):
        assert time.monotonic() < deadline, "the child never started"
        time.sleep(0.02)
    pid = int(pidfile.read_text())
    children.stop()  # the app ends
    worker.join(5)
    assert not worker.is_alive()
    assert not alive(pid)
    assert found[0].pending and not found[0].full  # not computed here instead
    after = demo_store.query("SELECT account_id, day, stamp FROM health_cache ORDER BY 1")
    assert [tuple(r) for r in after] == [tuple(r) for r in before]
    # and no child is started any more
    late = health_refresh.refresh(demo_store, today=TOMORROW, config=CONFIG, children=children)
    assert late.pending and children.running() == []
