"""Export -> import all: the same rows and the same health per account, on the
demo (plain CSV and Spanish-Excel CSV) and on generated small portfolios full
of hostile text."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamtui.domain.models import AccountInput, PersonInput
from kamtui.exporters.files import number_text
from kamtui.importers.csvfile import ImportFailed
from kamtui.services import accounts, complaints, duplicates, facts, people
from kamtui.services.errors import ServiceError
from kamtui.services.export import export
from kamtui.services.goals import editing as goals
from kamtui.services.imports.everything import import_all
from kamtui.services.interactions.log import log_interaction
from kamtui.storage import finance as finance_sql
from kamtui.storage.db import Store, open_store
from kamtui.textsafe import formula_safe, formula_unsafe
from tests.conftest import DEMO_TODAY
from tests.services.roundtrip import health_by_account, rows


def _round_trip(source: Store, folder: Path, target: Path, **kw: object) -> Store:
    export(source, folder, **kw)  # type: ignore[arg-type]
    new = open_store(target)
    import_all(new, folder)
    return new


FORMS = {"csv": {}, "excel": {"excel": True}, "json": {"fmt": "json"}}


@pytest.mark.parametrize("form", list(FORMS))
def test_the_demo_round_trips(demo_store: Store, tmp_path: Path, form: str) -> None:
    new = _round_trip(demo_store, tmp_path / "out", tmp_path / "new.db", **FORMS[form])
    try:
        assert rows(new) == rows(demo_store)
        assert health_by_account(new, DEMO_TODAY) == health_by_account(demo_store, DEMO_TODAY)
        # Re-importing the same export changes nothing.
        before = rows(new)
        reports = import_all(new, tmp_path / "out")
        assert all(r.created == r.updated == 0 for r in reports.values())
        assert rows(new) == before
    finally:
        new.close()


def test_excel_files_are_semicolon_bom_decimal_comma(demo_store: Store, tmp_path: Path) -> None:
    export(demo_store, tmp_path / "x", excel=True)
    raw = (tmp_path / "x" / "transactions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, first = raw.decode("utf-8-sig").splitlines()[:2]
    assert header == "date;account;account_number;amount;category;document;margin"
    assert first.split(";")[3] == "5586,29"
    readme = (tmp_path / "x" / "README.txt").read_text(encoding="utf-8")
    assert readme.startswith("kamtui export (format: csv-excel)")
    for name in ("accounts.csv", "interactions.csv", "goal_actions.csv", "transactions.csv"):
        assert name in readme


def test_json_export(demo_store: Store, tmp_path: Path) -> None:
    report = export(demo_store, tmp_path / "j", fmt="json")
    people_rows = json.loads((tmp_path / "j" / "people.json").read_text(encoding="utf-8"))
    assert len(people_rows) == report.counts["people"] == 93
    assert set(people_rows[0]) >= {"account", "side", "name", "role"}
    # A CSV file dropped into a JSON export is not one of its files.
    (tmp_path / "j" / "people.csv").write_text("account,side,name\n")
    with pytest.raises(ImportFailed, match=r"people\.csv: not a file of a kamtui export"):
        import_all(open_store(tmp_path / "n.db"), tmp_path / "j")


def test_one_account(demo_store: Store, tmp_path: Path) -> None:
    report = export(demo_store, tmp_path / "one", account="ES-0001")
    assert report.counts["accounts"] == 1
    text = (tmp_path / "one" / "people.csv").read_text(encoding="utf-8")
    assert all(line.startswith("ES-0001,") for line in text.splitlines()[1:])
    new = open_store(tmp_path / "one.db")
    import_all(new, tmp_path / "one")
    assert [r[0] for r in rows(new)["accounts"]] == ["Automoción Ibáñez S.A."]


def test_export_refuses_a_folder_with_other_files(demo_store: Store, tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    with pytest.raises(ServiceError, match="holds other files"):
        export(demo_store, tmp_path)
    assert (tmp_path / "mine.txt").read_text() == "keep me"
    export(demo_store, tmp_path / "again")
    export(demo_store, tmp_path / "again")  # an earlier export may be overwritten


def test_formula_cells_are_escaped_and_read_back(store: Store, tmp_path: Path) -> None:
    aid = accounts.create(store, AccountInput(name='=HYPERLINK("http://x")', owner="@me"))
    people.create_person(store, aid, PersonInput(side="theirs", name="+Ana", phone="+34 600"))
    log_interaction(
        store,
        aid,
        occurred_at="2026-01-02T10:00",
        channel="phone",
        level="operational",
        summary="-1 is not a list",
        notes="\tindented\n=cmd|' /C calc'!A0",
    )
    export(store, tmp_path / "out")
    text = (tmp_path / "out" / "accounts.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'@me" in text
    assert "'+34 600" in (tmp_path / "out" / "people.csv").read_text(encoding="utf-8")
    new = open_store(tmp_path / "new.db")
    import_all(new, tmp_path / "out")
    assert rows(new) == rows(store)


@pytest.mark.parametrize(
    "value", ["=1+1", "'=1", "''+x", "plain", "'plain", "-", "@", "\t", "\r\nx", "", "'"]
)
def test_formula_escape_is_reversible(value: str) -> None:
    safe = formula_safe(value)
    assert formula_unsafe(safe) == value
    assert not safe or safe[0] not in "=+-@\t\r"


@pytest.mark.parametrize("value", [0.0, -0.0, 1e-05, 5586.29, -12.5, 123456789.125, 0.1 + 0.2])
def test_numbers_are_written_exactly(value: float) -> None:
    text = number_text(value)
    assert "e" not in text and float(text) == value
    assert float(number_text(value, decimal_comma=True).replace(",", ".")) == value


# -- generated portfolios ---------------------------------------------------------

HOSTILE = st.sampled_from(
    ['"quoted"', "=cmd|' /C calc'!A0", "+1", "-", "@SUM(A1)", "Ibáñez", "Muñoz, S.L.", "a;b", "ñ"]
)
WORD = st.text(alphabet="abcdefgxyzñáé", min_size=1, max_size=6)
TEXT = st.lists(st.one_of(HOSTILE, WORD), min_size=1, max_size=4).map(" ".join)
NOTES = st.one_of(
    st.none(), st.lists(st.one_of(HOSTILE, WORD), min_size=1, max_size=4).map("\n".join)
)
DAY = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 11, 15))


@st.composite
def portfolios(draw: st.DrawFn) -> list[dict[str, object]]:
    n = draw(st.integers(1, 3))
    out = []
    for i in range(n):
        people_names = draw(
            st.lists(TEXT, min_size=1, max_size=4, unique_by=lambda s: s.casefold())
        )
        out.append(
            {
                "name": f"{draw(TEXT)} {i}",
                "number": draw(st.sampled_from([None, f"N-{i}", f"=0{i}"])),
                "people": [
                    (name, draw(st.sampled_from(["ours", "theirs"]))) for name in people_names
                ],
                "interactions": draw(
                    st.lists(
                        st.tuples(DAY, TEXT, NOTES, st.one_of(st.none(), st.integers(1, 5))),
                        max_size=4,
                        unique_by=lambda t: (t[0], t[1]),
                    )
                ),
                "transactions": draw(
                    st.lists(
                        st.tuples(
                            DAY,
                            st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 2)),
                            st.sampled_from(["Rodamientos", "Repuestos", "=Lubricación"]),
                            st.one_of(st.none(), st.floats(-1, 1, allow_nan=False)),
                        ),
                        max_size=5,
                    )
                ),
                "complaint": draw(st.one_of(st.none(), st.tuples(TEXT, NOTES, DAY))),
                "fact": draw(st.one_of(st.none(), TEXT)),
                "goal": draw(st.one_of(st.none(), st.tuples(TEXT, st.floats(0, 10)))),
            }
        )
    return out


def _build(store: Store, portfolio: list[dict[str, object]]) -> None:
    for acc in portfolio:
        aid = accounts.create(
            store, AccountInput(name=acc["name"], account_number=acc["number"], cadence_days=14)
        )
        pids = [
            people.create_person(store, aid, PersonInput(side=side, name=name))
            for name, side in acc["people"]  # type: ignore[attr-defined]
        ]
        ours = [p for p, (_n, s) in zip(pids, acc["people"], strict=True) if s == "ours"]  # type: ignore[call-overload]
        theirs = [p for p in pids if p not in ours]
        if ours and theirs:
            people.link_people(store, ours[0], theirs[0], 4)
        first = None
        for k, (day, summary, notes, mood) in enumerate(acc["interactions"]):  # type: ignore[attr-defined]
            iid = log_interaction(
                store,
                aid,
                occurred_at=f"{day.isoformat()}T{10 + k % 8:02d}:00",
                channel="in_person",
                level=("operational", "strategic")[k % 2],
                summary=summary,
                notes=notes,
                mood=mood,
                participant_ids=pids[: k + 1],
                next_steps=[(f"{summary} next", None)] if k == 0 else [],
            )
            first = first or iid
        with store.write() as conn:
            finance_sql.upsert_transactions(
                conn,
                [
                    (aid, d.isoformat(), amount, cat, f"=D{j}", margin)
                    for j, (d, amount, cat, margin) in enumerate(acc["transactions"])  # type: ignore[call-overload]
                ],
            )
        if acc["complaint"]:
            title, description, day = acc["complaint"]  # type: ignore[misc]
            complaints.open_complaint(
                store,
                aid,
                title=title,
                description=description,
                today=DEMO_TODAY,
                opened_at=day,
                interaction_id=first,
            )
        if acc["fact"]:
            facts.add(store, aid, acc["fact"], kind="need", person_id=pids[0])  # type: ignore[arg-type]
        if acc["goal"]:
            title, target = acc["goal"]  # type: ignore[misc]
            goals.create(
                store,
                aid,
                goal_type="broaden_map",
                title=title,
                target=target,
                today=DEMO_TODAY,
                actions=[("call " + title, "2026-12-01")],
            )
        if len(pids) > 1:
            duplicates.dismiss(store, "person", pids[0], pids[1])
    ids = [r[0] for r in store.query("SELECT id FROM accounts ORDER BY id")]
    if len(ids) > 1:
        duplicates.dismiss(store, "account", ids[0], ids[-1])


@settings(max_examples=min(settings().max_examples, 25))
@given(portfolios())
def test_generated_portfolios_round_trip(portfolio: list[dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        store = open_store(base / "a.db")
        try:
            _build(store, portfolio)
            for form, options in FORMS.items():
                new = _round_trip(store, base / f"out{form}", base / f"b{form}.db", **options)
                try:
                    assert rows(new) == rows(store)
                    assert health_by_account(new, DEMO_TODAY) == health_by_account(
                        store, DEMO_TODAY
                    )
                finally:
                    new.close()
        finally:
            store.close()


def test_export_reports_progress_up_to_every_row(demo_store: Store, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    report = export(demo_store, tmp_path / "p", progress=lambda d, t: seen.append((d, t)))
    rows = sum(report.counts.values())
    assert seen[-1] == (rows, rows)
    assert all(d < t for d, t in seen[:-1])  # only the end says "all done"
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert len(seen) > 5


def test_import_all_says_which_file_it_reads(demo_store: Store, tmp_path: Path) -> None:
    export(demo_store, tmp_path / "out")
    seen: list[tuple[str, int, int]] = []
    new = open_store(tmp_path / "new.db")
    try:
        import_all(new, tmp_path / "out", progress=lambda *step: seen.append(step))
    finally:
        new.close()
    kinds = [kind for kind, _done, _total in seen]
    assert kinds[:3] == ["accounts", "identifiers", "people"]
    assert "interactions" in kinds and "transactions" in kinds
    assert [done for _k, done, _t in seen] == list(range(len(seen)))
    assert {total for _k, _d, total in seen} == {len(seen)}


def test_former_names_of_merged_people_come_back(store: Store, tmp_path: Path) -> None:
    from kamtui.services import merge

    aid = accounts.create(store, AccountInput(name="Conservas Peña"))
    kept = people.create_person(store, aid, PersonInput(side="theirs", name="María Olano"))
    gone = people.create_person(store, aid, PersonInput(side="theirs", name="Mª Olano"))
    merge.merge(store, "person", gone, kept, aid)
    new = _round_trip(store, tmp_path / "out", tmp_path / "new.db")
    try:
        assert rows(new)["person_aliases"] == [
            ("Conservas Peña", "theirs", "María Olano", "Mª Olano")
        ]
        assert rows(new) == rows(store)
    finally:
        new.close()
