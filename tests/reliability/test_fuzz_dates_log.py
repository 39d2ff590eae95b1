"""Property tests: the date parser and `kamtui log` never crash, whatever the text.

The parser returns a date within 1900-01-01..2200-12-31 or raises its own
DateError; `kamtui log` stores exactly what it was given (exit 0) or writes
nothing and prints one clear line (exit 2). Budget: the "kamtui" profile
(KAMTUI_FUZZ_EXAMPLES, default 150) per test."""

from __future__ import annotations

import io
import itertools
import shutil
import sqlite3
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from kamtui import dates, vocab
from kamtui.cli.main import main

TODAY = date(2026, 11, 15)

# -- strategies --------------------------------------------------------------------

# Any character a shell can hand over: lone surrogates are what Python makes of
# undecodable bytes in argv (surrogateescape); only NUL cannot be in argv.
ANY_CHAR = st.characters(codec=None, exclude_categories=(), exclude_characters="\x00")
ANY_TEXT = st.text(ANY_CHAR, max_size=40)
# Numbers around every limit: small, at the range's edge, past int() and
# timedelta's, and in other scripts' digits.
NUMBERS = st.one_of(
    st.integers(0, 400).map(str),
    st.integers(0, 31).map(str),
    st.integers(0, 10**40).map(str),
    st.sampled_from(["0", "73000", "999999999", "10**30", "1e30", "9" * 5000, "٣", "１２"]),
)
UNITS = st.sampled_from(
    [
        "day",
        "days",
        "días",
        "dias",
        "día",
        "week",
        "weeks",
        "semana",
        "semanas",
        "month",
        "months",
        "mes",
        "meses",
        "year",
        "years",
        "año",
        "años",
        "anos",
        "hours",
        "minutes",
    ]
)
WEEKDAYS = st.sampled_from(["friday", "lunes", "miércoles", "sábado", "domingo", "viernes"])
CLOCKS = st.one_of(
    st.builds(lambda h, m: f"{h}:{m:02d}", NUMBERS, st.integers(0, 99)),
    st.builds(lambda h: f"{h}pm", NUMBERS),
    NUMBERS,
)
DAY_FIRST = st.builds(
    lambda d, m, y, sep: f"{d}{sep}{m}{sep}{y}",
    NUMBERS,
    NUMBERS,
    NUMBERS,
    st.sampled_from(["/", "-", ".", " de "]),
)
PHRASES = st.one_of(
    st.builds(lambda n, u: f"{n} {u} ago", NUMBERS, UNITS),
    st.builds(lambda n, u: f"hace {n} {u}", NUMBERS, UNITS),
    st.builds(
        lambda p, n, u: f"{p} {n} {u}", st.sampled_from(["in", "en", "dentro de"]), NUMBERS, UNITS
    ),
    st.builds(
        lambda w, c: f"{w} {c}".strip(),
        st.sampled_from(["today", "hoy", "yesterday", "ayer", "tomorrow", "mañana"]),
        st.one_of(st.just(""), CLOCKS, CLOCKS.map("at {}".format), CLOCKS.map("a las {}".format)),
    ),
    st.builds(
        lambda p, w, c: f"{p} {w} {c}".strip(),
        st.sampled_from(["last", "next", "el pasado", "el próximo", "el"]),
        WEEKDAYS,
        st.one_of(st.just(""), CLOCKS),
    ),
    DAY_FIRST,
    st.builds(lambda y, m, d: f"{y}-{m}-{d}", NUMBERS, NUMBERS, NUMBERS),
    st.builds(lambda d, c: f"{d} {c}", DAY_FIRST, CLOCKS),
    st.builds(lambda n, m: f"{n} {m}", NUMBERS, st.sampled_from(["March", "marzo", "Dec"])),
)
DATE_TEXT = st.one_of(ANY_TEXT, PHRASES, PHRASES)


# -- the parser --------------------------------------------------------------------


@given(text=DATE_TEXT, today=st.dates(date(1900, 1, 1), date(2200, 12, 31)))
@example(text="999999 days ago", today=TODAY)
@example(text="hace 9999999999 días", today=TODAY)
@example(text="hace " + "9" * 5000 + " días", today=TODAY)
@example(text="9999-12-31", today=TODAY)
@example(text="tomorrow", today=date(2200, 12, 31))
def test_parser_returns_a_date_in_range_or_its_own_error(text: str, today: date) -> None:
    try:
        value = dates.parse_datetime(text, today=today)
    except dates.DateError as exc:
        event("DateError")
        message = str(exc)
        assert message and "\n" not in message and len(message) < 200
        return
    assert isinstance(value, datetime) and value.tzinfo is None
    assert dates.MIN_DATE <= value.date() <= dates.MAX_DATE
    assert dates.parse_date(text, today=today) == value.date()


