"""Where the database lives: --db, else $KAMTUI_DB, else the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "kamtui"


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    env = os.environ.get("KAMTUI_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def resolve_db(cli_value: str | None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("KAMTUI_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "kamtui.db"


def demo_db(cli_value: str | None) -> Path:
    """The demo never touches the user's real database unless --db says so."""
    if cli_value:
        return Path(cli_value).expanduser()
    return data_dir() / "demo.db"
