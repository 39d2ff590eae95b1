"""The log form's draft: nothing typed is lost, whatever ends the session
(ctrl+q right after typing, App.exit, a suspend, the $EDITOR round-trip, a
database another process keeps locked), and fast typing is still saved in a
few writes, not one per key."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TextArea

from kamtui.services import accounts
from kamtui.services import interactions as inter
from kamtui.storage.db import Store, open_store
from kamtui.ui.app import KamApp
from kamtui.ui.screens.forms.log_drafts import DRAFT_MAX_WAIT
from kamtui.ui.screens.forms.log_form import LogFormScreen
from tests.conftest import settle, wait_for
from tests.ui.helpers import open_tab

TODAY = date(2026, 11, 15)
SUMMARY = "Quarterly review, pricing agreed"
NOTES = "Discussed 2027 volumes.\nThey want a rebate"
ACCOUNT = "Northwind"


def _key(char: str) -> events.Key:
    names = {"\n": "enter", " ": "space", ",": "comma", ".": "full_stop"}
    return events.Key(names.get(char, char), None if char == "\n" else char)


def burst(app: KamApp, text: str, *then: events.Key) -> None:
    """Keys as the terminal delivers fast typing: all at once, no waiting
    for the app to handle one before the next arrives."""
    for char in text:
        app.post_message(_key(char))
    for key in then:
        app.post_message(key)


async def _open_form(pilot) -> LogFormScreen:  # type: ignore[no-untyped-def]
    await pilot.press("L")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, LogFormScreen)
    return form


async def _type_summary_and_notes(pilot, form: LogFormScreen) -> None:  # type: ignore[no-untyped-def]
    burst(pilot.app, SUMMARY)
    await pilot.pause()
    form.query_one("#log-notes", TextArea).focus()
    await pilot.pause()
    burst(pilot.app, NOTES)


def _draft_in(path: Path, account_id: int) -> tuple[str, dict] | None:  # type: ignore[type-arg]
    store = open_store(path)
    try:
        return inter.load_draft(store, account_id)
    finally:
        store.close()


async def _reopened_form_values(path: Path, account_id: int) -> tuple[str, str]:
    """A new app on the same file: what the log form offers back."""
    store = open_store(path)
    try:
        app = KamApp(store, today=TODAY)
        async with app.run_test(size=(120, 44)) as pilot:
            await open_tab(pilot, account_id, "3")
            form = await _open_form(pilot)
            return (
                form.query_one("#log-summary", Input).value,
                form.query_one("#log-notes", TextArea).text,
            )
    finally:
        store.close()


@pytest.fixture
def account_id(demo_path: Path) -> int:
    store = open_store(demo_path)
    try:
        return accounts.resolve(store, ACCOUNT).id
    finally:
        store.close()


async def test_ctrl_q_right_after_typing_keeps_every_character(
    demo_path: Path, account_id: int
) -> None:
    store = open_store(demo_path)
    try:
        app = KamApp(store, today=TODAY)
        async with app.run_test(size=(120, 44)) as pilot:
            await open_tab(pilot, account_id, "3")
            form = await _open_form(pilot)
            await _type_summary_and_notes(pilot, form)
            app.post_message(events.Key("ctrl+q", None))  # in the same burst
            await pilot.pause()
    finally:
        store.close()
    assert app.return_code == 0
    assert await _reopened_form_values(demo_path, account_id) == (SUMMARY, NOTES)


async def test_app_exit_right_after_typing_keeps_the_draft(
    demo_path: Path, account_id: int
) -> None:
    store = open_store(demo_path)
    try:
        app = KamApp(store, today=TODAY)
        async with app.run_test(size=(120, 44)) as pilot:
            await open_tab(pilot, account_id, "3")
            await _open_form(pilot)
            await pilot.press(*"Left by App.exit")
            app.exit()
            await pilot.pause()
    finally:
        store.close()
    saved = _draft_in(demo_path, account_id)
    assert saved is not None and saved[1]["summary"] == "Left by App.exit"


async def test_suspend_writes_the_draft_before_the_terminal_is_handed_over(
    demo_path: Path, account_id: int
) -> None:
    store = open_store(demo_path)
    try:
        app = KamApp(store, today=TODAY)
        async with app.run_test(size=(120, 44)) as pilot:
            await open_tab(pilot, account_id, "3")
            form = await _open_form(pilot)
            await _type_summary_and_notes(pilot, form)
            await pilot.pause()  # the keys are in; the debounce has not fired
            assert inter.load_draft(store, account_id) is None
            # what App.suspend (ctrl+z, $EDITOR) publishes before it suspends
            app.app_suspend_signal.publish(app)
            saved = inter.load_draft(store, account_id)
            assert saved is not None
            assert (saved[1]["summary"], saved[1]["notes"]) == (SUMMARY, NOTES)
            # the process may be stopped and then killed: nothing else is needed
            assert not form.draft_pending
    finally:
        store.close()
    assert await _reopened_form_values(demo_path, account_id) == (SUMMARY, NOTES)


@pytest.mark.skipif(os.name != "posix", reason="shell script editor")
async def test_notes_from_the_editor_are_kept_at_once(
    demo_path: Path, account_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "fake-editor"
    script.write_text('#!/bin/sh\nprintf "\\nwritten in the editor" >> "$1"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(script))
    store = open_store(demo_path)
    try:
        app = KamApp(store, today=TODAY)
        async with app.run_test(size=(120, 44)) as pilot:
            await open_tab(pilot, account_id, "3")
            form = await _open_form(pilot)
            await pilot.press(*"Call")
            await pilot.press("ctrl+o")  # runs the editor, no pause after
            saved = inter.load_draft(store, account_id)
            assert saved is not None
            assert saved[1]["notes"] == "\nwritten in the editor"
            assert form.query_one("#log-notes", TextArea).text == "\nwritten in the editor"
    finally:
        store.close()


class WriteLock:
    """Another process's writer: holds the database's write lock."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.conn.execute("ROLLBACK")
        self.conn.close()


