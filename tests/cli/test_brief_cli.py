"""`kamtui brief ACCOUNT [--format md|html|json] [-o FILE]`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kamtui.cli.main import main


def run(*args: str) -> int:
    return main(list(args))


def test_markdown_on_standard_output(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("brief", "northwind", "--db", str(demo_path)) == 0
    doc = capsys.readouterr().out
    assert doc.startswith("# Brief: Northwind Logistics Ltd\n")
    for heading in ("## Health", "## Who is who", "### Their side", "## Before you go",
                    "### Open complaints", "### Follow-ups due", "### Facts — do not ask again",
                    "### Goals", "### Last conversations", "### Revenue", "### Not bought yet"):  # fmt: skip
        assert f"\n{heading}\n" in doc
    assert "**single point of failure**" in doc
    assert "Propose QBR date to Gareth Hughes — 123 d overdue" in doc


def test_json_for_scripts(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("brief", "UK-0003", "--format", "json", "--db", str(demo_path)) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "kamtui.brief" and data["identity"]["name"] == "Northwind Logistics Ltd"
    assert data["today"] == "2026-11-15"
    assert len(data["conversations"]) == 5 and data["health"]["weakest"]


def test_output_file_takes_its_format_from_the_extension(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nw.html"
    assert run("brief", "northwind", "-o", str(target), "--db", str(demo_path)) == 0
    said = capsys.readouterr().out
    assert str(target) in said and "written" in said
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".kamtui-brief")] == []
    md = tmp_path / "nw.txt"
    assert run("brief", "northwind", "-o", str(md), "--format", "md", "--db", str(demo_path)) == 0
    assert md.read_text(encoding="utf-8").startswith("# Brief:")


def test_works_on_a_read_only_database(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.chmod(demo_path, 0o400)
    try:
        assert run("brief", "northwind", "--db", str(demo_path)) == 0
    finally:
        os.chmod(demo_path, 0o600)
    assert "# Brief: Northwind" in capsys.readouterr().out


def test_errors(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("brief", "no such account", "--db", str(demo_path)) == 2
    assert "no account matches" in capsys.readouterr().err
    assert run("brief", "northwind", "-o", str(tmp_path), "--db", str(demo_path)) == 2
    assert "is a directory" in capsys.readouterr().err
    missing = tmp_path / "nope" / "x.md"
    assert run("brief", "northwind", "-o", str(missing), "--db", str(demo_path)) == 2
    assert "no directory" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run("brief", "northwind", "--format", "pdf", "--db", str(demo_path))


def test_portfolio_brief_in_every_format(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kamtui.storage.db import open_store
    from tests.hostile import FORBIDDEN, make_evil

    store = open_store(demo_path)
    make_evil(store)  # Grupo Alimentario Muñoz: its champions are due for contact
    store.close()
    os.chmod(demo_path, 0o400)  # reading only
    try:
        assert run("brief", "--portfolio", "--db", str(demo_path)) == 0
        doc = capsys.readouterr().out
        for fmt in ("html", "json"):
            target = tmp_path / f"morning.{fmt}"
            assert run("brief", "--portfolio", "-o", str(target), "--db", str(demo_path)) == 0
            assert f"Portfolio brief written to {target}" in capsys.readouterr().out
    finally:
        os.chmod(demo_path, 0o600)
    assert doc.startswith("# Portfolio brief\n") and "\n## Contact due\n" in doc
    assert "\\[/\\]\\[bold red\\]Evil" in doc and not FORBIDDEN.search(doc)
    page = (tmp_path / "morning.html").read_text(encoding="utf-8")
    assert "[/][bold red]Evil" in page and not FORBIDDEN.search(page)
    assert "<script" not in page
    data = json.loads((tmp_path / "morning.json").read_text(encoding="utf-8"))
    assert data["kind"] == "kamtui.portfolio_brief"
    assert any(d["account"].startswith("[/][bold red]Evil") for d in data["contact_due"])
    assert not FORBIDDEN.search(json.dumps(data, ensure_ascii=False))


def test_portfolio_or_account_not_both(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("brief", "--db", str(demo_path)) == 2
    assert run("brief", "northwind", "--portfolio", "--db", str(demo_path)) == 2
    assert "ACCOUNT or --portfolio" in capsys.readouterr().err
