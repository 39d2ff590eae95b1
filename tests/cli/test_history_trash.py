"""`kamtui history` of an account in the trash: deleted, or merged into
another (then the output names the account holding its records now)."""

from __future__ import annotations

import json

from tests.cli.shell import ok


def test_history_of_a_deleted_account(k) -> None:  # type: ignore[no-untyped-def]
    ok(k("account", "add", "Peña Hermanos S.L.", "--number", "C-1", "--tier", "B"))
    ok(k("account", "edit", "C-1", "--tier", "A", "--user", "ana"))
    ok(k("account", "delete", "C-1", "--user", "bob"))
    for name in ("C-1", "Peña Hermanos S.L.", "hermanos", "#1"):
        got = json.loads(ok(k("history", name, "--json")))
        assert got["account"] == {"id": 1, "name": "Peña Hermanos S.L."}, name
        assert got["in_trash_since"] and got["merged_into"] is None
        assert [(c["user"], c["action"]) for c in got["changes"]][:2] == [
            ("bob", "deleted"),
            ("ana", "edited"),
        ]
    out = ok(k("history", "Peña"))
    assert "in the trash since 20" in out and "merged" not in out
    # A live account of the same name comes first.
    ok(k("account", "add", "Peña Hermanos S.L."))
    assert json.loads(ok(k("history", "Peña Hermanos S.L.", "--json")))["account"]["id"] == 2
    code, _, err = k("history", "Nadie")
    assert code == 2 and "no account matches" in err


def test_history_of_a_merged_account_points_to_the_target(k) -> None:  # type: ignore[no-untyped-def]
    ok(k("account", "add", "Talleres Norte S.L.", "--number", "T-1"))
    ok(k("account", "add", "Talleres del Norte SA", "--number", "T-2"))
    ok(k("merge", "account", "T-1", "T-2", "--yes"))
    # "T-1" is a former number of T-2 now: the live account answers to it.
    assert json.loads(ok(k("history", "T-1", "--json")))["account"]["id"] == 2
    got = json.loads(ok(k("history", "#1", "--json")))
    assert got["account"] == {"id": 1, "name": "Talleres Norte S.L."}
    assert got["merged_into"] == {"id": 2, "name": "Talleres del Norte SA", "merge_id": 1}
    assert got["changes"][0]["action"] == "deleted"
    out = ok(k("history", "#1"))
    assert "merged into Talleres del Norte SA (#2) by merge #1" in out
    assert "kamtui history '#2'" in out
    # Two in the trash answer to one word: both listed.
    ok(k("account", "add", "Norte Recambios"))
    ok(k("account", "delete", "Norte Recambios"))
    ok(k("account", "delete", "T-2"))
    code, _, err = k("history", "norte")
    assert code == 2 and "ambiguous" in err and "(#1)" in err and "(#3)" in err
