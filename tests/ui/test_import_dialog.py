"""Pilot tests: the import dialog."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Log

from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.account.tabs.transactions_tab import TransactionsTab
from kamtui.ui.screens.import_dialog import ImportDialog
from tests.conftest import screen_text, settle
from tests.helpers import DATA
from tests.ui.helpers import open_tab

TODAY = date(2026, 11, 15)


async def test_import_dialog_checks_then_imports_with_progress(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Talleres Ibáñez S.L.", account_number="C-1001"))
    accounts.create(store, AccountInput(name="Hostelería Peñalver", account_number="C-1002"))
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await open_tab(pilot, acc, "5")
        tab = screen.query_one(TransactionsTab)
        assert tab.table.rows == []
        await pilot.press("i")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one("#import-path", Input).value = str(DATA / "ventas_2025_excel_es.csv")
        await pilot.press("ctrl+t")  # check only
        await settle(pilot)
        log = "\n".join(dialog.query_one(Log).lines)
        assert "assumed numbers use decimal comma" in log
        assert "Check: would import 7 row(s): 7 new" in log
        assert store.one("SELECT COUNT(*) FROM transactions")[0] == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        log = "\n".join(dialog.query_one(Log).lines)
        assert "Imported 7 row(s): 7 new, 0 updated, 0 unchanged" in log
        assert dialog.query_one("#import-progress").percentage == 1.0
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert len(tab.table.rows) == 4  # this account's orders, reloaded


async def test_import_dialog_lists_errors_and_writes_nothing(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Talleres Ibáñez S.L."))
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(110, 36)) as pilot:
        await open_tab(pilot, acc, "5")
        await pilot.press("i")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#import-path", Input).value = str(DATA / "ventas_errores.csv")
        await pilot.press("ctrl+s")
        await settle(pilot)
        log = "\n".join(dialog.query_one(Log).lines)
        assert "ventas_errores.csv:5: amount: 'diez euros' is not a number" in log
        assert "Nothing imported: " in log
        assert store.one("SELECT COUNT(*) FROM transactions")[0] == 0
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)


async def test_import_dialog_shows_no_idle_progress_nor_shell_flags(store: Store) -> None:
    """Issue 14: nothing animates "--%" before anything runs, and the importer's
    advice names the dialog's own choices, not the command line's flags."""
    accounts.create(store, AccountInput(name="Talleres Ibáñez S.L.", account_number="C-1001"))
    accounts.create(store, AccountInput(name="Hostelería Peñalver", account_number="C-1002"))
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = ImportDialog()
        app.push_screen(dialog)
        await settle(pilot)
        assert "--%" not in screen_text(app)
        assert not dialog.query_one("#import-progress").display
        dialog.query_one("#import-path", Input).value = str(DATA / "ventas_2025_excel_es.csv")
        await pilot.press("ctrl+t")
        await settle(pilot)
        log = "\n".join(dialog.query_one(Log).lines)
        assert "assumed numbers use decimal comma" in log
        assert "the Decimal choice" in log
        assert "--" not in log, log
        assert dialog.query_one("#import-progress").display


async def test_import_dialog_accounts_warns_about_a_lookalike(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: an accounts file imported from the app says which new
    account looks like one already there; nothing is merged."""
    from textual.widgets import Select

    acc = accounts.create(store, AccountInput(name="Transportes Olmo S.L.", tax_id="B12345678"))
    path = tmp_path / "cuentas.csv"
    path.write_text("nombre,cif\nTRANSPORTES OLMO SA,B-12345678\n", encoding="utf-8")
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(110, 36)) as pilot:
        await open_tab(pilot, acc, "5")
        await pilot.press("i")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one("#import-kind", Select).value = "accounts"
        dialog.query_one("#import-path", Input).value = str(path)
        await pilot.press("ctrl+s")
        await settle(pilot)
        log = "\n".join(dialog.query_one(Log).lines)
        assert "Imported 1 row(s): 1 new" in log
        assert "possible duplicate: new account 'TRANSPORTES OLMO SA'" in log
        assert "looks like 'Transportes Olmo S.L.'" in log
    assert store.one("SELECT COUNT(*) FROM accounts")[0] == 2
