"""Every CLI output, plain or JSON, and every error that echoes what was
typed, passes user text through `textsafe.clean`: no escape sequence, C1
control (U+009B is a CSI) or bidi override reaches the terminal, and markup
stays literal text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.storage.db import Store
from tests.hostile import FORBIDDEN, make_evil


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse's usage errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_clean(*outputs: str) -> None:
    for text in outputs:
        bad = sorted({f"U+{ord(c):04X}" for c in FORBIDDEN.findall(text)})
        assert not bad, f"prints {bad}"


@pytest.fixture
def db(demo_store: Store) -> tuple[Path, str]:
    store = demo_store
    aid = make_evil(store)
    (number,) = store.one("SELECT account_number FROM accounts WHERE id = ?", (aid,))
    return store.path, number


COMMANDS = [
    ["health"],
    ["health", "{account}"],
    ["goals"],
    ["goals", "{account}"],
    ["goals", "--all"],
    ["followups", "--all"],
    ["map", "{account}"],
    ["search", "evil"],
    ["search", "Name"],
    ["search", "Summary"],
]


@pytest.mark.parametrize("json_output", [False, True], ids=["plain", "json"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_outputs_are_clean(
    db: tuple[Path, str],
    command: list[str],
    json_output: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, number = db
    args = [a.format(account=number) for a in command] + ["--db", str(path)]
    if json_output:
        args.append("--json")
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert_clean(out, err)
    # The hostile text is there, literally (tables may cut it short).
    assert "[bold red]" in out
    if json_output:
        json.loads(out)


def test_errors_that_echo_input_are_clean(
    db: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = db
    typed = "\x9b31m\u202eevil\x1b]0;pwned\x07"
    for args in (
        ["map", typed],  # no such account: the message names it
        ["health", "x", typed],  # argparse: "unrecognized arguments: …"
        ["followups", "--done", typed],
    ):
        code, out, err = run(capsys, *args, "--db", str(path))
        assert code == 2, (args, err)
        assert_clean(out, err)
        assert "31m" in err, err
