"""`kamtui log`, `kamtui search`, `kamtui followups` from the shell."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kamtui.cli.main import main


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def tty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Tty(""))


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def _log(demo_path: Path, *args: str) -> int:
    return main(["--db", str(demo_path), "log", *args])


def test_log_prints_the_new_id(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("- Acordado: **stock** en consigna\n[/] ok\n"))
    code = _log(
        demo_path,
        "conservas peña",
        "--when",
        "yesterday 15:00",
        "--channel",
        "Teléfono",
        "--level",
        "strategic",
        "--kind",
        "call",
        "--with",
        "Lucía, Íñigo",
        "--mood",
        "4",
        "--summary",
        "Plan 2027 con compras",
        "--next",
        "Enviar oferta@next friday",
        "--next",
        "Llamar a Íñigo",
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    iid = int(captured.out.strip())
    conn = sqlite3.connect(demo_path)
    row = conn.execute(
        "SELECT occurred_at, channel, level, kind, mood, summary, notes FROM interactions"
        " WHERE id = ?",
        (iid,),
    ).fetchone()
    assert row == (
        "2026-11-14T15:00",
        "phone",
        "strategic",
        "call",
        4,
        "Plan 2027 con compras",
        "- Acordado: **stock** en consigna\n[/] ok",
    )
    people = [
        r[0]
        for r in conn.execute(
            "SELECT p.name FROM interaction_participants ip JOIN people p ON p.id = ip.person_id"
            " WHERE ip.interaction_id = ? ORDER BY p.side, p.name",
            (iid,),
        )
    ]
    assert people == ["Lucía Fernández", "Íñigo Peña"]
    steps = conn.execute(
        "SELECT text, due_date FROM next_steps WHERE interaction_id = ? ORDER BY id", (iid,)
    ).fetchall()
    assert steps == [("Enviar oferta", "2026-11-20"), ("Llamar a Íñigo", None)]
    conn.close()


def test_note_file_and_tty_stdin(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], tty_stdin: None
) -> None:
    note = tmp_path / "note.md"
    note.write_text("# Notas\n\nTodo bien", encoding="utf-8")
    base = ["northwind", "--when", "2025-03-07", "--channel", "video", "--level", "operational"]
    assert _log(demo_path, *base, "--summary", "With file", "--note-file", str(note)) == 0
    assert _log(demo_path, *base, "--summary", "No notes") == 0
    out = capsys.readouterr().out.split()
    conn = sqlite3.connect(demo_path)
    notes = [
        conn.execute(
            "SELECT notes, occurred_at FROM interactions WHERE id = ?", (int(i),)
        ).fetchone()
        for i in out
    ]
    conn.close()
    assert notes == [("# Notas\n\nTodo bien", "2025-03-07T00:00"), (None, "2025-03-07T00:00")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["S.A.", "--with", "x"], "account 'S.A.' is ambiguous: Automoción Ibáñez S.A."),
        (["Nadie Corp"], "no account matches"),
        (["conservas peña", "--with", "Lucía, Zacarías"], "no person 'Zacarías'"),
        (["conservas peña", "--with", "a"], "person 'a' is ambiguous"),
        (["conservas peña", "--channel", "pigeon"], "unknown channel 'pigeon'"),
        (["conservas peña", "--mood", "7"], "--mood: 7 is not between 1 and 5"),
        (["conservas peña", "--when", "someday"], "when: cannot read"),
        (["conservas peña", "--next", "Oferta@el día del juicio"], "next step 'Oferta'"),
    ],
)
def test_log_errors_exit_2_and_write_nothing(
    demo_path: Path,
    capsys: pytest.CaptureFixture[str],
    tty_stdin: None,
    args: list[str],
    message: str,
) -> None:
    before = _count(demo_path, "interactions"), _count(demo_path, "next_steps")
    defaults = {"--when": "today", "--channel": "phone", "--level": "operational"}
    for flag, value in defaults.items():
        if flag not in args:
            args = [*args, flag, value]
    code = _log(demo_path, *args, "--summary", "x", "--next", "algo@tomorrow")
    err = capsys.readouterr().err
    assert code == 2
    assert message in err, err
    assert (_count(demo_path, "interactions"), _count(demo_path, "next_steps")) == before


def test_log_can_open_a_complaint(
    demo_path: Path, capsys: pytest.CaptureFixture[str], tty_stdin: None
) -> None:
    before = _count(demo_path, "complaints")
    code = _log(
        demo_path,
        "northwind",
        "--when",
        "today 9:00",
        "--channel",
        "email",
        "--level",
        "operational",
        "--kind",
        "complaint",
        "--summary",
        "Late pallets again",
        "--complaint",
        "high",
    )
    assert code == 0, capsys.readouterr().err
    assert _count(demo_path, "complaints") == before + 1


def test_search_json_and_text(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_path), "search", "ibanez", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and all(set(h) >= {"kind", "id", "account", "title", "snippet"} for h in hits)
    assert {"account", "person"} <= {h["kind"] for h in hits}
    assert main(["--db", str(demo_path), "search", 'NEAR("x', "-", "(*"]) == 0
    assert "No matches" in capsys.readouterr().out
    assert main(["--db", str(demo_path), "search", "lubricación"]) == 0
    text = capsys.readouterr().out
    assert "Interaction" in text and "\x1b" not in text


def test_followups_cli(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_path), "followups", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {r["bucket"] for r in rows} <= {"overdue", "today", "week"}
    assert {r["kind"] for r in rows} == {"next_step", "goal_action", "contact_due"}
    assert main(["--db", str(demo_path), "followups"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Overdue (") and "This week (" in text
    first = next(r for r in rows if r["kind"] == "next_step")
    ref = f"n{first['id']}"
    assert main(["--db", str(demo_path), "followups", "--done", ref]) == 0
    capsys.readouterr()
    main(["--db", str(demo_path), "followups", "--json"])
    assert first["id"] not in {
        r["id"] for r in json.loads(capsys.readouterr().out) if r["kind"] == "next_step"
    }
    assert main(["--db", str(demo_path), "followups", "--done", "x1"]) == 2


def test_log_from_a_real_shell_reads_stdin_and_skips_textual(demo_path: Path) -> None:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    # Nor, being a one-shot process, what it does not use: pydantic (the
    # interaction is validated in plain Python) and the account models, the
    # other commands and what they need, dateutil for a date it reads itself,
    # sqlite_utils. (A name stands for its submodules too.)
    unused = (
        "textual",
        "rich",
        "pydantic",
        "kamtui.domain.models",
        "kamtui.storage.accounts",
        "kamtui.cli.commands.demo",
        "kamtui.cli.commands.imports",
        "kamtui.cli.commands.goals",
        "kamtui.cli.commands.health",
        "kamtui.cli.commands.search",
        "kamtui.cli.commands.followups",
        "kamtui.cli.commands.map",
        "kamtui.services.people",
        "kamtui.services.goals",
        "kamtui.services.health",
        "kamtui.services.search",
        "kamtui.importers",
        "kamtui.config",
        "dateutil",
        "sqlite_utils",
    )
    code = (
        "import sys\n"
        "from kamtui.cli.main import main\n"
        "rc = main(sys.argv[1:])\n"
        f"unused = {unused!r}\n"
        "bad = [m for m in sys.modules if any(m == u or m.startswith(u + '.') for u in unused)]\n"
        "print('LOADED', bad, file=sys.stderr)\n"
        "sys.exit(rc)\n"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "--db",
            str(demo_path),
            "log",
            "Muñoz",
            "--when",
            "last friday",
            "--channel",
            "in person",
            "--level",
            "satisfaction",
            "--summary",
            "Revisión",
        ],
        input="nota desde stdin",
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "LOADED []" in proc.stderr
    iid = int(proc.stdout.strip())
    conn = sqlite3.connect(demo_path)
    assert conn.execute("SELECT notes FROM interactions WHERE id = ?", (iid,)).fetchone() == (
        "nota desde stdin",
    )
    conn.close()


@pytest.mark.parametrize(
    "query",
    [
        "conservas peña",
        "CONSERVAS PENA S.A.",
        "northwind",
        "Muñoz",
        "S.A.",
        "Nadie Corp",
        "  ibáñez ",
        "a",
        "%",
        "_",
        "",
    ],
)
def test_log_resolves_accounts_as_the_account_service_does(demo_path: Path, query: str) -> None:
    """`kamtui log` finds the account with a lighter lookup (no models): same
    account, or the same error with the same candidates."""
    from kamtui.services import accounts
    from kamtui.services.errors import ServiceError
    from kamtui.services.lookup import resolve_account
    from kamtui.storage.db import open_store

    store = open_store(demo_path)
    try:
        try:
            account = accounts.resolve(store, query)
            expected: object = (account.id, account.name)
        except ServiceError as exc:
            expected = (type(exc), str(exc))
        try:
            got: object = tuple(resolve_account(store, query))
        except ServiceError as exc:
            got = (type(exc), str(exc))
    finally:
        store.close()
    assert got == expected


def test_log_resolves_numbers_and_skips_the_trash(demo_path: Path) -> None:
    from kamtui.services import accounts
    from kamtui.services.errors import Ambiguous, NotFound
    from kamtui.services.lookup import resolve_account
    from kamtui.storage.db import open_store

    store = open_store(demo_path)
    try:
        first, second = store.query("SELECT id, name FROM accounts ORDER BY id LIMIT 2")
        with store.write() as conn:
            conn.execute("UPDATE accounts SET account_number = 'K-1' WHERE id = ?", (first[0],))
            conn.execute(
                "INSERT INTO account_identifiers (account_id, business_unit, number)"
                " VALUES (?, 'south', 'S-77')",
                (second[0],),
            )
        assert resolve_account(store, "K-1") == (first[0], first[1])
        assert resolve_account(store, " S-77 ") == (second[0], second[1])
        # A number shared by two accounts is not an answer: the name decides,
        # else both are listed with the "#N" that picks one.
        with store.write() as conn:
            conn.execute("UPDATE accounts SET account_number = 'S-77' WHERE id = ?", (first[0],))
        with pytest.raises(Ambiguous, match=f"#{first[0]}.*#{second[0]}"):
            resolve_account(store, "S-77")
        assert resolve_account(store, f"#{second[0]}") == (second[0], second[1])
        # A name that is the same for two accounts lists both.
        with store.write() as conn:
            conn.execute(
                "UPDATE accounts SET name = ?, name_key = (SELECT name_key FROM accounts"
                " WHERE id = ?) WHERE id = ?",
                (second[1] + " ", second[0], first[0]),
            )
        with pytest.raises(Ambiguous, match=f"#{first[0]}.*#{second[0]}"):
            resolve_account(store, second[1])
        accounts.delete(store, first[0])
        assert resolve_account(store, second[1]) == (second[0], second[1])
        with pytest.raises(NotFound):
            resolve_account(store, "K-1")
    finally:
        store.close()


def test_log_refuses_people_in_the_trash(
    demo_path: Path, capsys: pytest.CaptureFixture[str], tty_stdin: None
) -> None:
    conn = sqlite3.connect(demo_path)
    conn.execute("UPDATE people SET deleted_at = '2026-11-01T00:00:00' WHERE name = 'Íñigo Peña'")
    conn.commit()
    conn.close()
    before = _count(demo_path, "interactions")
    base = ["--when", "today", "--channel", "phone", "--level", "operational", "--summary", "x"]
    assert _log(demo_path, "conservas peña", *base, "--with", "Íñigo Peña") == 2
    assert "no person 'Íñigo Peña'" in capsys.readouterr().err
    assert _count(demo_path, "interactions") == before


def _all_counts(path: Path) -> tuple[int, ...]:
    tables = ("interactions", "interaction_participants", "next_steps", "complaints")
    return tuple(_count(path, t) for t in tables)


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--when", "999999 days ago"], "--when: '999999 days ago'"),
        (["--when", "hace 9999999999 días"], "--when: 'hace 9999999999 días'"),
        (["--when", "9999-12-31"], "--when: '9999-12-31'"),
        (["--when", "1/1/1899"], "--when: '1/1/1899'"),
        (["--next", "x@999999 days ago"], "--next: next step 'x': '999999 days ago'"),
        (["--next", "x@in 999999999 weeks"], "--next: next step 'x'"),
        (["--today", "9999-12-31"], "--today: '9999-12-31'"),
    ],
)
def test_log_refuses_dates_outside_1900_2200_naming_the_option(
    demo_path: Path,
    capsys: pytest.CaptureFixture[str],
    tty_stdin: None,
    args: list[str],
    option: str,
) -> None:
    before = _all_counts(demo_path)
    defaults = {"--when": "today", "--channel": "phone", "--level": "operational"}
    for flag, value in defaults.items():
        if flag not in args:
            args = [*args, flag, value]
    code = _log(demo_path, "northwind", *args, "--summary", "x", "--complaint")
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"kamtui: error: {option}") and err.count("\n") == 1, err
    assert "outside the accepted dates (1900-01-01 to 2200-12-31)" in err
    assert _all_counts(demo_path) == before


def test_log_refuses_huge_numbers_in_dates_without_a_traceback(
    demo_path: Path, capsys: pytest.CaptureFixture[str], tty_stdin: None
) -> None:
    """dateutil's own decimal.InvalidOperation escaped the 'cannot read' message."""
    before = _all_counts(demo_path)
    base = ["northwind", "--channel", "phone", "--level", "operational", "--summary", "x"]
    assert _log(demo_path, *base, "--when", "99999999999999999999999999999 hours ago") == 2
    assert "--when: cannot read" in capsys.readouterr().err
    assert _log(demo_path, *base, "--when", "today", "--next", "a@" + "9" * 30 + " minutes") == 2
    assert "--next: next step 'a': cannot read" in capsys.readouterr().err
    assert _all_counts(demo_path) == before


