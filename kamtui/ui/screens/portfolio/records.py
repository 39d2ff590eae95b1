"""The portfolio's account actions: new, edit, move to the trash, undo, the
Trash and the Duplicates screens. A base of PortfolioScreen, kept apart so
the screen module holds loading, filtering and sorting."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen
from textual.widgets import Input

from kamtui.services import accounts
from kamtui.ui import safe
from kamtui.ui.writes import run_write

if TYPE_CHECKING:
    from kamtui.domain.models import AccountInput
    from kamtui.domain.records import PortfolioRow
    from kamtui.ui.app import KamApp
    from kamtui.ui.widgets.virtual_table import VirtualTable


class AccountRecords(Screen[None]):
    """What PortfolioScreen gives these actions: its rows, the trash's undo
    list, its table and a reload that selects an account."""

    if TYPE_CHECKING:
        all_rows: list[PortfolioRow]
        _undo: list[tuple[int, str]]

        @property
        def table(self) -> VirtualTable[PortfolioRow]: ...

        def reload(self, select: int | None = None) -> None: ...

        def _apply_filter(self) -> None: ...

    @property
    def kam(self) -> KamApp:
        return cast("KamApp", self.app)

    def action_new_account(self) -> None:
        from kamtui.ui.screens.forms.account_form import AccountFormScreen

        def created(new_id: int, data: AccountInput) -> None:
            self.notify(f"Created {safe.plain(data.name)}", markup=False)
            self.query_one("#portfolio-filter", Input).value = ""
            self.reload(select=new_id)

        def done(data: AccountInput | None) -> None:
            if data is None:
                return
            store = self.kam.store
            run_write(
                self,
                lambda: accounts.create(store, data),
                done=lambda new_id: created(new_id, data),
                # Not saved (busy, disk full: the app said why; an identifier
                # that is another account's: said here): the form comes back
                # with what was typed.
                failed=lambda exc: not_created(exc, data),
            )

        def not_created(exc: Exception, data: AccountInput) -> None:
            from kamtui.services.errors import ServiceError

            if isinstance(exc, ServiceError):
                self.notify(str(exc), severity="error", markup=False)
            self.app.push_screen(AccountFormScreen(None, data), done)

        self.app.push_screen(AccountFormScreen(None), done)

    def action_edit_account(self) -> None:
        from kamtui.ui.screens.forms.account_form import AccountFormScreen

        row = self.table.current_row
        if row is None:
            return
        account = accounts.get(self.kam.store, row.id)

        def done(data: AccountInput | None) -> None:
            if data is None:
                return
            # The form saved it (over the version it loaded).
            self.notify(f"Saved {safe.plain(data.name)}", markup=False)
            self.reload(select=row.id)

        self.app.push_screen(AccountFormScreen(account), done)

    def action_delete_account(self) -> None:
        row = self.table.current_row
        if row is None:
            return
        store = self.kam.store

        def deleted(_: object) -> None:
            self.remember_deleted(row.id, row.name)
            self.all_rows = [r for r in self.all_rows if r.id != row.id]
            self._apply_filter()
            self.notify(
                f"Moved {safe.plain(row.name)} to the trash — press u to undo", markup=False
            )

        run_write(self, lambda: accounts.delete(store, row.id), done=deleted)

    def remember_deleted(self, account_id: int, name: str) -> None:
        """An account moved to the trash elsewhere (its own screen): u restores it."""
        self._undo.append((account_id, name))

    def action_trash(self) -> None:
        from kamtui.ui.screens.trash import TrashScreen

        def done(restored: int | None) -> None:
            if restored is not None:
                self._undo = [u for u in self._undo if u[0] != restored]
                self.reload(select=restored)

        self.app.push_screen(TrashScreen(), done)

    def action_duplicates(self) -> None:
        self.kam.action_duplicates()

    def action_undo_delete(self) -> None:
        if not self._undo:
            self.notify("Nothing to undo", severity="warning")
            return
        account_id, name = self._undo.pop()
        store = self.kam.store

        def restored(_: object) -> None:
            self.notify(f"Restored {safe.plain(name)}", markup=False)
            self.reload(select=account_id)

        run_write(
            self,
            lambda: accounts.restore(store, account_id),
            done=restored,
            failed=lambda _exc: self._undo.append((account_id, name)),
        )
