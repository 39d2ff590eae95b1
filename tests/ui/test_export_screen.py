"""The Export and backup screen (palette: "data: export and backup") and the
backup offered on quit (config backup.offer_after_days; off by default)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, Select

from kamtui.config import Config
from kamtui.services import backup
from kamtui.storage.db import Store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.export.backup_offer import BackupOffer
from kamtui.ui.screens.export.screen import ExportScreen
from tests.conftest import DEMO_TODAY, screen_text, settle, wait_for


def _offering(days: int) -> Config:
    return Config.model_validate({"backup": {"offer_after_days": days}})


async def _open_from_palette(pilot) -> ExportScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    await settle(pilot)
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*"export")
    results = app.screen.query_one(CommandList)

    def hits() -> list[str]:
        return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]

    await wait_for(pilot, lambda: any("data: export and backup" in h for h in hits()))
    assert "data: export and backup" in hits()[0]
    await pilot.press("enter")
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, ExportScreen) and bool(app.screen.query("#export-folder")),
    )
    return app.screen  # type: ignore[no-any-return]


async def test_a_large_export_from_the_app_runs_in_child_processes(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamtui.services import export_parallel

    monkeypatch.setattr(export_parallel, "PARALLEL_ROWS", 0)  # the demo counts as large
    monkeypatch.setattr(export_parallel, "cores", lambda: 2)
    started = []
    original = export_parallel._Attempt._start

    def start(self: export_parallel._Attempt) -> bool:
        ok = original(self)
        started.extend(p.pid for p in self.procs)
        return ok

    monkeypatch.setattr(export_parallel._Attempt, "_start", start)
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_directly(pilot)
        screen.query_one("#export-folder", Input).value = str(tmp_path / "out")
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: screen.last_result is not None, timeout=30)
        assert "Exported" in screen_text(app)
    # two children (more when the app's own background writes made them start again)
    assert len(started) >= 2 and len(started) % 2 == 0
    alone = tmp_path / "alone"
    from kamtui.services.export import export

    export(demo_store, alone, parallel=False)
    for path in alone.iterdir():
        assert (tmp_path / "out" / path.name).read_bytes() == path.read_bytes(), path.name


async def _open_directly(pilot) -> ExportScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    app.action_export()
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, ExportScreen) and bool(app.screen.query("#export-folder")),
    )
    return app.screen  # type: ignore[no-any-return]


async def test_export_everything_from_the_palette(demo_store: Store, tmp_path: Path) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_from_palette(pilot)
        folder = screen.query_one("#export-folder", Input)
        assert folder.value == "~/kamtui-export-2026-11-15"
        folder.value = str(tmp_path / "out")
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: screen.last_result is not None)
        assert "Exported" in screen_text(app) and "rows into" in screen_text(app)
        assert (tmp_path / "out" / "README.txt").is_file()
        assert (tmp_path / "out" / "interactions.csv").read_text(encoding="utf-8").count("\n") > 50
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))


async def test_one_account_as_json_and_a_bad_account(demo_store: Store, tmp_path: Path) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await _open_directly(pilot)
        screen.query_one("#export-folder", Input).value = str(tmp_path / "one")
        screen.query_one("#export-format", Select).value = "json"
        screen.query_one("#export-account", Input).value = "no such company"
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: not screen.running)
        await settle(pilot)
        assert "no such company" in screen_text(app)
        assert screen.last_result is None
        screen.query_one("#export-account", Input).value = "ES-0001"
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: screen.last_result is not None)
        text = (tmp_path / "one" / "accounts.json").read_text(encoding="utf-8")
        assert "Automoción Ibáñez" in text and text.count('"name"') == 1


async def test_back_up_now_from_the_screen(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await _open_directly(pilot)
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: screen.last_result is not None)
        written = backup.dated_backups(demo_store.path)
        assert len(written) == 1 and written[0] == screen.last_result
        assert "Backup written and checked" in screen_text(app)
        assert oct(written[0].stat().st_mode & 0o777) == "0o600"


async def test_quit_offers_a_backup_when_due_and_backs_up(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY, config=_offering(7))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, BackupOffer))
        assert "never been backed up" in screen_text(app)
        await pilot.press("b")
        await wait_for(pilot, lambda: not app.is_running)
    assert len(backup.dated_backups(demo_store.path)) == 1


async def test_not_now_quits_without_a_backup(demo_store: Store) -> None:
    app = KamApp(demo_store, today=DEMO_TODAY, config=_offering(7))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, BackupOffer))
        await pilot.press("q")  # q again: the dialog answers, not a second one
        assert len([s for s in app.screen_stack if isinstance(s, BackupOffer)]) == 1
        await pilot.press("n")
        await wait_for(pilot, lambda: not app.is_running)
    assert backup.dated_backups(demo_store.path) == []


async def test_no_offer_with_a_recent_backup_or_with_the_setting_off(demo_store: Store) -> None:
    for config in (None, _offering(0)):  # the default is off
        app = KamApp(demo_store, today=DEMO_TODAY, config=config)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("q")
            await wait_for(pilot, lambda: not app.is_running)  # noqa: B023
    backup.backup(demo_store)
    app = KamApp(demo_store, today=DEMO_TODAY, config=_offering(7))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running)
    assert len(backup.dated_backups(demo_store.path)) == 1


def test_export_screen_80x24(snap_compare, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    app = KamApp(demo_store, today=DEMO_TODAY)

    async def open_screen(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await _open_directly(pilot)
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_screen)
