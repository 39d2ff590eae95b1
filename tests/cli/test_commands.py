"""The CLI documents itself: every command, sub-command, argument and option
has help text, and every command of the registry is in README.md's
"Everyday use" table (after sqlite-utils' tests/test_docs.py)."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kamtui.cli.commands import COMMANDS
from kamtui.cli.commands.imports import KINDS
from kamtui.cli.main import build_parser

README = Path(__file__).resolve().parents[2] / "README.md"


def _parsers(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = (), listed: str | None = None
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser, str | None]]:
    """(command path, its parser, the help its parent lists it with)."""
    yield path, parser, listed
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name), helps.get(name))


ALL = list(_parsers(build_parser()))


def _name(path: tuple[str, ...]) -> str:
    return " ".join(("kamtui", *path))


@pytest.mark.parametrize(("path", "parser", "listed"), ALL[1:], ids=[_name(p) for p, *_ in ALL[1:]])
def test_every_command_has_help_and_a_description(
    path: tuple[str, ...], parser: argparse.ArgumentParser, listed: str | None
) -> None:
    assert listed and listed.strip(), f"{_name(path)} has no help line in its parent's list"
    assert parser.description and parser.description.strip(), f"{_name(path)}: no description"


@pytest.mark.parametrize(("path", "parser", "listed"), ALL, ids=[_name(p) for p, *_ in ALL])
def test_every_argument_and_option_has_help(
    path: tuple[str, ...], parser: argparse.ArgumentParser, listed: str | None
) -> None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue  # each command is checked above
        what = "/".join(action.option_strings) or action.dest
        # help=argparse.SUPPRESS hides an option on purpose (--today for tests).
        assert action.help, f"{_name(path)} {what} has no help"
        assert action.help == argparse.SUPPRESS or action.help.strip()


def _everyday_use() -> list[str]:
    """The first cells of the table under README.md's "## Everyday use"."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Everyday use", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `kamtui")]
    assert rows, "README.md: no 'Everyday use' table"
    return [row.split(" | ", 1)[0] for row in rows]


def _documented() -> set[tuple[str, ...]]:
    """The commands (and import kinds) the table names: `kamtui NAME [KIND]`."""
    found: set[tuple[str, ...]] = set()
    for cell in _everyday_use():
        for name, kind in re.findall(r"`kamtui ([a-z][a-z_-]*)(?: ([a-z][a-z_-]*))?", cell):
            found.add((name,))
            if name == "import" and kind:
                found.add((name, kind))
    return found


def test_every_command_is_in_the_readme_table() -> None:
    documented = _documented()
    missing = [name for name in COMMANDS if (name,) not in documented]
    assert not missing, f"README.md 'Everyday use' does not list: {missing}"
    missing = [kind for kind in KINDS if ("import", kind) not in documented]
    assert not missing, f"README.md 'Everyday use' does not list kamtui import {missing}"


def test_the_readme_table_names_only_real_commands() -> None:
    real = {(name,) for name in COMMANDS} | {("import", kind) for kind in KINDS}
    assert _documented() <= real


def test_the_registry_is_what_the_parser_builds() -> None:
    """Each entry registers the command it is named for, in the registry's
    order; the import kinds likewise."""
    commands = {p: parser for p, parser, _ in ALL}
    assert [p[0] for p in commands if len(p) == 1] == list(COMMANDS)
    assert [p[1] for p in commands if len(p) == 2 and p[0] == "import"] == list(KINDS)
    for name in COMMANDS:
        built = [p for p, _, _ in _parsers(build_parser([name])) if len(p) == 1]
        assert built == [(name,)]


def test_importing_every_command_module_stays_cheap() -> None:
    """Command modules import only the standard library and kamtui.cli.common
    at the top; services, storage, importers, models and Textual come inside
    their handlers. `kamtui --help` imports them all."""
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "from kamtui.cli.commands import COMMANDS\n"
        "for load in COMMANDS.values(): load()\n"
        "new = sorted(m for m in set(sys.modules) - before if m.split('.')[0] != 'kamtui'"
        " and m.split('.')[0] not in sys.stdlib_module_names)\n"
        "kam = sorted(m for m in sys.modules if m.startswith('kamtui.')"
        " and not m.startswith('kamtui.cli') and m != 'kamtui.textsafe')\n"
        "print(new, kam)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[] []", proc.stdout
