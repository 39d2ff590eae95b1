"""Helpers shared by tests in several folders (not fixtures: see conftest.py)."""

from __future__ import annotations

from pathlib import Path

from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.storage.db import Store

DATA = Path(__file__).parent / "data"


def add_accounts(store: Store) -> dict[str, int]:
    ids = {}
    for name, number in (
        ("Talleres Ibáñez S.L.", "C-1001"),
        ("Hostelería Peñalver", "C-1002"),
        ("Construcciones Núñez y Asociados S.L.", "00417"),
        ("Acme Iberia", "C-1004"),
    ):
        ids[name] = accounts.create(store, AccountInput(name=name, account_number=number))
    return ids
