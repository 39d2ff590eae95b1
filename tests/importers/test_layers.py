"""Importers are parsers: they never reach the database or the services
(kamtui.services.imports writes what they parse)."""

from __future__ import annotations

import ast
from pathlib import Path

import kamtui.importers

FORBIDDEN = ("kamtui.storage", "kamtui.services", "kamtui.cli", "kamtui.ui")


def test_importers_import_neither_storage_nor_services() -> None:
    found = []
    for path in sorted(Path(kamtui.importers.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            found += [f"{path.name}: {n}" for n in names if n.startswith(FORBIDDEN)]
    assert found == []
