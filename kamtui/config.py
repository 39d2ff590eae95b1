"""User configuration: a TOML file, validated with pydantic, every value with a
documented default. Location: $KAMTUI_CONFIG, else config.toml in the user
config directory. See docs/config.md."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class ConfigError(Exception):
    pass


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MapConfig(Section):
    """Contact-map thresholds (issue: contact map)."""

    active_window_days: int = Field(180, ge=1, le=3650)
    diamond_min_people_each_side: int = Field(3, ge=1)
    diamond_min_functions: int = Field(3, ge=1)


class HealthConfig(Section):
    """Relationship-health weights, targets and bands (issue: health)."""

    healthy_min: float = Field(70, ge=0, le=100)
    watch_min: float = Field(50, ge=0, le=100)


class Config(Section):
    map: MapConfig = Field(default_factory=MapConfig)
    health: HealthConfig = Field(default_factory=HealthConfig)


def load_config(path: Path | None = None) -> Config:
    """Defaults when the file does not exist; ConfigError naming the file and
    the offending key when it is invalid."""
    if path is None:
        from kamtui.paths import config_path

        path = config_path()
    if not path.exists():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise ConfigError(f"{path}: {problems}") from None
