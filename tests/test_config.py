"""Configuration defaults: with no file, load_config() gives exactly Config()
without building pydantic's validators (the app's start-up does not pay for
them), and the result behaves as a validated Config."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kamtui.config import Config, HealthConfig, MapConfig, defaults, load_config


def test_defaults_equal_the_validated_config(tmp_path: Path) -> None:
    cfg = load_config(tmp_path / "missing.toml")
    assert cfg == Config()
    assert cfg.model_dump() == Config().model_dump()
    assert cfg.model_dump_json() == Config().model_dump_json()
    assert cfg.map == MapConfig() and cfg.health == HealthConfig()
    assert cfg.health.weights.contact_recency == 15
    # the defaults pass the validators themselves
    assert Config.model_validate(cfg.model_dump()) == cfg


def test_defaults_are_fresh_objects() -> None:
    a, b = defaults(), defaults()
    assert a == b and a is not b and a.health is not b.health


def test_no_config_file_builds_no_validator(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kamtui.config import load_config\n"
        f"cfg = load_config(Path({str(tmp_path / 'missing.toml')!r}))\n"
        "assert cfg.health.healthy_min == 70\n"
        "print('pydantic.plugin._loader' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
