"""Each form of the app, built for a demo account (shared by the 80x24
snapshot and Pilot tests)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from kamtui.services import accounts, people
from kamtui.services.interactions.log import people as participants
from kamtui.storage.db import Store

ACCOUNT = "Conservas Peña"


def build_forms(store: Store) -> dict[str, Callable[[], Screen[Any]]]:
    from kamtui.ui.screens.forms.account_form import AccountFormScreen
    from kamtui.ui.screens.forms.action_form import ActionFormScreen
    from kamtui.ui.screens.forms.complaint_form import ComplaintFormScreen
    from kamtui.ui.screens.forms.fact_form import FactFormScreen
    from kamtui.ui.screens.forms.goal_form import GoalFormScreen
    from kamtui.ui.screens.forms.link_form import LinkFormScreen
    from kamtui.ui.screens.forms.log_form import LogFormScreen
    from kamtui.ui.screens.forms.person_form import PersonFormScreen

    account = accounts.resolve(store, ACCOUNT)
    crowd = people.list_people(store, account.id)
    ours = next(p for p in crowd if p.side == "ours")
    theirs = [p for p in crowd if p.side == "theirs"]
    return {
        "account": lambda: AccountFormScreen(accounts.get(store, account.id)),
        "person": lambda: PersonFormScreen(None, side="theirs", today=None),  # type: ignore[arg-type]
        "link": lambda: LinkFormScreen(ours, theirs, {}),
        "fact": lambda: FactFormScreen(account.id, participants(store, account.id)),
        "complaint": lambda: ComplaintFormScreen(account.id),
        "goal": lambda: GoalFormScreen(account.id, account_name=account.name),
        "action": lambda: ActionFormScreen("Recuperar la línea de conservas"),
        "log": lambda: LogFormScreen(account.id, account_name=account.name),
    }
