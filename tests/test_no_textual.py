"""Commands that do not open the TUI must not pay for importing Textual."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "kamtui.domain.models",
    "kamtui.storage.db",
    "kamtui.storage.accounts",
    "kamtui.services.accounts",
    "kamtui.services.demo",
    "kamtui.importers.accounts",
    "kamtui.cli.main",
]


def test_core_modules_do_not_import_textual() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        "import kamtui\n"
        "for pkg in ('domain', 'storage', 'services', 'importers', 'cli'):\n"
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
