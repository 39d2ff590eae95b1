"""`kamtui import interactions FILE --preset salesforce|hubspot`: Salesforce
Tasks/Events reports and HubSpot meetings/calls exports become interactions
with channels, kinds and participants; unknown accounts fail by line with
nothing written."""

from __future__ import annotations

from pathlib import Path

from kamtui.cli.main import main
from kamtui.storage.db import open_store
from tests.helpers import DATA, add_accounts


def _db(tmp_path: Path, preset: str) -> Path:
    db = tmp_path / "a.db"
    s = open_store(db)
    add_accounts(s)
    s.close()
    files = {
        "salesforce": ("salesforce_accounts.csv", "salesforce_contacts.csv"),
        "hubspot": ("hubspot_companies.csv", "hubspot_contacts.csv"),
    }[preset]
    for kind, name in zip(("accounts", "people"), files, strict=True):
        assert main(["--db", str(db), "import", kind, str(DATA / name), "--preset", preset]) == 0
    return db


def _rows(db: Path, query: str) -> list[tuple]:
    s = open_store(db)
    try:
        return [tuple(r) for r in s.query(query)]
    finally:
        s.close()


INTERACTIONS = (
    "SELECT a.name, i.occurred_at, i.channel, i.level, i.kind, i.summary, i.notes,"
    " (SELECT group_concat(p.name, '+') FROM (SELECT p.name FROM interaction_participants x"
    " JOIN people p ON p.id = x.person_id WHERE x.interaction_id = i.id ORDER BY p.name) p)"
    " FROM interactions i JOIN accounts a ON a.id = i.account_id ORDER BY i.occurred_at"
)


def test_salesforce_tasks_and_events(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path, "salesforce")
    capsys.readouterr()
    args = ["--db", str(db), "import", "interactions", str(DATA / "salesforce_activities.csv")]
    assert main([*args, "--preset", "salesforce"]) == 0
    out = capsys.readouterr().out
    assert "imported 5 row(s): 4 new" in out
    assert "left out, as they did not happen: not started (1)" in out
    assert "'Pedro Pons' (1)" in out  # not among Frutas del Segura's people
    assert "level: operational" in out
    assert _rows(db, INTERACTIONS) == [
        (
            "Talleres Ibáñez S.L.",
            "2025-03-04",
            "phone",
            "operational",
            "call",
            "Llamada de seguimiento pedido 4471",
            "Confirma entrega el jueves.\nPide oferta de rodamientos.",
            "Lucía Ferrer",
        ),
        (
            "Talleres Ibáñez S.L.",
            "2025-03-18T10:30",
            "in_person",
            "operational",
            "meeting",
            "Visita a planta",
            "Revisamos la línea 2 con Íñigo.",
            "Íñigo Sanz",
        ),
        (
            "Talleres Ibáñez S.L.",
            "2025-03-20",
            "email",
            "operational",
            "meeting",
            "Enviar catálogo 2025",
            "=catálogo adjunto",
            "Lucía Ferrer",
        ),
        (
            "Frutas del Segura S.A.",
            "2025-03-25T16:00",
            "video",
            "operational",
            "meeting",
            "Videollamada presupuesto",
            None,
            None,
        ),
    ]
    # Re-importing the same export changes nothing.
    assert main([*args, "--preset", "salesforce"]) == 0
    assert "0 new, 0 updated, 4 unchanged" in capsys.readouterr().out


def test_hubspot_meetings_and_calls(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path, "hubspot")
    capsys.readouterr()
    base = ["--db", str(db), "import", "interactions"]
    assert main([*base, str(DATA / "hubspot_meetings.csv"), "--preset", "hubspot"]) == 0
    out = capsys.readouterr().out
    assert "imported 3 row(s): 2 new" in out
    assert "canceled (1)" in out
    assert main([*base, str(DATA / "hubspot_calls.csv"), "--preset", "hubspot"]) == 0
    assert "imported 2 row(s): 2 new" in capsys.readouterr().out
    got = _rows(db, INTERACTIONS)
    assert [(r[1], r[2], r[4], r[5], r[7]) for r in got] == [
        ("2025-03-05T10:15", "phone", "call", "Llamada pedido Semana Santa", "Ana Altamira"),
        ("2025-03-06T16:40", "phone", "call", "Call", "Diego Ruiz"),
        (
            "2025-03-10T11:00",
            "in_person",
            "meeting",
            "Revisión de carta de primavera",
            "Carmen Peñalver+Diego Ruiz",
        ),
        ("2025-03-20T09:00", "video", "meeting", "Seguimiento trimestral", "Carmen Peñalver"),
    ]
    assert got[0][6] == "Pide duplicar el pedido de vino.\n\nCall outcome: Connected"
    assert got[1][6] == "Call outcome: No answer"


def test_unknown_account_and_bad_date_fail_by_line(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path, "salesforce")
    capsys.readouterr()
    args = ["--db", str(db), "import", "interactions"]
    bad = str(DATA / "salesforce_activities_bad.csv")
    assert main([*args, bad, "--preset", "salesforce"]) == 2
    err = capsys.readouterr().err
    assert "salesforce_activities_bad.csv:3: Company / Account:" in err
    assert "Empresa Desconocida" in err
    assert "salesforce_activities_bad.csv:4: Date:" in err
    assert "Traceback" not in err
    assert _rows(db, "SELECT COUNT(*) FROM interactions") == [(0,)]


def test_preset_only_where_it_means_something(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path, "salesforce")
    capsys.readouterr()
    args = ["--db", str(db), "import", "interactions", str(DATA / "salesforce_activities.csv")]
    # Without the preset the CRM's columns are not kamtui's.
    assert main(args) == 2
    assert "unknown column" in capsys.readouterr().err
