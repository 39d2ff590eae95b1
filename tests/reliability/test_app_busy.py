"""A save in the app while the shell holds the file (a long import): the app
says what it waits for, saves when it can, and never loses the typing."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Select

from kamtui.services import accounts
from kamtui.storage import busy
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.account.tabs.interactions_tab import InteractionsTab
from kamtui.ui.screens.forms.fact_form import FactFormScreen
from tests.conftest import settle, wait_for
from tests.ui.helpers import open_tab

TODAY = date(2026, 11, 15)
TEXT = "Invoices only as PDF"


class ShellImport:
    """Another kamtui process importing: it holds the write lock and has left
    its note. (The note names a live process other than the app's.)"""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.other = subprocess.Popen(["sleep", "60"])
        self.conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)

    def start(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        note = busy.note_path(self.db)
        note.write_text(json.dumps({"pid": self.other.pid, "activity": "import of transactions"}))
        os.chmod(note, 0o600)

    def finish(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        busy.note_path(self.db).unlink(missing_ok=True)

    def close(self) -> None:
        self.finish()
        self.conn.close()
        self.other.kill()
        self.other.wait()


@pytest.fixture
def shell_import(demo_path: Path) -> Iterator[ShellImport]:
    shell = ShellImport(demo_path)
    try:
        yield shell
    finally:
        shell.close()


def _notices(app: KamApp) -> list[str]:
    seen: list[str] = []
    real = app.notify

    def notify(message: str, **kwargs: object) -> None:
        seen.append(message)
        real(message, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return seen


async def _fact_form(pilot, store: Store) -> FactFormScreen:  # type: ignore[no-untyped-def]
    acc = accounts.resolve(store, "Northwind").id
    screen = await open_tab(pilot, acc, "3")
    screen.query_one(InteractionsTab).table.focus()
    await pilot.press("f")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, FactFormScreen)
    await pilot.press(*TEXT)
    form.query_one("#fact-kind", Select).value = "preference"
    return form


def _saved(store: Store) -> int:
    return int(store.one("SELECT COUNT(*) FROM facts WHERE text = ?", (TEXT,))[0])


async def test_a_save_waits_for_the_shell_says_so_and_lands(
    demo_store: Store, shell_import: ShellImport
) -> None:
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        notices = _notices(app)
        await _fact_form(pilot, demo_store)
        await settle(pilot)
        shell_import.start()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("Waiting for another kamtui" in n for n in notices))
        notice = next(n for n in notices if "Waiting for" in n)
        assert "import of transactions, pid" in notice and "will be saved" in notice
        # While the save waits, the app still reads: the screen answers.
        assert demo_store.one("SELECT COUNT(*) FROM accounts")[0] > 0
        shell_import.finish()
        await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))
        await settle(pilot)
        assert _saved(demo_store) == 1


async def test_a_save_that_waits_too_long_keeps_the_form_and_saves_on_retry(
    demo_store: Store, shell_import: ShellImport
) -> None:
    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 44)) as pilot:
        notices = _notices(app)
        demo_store.busy_limit = 0.5
        form = await _fact_form(pilot, demo_store)
        await settle(pilot)
        shell_import.start()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("nothing was written" in n for n in notices))
        failure = next(n for n in notices if "nothing was written" in n)
        assert "another kamtui (import of transactions" in failure
        assert "save again to retry" in failure
        await settle(pilot)
        assert app.screen is form  # the typing is still there
        assert _saved(demo_store) == 0
        shell_import.finish()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))
        await settle(pilot)
        assert _saved(demo_store) == 1


async def test_the_screen_answers_while_a_delete_waits_for_the_shell(
    demo_store: Store, shell_import: ShellImport
) -> None:
    from textual.widgets import Input

    from kamtui.ui.screens.portfolio.screen import PortfolioScreen

    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await settle(pilot)
        row = screen.table.current_row
        assert row is not None
        shell_import.start()
        await pilot.press("d")  # waits for the shell's write, in a worker
        await pilot.press("f", *"zz")  # meanwhile the filter takes keys at once
        assert screen.query_one("#portfolio-filter", Input).value == "zz"
        assert demo_store.one("SELECT deleted_at FROM accounts WHERE id = ?", (row.id,))[0] is None
        await pilot.press("escape")
        shell_import.finish()
        await wait_for(
            pilot,
            lambda: (
                demo_store.one("SELECT deleted_at FROM accounts WHERE id = ?", (row.id,))[0]
                is not None
            ),
        )
        await wait_for(pilot, lambda: all(r.id != row.id for r in screen.all_rows))


async def test_a_new_account_not_saved_comes_back_with_what_was_typed(
    demo_store: Store, shell_import: ShellImport
) -> None:
    from textual.widgets import Input

    from kamtui.ui.screens.forms.account_form import AccountFormScreen

    app = KamApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        notices = _notices(app)
        await settle(pilot)
        demo_store.busy_limit = 0.5
        shell_import.start()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AccountFormScreen)
        form.query_one("#field-name", Input).value = "Grupo Muñoz"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("nothing was written" in n for n in notices))
        await wait_for(pilot, lambda: isinstance(app.screen, AccountFormScreen))
        again = app.screen
        assert isinstance(again, AccountFormScreen)
        await wait_for(pilot, lambda: again.is_mounted)
        assert again.query_one("#field-name", Input).value == "Grupo Muñoz"
        await wait_for(pilot, lambda: again.dirty)  # esc asks before dropping it
        shell_import.finish()
        await pilot.press("ctrl+s")
        await wait_for(
            pilot,
            lambda: (
                demo_store.one("SELECT COUNT(*) FROM accounts WHERE name = 'Grupo Muñoz'")[0] == 1
            ),
        )
