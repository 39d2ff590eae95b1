"""Writing a text in the user's $VISUAL or $EDITOR."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import SuspendNotSupported
from textual.screen import Screen


def edit_in_editor(
    screen: Screen[Any], text: str, *, before: Callable[[], object] | None = None
) -> str | None:
    """`text` as the user left it in their editor (the app suspended
    meanwhile), or None, with a notice: no editor set, it failed, or it
    exited with an error. `before` runs once an editor is known, before it
    starts."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        screen.notify("Set $EDITOR (or $VISUAL) to write notes in your editor", severity="warning")
        return None
    if before is not None:
        before()
    fd, name = tempfile.mkstemp(prefix="kamtui-notes-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        command = [*shlex.split(editor), str(path)]
        try:
            with screen.app.suspend():
                result = subprocess.run(command, check=False)
        except SuspendNotSupported:
            result = subprocess.run(
                command,
                check=False,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        if result.returncode != 0:
            screen.notify(
                f"The editor exited with status {result.returncode}; notes unchanged",
                severity="warning",
            )
            return None
        return path.read_text(encoding="utf-8").rstrip("\n")
    except (OSError, ValueError) as exc:
        screen.notify(f"Cannot run the editor: {exc}", severity="error", markup=False)
        return None
    finally:
        path.unlink(missing_ok=True)
