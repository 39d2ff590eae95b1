"""`kamtui search` shows each item's date (plain: the app's display format;
--json: ISO as stored) and `kamtui map` prints dates as the app does."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from kamtui.cli.main import main


def _dates(demo_path: Path) -> dict[tuple[str, int], str | None]:
    conn = sqlite3.connect(demo_path)
    try:
        out: dict[tuple[str, int], str | None] = {}
        for kind, sql in (
            ("interaction", "SELECT id, occurred_at FROM interactions"),
            ("complaint", "SELECT id, opened_at FROM complaints"),
            (
                "fact",
                "SELECT f.id, COALESCE(i.occurred_at, f.created_at) FROM facts f"
                " LEFT JOIN interactions i ON i.id = f.interaction_id",
            ),
        ):
            out.update({(kind, r[0]): r[1] for r in conn.execute(sql)})
        return out
    finally:
        conn.close()


def test_search_json_has_each_items_date(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _dates(demo_path)
    kinds = set()
    for query in ("stock", "peña", "retraso", "queja"):
        assert main(["--db", str(demo_path), "search", query, "--json", "--limit", "30"]) == 0
        for hit in json.loads(capsys.readouterr().out):
            kinds.add(hit["kind"])
            assert hit["date"] == expected.get((hit["kind"], hit["id"]))
    assert {"interaction", "account", "person"} <= kinds
    assert kinds & {"complaint", "fact"}


def test_search_plain_shows_the_display_date(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _dates(demo_path)
    assert main(["--db", str(demo_path), "search", "stock", "--limit", "5"]) == 0
    heads = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Inter")]
    assert heads
    for line in heads:
        m = re.match(r"Interaction #(\d+)\s+(\d\d/\d\d/\d{4}) ", line)
        assert m, line
        iso = expected[("interaction", int(m.group(1)))]
        assert iso is not None
        assert m.group(2) == f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def test_map_prints_display_dates(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_path), "map", "peña"]) == 0
    text = capsys.readouterr().out
    assert re.search(r", last \d\d/\d\d/\d{4}\)", text)
    assert not re.search(r"\d{4}-\d\d-\d\d", text)
