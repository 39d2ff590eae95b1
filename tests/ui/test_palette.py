"""Issue 14, ctrl+p: the palette finds accounts by their folded name only."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette

from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.commands import fold_with_offsets
from tests.conftest import DEMO_TODAY, settle, wait_for


async def palette_hits(demo_store: Store, query: str) -> list[str]:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*query)
        results = app.screen.query_one(CommandList)

        def hits() -> list[str]:
            return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]

        await settle(pilot)
        await wait_for(pilot, lambda: bool(hits()))
        await settle(pilot)
        return [h.splitlines()[0] for h in hits()]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("quimica", "Química del Ebro"),
        ("ibanez", "Automoción Ibáñez"),
        ("IBÁÑEZ", "Automoción Ibáñez"),
        ("pena", "Conservas Peña"),
    ],
)
async def test_accents_are_ignored_and_only_the_name_matches(
    demo_store: Store, query: str, first: str
) -> None:
    hits = await palette_hits(demo_store, query)
    assert hits, query
    assert first in hits[0], hits


async def test_the_label_open_matches_nothing(demo_store: Store) -> None:
    # "open" is in every title, in no demo account's name
    assert not any("Atlantic" in h for h in await palette_hits(demo_store, "pena"))


def test_folding_keeps_where_each_letter_came_from() -> None:
    folded, origin = fold_with_offsets("Ibáñez Straße")
    assert folded == "ibanez strasse"
    assert [origin[i] for i in range(len(folded))][:6] == [0, 1, 2, 3, 4, 5]
    assert origin[-1] == len("Ibáñez Straße") - 1
