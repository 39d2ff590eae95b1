"""Pilot tests: one Trash screen for every kind. Something deleted (in this
session or an earlier one) is listed with its kind, name or summary,
account and when it was deleted, and enter / r takes it back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from kamtui.services import accounts, complaints, facts, people
from kamtui.services import goals as goal_service
from kamtui.services.interactions import log
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.account.tabs.interactions_tab import InteractionsTab
from kamtui.ui.screens.portfolio.screen import PortfolioScreen
from kamtui.ui.screens.trash import TrashScreen
from tests.conftest import screen_text, settle, wait_for

TODAY = date(2026, 11, 15)


def _records(store: Store) -> dict[str, tuple[int, str, Callable[[], object]]]:
    """kind -> (id, the label the trash shows, moves it to the trash)."""
    aid = accounts.add(store, {"name": "Peña Hermanos"})
    other = accounts.add(store, {"name": "Olmo [b]Transportes[/b]"})
    ana = people.create_person(store, aid, people.person_input({"name": "Ana", "side": "ours"}))
    luis = people.create_person(store, aid, people.person_input({"name": "Luis", "side": "theirs"}))
    lid = people.link_people(store, ana, luis)
    iid = log.log_interaction(
        store, aid, occurred_at="2026-11-10T10:00", channel="phone", level="strategic",
        summary="Plan 2027",
    )  # fmt: skip
    cid = complaints.open_complaint(store, aid, title="Late delivery", today=TODAY)
    fid = facts.add(store, aid, "Fiscal year ends in March")
    gid = goal_service.create(
        store, aid, title="Win back", goal_type="new_method", target=1, baseline=0, today=TODAY
    )
    return {
        "account": (other, "Olmo [b]Transportes[/b]", lambda: accounts.delete(store, other)),
        "person": (luis, "Luis", lambda: people.delete_person(store, luis)),
        "link": (lid, "Ana — Luis", lambda: people.unlink(store, lid)),
        "interaction": (iid, "Plan 2027", lambda: log.delete(store, iid)),
        "complaint": (cid, "Late delivery", lambda: complaints.delete(store, cid)),
        "fact": (fid, "Fiscal year ends in March", lambda: facts.delete(store, fid)),
        "goal": (gid, "Win back", lambda: goal_service.delete(store, gid)),
    }


TABLES = {
    "account": "accounts",
    "person": "people",
    "link": "links",
    "interaction": "interactions",
    "complaint": "complaints",
    "fact": "facts",
    "goal": "goals",
}


def _trashed(store: Store, kind: str, row_id: int) -> bool:
    row = store.one(f"SELECT deleted_at FROM {TABLES[kind]} WHERE id = ?", (row_id,))
    return row[0] is not None


@pytest.mark.parametrize("kind", list(TABLES))
async def test_delete_then_restore_from_the_trash(store: Store, kind: str) -> None:
    records = _records(store)
    row_id, shown, delete = records[kind]
    delete()
    assert _trashed(store, kind, row_id)
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TrashScreen) and app.screen.loaded)
        trash = app.screen
        assert isinstance(trash, TrashScreen)
        text = screen_text(app)
        assert shown in text  # user text shown literally
        assert kind.capitalize() in text
        if kind != "account":
            assert "Peña Hermanos" in text  # its account
        assert "15/11/2026" in text or "/2026" in text  # when deleted
        await pilot.press("r")
        await wait_for(pilot, lambda: not _trashed(store, kind, row_id))
        if kind == "account":
            await wait_for(pilot, lambda: isinstance(app.screen, PortfolioScreen))
        else:
            await wait_for(pilot, lambda: trash.table.current_row is None)
            assert "The trash is empty." in screen_text(app)


async def test_the_palette_opens_the_trash_and_the_account_shows_the_restored(
    store: Store,
) -> None:
    records = _records(store)
    iid, _shown, _delete = records["interaction"]
    aid = accounts.resolve(store, "Peña Hermanos").id
    app = KamApp(store, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_account(aid)
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, AccountScreen)
        tab = app.screen.query_one(InteractionsTab)
        await wait_for(pilot, lambda: tab.data is not None)
        tab.select_item("interaction", iid)
        await wait_for(pilot, lambda: tab.current is not None and tab.current.id == iid)
        await pilot.press("d")  # from the Interactions tab
        await wait_for(pilot, lambda: _trashed(store, "interaction", iid))
        await wait_for(pilot, lambda: "Plan 2027" not in screen_text(app))
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Trash")
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TrashScreen) and app.screen.loaded)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not _trashed(store, "interaction", iid))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))
        await wait_for(pilot, lambda: "Plan 2027" in screen_text(app))
