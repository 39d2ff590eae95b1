"""Helpers shared by the Pilot tests."""

from __future__ import annotations

from kamtui.ui.screens.account.screen import AccountScreen
from tests.conftest import settle


async def open_tab(pilot, account_id: int, key: str):  # type: ignore[no-untyped-def]
    await settle(pilot)
    pilot.app.open_account(account_id)
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, AccountScreen)
    return pilot.app.screen
