"""Correcting the Interactions tab's timeline: edit the selected interaction
(the log form, filled) or complaint (its form), move either to the trash
with undo, and the account's facts (list, edit, delete, undo)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType

from kamtui.services import complaints as cs
from kamtui.services import interactions as inter
from kamtui.ui.screens.account.tabs.base import AccountTab
from kamtui.ui.undo import UndoStack, label


class EditableTimeline(AccountTab):
    """The Interactions tab's edit, delete and undo keys; the tab gives
    `current`, `data`, `account_name` and `pending`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "e",
            "edit_item",
            "Edit",
            id="interactions.edit",
            tooltip="Edit the selected interaction (the log form, filled) or complaint",
        ),
        Binding(
            "d",
            "delete_item",
            "Delete",
            id="interactions.delete",
            tooltip="Move the selected interaction or complaint to the trash (u undoes)",
        ),
        Binding(
            "u", "undo", "Undo", id="interactions.undo", tooltip="Undo the last delete on this tab"
        ),
        Binding(
            "i",
            "facts",
            "Facts",
            id="interactions.facts",
            tooltip="The account's facts: edit or delete them",
        ),
    ]

    account_name: str
    data: inter.Timeline | None
    pending: tuple[str, int] | None

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(account_id, **kwargs)
        self.undo_stack = UndoStack()

    @property
    def current(self) -> inter.TimelineItem | None:
        raise NotImplementedError

    def _complaint_form(self, item: inter.TimelineItem, resolve: bool = False) -> None:
        raise NotImplementedError

    def action_edit_item(self) -> None:
        from kamtui.ui.screens.forms.interaction_edit import EditInteractionScreen

        item = self.current
        if item is None:
            self.notify("Nothing selected to edit", severity="warning")
            return
        if item.type == "complaint":
            self._complaint_form(item)
            return
        if item.type != "interaction":
            self.notify("Orders come from the finance import: correct them there", timeout=4)
            return
        iid = item.id

        def saved(result: int | None) -> None:
            if result is not None:
                self.notify(f"Saved interaction #{iid}", markup=False)
                self.pending = ("interaction", iid)
                self.reload()

        self.app.push_screen(
            EditInteractionScreen(self.account_id, iid, account_name=self.account_name), saved
        )

    def action_delete_item(self) -> None:
        item = self.current
        if item is None:
            return
        store, item_id = self.kam.store, item.id
        if item.type == "interaction":
            self.undo_stack.delete(
                self,
                label("interaction", item.title),
                lambda: inter.delete(store, item_id),
                restore=lambda _: inter.restore(store, item_id),
                done=self.reload,
            )
        elif item.type == "complaint":
            self.undo_stack.delete(
                self,
                label("complaint", item.title),
                lambda: cs.delete(store, item_id),
                restore=lambda _: cs.restore(store, item_id),
                done=self.reload,
            )
        else:
            self.notify("Orders come from the finance import: correct them there", timeout=4)

    def action_undo(self) -> None:
        self.undo_stack.undo(self, self.reload)

    def action_facts(self) -> None:
        from kamtui.ui.screens.facts import FactsScreen

        people = self.data.people if self.data else []
        self.app.push_screen(
            FactsScreen(self.account_id, people, account_name=self.account_name),
            lambda _: self.reload(),
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_item", "delete_item"):
            if not self.built or self._building:
                return None
            return None if self.current is None else True
        if action == "undo":
            return True if self.undo_stack else None
        return True
