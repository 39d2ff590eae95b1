"""Wallet estimates import: the client's yearly spend per category."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.importers.csvfile import ImportFailed
from kamtui.services.imports.finance import import_transactions, import_wallet
from kamtui.storage.db import Store
from tests.helpers import DATA, add_accounts


def wallet(store: Store) -> list[tuple]:
    return [
        tuple(r)
        for r in store.query(
            "SELECT a.name, w.category, w.year, w.amount FROM wallet_estimates w "
            "JOIN accounts a ON a.id = w.account_id ORDER BY a.name, w.category"
        )
    ]


def test_wallet_import_uses_known_category_spellings_and_is_idempotent(store: Store) -> None:
    add_accounts(store)
    import_transactions(store, DATA / "ventas_2025_excel_es.csv")
    report = import_wallet(store, DATA / "cartera_2025_es.csv")
    assert (report.rows, report.created) == (6, 6)
    got = wallet(store)
    # "servicio técnico" in the file is the "Servicio técnico" of the transactions
    assert ("Talleres Ibáñez S.L.", "Servicio técnico", 2025, 8000.0) in got
    assert ("Talleres Ibáñez S.L.", "Consumibles", 2025, 4000.0) in got  # 4.000 is four thousand
    report = import_wallet(store, DATA / "cartera_2025_es.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 6)


def test_wallet_changed_estimate_updates(store: Store, tmp_path: Path) -> None:
    add_accounts(store)
    path = tmp_path / "w.csv"
    path.write_text("account,category,year,amount\nAcme Iberia,X,2025,100\n", encoding="utf-8")
    import_wallet(store, path)
    path.write_text("account,category,year,amount\nAcme Iberia,X,2025,150\n", encoding="utf-8")
    report = import_wallet(store, path)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    assert wallet(store) == [("Acme Iberia", "X", 2025, 150.0)]


def test_wallet_errors_listed_nothing_written(store: Store, tmp_path: Path) -> None:
    add_accounts(store)
    path = tmp_path / "w.csv"
    path.write_text(
        "Cliente;Familia;Año;Importe\n"
        "Acme Iberia;X;2025;100\n"
        "Acme Iberia;X;veinte;100\n"
        "Acme Iberia;Y;2025;-5\n"
        "Nadie;X;2025;1\n"
        "Acme Iberia;x;2025;7\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as exc:
        import_wallet(store, path)
    assert [e.split("w.csv:", 1)[1] for e in exc.value.errors] == [
        "3: year: 'veinte' is not a year (expected e.g. 2025)",
        "4: amount: '-5': an estimate cannot be negative",
        "5: account: no account matches 'Nadie' (import or create the account first, or "
        "write its exact name or account number)",
        "6: category: 'X' 2025 for the same account is already on line 2",
    ]
    assert wallet(store) == []