@given(day=st.dates(date(1900, 1, 1), date(2200, 12, 31)), clock=st.times())
def test_iso_dates_round_trip(day: date, clock: time) -> None:
    assert dates.parse_date(day.isoformat(), today=TODAY) == day
    moment = datetime.combine(day, clock.replace(second=0, microsecond=0))
    stored = dates.iso(moment)
    assert stored is not None
    assert dates.parse_datetime(stored, today=TODAY) == moment
    assert dates.iso(dates.parse_datetime(stored, today=TODAY)) == stored
    # Day-first display, as the UI shows it, reads back as the same day.
    assert dates.parse_date(dates.display_date(day.isoformat()), today=TODAY) == day


# -- `kamtui log` ------------------------------------------------------------------

ACCOUNTS = ["Conservas Peña S.A.", "Northwind Trading"]
PEOPLE = {
    "Conservas Peña S.A.": [("Lucía Fernández", "ours"), ("Íñigo Peña", "theirs")],
    "Northwind Trading": [("Ana Ruiz", "theirs")],
}
_SERIAL = itertools.count()
TABLES = ("interactions", "interaction_participants", "next_steps", "complaints")


@pytest.fixture(scope="module")
def log_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two accounts with their people, made once; each example gets a copy."""
    from kamtui.domain.models import AccountInput, PersonInput
    from kamtui.services import accounts, people
    from kamtui.storage.db import open_store

    path = tmp_path_factory.mktemp("fuzz-log") / "template.db"
    store = open_store(path)
    for name in ACCOUNTS:
        aid = accounts.create(store, AccountInput(name=name))
        for person, side in PEOPLE[name]:
            people.create_person(store, aid, PersonInput(name=person, side=side))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def _labels(words: vocab.Vocabulary) -> list[str]:
    return [w for key, labels in words.entries.items() for w in (key, *labels)]


def _or_random(
    choices: list[str], random: st.SearchStrategy[str] = ANY_TEXT
) -> st.SearchStrategy[str]:
    # Mostly valid values (each about 7 in 8), so a fair share of the examples
    # reach the write and not only the first refusal.
    # (one_of would not do: it does not weight repeated branches.)
    valid = st.sampled_from(choices)
    return st.sampled_from([True] * 7 + [False]).flatmap(lambda ok: valid if ok else random)


WHEN = _or_random(
    ["today", "ayer 15:00", "7/3/2025", "hace 3 días", "in 2 weeks", "last friday", "now"],
    DATE_TEXT,
)
NEXT_STEP = st.one_of(
    st.builds(lambda t, d: f"{t}@{d}", ANY_TEXT, DATE_TEXT),
    st.builds(lambda d: f"Enviar oferta@{d}", WHEN),
    st.builds(lambda d: f"Llamar@{d}", WHEN),
    ANY_TEXT,
)
LOG_ARGS = st.fixed_dictionaries(
    {
        "account": _or_random(["conservas peña", "northwind", "Peña", "S.A."]),
        "when": WHEN,
        "channel": _or_random(_labels(vocab.CHANNEL)),
        "level": _or_random(_labels(vocab.LEVEL)),
        "summary": ANY_TEXT,
    },
    optional={
        "kind": _or_random(_labels(vocab.KIND)),
        "with": st.lists(_or_random(["Lucía", "Íñigo Peña", "Ana", "lucia, iñigo"]), max_size=2),
        "mood": _or_random(["1", "3", "5", " 4 "]),
        "next": st.lists(NEXT_STEP, max_size=3),
        "complaint": st.one_of(st.none(), _or_random(_labels(vocab.SEVERITY))),
        "notes": ANY_TEXT,
    },
)


def _argv(db: Path, args: dict[str, object]) -> list[str]:
    # "--opt=value" and "--" keep argparse from taking a value that starts
    # with "-" for an option: the property is about kamtui, not argparse.
    argv = ["--db", str(db), "log"]
    for opt in ("when", "channel", "level", "summary", "kind", "mood"):
        if opt in args:
            argv.append(f"--{opt}={args[opt]}")
    argv += [f"--with={w}" for w in args.get("with", [])]  # type: ignore[attr-defined]
    argv += [f"--next={n}" for n in args.get("next", [])]  # type: ignore[attr-defined]
    if "complaint" in args:
        severity = args["complaint"]
        argv.append("--complaint" if severity is None else f"--complaint={severity}")
    return [*argv, "--", str(args["account"])]


def _counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@given(args=LOG_ARGS)
@example(
    args={
        "account": "northwind",
        "when": "999999 days ago",
        "channel": "phone",
        "level": "strategic",
        "summary": "x",
    }
)
@example(
    args={
        "account": "northwind",
        "when": "hace 9999999999 días",
        "channel": "phone",
        "level": "strategic",
        "summary": "x",
    }
)
@example(
    args={
        "account": "northwind",
        "when": "today",
        "channel": "phone",
        "level": "strategic",
        "summary": "x",
        "next": ["x@999999 days ago"],
    }
)
@example(
    args={
        "account": "northwind",
        "when": "today",
        "channel": "phone",
        "level": "strategic",
        "summary": "caf\udce9",
    }  # a Latin-1 byte in argv
)
def test_log_stores_exactly_what_it_was_given_or_nothing(
    args: dict[str, object],
    log_template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # tmp_path is shared by the examples: a new file each, no stale WAL.
    db = tmp_path / f"fuzz-{next(_SERIAL)}.db"
    shutil.copyfile(log_template, db)
    notes = args.get("notes")
    monkeypatch.setattr(sys, "stdin", _Tty("") if notes is None else io.StringIO(str(notes)))
    before = _counts(db)
    capsys.readouterr()
    code = main(_argv(db, args))
    out, err = capsys.readouterr()
    after = _counts(db)
    event(f"exit {code}")  # --hypothesis-show-statistics: how many reach the write
    if code == 2:
        assert out == ""
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("kamtui: error: "), err
        assert after == before
        return
    assert code == 0, err
    _check_stored(db, int(out), args)
    # A --when after today is logged with one warning line, else nothing.
    conn = sqlite3.connect(db)
    try:
        (stored,) = conn.execute(
            "SELECT occurred_at FROM interactions WHERE id = ?", (int(out),)
        ).fetchone()
    finally:
        conn.close()
    if stored[:10] > TODAY.isoformat():
        assert err == (
            f"kamtui: warning: --when {stored[:10]} is after today ({TODAY.isoformat()}); "
            "logged as given\n"
        )
    else:
        assert err == ""
    steps = args.get("next", [])
    assert after["interactions"] == before["interactions"] + 1
    assert after["next_steps"] == before["next_steps"] + len(steps)  # type: ignore[arg-type]
    assert after["complaints"] == before["complaints"] + ("complaint" in args)


def _check_stored(db: Path, iid: int, args: dict[str, object]) -> None:
    """The row holds the given values, in their documented normal forms."""
    from kamtui.services.interactions import parse_next_step
    from kamtui.textsafe import fold

    conn = sqlite3.connect(db)
    try:
        row = conn.execute(
            "SELECT occurred_at, channel, level, kind, summary, notes, mood"
            " FROM interactions WHERE id = ?",
            (iid,),
        ).fetchone()
        steps = conn.execute(
            "SELECT text, due_date FROM next_steps WHERE interaction_id = ? ORDER BY id", (iid,)
        ).fetchall()
    finally:
        conn.close()
    occurred_at, channel, level, kind, summary, notes, mood = row
    when = str(args["when"])
    if fold(when) in ("now", "ahora"):  # the current time, or today's midnight
        when = "today"
    assert occurred_at == dates.iso(dates.parse_datetime(when, today=TODAY))
    assert dates.MIN_DATE.isoformat() <= occurred_at[:10] <= dates.MAX_DATE.isoformat()
    assert channel == vocab.CHANNEL.normalize(str(args["channel"]))
    assert level == vocab.LEVEL.normalize(str(args["level"]))
    assert kind == vocab.KIND.normalize(str(args.get("kind") or "meeting"))
    assert summary == str(args["summary"]).strip()
    given_notes = str(args.get("notes") or "")
    assert notes == (given_notes.strip() or None)
    assert mood == (int(str(args["mood"])) if str(args.get("mood") or "").strip() else None)
    expected = [parse_next_step(s, today=TODAY) for s in args.get("next", [])]  # type: ignore[attr-defined]
    assert steps == expected
    for _, due in steps:
        assert due is None or dates.MIN_DATE.isoformat() <= due <= dates.MAX_DATE.isoformat()
