"""The installed package, not the checkout: the wheel carries the demo data, and
`kamtui demo` works from a fresh virtual environment (what pip and pipx users get).

The wheel is built with `pip wheel` from a copy of the sources (pip builds in
the source tree, so building the checkout would leave build/ behind). Like any
pip install, both need a package index or wheel cache (setuptools for the
build, kamtui's dependencies for the install)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kamtui" / "demo" / "data"


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "kamtui",
        src / "kamtui",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"),
    )
    out = base / "dist"
    proc = _run(sys.executable, "-m", "pip", "wheel", src, "--no-deps", "-q", "-w", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (found,) = out.glob("kamtui-*.whl")
    return found


def test_the_wheel_carries_the_demo_data(wheel: Path) -> None:
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    wanted = {"manifest.json", *manifest["files"]}
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        shipped = {n.rsplit("/", 1)[1] for n in names if n.startswith("kamtui/demo/data/")}
        assert shipped == wanted
        for name in wanted:  # the files themselves, not empty placeholders
            assert zf.read(f"kamtui/demo/data/{name}") == (DATA / name).read_bytes()
    assert "kamtui/ui/app.tcss" in names  # the other package data is still there
    assert "kamtui/exporters/templates/brief.html.j2" in names  # the HTML brief's template
    assert "kamtui/ui/screens/brief/brief.tcss" in names


@pytest.mark.slow
def test_kamtui_demo_runs_from_a_fresh_install(wheel: Path, tmp_path: Path) -> None:
    """About 15 s: a new venv, the wheel installed with its dependencies, then the
    installed `kamtui demo` loads the demo into a new file."""
    venv = tmp_path / "venv"
    proc = _run(sys.executable, "-m", "venv", "--without-pip", venv)
    assert proc.returncode == 0, proc.stderr
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # This pip installs into the new venv (pip >= 22.3), dependencies included.
    proc = _run(sys.executable, "-m", "pip", "--python", python, "install", "-q", wheel)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    where = _run(python, "-c", "import kamtui.demo; print(kamtui.demo.__file__)", cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(venv)  # the installed copy, not ROOT

    kamtui = venv / ("Scripts/kamtui.exe" if os.name == "nt" else "bin/kamtui")
    db = tmp_path / "demo.db"
    proc = _run(kamtui, "demo", "--no-open", "--db", db, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "demo portfolio loaded: 14 accounts" in proc.stdout
    conn = sqlite3.connect(db)
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM accounts")}
        (interactions,) = conn.execute("SELECT COUNT(*) FROM interactions").fetchone()
    finally:
        conn.close()
    assert len(names) == 14
    assert {"Automoción Ibáñez S.A.", "Thornbury Packaging Ltd"} <= names
    assert interactions > 600