def test_log_refuses_arguments_that_are_not_utf8(
    demo_path: Path, capsys: pytest.CaptureFixture[str], tty_stdin: None
) -> None:
    """A Latin-1 byte in argv reaches Python as a lone surrogate, which SQLite
    cannot store: it was a UnicodeEncodeError traceback."""
    before = _all_counts(demo_path)
    base = ["northwind", "--when", "today", "--channel", "phone", "--level", "operational"]
    assert _log(demo_path, *base, "--summary", "caf\udce9") == 2
    assert (
        capsys.readouterr().err
        == "kamtui: error: --summary: not valid UTF-8 text; nothing was logged\n"
    )
    assert _all_counts(demo_path) == before


def test_log_refuses_piped_notes_that_are_not_utf8(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, unreadable notes were dropped and the interaction logged without them."""
    stdin = io.TextIOWrapper(io.BytesIO("Reunión en la fábrica".encode("latin-1")), "utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    before = _all_counts(demo_path)
    base = ["northwind", "--when", "today", "--channel", "phone", "--level", "operational"]
    assert _log(demo_path, *base, "--summary", "x") == 2
    assert "notes: standard input is not UTF-8 text" in capsys.readouterr().err
    assert _all_counts(demo_path) == before


def test_log_blank_complaint_severity_opens_a_medium_complaint(
    demo_path: Path, capsys: pytest.CaptureFixture[str], tty_stdin: None
) -> None:
    base = ["northwind", "--when", "today", "--channel", "phone", "--level", "operational"]
    assert _log(demo_path, *base, "--summary", "x", "--complaint=") == 0, capsys.readouterr().err
    iid = int(capsys.readouterr().out)
    conn = sqlite3.connect(demo_path)
    row = conn.execute(
        "SELECT severity FROM complaints WHERE interaction_id = ?", (iid,)
    ).fetchone()
    conn.close()
    assert row == ("medium",)


@pytest.mark.parametrize("value", ["not-a-date", "9999-12-31"])
def test_a_bad_kamtui_today_is_a_clear_error(
    demo_path: Path,
    capsys: pytest.CaptureFixture[str],
    tty_stdin: None,
    monkeypatch: pytest.MonkeyPatch,
    value: str,
) -> None:
    monkeypatch.setenv("KAMTUI_TODAY", value)
    before = _all_counts(demo_path)
    base = ["northwind", "--when", "tomorrow", "--channel", "phone", "--level", "operational"]
    assert _log(demo_path, *base, "--summary", "x") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kamtui: error: KAMTUI_TODAY='{value}'") and err.count("\n") == 1
    assert _all_counts(demo_path) == before