def _short_busy_timeout(store: Store, ms: int) -> None:
    store.conn.execute(f"PRAGMA busy_timeout = {ms}")
    if hasattr(store, "busy_limit"):  # stores that retry BEGIN up to a limit
        store.busy_limit = ms / 1000


async def test_quit_waits_for_a_briefly_busy_database(demo_path: Path, account_id: int) -> None:
    store = open_store(demo_path)
    try:
        app = KamApp(store, today=TODAY)
        async with app.run_test(size=(120, 44)) as pilot:
            await open_tab(pilot, account_id, "3")
            form = await _open_form(pilot)
            await _type_summary_and_notes(pilot, form)
            await pilot.pause()
            lock = WriteLock(demo_path)
            threading.Timer(0.5, lock.release).start()
            await pilot.press("ctrl+q")  # waits for the lock (busy timeout 5 s)
            await pilot.pause()
        assert app.return_code == 0
    finally:
        store.close()
    assert not inter.draft_file(demo_path, account_id).exists()
    assert await _reopened_form_values(demo_path, account_id) == (SUMMARY, NOTES)


async def test_quit_with_the_database_locked_keeps_the_draft_in_a_file(
    demo_path: Path, account_id: int
) -> None:
    store = open_store(demo_path)
    lock: WriteLock | None = None
    try:
        app = KamApp(store, today=TODAY)
        told: list[str] = []
        real_notify = app.notify

        def notify(message: str, **kwargs):  # type: ignore[no-untyped-def]
            told.append(message)
            real_notify(message, **kwargs)

        app.notify = notify  # type: ignore[method-assign]
        async with app.run_test(size=(120, 44)) as pilot:
            await open_tab(pilot, account_id, "3")
            form = await _open_form(pilot)
            await _type_summary_and_notes(pilot, form)
            await pilot.pause()
            _short_busy_timeout(store, 200)
            lock = WriteLock(demo_path)
            await pilot.press("ctrl+q")
            await pilot.pause()
            # not gone silently: still open, told where the draft is
            assert app.is_running and app.screen is form
            fallback = inter.draft_file(demo_path, account_id)
            assert any(str(fallback) in m for m in told), told
            assert fallback.parent == demo_path.parent
            assert stat.S_IMODE(fallback.stat().st_mode) == 0o600
            assert inter.load_draft_file(demo_path, account_id)[1]["notes"] == NOTES  # type: ignore[index]
            # quitting again leaves: the user knows where the draft is
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert app.return_code == 0
    finally:
        if lock is not None:
            lock.release()
        store.close()
    # next time: offered back from the file, then into the database, file gone
    store = open_store(demo_path)
    try:
        app = KamApp(store, today=TODAY)
        async with app.run_test(size=(120, 44)) as pilot:
            await open_tab(pilot, account_id, "3")
            form = await _open_form(pilot)
            assert form.query_one("#log-summary", Input).value == SUMMARY
            assert form.query_one("#log-notes", TextArea).text == NOTES
            await pilot.press("escape")
            await settle(pilot)
        saved = inter.load_draft(store, account_id)
        assert saved is not None and saved[1]["notes"] == NOTES
        assert not inter.draft_file(demo_path, account_id).exists()
    finally:
        store.close()


async def test_fast_typing_is_saved_in_a_few_writes(
    demo_path: Path, account_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[str] = []
    real_save = inter.save_draft

    def counting_save(store, acc, values):  # type: ignore[no-untyped-def]
        writes.append(values["summary"])
        real_save(store, acc, values)

    monkeypatch.setattr(inter, "save_draft", counting_save)
    text = "Forty characters typed one after another"
    store = open_store(demo_path)
    try:
        app = KamApp(store, today=TODAY)
        async with app.run_test(size=(120, 44)) as pilot:
            await open_tab(pilot, account_id, "3")
            await _open_form(pilot)
            started = time.monotonic()
            await pilot.press(*text)  # one key at a time, each handled
            typing = time.monotonic() - started
            # the debounce fires
            await wait_for(pilot, lambda: bool(writes) and writes[-1] == text)
            await settle(pilot)
            assert writes and writes[-1] == text
            # one write per pause, plus one per DRAFT_MAX_WAIT of typing
            assert len(writes) <= 2 + int(typing / DRAFT_MAX_WAIT), (len(writes), typing)
            assert len(writes) < len(text) // 4
    finally:
        store.close()


async def test_typing_on_past_the_max_wait_saves_without_a_pause(
    demo_path: Path, account_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamtui.ui.screens.forms import log_drafts

    monkeypatch.setattr(log_drafts, "DRAFT_MAX_WAIT", 0.0)  # every key is past it
    store = open_store(demo_path)
    try:
        app = KamApp(store, today=TODAY)
        async with app.run_test(size=(120, 44)) as pilot:
            await open_tab(pilot, account_id, "3")
            await _open_form(pilot)
            for char in "abcd":  # a key every 0.1 s: never a 0.3 s pause
                await pilot.press(char)
                await pilot.pause(0.1)
            await settle(pilot, rounds=1)
            saved = inter.load_draft(store, account_id)
            assert saved is not None and saved[1]["summary"].startswith("abc")
    finally:
        store.close()
