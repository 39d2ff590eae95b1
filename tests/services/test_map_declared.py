"""Issue 14 on a real database: declared links in `kamtui map --json` and the
health of the demo's bow-tie; a goal created today leaves the score alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.services import goals, health, people
from kamtui.storage.db import Store, open_store
from tests.conftest import DEMO_TODAY


def ibanez(store: Store) -> tuple[int, int, int]:
    from kamtui.services import accounts

    acc = accounts.resolve(store, "ibanez").id
    marta = people.find_person(store, acc, "Marta Soler").id
    sofia = people.find_person(store, acc, "Sofía Arregui").id
    return acc, marta, sofia


def declare(path: Path, declared_on: str) -> int:
    s = open_store(path)
    acc, marta, sofia = ibanez(s)
    lid = people.link_people(s, marta, sofia)
    with s.write() as conn:
        conn.execute("UPDATE links SET created_at = ? WHERE id = ?", (declared_on, lid))
    s.close()
    return acc


def map_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    assert main(["--db", str(path), "map", "ibanez", "--json", "--today", "2026-11-15"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_map_json_marks_a_declared_link_not_yet_met(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    declare(demo_path, "2026-11-10T09:00:00")
    data = map_json(demo_path, capsys)
    link = next(lk for lk in data["links"] if lk["ours"] == "Marta Soler")
    assert link["active"] is True and link["declared_not_met"] is True
    assert link["declared"] == "2026-11-10"
    assert data["declared_not_met"] == 1
    assert any(
        r.startswith("declared, not yet met: Marta Soler ↔ Sofía Arregui") for r in data["reasons"]
    )
    met = next(lk for lk in data["links"] if lk["ours"] == "Jordi Puig")
    assert met["declared_not_met"] is False


def test_a_declared_link_past_its_grace_is_not_active(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    declare(demo_path, "2026-08-01T09:00:00")
    data = map_json(demo_path, capsys)
    assert data["shape"] == "bow-tie"
    link = next(lk for lk in data["links"] if lk["ours"] == "Marta Soler")
    assert link["active"] is False and link["declared_not_met"] is False


def test_declaring_a_link_leaves_the_bow_tie_in_the_revitalise_queue(demo_path: Path) -> None:
    acc = declare(demo_path, "2026-11-14T09:00:00")
    s = open_store(demo_path)
    try:
        whole = {h.account_id: h for h in health.portfolio_health(s, today=DEMO_TODAY, save=False)}
        one = health.account_health(s, acc, today=DEMO_TODAY, save=False)
    finally:
        s.close()
    for h in (whole[acc], one):
        assert "bow_tie" in {r.rule for r in h.revitalisation}, h.reasons


def test_a_goal_created_today_does_not_raise_the_score(demo_store: Store) -> None:
    acc, _, _ = ibanez(demo_store)
    before = health.account_health(demo_store, acc, today=DEMO_TODAY, save=False)
    goals.create(
        demo_store,
        acc,
        goal_type="broaden_map",
        title="Meet their quality team",
        target=4,
        today=DEMO_TODAY,
        due_date="2027-03-31",
    )
    (g,) = [
        g for g in goals.account_goals(demo_store, acc, DEMO_TODAY) if g.title.startswith("Meet")
    ]
    assert g.status == "not_started"
    after = health.account_health(demo_store, acc, today=DEMO_TODAY, save=False)
    assert after.score == before.score
    assert after.component("goal_progress").reason == before.component("goal_progress").reason
