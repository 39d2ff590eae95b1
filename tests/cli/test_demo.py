"""`kamtui demo`: the small demo and the large synthetic portfolio."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.demo.large import describe
from kamtui.storage.db import open_store

TABLES = (
    "accounts",
    "people",
    "links",
    "interactions",
    "complaints",
    "facts",
    "transactions",
    "wallet_estimates",
    "goals",
    "goal_actions",
)


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def test_demo_twice_does_not_duplicate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.db"
    assert main(["demo", "--no-open", "--db", str(db)]) == 0
    first = counts(db)
    assert first["accounts"] >= 12
    assert all(first[t] > 0 for t in TABLES)
    assert main(["--db", str(db), "demo", "--no-open"]) == 0
    assert "already loaded" in capsys.readouterr().out
    assert counts(db) == first
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600


def test_demo_without_db_never_touches_the_real_database(tmp_path: Path) -> None:
    real = Path(os.environ["KAMTUI_DB"])
    assert main(["demo", "--no-open"]) == 0
    assert not real.exists()
    demo_files = list((tmp_path / "xdg-data").rglob("demo.db"))
    assert len(demo_files) == 1
    assert counts(demo_files[0])["accounts"] >= 12


def test_cli_builds_then_reuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.db"
    args = ["demo", "--size", "large", "--scale", "0.002", "--seed", "9", "--no-open"]
    assert main([*args, "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "20 accounts" in out and "rows/s" in out
    assert describe(path)["seed"] == 9
    assert main([*args, "--db", str(path)]) == 0
    assert "already built (seed 9, 2026-11-15)" in capsys.readouterr().out
    # a file that is not a large demo is never touched
    other = tmp_path / "mine.db"
    open_store(other).close()
    before = other.read_bytes()
    assert main([*args, "--db", str(other)]) == 2
    assert "not a large demo" in capsys.readouterr().err
    assert other.read_bytes() == before
