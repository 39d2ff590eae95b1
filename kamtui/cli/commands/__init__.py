"""The registry of `kamtui` commands: name -> loader of its register function.

Each command module defines register(subparsers, parents), which adds its
sub-parser and sets its handler with set_defaults(handler=...), and imports
what its handler needs (services, storage, Textual…) inside the handler.

A command's module is imported only when its parser is built: `kamtui log`
builds only its own (kamtui.cli.main._commands_for), and importing the other
seven modules too would cost it more than all the rest of the CLI's own
modules (1.7 ms with bytecode, 10 ms without). The imports are still plain
`from … import …` statements, no module-name strings: tools, type checkers
and packagers see every command."""

from __future__ import annotations

from collections.abc import Callable

from kamtui.cli.common import Register


def _demo() -> Register:
    from kamtui.cli.commands import demo

    return demo.register


def _import() -> Register:
    from kamtui.cli.commands import imports

    return imports.register


def _export() -> Register:
    from kamtui.cli.commands import export

    return export.register


def _backup() -> Register:
    from kamtui.cli.commands import backup

    return backup.register


def _restore_backup() -> Register:
    from kamtui.cli.commands import backup

    return backup.register_restore


def _goals() -> Register:
    from kamtui.cli.commands import goals

    return goals.register


def _goal() -> Register:
    from kamtui.cli.commands import goal

    return goal.register


def _health() -> Register:
    from kamtui.cli.commands import health

    return health.register


def _log() -> Register:
    from kamtui.cli.commands import log

    return log.register


def _search() -> Register:
    from kamtui.cli.commands import search

    return search.register


def _followups() -> Register:
    from kamtui.cli.commands import followups

    return followups.register


def _brief() -> Register:
    from kamtui.cli.commands import brief

    return brief.register


def _map() -> Register:
    from kamtui.cli.commands import map

    return map.register


def _accounts() -> Register:
    from kamtui.cli.commands import accounts

    return accounts.register_list


def _account() -> Register:
    from kamtui.cli.commands import accounts

    return accounts.register


def _people() -> Register:
    from kamtui.cli.commands import people

    return people.register_list


def _person() -> Register:
    from kamtui.cli.commands import people

    return people.register


def _interactions() -> Register:
    from kamtui.cli.commands import interactions

    return interactions.register_list


def _interaction() -> Register:
    from kamtui.cli.commands import interactions

    return interactions.register


def _complaints() -> Register:
    from kamtui.cli.commands import complaints

    return complaints.register_list


def _complaint() -> Register:
    from kamtui.cli.commands import complaints

    return complaints.register


def _facts() -> Register:
    from kamtui.cli.commands import facts

    return facts.register_list


def _fact() -> Register:
    from kamtui.cli.commands import facts

    return facts.register


def _trash() -> Register:
    from kamtui.cli.commands import trash

    return trash.register


def _restore() -> Register:
    from kamtui.cli.commands import trash

    return trash.register_restore


def _duplicates() -> Register:
    from kamtui.cli.commands import duplicates

    return duplicates.register


def _not_duplicate() -> Register:
    from kamtui.cli.commands import duplicates

    return duplicates.register_not


def _privacy() -> Register:
    from kamtui.cli.commands import privacy

    return privacy.register


def _purge() -> Register:
    from kamtui.cli.commands import privacy

    return privacy.register_purge


def _merge() -> Register:
    from kamtui.cli.commands import merge

    return merge.register


def _merges() -> Register:
    from kamtui.cli.commands import merge

    return merge.register_list


def _history() -> Register:
    from kamtui.cli.commands import history

    return history.register


# The commands, in the order help lists them. Add new commands here and to
# README.md's "Everyday use" table (tests/cli/test_commands.py checks both).
COMMANDS: dict[str, Callable[[], Register]] = {
    "demo": _demo,
    "import": _import,
    "export": _export,
    "backup": _backup,
    "restore-backup": _restore_backup,
    "goals": _goals,
    "goal": _goal,
    "health": _health,
    "log": _log,
    "search": _search,
    "followups": _followups,
    "map": _map,
    "brief": _brief,
    "accounts": _accounts,
    "account": _account,
    "people": _people,
    "person": _person,
    "interactions": _interactions,
    "interaction": _interaction,
    "complaints": _complaints,
    "complaint": _complaint,
    "facts": _facts,
    "fact": _fact,
    "trash": _trash,
    "restore": _restore,
    "privacy": _privacy,
    "purge": _purge,
    "merge": _merge,
    "merges": _merges,
    "history": _history,
    "duplicates": _duplicates,
    "not-duplicate": _not_duplicate,
}
