"""Child processes (health, export) run their parent's code: even started
from a folder that holds another kamtui (a checkout of another version),
`python -m kamtui...` imports the parent's source tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import kamtui
from kamtui.services.children import child_env


def test_a_child_run_from_another_checkout_imports_the_parents_code(tmp_path: Path) -> None:
    other = tmp_path / "kamtui"
    other.mkdir()
    (other / "__init__.py").write_text("print('the other kamtui')\n")
    proc = subprocess.run(
        [sys.executable, "-m", "kamtui.services.children"],
        cwd=tmp_path,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "the other kamtui" not in proc.stdout
    found = subprocess.run(
        [sys.executable, "-c", "import kamtui; print(kamtui.__file__)"],
        cwd=tmp_path,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert Path(found.stdout.strip()) == Path(kamtui.__file__)
