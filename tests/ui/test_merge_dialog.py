"""The merge dialog with the Pilot: from the account screen (M, pick the
account to keep), the preview, swapping, merging in a worker, undo from the
command palette; and the dialog as the Duplicates screen opens it."""

from __future__ import annotations

from textual.widgets import Static

from kamtui.services import people
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.account.screen import AccountScreen
from kamtui.ui.screens.merge.dialog import MergeDialog
from kamtui.ui.screens.merge.picker import AccountPicker
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for


def shown(dialog: MergeDialog) -> str:
    """The dialog's pair and preview as plain text (unwrapped); empty until
    the dialog is built."""
    parts = [
        str(w.content) for w in dialog.query(Static) if w.id in ("merge-pair", "merge-preview")
    ]
    return " ".join(parts).replace("\u2800", " ")


def live(store: Store, account_id: int) -> bool:
    row = store.one("SELECT deleted_at FROM accounts WHERE id = ?", (account_id,))
    return row is not None and row[0] is None


async def test_merge_an_account_into_another_from_its_screen(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        app.open_account(13)  # Distribuciones Ortiz e Hijos
        await settle(pilot)
        await wait_for(pilot, lambda: app.screen.account is not None)  # type: ignore[attr-defined]
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, AccountPicker))
        await settle(pilot)
        await pilot.press(*"quimica")
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MergeDialog))
        dialog = app.screen
        assert isinstance(dialog, MergeDialog)
        await wait_for(pilot, lambda: dialog.plan is not None)
        text = shown(dialog)
        assert "Distribuciones Ortiz e Hijos (#13)" in text and "goes to the trash" in text
        assert "Química del Ebro S.L. (#5)" in text
        assert "17 interactions" in text
        assert "former number: ES-0013" in text
        assert live(demo_store, 13)  # a preview changes nothing

        await pilot.press("s")  # keep Ortiz instead…
        await wait_for(pilot, lambda: dialog.plan is not None and dialog.plan.target_id == 13)
        assert "Química del Ebro S.L. (#5)  goes to the trash" in shown(dialog)
        assert "Química del Ebro" in screen_text(app)
        await pilot.press("s")  # …no: keep Química
        await wait_for(pilot, lambda: dialog.plan is not None and dialog.plan.target_id == 5)

        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AccountScreen) and screen.account_id == 5
        assert not live(demo_store, 13)
        assert demo_store.one("SELECT COUNT(*) FROM interactions WHERE account_id = 13")[0] == 0
        assert any("merge: undo the last merge" in n.message for n in app._notifications)

        # Undo from the command palette.
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"merge undo")
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: live(demo_store, 13))
        assert demo_store.one("SELECT COUNT(*) FROM interactions WHERE account_id = 13")[0] == 17


async def test_person_merge_dialog_as_the_duplicates_screen_opens_it(demo_store: Store) -> None:
    aid = 5
    target = people.create_person(
        demo_store, aid, people.person_input({"name": "Marta Sanz", "side": "theirs"})
    )
    source = people.create_person(
        demo_store,
        aid,
        people.person_input({"name": "M. Sanz", "side": "theirs", "email": "msanz@ebro.es"}),
    )
    results: list[object] = []
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        app.push_screen(MergeDialog("person", source, target, account_id=aid), results.append)
        await wait_for(pilot, lambda: isinstance(app.screen, MergeDialog))
        dialog = app.screen
        assert isinstance(dialog, MergeDialog)
        await wait_for(pilot, lambda: dialog.plan is not None)
        text = shown(dialog)
        assert "M. Sanz (#" in text and "e-mail = msanz@ebro.es" in text
        await pilot.press("m")
        await wait_for(pilot, lambda: bool(results))
    assert people.get_person(demo_store, target).email == "msanz@ebro.es"


async def test_a_merge_that_cannot_be_done_says_why(demo_store: Store) -> None:
    ours = next(p for p in people.list_people(demo_store, 5) if p.side == "ours")
    theirs = next(p for p in people.list_people(demo_store, 5) if p.side == "theirs")
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        app.push_screen(MergeDialog("person", ours.id, theirs.id, account_id=5))
        await wait_for(pilot, lambda: isinstance(app.screen, MergeDialog))
        dialog = app.screen
        assert isinstance(dialog, MergeDialog)
        await wait_for(pilot, lambda: "same side" in shown(dialog))
        await pilot.press("m")  # nothing to confirm
        await settle(pilot)
        assert isinstance(app.screen, MergeDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, MergeDialog)
    assert people.get_person(demo_store, ours.id).id == ours.id  # not in the trash


async def test_hostile_names_are_shown_literally(demo_store: Store) -> None:
    hostile = "[/] [@click=app.quit]Ortiz\x1b]0;pwned\x07"
    with demo_store.write() as conn:
        conn.execute("UPDATE accounts SET name = ? WHERE id = 13", (hostile,))
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        app.push_screen(MergeDialog("account", 13, 5))
        await wait_for(pilot, lambda: isinstance(app.screen, MergeDialog))
        dialog = app.screen
        assert isinstance(dialog, MergeDialog)
        await wait_for(pilot, lambda: dialog.plan is not None)
        text = shown(dialog)
        assert "[/] [@click=app.quit]Ortiz" in text and "\x1b" not in text
        await pilot.press("m")
        await wait_for(pilot, lambda: not isinstance(app.screen, MergeDialog))
        await settle(pilot)
        assert app.is_running
        assert all("\x1b" not in n.message for n in app._notifications)


async def test_the_trash_refuses_a_merged_account_and_names_the_undo(demo_store: Store) -> None:
    from kamtui.services import merge
    from kamtui.ui.screens.trash import TrashScreen

    done = merge.merge(demo_store, "account", 13, 5, today=DEMO_TODAY)
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        app.push_screen(TrashScreen())
        await wait_for(pilot, lambda: isinstance(app.screen, TrashScreen) and app.screen.loaded)
        await pilot.press("enter")  # the merged account is the newest in the trash
        await wait_for(
            pilot, lambda: any("kamtui merge undo" in n.message for n in app._notifications)
        )
        assert any(f"merge #{done.merge_id}" in n.message for n in app._notifications)
        assert isinstance(app.screen, TrashScreen)
    assert not live(demo_store, 13)
