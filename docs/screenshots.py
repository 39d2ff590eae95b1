"""Regenerate the README screenshots from the app itself.

    python docs/screenshots.py

Builds the demo portfolio in a temporary file (with "today" = the demo's
anchor date, so the pictures do not change from day to day), drives the app
headless and saves SVGs next to this script."""

from __future__ import annotations

import asyncio
import json
import tempfile
from datetime import date
from pathlib import Path

from kamtui.demo.load import load_demo, sample_dir
from kamtui.storage.db import open_store
from kamtui.ui.app import KamApp

HERE = Path(__file__).resolve().parent


async def shoot(db: Path, today: date) -> None:
    store = open_store(db)
    app = KamApp(store, today=today)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = app.screen
        for _ in range(100):
            await pilot.pause(0.05)
            if getattr(screen, "all_rows", None):
                break
        await pilot.pause(0.5)
        app.save_screenshot(str(HERE / "screenshot-portfolio.svg"))
        await pilot.press("enter")
        await pilot.pause(1.0)
        app.save_screenshot(str(HERE / "screenshot-account.svg"))
    store.close()


def main() -> None:
    anchor = date.fromisoformat(json.loads((sample_dir() / "manifest.json").read_text())["anchor"])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        store = open_store(db)
        load_demo(store, today=anchor)
        store.close()
        asyncio.run(shoot(db, anchor))
    print(f"wrote {HERE / 'screenshot-portfolio.svg'} and screenshot-account.svg")


if __name__ == "__main__":
    main()
