"""Next steps and goal actions go to the trash like every other record: a
delete keeps the row (moved to the trash, version moved on), every listing
skips it, the trash lists and restores it (refused while what it hangs on
is itself in the trash), a stale form cannot bring it back silently, the
purge deletes it for good after the retention days, with its trail."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kamtui.config import PrivacyConfig
from kamtui.exporters.markdown import brief_markdown
from kamtui.services import accounts, brief, history, overview, people, privacy, retention, trash
from kamtui.services import followups as fu
from kamtui.services import goals as goal_service
from kamtui.services.errors import NotFound, RecordConflict, ServiceError
from kamtui.services.export import export
from kamtui.services.interactions import editing, log
from kamtui.services.interactions.timeline import timeline
from kamtui.storage.db import Store

TODAY = date(2026, 11, 15)
LATER = date(2099, 1, 31)  # past the default 30 days of the trash, whenever this runs


class World:
    def __init__(self, store: Store) -> None:
        self.account = accounts.add(store, {"name": "Peña Hermanos"})
        self.luis = people.create_person(
            store, self.account, people.person_input({"name": "Luis Soto", "side": "theirs"})
        )
        self.interaction = log.log_interaction(
            store,
            self.account,
            occurred_at="2026-11-10T10:00",
            channel="phone",
            level="strategic",
            summary="Plan 2027",
            participant_ids=[self.luis],
            next_steps=[("Send offer", "2026-11-18"), ("Visit the plant", "2026-11-19")],
        )
        steps = {s["text"]: s for s in editing.one(store, self.interaction)["next_steps"]}
        self.offer = int(steps["Send offer"]["id"])
        self.visit = int(steps["Visit the plant"]["id"])
        self.goal = goal_service.create(
            store,
            self.account,
            title="Win back",
            goal_type="new_method",
            target=1,
            baseline=0,
            today=TODAY,
            actions=[("Call Ana", "2026-11-17"), ("Propose dates", "2026-11-20")],
        )
        actions = {a.text: a for a in goal_service.get(store, self.goal, TODAY).actions}
        self.call = actions["Call Ana"].id
        self.dates = actions["Propose dates"].id


def _due(store: Store) -> list[str]:
    return [f.text for f in fu.followups(store, today=TODAY, contacts=False).due]


def _row(store: Store, table: str, row_id: int) -> dict[str, object]:
    row = store.one(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    assert row is not None, "the row must stay in the file while in the trash"
    return dict(row)


def test_a_next_step_goes_to_the_trash_and_comes_back(store: Store) -> None:
    w = World(store)
    before = _row(store, "next_steps", w.offer)
    fu.delete(store, fu.NEXT_STEP, w.offer)
    after = _row(store, "next_steps", w.offer)
    assert after["deleted_at"] and after["version"] == int(before["version"]) + 1  # type: ignore[call-overload]
    assert "Send offer" not in _due(store)
    [listed] = trash.items(store)
    assert (listed["kind"], listed["id"], listed["account"], listed["label"]) == (
        "next_step",
        w.offer,
        "Peña Hermanos",
        "Send offer",
    )
    assert listed["parent"] == "Plan 2027"
    with pytest.raises(NotFound):  # not twice
        fu.delete(store, fu.NEXT_STEP, w.offer)
    with pytest.raises(NotFound):  # nor marked done from the shell
        fu.mark_done(store, fu.NEXT_STEP, w.offer, today=TODAY)
    trash.restore(store, "next step", w.offer)
    assert _row(store, "next_steps", w.offer)["deleted_at"] is None
    assert "Send offer" in _due(store) and trash.items(store) == []


def test_a_goal_action_goes_to_the_trash_and_comes_back(store: Store) -> None:
    w = World(store)
    fu.delete(store, fu.GOAL_ACTION, w.call)
    assert _row(store, "goal_actions", w.call)["deleted_at"]
    assert "Call Ana" not in _due(store)
    [goal] = goal_service.account_goals(store, w.account, TODAY)
    assert [a.text for a in goal.actions] == ["Propose dates"]
    assert [g["open_actions"] for g in overview.goals(store, w.account)] == [1]
    [listed] = trash.items(store)
    assert (listed["kind"], listed["label"], listed["parent"], listed["account"]) == (
        "goal_action",
        "Call Ana",
        "Win back",
        "Peña Hermanos",
    )
    trash.restore(store, "goal_actions", w.call)
    [goal] = goal_service.account_goals(store, w.account, TODAY)
    assert [a.text for a in goal.actions] == ["Call Ana", "Propose dates"]
    assert "Call Ana" in _due(store)


def test_restore_is_refused_while_the_interaction_or_goal_is_in_the_trash(store: Store) -> None:
    w = World(store)
    fu.delete(store, fu.NEXT_STEP, w.offer)
    log.delete(store, w.interaction)
    with pytest.raises(ServiceError, match=r"interaction “Plan 2027” \(#\d+\).*restore the inter"):
        trash.restore(store, "next_step", w.offer)
    assert _row(store, "next_steps", w.offer)["deleted_at"]  # nothing written
    trash.restore(store, "interaction", w.interaction)
    trash.restore(store, "next_step", w.offer)
    assert "Send offer" in _due(store)

    fu.delete(store, fu.GOAL_ACTION, w.call)
    goal_service.delete(store, w.goal)
    with pytest.raises(ServiceError, match=r"goal “Win back”.*restore the goal first"):
        fu.restore(store, fu.GOAL_ACTION, w.call)
    accounts.delete(store, w.account)
    with pytest.raises(ServiceError, match=r"account “Peña Hermanos”.*restore the account"):
        fu.restore(store, fu.GOAL_ACTION, w.call)


def test_a_stale_form_does_not_bring_a_trashed_step_back(store: Store) -> None:
    w = World(store)
    loaded = fu.stored(store, fu.NEXT_STEP, w.offer)
    fu.delete(store, fu.NEXT_STEP, w.offer)
    with pytest.raises(RecordConflict) as caught:
        fu.update(store, fu.NEXT_STEP, w.offer, "Mine", None, expected_version=loaded["version"])
    assert caught.value.trashed
    row = _row(store, "next_steps", w.offer)
    assert row["deleted_at"] and row["text"] == "Send offer"
    with pytest.raises(NotFound):  # without a version (the shell): not found
        fu.update(store, fu.NEXT_STEP, w.offer, "Mine", None)
    # The conflict dialog's "restore and save".
    fu.update(
        store, fu.NEXT_STEP, w.offer, "Mine", None, expected_version=caught.value.version,
        restore=True,
    )  # fmt: skip
    row = _row(store, "next_steps", w.offer)
    assert row["deleted_at"] is None and row["text"] == "Mine"

    loaded = fu.stored(store, fu.GOAL_ACTION, w.call)
    fu.delete(store, fu.GOAL_ACTION, w.call)
    with pytest.raises(RecordConflict) as caught:
        fu.update(store, fu.GOAL_ACTION, w.call, "x", None, expected_version=loaded["version"])
    assert caught.value.trashed and _row(store, "goal_actions", w.call)["text"] == "Call Ana"


def test_the_interaction_edit_moves_removed_steps_to_the_trash(store: Store) -> None:
    w = World(store)
    fu.delete(store, fu.NEXT_STEP, w.visit)
    # Typed again, the trashed one is not matched (it would stay hidden): a new one.
    editing.edit(store, w.interaction, {}, next_steps=[("Visit the plant", "2026-11-19")])
    [again] = editing.one(store, w.interaction)["next_steps"]
    assert again["text"] == "Visit the plant" and again["id"] != w.visit
    editing.edit(store, w.interaction, {}, next_steps=[("Call back", None)])
    texts = [s["text"] for s in editing.one(store, w.interaction)["next_steps"]]
    assert texts == ["Call back"]
    assert sorted(i["label"] for i in trash.items(store)) == [
        "Send offer",
        "Visit the plant",
        "Visit the plant",
    ]


def test_listings_skip_trashed_steps_and_actions(store: Store, tmp_path: Path) -> None:
    w = World(store)
    fu.delete(store, fu.NEXT_STEP, w.offer)
    fu.delete(store, fu.GOAL_ACTION, w.call)
    assert _row(store, "next_steps", w.offer)["deleted_at"]  # still in the file
    assert _row(store, "goal_actions", w.call)["deleted_at"]
    # The timeline, the account brief (and its Markdown), the portfolio brief.
    [item] = timeline(store, w.account).items
    assert [s.text for s in item.next_steps] == ["Visit the plant"]
    account_brief = brief.account_brief(store, w.account, today=TODAY)
    text = brief_markdown(account_brief)
    assert "Visit the plant" in text and "Propose dates" in text
    assert "Send offer" not in text and "Call Ana" not in text
    due = brief.portfolio_brief(store, today=TODAY).followups
    assert {d.text for d in due} == {"Visit the plant", "Propose dates"}
    # Goals progress across the portfolio.
    [goal] = goal_service.portfolio_goals(store, TODAY)
    assert [a.text for a in goal.actions] == ["Propose dates"]
    # The export.
    export(store, tmp_path / "out", fmt="json")
    steps = json.loads((tmp_path / "out" / "next_steps.json").read_text(encoding="utf-8"))
    actions = json.loads((tmp_path / "out" / "goal_actions.json").read_text(encoding="utf-8"))
    assert [s["text"] for s in steps] == ["Visit the plant"]
    assert [a["text"] for a in actions] == ["Propose dates"]


def test_subject_access_marks_trashed_steps(store: Store) -> None:
    w = World(store)
    fu.delete(store, fu.NEXT_STEP, w.offer)
    data = privacy.subject_access(store, w.luis, today=TODAY)
    [meeting] = data["interactions"]
    # The file holds it until the purge, so the person is told, and how it stands.
    assert "Send offer (due 2026-11-18) (in the trash)" in meeting["next_steps"]
    assert "Visit the plant (due 2026-11-19)" in meeting["next_steps"]
    assert "Visit the plant (due 2026-11-19) (in the trash)" not in meeting["next_steps"]


def test_the_history_says_trashed_and_restored(store: Store) -> None:
    w = World(store)
    fu.delete(store, fu.NEXT_STEP, w.offer)
    fu.restore(store, fu.NEXT_STEP, w.offer)
    fu.delete(store, fu.GOAL_ACTION, w.call)
    got = [
        (c.kind, c.action)
        for c in history.account_history(store, w.account).changes
        if c.kind in ("next_step", "goal_action") and c.action != "created"
    ]
    assert sorted(got) == [
        ("goal_action", "deleted"),
        ("next_step", "deleted"),
        ("next_step", "restored"),
    ]


def test_purge_deletes_them_for_good_with_their_trail(store: Store) -> None:
    w = World(store)
    fu.delete(store, fu.NEXT_STEP, w.offer)
    fu.delete(store, fu.GOAL_ACTION, w.call)
    config = PrivacyConfig()
    report = retention.report(store, today=LATER, config=config)
    assert {(i["kind"], i["label"]) for i in report.trash_past_retention} == {
        ("next_step", "Send offer"),
        ("goal_action", "Call Ana"),
    }
    assert retention.purge(store, today=TODAY, days=config.trash_days).purged == []
    result = retention.purge(store, today=LATER, days=config.trash_days, thorough=False)
    assert len(result.purged) == 2
    assert store.one("SELECT 1 FROM next_steps WHERE id = ?", (w.offer,)) is None
    assert store.one("SELECT 1 FROM goal_actions WHERE id = ?", (w.call,)) is None
    for kind, row_id in (("next_step", w.offer), ("goal_action", w.call)):
        trail = store.one(
            "SELECT COUNT(*) FROM audit_log WHERE kind = ? AND row_id = ?", (kind, row_id)
        )
        assert trail[0] == 0, kind
    # The live ones stay, with their trail.
    assert _due(store) == ["Visit the plant", "Propose dates"]
    assert store.one("SELECT COUNT(*) FROM audit_log WHERE kind = 'next_step' AND row_id = ?",
                     (w.visit,))[0] > 0  # fmt: skip


def test_purging_an_interaction_or_goal_forgets_the_trail_of_what_went_with_it(
    store: Store,
) -> None:
    w = World(store)
    fu.delete(store, fu.NEXT_STEP, w.offer)  # in the trash with its interaction
    log.delete(store, w.interaction)
    goal_service.delete(store, w.goal)
    retention.purge(store, today=LATER, days=30, thorough=False)
    assert store.one("SELECT COUNT(*) FROM next_steps")[0] == 0
    assert store.one("SELECT COUNT(*) FROM goal_actions")[0] == 0
    for kind in ("next_step", "goal_action"):
        assert store.one("SELECT COUNT(*) FROM audit_log WHERE kind = ?", (kind,))[0] == 0


def test_the_apps_automatic_purge_takes_them_too(store: Store) -> None:
    w = World(store)
    fu.delete(store, fu.GOAL_ACTION, w.dates)
    assert retention.auto_purge(store, today=LATER, config=PrivacyConfig()) == 1
    assert store.one("SELECT 1 FROM goal_actions WHERE id = ?", (w.dates,)) is None


def test_erasure_rewrites_trashed_steps_and_actions(store: Store) -> None:
    w = World(store)
    nina = people.create_person(
        store, w.account, people.person_input({"name": "Nina Ortega", "side": "theirs"})
    )
    step = log.log_interaction(
        store,
        w.account,
        occurred_at="2026-11-11T10:00",
        channel="email",
        level="operational",
        summary="Samples",
        next_steps=[("Send samples to Nina Ortega", None)],
    )
    [sid] = [s["id"] for s in editing.one(store, step)["next_steps"]]
    aid = goal_service.add_action(store, w.goal, "Lunch with Nina Ortega", None)
    fu.delete(store, fu.NEXT_STEP, sid)
    fu.delete(store, fu.GOAL_ACTION, aid)
    privacy.erase_person(store, nina)
    for table, row_id in (("next_steps", sid), ("goal_actions", aid)):
        row = _row(store, table, row_id)
        assert "Nina" not in str(row["text"]) and "Ortega" not in str(row["text"])
        assert row["deleted_at"]  # still in the trash


def test_a_stale_interaction_form_does_not_add_a_trashed_step_again(store: Store) -> None:
    w = World(store)
    loaded = editing.one(store, w.interaction)
    fu.delete(store, fu.NEXT_STEP, w.offer)
    typed = [(s["text"], s["due_date"]) for s in loaded["next_steps"]]  # both, as loaded
    with pytest.raises(RecordConflict):
        editing.edit(
            store, w.interaction, {"summary": "Plan 2027 y tarifas"}, next_steps=typed,
            expected_version=loaded["version"],
        )  # fmt: skip
    assert [s["text"] for s in editing.one(store, w.interaction)["next_steps"]] == [
        "Visit the plant"
    ]


def test_a_trashed_step_does_not_hide_the_goal_action_it_repeats(store: Store) -> None:
    w = World(store)
    same = goal_service.add_action(store, w.goal, "Send offer", "2026-11-18")
    fu.delete(store, fu.NEXT_STEP, w.offer)
    listed = {(f.kind, f.id) for f in fu.followups(store, today=TODAY, contacts=False).due}
    assert (fu.GOAL_ACTION, same) in listed and (fu.NEXT_STEP, w.offer) not in listed
