"""Issue 14, 80x24: every form opens with its title, its first field's label
and its Save/Cancel buttons on screen (SVG snapshots, and the same checked as
text so a failure says what is missing)."""

from __future__ import annotations

import pytest

from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from tests.conftest import DEMO_TODAY, screen_text, settle
from tests.ui.forms_at import build_forms

# form -> (its title, its first field's label, its save button)
EXPECTED = {
    "account": ("Edit account", "Name *", "Save"),
    "person": ("New person", "Name", "Save"),
    "link": ("Carmen Vidal", "Íñigo Peña", "Link"),
    "fact": ("New fact", "Fact *", "Save"),
    "complaint": ("New complaint", "Title *", "Save"),
    "goal": ("New goal", "Type", "Save"),
    "action": ("Action for:", "What to do *", "Save"),
    "log": ("Log an interaction", "When *", "Save"),
}


def opener(store: Store, name: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        pilot.app.push_screen(build_forms(store)[name]())
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("name", sorted(EXPECTED))
async def test_form_shows_title_first_label_and_buttons(demo_store: Store, name: str) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await opener(demo_store, name)(pilot)
        text = screen_text(app)
        for part in EXPECTED[name]:
            assert part in text, (name, part)
        assert "Cancel" in text or "Close, keep draft" in text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_form_snapshot_80x24(snap_compare, demo_store: Store, name: str) -> None:  # type: ignore[no-untyped-def]
    app = KamApp(demo_store, today=DEMO_TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=opener(demo_store, name))


def test_help_snapshot_80x24(snap_compare, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    app = KamApp(demo_store, today=DEMO_TODAY)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
