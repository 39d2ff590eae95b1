from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from kamtui.storage.db import Store, open_store

# Property tests: no per-example deadline (a shared CI machine is noisy), and
# a fixed example budget so the suite's time stays predictable.
settings.register_profile(
    "kamtui",
    deadline=None,
    max_examples=int(os.environ.get("KAMTUI_FUZZ_EXAMPLES", "150")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("kamtui")

# The demo's anchor date: with this "today" the demo data is not shifted.
DEMO_TODAY = date(2026, 11, 15)


@pytest.fixture(autouse=True)
def _isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data or config; freeze today."""
    monkeypatch.setenv("KAMTUI_DB", str(tmp_path / "default.db"))
    monkeypatch.setenv("KAMTUI_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("KAMTUI_TODAY", DEMO_TODAY.isoformat())
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    os.environ.pop("EDITOR", None)
    monkeypatch.delenv("KAMTUI_USER", raising=False)  # who the audit trail records


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kam.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kamtui.demo.load import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    s = open_store(path)
    load_demo(s, today=DEMO_TODAY)
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return path


@pytest.fixture
def demo_path(_demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo database for each test."""
    import sqlite3

    target = tmp_path / "demo.db"
    src = sqlite3.connect(_demo_template)
    dst = sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    os.chmod(target, 0o600)
    return target


@pytest.fixture
def demo_store(demo_path: Path) -> Iterator[Store]:
    s = open_store(demo_path)
    yield s
    s.close()


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """The visible screen as plain text (from the app's own SVG export)."""
    import html
    import re

    svg = app.export_screenshot()
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    # U+2800 keeps a number whole on screen (kamtui.ui.safe): a blank to the eye.
    return html.unescape("\n".join(lines)).replace("\xa0", " ").replace("\u2800", " ")


async def settle(pilot, rounds: int = 3) -> None:  # type: ignore[no-untyped-def]
    """Let the app's workers finish and the screen catch up, a few times over
    (a worker's result often starts another)."""
    from textual.worker import WorkerCancelled

    for _ in range(rounds):
        with contextlib.suppress(WorkerCancelled):  # replaced by a newer one
            await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)


async def wait_for(pilot, condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Wait until `condition()` holds: a state that a chain of workers, or a
    timer (a debounce), sets. It never waits on the workers themselves, so it
    also serves for a state reached while a worker is still running (a test
    that holds one back). Fails after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met")
        await pilot.pause(0.01)


async def wait_for_health(pilot, screen) -> None:  # type: ignore[no-untyped-def]
    """Wait until the portfolio screen's fresh health has landed."""
    await wait_for(pilot, lambda: bool(screen.health))
