"""An account is named by its number, by "#N" (the id every message prints,
"Peña (#4)"), or by its name, wherever a command or an import names one."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.services.errors import Ambiguous, NotFound
from kamtui.services.imports.finance import AccountMatcher
from kamtui.services.lookup import resolve_account
from kamtui.storage import finance as finance_sql
from kamtui.storage.db import Store


@pytest.fixture
def named(store: Store) -> dict[str, int]:
    return {
        name: accounts.create(store, AccountInput(name=name, account_number=number))
        for name, number in (
            ("Talleres Ibáñez S.L.", "C-1001"),
            ("Talleres Ibáñez Norte S.L.", "C-1002"),
            ("Acme Iberia", "C-1002"),  # a number given twice
            ("Hostelería 7", "7"),
        )
    }


def test_hash_id_from_an_ambiguity_message_resolves(store: Store, named: dict[str, int]) -> None:
    with pytest.raises(Ambiguous) as info:
        resolve_account(store, "talleres")
    norte = named["Talleres Ibáñez Norte S.L."]
    assert f"(#{norte})" in str(info.value)
    assert resolve_account(store, f"#{norte}").id == norte
    assert resolve_account(store, f" # {norte} ").id == norte
    assert accounts.resolve(store, f"#{norte}").id == norte


def test_account_numbers_resolve_and_a_shared_number_lists_both(
    store: Store, named: dict[str, int]
) -> None:
    assert resolve_account(store, "C-1001").id == named["Talleres Ibáñez S.L."]
    # "7" is an account number; "#7" an id: never confused.
    assert resolve_account(store, "7").id == named["Hostelería 7"]
    with pytest.raises(Ambiguous) as info:
        resolve_account(store, "C-1002")
    assert "Acme Iberia" in str(info.value) and "Norte" in str(info.value)


def test_a_missing_or_trashed_hash_id_is_not_found(store: Store, named: dict[str, int]) -> None:
    with pytest.raises(NotFound, match="#999"):
        resolve_account(store, "#999")
    accounts.delete(store, named["Acme Iberia"])
    with pytest.raises(NotFound):
        resolve_account(store, f"#{named['Acme Iberia']}")


def test_finance_imports_read_hash_ids_too(store: Store, named: dict[str, int]) -> None:
    matcher = AccountMatcher(finance_sql.account_directory(store))
    norte = named["Talleres Ibáñez Norte S.L."]
    assert matcher.resolve(f"#{norte}") == norte
    assert matcher.resolve("C-1001") == named["Talleres Ibáñez S.L."]
    # In a column of account numbers, "#7" is the number 7.
    assert matcher.resolve("#7", number_only=True) == named["Hostelería 7"]
    with pytest.raises(ValueError, match="#999"):
        matcher.resolve("#999")


def test_the_shell_takes_hash_ids(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Tty(""))
    argv = ["--db", str(demo_path), "log", "#4", "--when", "today", "--channel", "phone"]
    code = main([*argv, "--level", "strategic", "--summary", "Por id"])
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["--db", str(demo_path), "map", "#4", "--json"]) == 0
    assert "Peña" in json.dumps(json.loads(capsys.readouterr().out), ensure_ascii=False)
    assert main(["--db", str(demo_path), "map", "ES-0004", "--json"]) == 0
