"""Finance views over a real database: the demo portfolio and imported files."""

from __future__ import annotations

from datetime import date

import pytest

from kamtui.domain.finance import BOUGHT, LAPSED, OPEN
from kamtui.services import accounts, finance
from kamtui.storage.db import Store

TODAY = date(2026, 11, 15)


def test_demo_story_d_orders_down_and_lubrication_lapsed(demo_store: Store) -> None:
    pena = accounts.resolve(demo_store, "Conservas Peña").id
    f = finance.account_finance(demo_store, pena, TODAY)
    # README of the demo: 546 k€ -> 344 k€, -37 %
    assert f.summary.trailing_change == pytest.approx(-0.37, abs=0.01)
    assert round(f.summary.previous_12m, -3) == 546_000
    lub = next(c for c in f.categories if c.category == "Lubricación")
    assert not lub.active_12m and lub.last.startswith("2025-09")
    assert len(f.monthly) == 24 and f.monthly[-1][0] == "2026-11"
    ws = finance.whitespace(demo_store, TODAY)
    row = next(r for r in ws.rows if r.account_id == pena)
    assert row.cells["Lubricación"].state == LAPSED
    assert row.cells["Repuestos"].state == BOUGHT and row.cells["Repuestos"].share is not None


def test_demo_whitespace_covers_every_account_and_category(demo_store: Store) -> None:
    ws = finance.whitespace(demo_store, TODAY)
    assert len(ws.rows) == 14
    assert set(ws.categories) == {
        "Rodamientos",
        "Transmisión",
        "Neumática",
        "Lubricación",
        "Mantenimiento",
        "Formación",
        "Repuestos",
        "Automatización",
    }
    munoz = next(r for r in ws.rows if r.name.startswith("Grupo Alimentario Muñoz"))
    assert munoz.bought == 8  # the healthy diamond buys everything
    opens = [r for r in ws.rows for c in r.cells.values() if c.state == OPEN]
    assert opens, "the demo has whitespace categories bought elsewhere"


def test_transactions_filters(demo_store: Store) -> None:
    acc = accounts.resolve(demo_store, "Conservas Peña").id
    everything = finance.transactions(demo_store, acc)
    assert everything == sorted(everything, key=lambda t: (t.date, t.document), reverse=True)
    lub = finance.transactions(demo_store, acc, category="lubricacion")
    assert lub and {t.category for t in lub} == {"Lubricación"}
    recent = finance.transactions(demo_store, acc, since="2026-10-01")
    assert all(t.date >= "2026-10-01" for t in recent)
    docs = finance.transactions(demo_store, acc, search=everything[0].document[-5:])
    assert everything[0] in docs
    assert finance.transactions(demo_store, acc, search="%") == []
