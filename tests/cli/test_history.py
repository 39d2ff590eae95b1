"""`kamtui history ACCOUNT` and `--user`: who changed what on an account,
from the shell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.shell import ok


@pytest.fixture(autouse=True)
def _os_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "osuser")


def history(k, *args: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return json.loads(ok(k("history", *args, "--json")))


def test_each_write_records_who_from_user_option_env_or_login(k, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ok(k("--user", "ana", "account", "add", "Peña Hermanos S.L.", "--tier", "b"))
    ok(k("person", "add", "Peña", "Lucía Gómez", "--side", "theirs", "--user", "bob"))
    monkeypatch.setenv("KAMTUI_USER", "carol")
    ok(k("fact", "add", "Peña", "Prefers e-mail", "--person", "Lucía"))
    ok(k("account", "edit", "Peña", "--tier", "A", "--user", "dave"))  # --user beats the env
    monkeypatch.delenv("KAMTUI_USER")
    ok(
        k(
            "log", "Peña", "--when", "yesterday 15:00", "--channel", "phone",
            "--level", "strategic", "--with", "Lucía", "--summary", "Plan 2027",
        )
    )  # fmt: skip
    ok(k("account", "delete", "Peña"))
    ok(k("restore", "account", "1"))
    got = history(k, "#1")
    seen = [(c["user"], c["kind"], c["action"]) for c in reversed(got["changes"])]
    assert seen == [
        ("ana", "account", "created"),
        ("bob", "person", "created"),
        ("carol", "fact", "created"),
        ("dave", "account", "edited"),
        ("osuser", "interaction", "created"),
        ("osuser", "participant", "created"),
        ("osuser", "account", "deleted"),
        ("osuser", "account", "restored"),
    ]
    edit = next(c for c in got["changes"] if c["action"] == "edited")
    assert edit["fields"] == [{"field": "tier", "old": "B", "new": "A"}]
    assert edit["label"] == "Peña Hermanos S.L." and edit["at"][:2] == "20"
    assert got["account"] == {"id": 1, "name": "Peña Hermanos S.L."}
    assert got["total"] == got["shown"] == 8 and got["recorded_since"] is None


def test_history_text_says_when_who_and_old_and_new(k) -> None:  # type: ignore[no-untyped-def]
    ok(k("account", "add", "Acme", "--user", "ana"))
    ok(k("account", "edit", "Acme", "--phone", "600 111 222", "--user", "bob"))
    out = ok(k("history", "Acme"))
    lines = out.splitlines()
    assert lines[0] == "Acme (#1) — 2 change(s)"
    assert "  bob  account #1 “Acme” edited" in lines[1]
    assert lines[2] == "    phone: — → “600 111 222”"
    assert "  ana  account #1 “Acme” created" in lines[3]
    assert "    name: “Acme”" in lines


def test_limit_and_since(k) -> None:  # type: ignore[no-untyped-def]
    ok(k("account", "add", "Acme"))
    for tier in "ABC":
        ok(k("account", "edit", "Acme", "--tier", tier))
    out = ok(k("history", "Acme", "--limit", "2"))
    assert "Acme (#1) — 4 change(s)" in out
    assert "… 2 older change(s) not shown (--limit 0 shows all)" in out
    assert out.count("edited") == 2
    got = history(k, "Acme", "--limit", "0")
    assert got["shown"] == 4
    assert history(k, "Acme", "--since", "2099-01-01")["changes"] == []
    assert history(k, "Acme", "--since", "2000-01-01")["total"] == 4


def test_an_import_is_one_entry_in_the_history(k, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ok(k("account", "add", "Acme", "--number", "C-1"))
    rows = "\n".join(f"2026-10-{d:02d},C-1,{d}00.00,Bearings,F-{d}" for d in range(1, 29))
    csv = tmp_path / "ventas.csv"
    csv.write_text("date,account_number,amount,category,document\n" + rows + "\n")
    ok(k("--user", "ana", "import", "transactions", str(csv)))
    got = history(k, "Acme")
    assert got["total"] == 2
    entry = got["changes"][0]
    assert (entry["kind"], entry["action"], entry["user"]) == ("import", "imported", "ana")
    assert entry["import"] == {
        "what": "transactions",
        "file": "ventas.csv",
        "rows": 28,
        "created": 28,
        "updated": 0,
        "unchanged": 0,
    }
    out = ok(k("history", "Acme"))
    assert "import of transactions from ventas.csv: 28 rows, 28 created" in out


def test_bad_arguments_exit_2(k) -> None:  # type: ignore[no-untyped-def]
    ok(k("account", "add", "Acme"))
    for args, words in (
        (("history", "Nobody"), "Nobody"),
        (("history", "Acme", "--since", "banana"), "--since"),
        (("history", "Acme", "--limit", "-3"), "--limit"),
        (("--user", "  ", "history", "Acme"), "--user"),
    ):
        code, _out, err = k(*args)
        assert code == 2 and words in err, (args, err)
        assert "Traceback" not in err
