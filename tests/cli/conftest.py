"""Fixtures of the CLI tests."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from kamtui.cli.main import main

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def k(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """`k("log", "Acme", …)`: kamtui on a new file `tmp_path/k.db`, as
    (exit code, stdout, stderr); standard input empty."""
    db = str(tmp_path / "k.db")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # `kamtui log` reads notes from a pipe

    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(["--db", db, *args])
        except SystemExit as exc:  # argparse's usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
