"""Commands that do not open the TUI must not pay for importing Textual."""

from __future__ import annotations

import os
import subprocess
import sys

CORE = [
    "kamtui.domain.models",
    "kamtui.storage.db",
    "kamtui.storage.accounts",
    "kamtui.services.accounts",
    "kamtui.demo.load",
    "kamtui.importers.accounts",
    "kamtui.cli.main",
]


def test_core_modules_do_not_import_textual() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        "import kamtui\n"
        "for pkg in ('domain', 'storage', 'services', 'importers', 'cli', 'demo', 'demo.large'):\n"
        "    mod = importlib.import_module('kamtui.' + pkg)\n"
        "    for info in pkgutil.iter_modules(mod.__path__):\n"
        "        importlib.import_module(f'kamtui.{pkg}.{info.name}')\n"
        "from kamtui.cli.main import build_parser\n"
        "build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_app_draws_up_to_120_frames_a_second_unless_the_user_says() -> None:
    """Keys show sooner after the previous frame; TEXTUAL_FPS still wins."""
    code = "import kamtui.ui.app, textual.constants as c; print(c.MAX_FPS)"
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "120", out.stderr
    env["TEXTUAL_FPS"] = "30"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "30", out.stderr
