"""User configuration: a TOML file, validated with pydantic, every value with a
documented default. Location: $KAMTUI_CONFIG, else config.toml in the user
config directory. See docs/config.md."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


class ConfigError(Exception):
    pass


class Section(BaseModel):
    # defer_build: validators are built when a file is read (or a section is
    # made by hand), not when the app imports this module.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class MapConfig(Section):
    """Contact-map thresholds (issue: contact map)."""

    active_window_days: int = Field(180, ge=1, le=3650)
    # A link declared by hand but never met in an interaction counts as
    # active only this many days from when it was declared.
    declared_grace_days: int = Field(60, ge=0, le=3650)
    diamond_min_people_each_side: int = Field(3, ge=1)
    diamond_min_functions: int = Field(3, ge=1)


class HealthWeights(Section):
    """Relative weight of each component in the score (0 leaves it out)."""

    contact_recency: float = Field(15, ge=0)
    conversation_level: float = Field(15, ge=0)
    map_strength: float = Field(15, ge=0)
    complaints: float = Field(10, ge=0)
    satisfaction: float = Field(10, ge=0)
    revenue_trend: float = Field(10, ge=0)
    purchase_cadence: float = Field(5, ge=0)
    cross_sell: float = Field(5, ge=0)
    wallet_share: float = Field(5, ge=0)
    goal_progress: float = Field(5, ge=0)
    data_quality: float = Field(5, ge=0)


class HealthConfig(Section):
    """Relationship-health weights, targets and bands (issue: health).
    Each component scores 100 at its target; a figure past its target scores
    below the healthy line (healthy_min - 1 at most) and falls linearly to 0
    at its "zero" limit; docs/config.md lists them all, docs/health.md shows
    the curves."""

    weights: HealthWeights = Field(default_factory=HealthWeights)
    healthy_min: float = Field(70, ge=0, le=100)
    watch_min: float = Field(50, ge=0, le=100)
    default_cadence_days: int = Field(30, ge=1, le=730)
    recency_zero_factor: float = Field(3.0, gt=1)
    strategic_target_days: int = Field(90, ge=1)
    strategic_zero_days: int = Field(270, ge=2)
    strategic_share_target: float = Field(0.25, gt=0, le=1)
    conversation_window_days: int = Field(180, ge=7)
    mood_window_days: int = Field(180, ge=7)
    mood_target: float = Field(4.0, ge=1, le=5)
    complaint_age_target_days: int = Field(30, ge=1)
    complaint_zero_factor: float = Field(3.0, gt=1)
    resolution_target_days: int = Field(30, ge=1)
    revenue_growth_target: float = Field(0.05, ge=-1)
    revenue_drop_zero: float = Field(-0.30, lt=0)
    cadence_target_factor: float = Field(1.5, gt=0)
    cadence_zero_factor: float = Field(4.0, gt=1.5)
    rhythm_target_factor: float = Field(1.2, gt=0)
    rhythm_zero_factor: float = Field(3.0, gt=0)
    cross_sell_target: float = Field(0.5, gt=0, le=1)
    wallet_share_target: float = Field(0.40, gt=0, le=1)
    verified_within_days: int = Field(365, ge=1)
    operational_only_days: int = Field(120, ge=1)
    # Needs revitalisation when nobody has talked to the account for longer
    # than this many times its contact cadence (losing touch).
    silence_factor: float = Field(3.0, gt=0)
    bow_tie_revenue_threshold: float = Field(200_000, ge=0)
    perception_gap_threshold: float = Field(35, gt=0, le=100)
    # Fewer components with data than this (data quality not counted): no
    # score and no band ("insufficient_data"), never queued for revitalisation.
    min_components_for_band: int = Field(3, ge=1, le=10)

    @model_validator(mode="after")
    def _ordered(self) -> HealthConfig:
        if self.watch_min > self.healthy_min:
            raise ValueError("watch_min must not be above healthy_min")
        if self.strategic_zero_days <= self.strategic_target_days:
            raise ValueError("strategic_zero_days must be above strategic_target_days")
        if self.cadence_zero_factor <= self.cadence_target_factor:
            raise ValueError("cadence_zero_factor must be above cadence_target_factor")
        if self.rhythm_zero_factor <= self.rhythm_target_factor:
            raise ValueError("rhythm_zero_factor must be above rhythm_target_factor")
        return self


class BackupConfig(Section):
    """`kamtui backup` (issue: own your data)."""

    keep: int = Field(10, ge=1, le=1000)


class PrivacyConfig(Section):
    """Retention and review (docs/privacy.md)."""

    # Records in the trash are deleted for good after this many days.
    trash_days: int = Field(30, ge=1, le=3650)
    # People of accounts closed (lost) longer ago than this are listed for review.
    closed_account_years: int = Field(5, ge=1, le=100)
    # People whose details were not checked within this are listed.
    verify_within_days: int = Field(365, ge=1, le=3650)


class Config(Section):
    map: MapConfig = Field(default_factory=MapConfig)
    health: HealthConfig = Field(default_factory=HealthConfig)
    backup: BackupConfig = Field(default_factory=BackupConfig)
    privacy: PrivacyConfig = Field(default_factory=PrivacyConfig)


def defaults() -> Config:
    """Every default, equal to Config() but made without running pydantic's
    validators (the defaults are valid by definition; tests/test_config.py
    checks it): with no config file, opening the app builds no validator."""
    return Config.model_construct(
        map=MapConfig.model_construct(),
        health=HealthConfig.model_construct(weights=HealthWeights.model_construct()),
        backup=BackupConfig.model_construct(),
        privacy=PrivacyConfig.model_construct(),
    )


def load_config(path: Path | None = None) -> Config:
    """Defaults when the file does not exist; ConfigError naming the file and
    the offending key when it is invalid."""
    if path is None:
        from kamtui.paths import config_path

        path = config_path()
    if not path.exists():
        return defaults()
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
