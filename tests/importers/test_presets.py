"""--preset salesforce|hubspot: other CRMs' exports read by their column names."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.importers.accounts import parse_accounts
from kamtui.importers.csvfile import ImportFailed
from kamtui.importers.people import parse_people
from kamtui.importers.presets import HUBSPOT, SALESFORCE, website_domain
from tests.helpers import DATA


def _account_of(text: str) -> int | str:
    return {"Talleres Ibáñez S.L.": 1, "Frutas del Segura S.A.": 2}.get(text, "no such account")


def test_website_domain() -> None:
    assert website_domain("https://www.Acme.es/contacto?x=1") == "acme.es"
    assert website_domain("acme.es") == "acme.es"
    assert website_domain("http://user@shop.acme.es:8080") == "shop.acme.es"


def test_salesforce_accounts() -> None:
    parsed = parse_accounts(DATA / "salesforce_accounts.csv", preset=SALESFORCE)
    ibanez, frutas = parsed.items
    assert (ibanez.name, ibanez.account_number, ibanez.domain, ibanez.owner) == (
        "Talleres Ibáñez S.L.",
        "C-1001",
        "talleresibanez.example",
        "Laura Martín",
    )
    assert ibanez.address == "Polígono Industrial Norte, nave 4, Zaragoza, 50014, Zaragoza, Spain"
    assert (frutas.domain, frutas.address, frutas.account_number) == (
        "frutasdelsegura.example",
        "Murcia, Spain",
        None,
    )
    assert parsed.extras == ['Cliente desde 2019, "estratégico"', None]
    assert parsed.identifiers == [
        ("Salesforce", "0015g00000XyZ1aAAF"),
        ("Salesforce", "0015g00000XyZ2bAAF"),
    ]
    assert "ignored columns: Type, Created Date" in parsed.assumptions


def test_salesforce_contacts_names_joined_departments_mapped() -> None:
    parsed = parse_people(
        DATA / "salesforce_contacts.csv", account_of=_account_of, preset=SALESFORCE
    )
    rows = [(a, p.name, p.side, p.title, p.function, p.email) for a, p, _g, _l in parsed.items]
    assert rows == [
        (
            1,
            "Lucía Ferrer",
            "theirs",
            "Directora de Compras",
            "purchasing",
            "lucia.ferrer@talleresibanez.example",
        ),
        (1, "Íñigo Sanz", "theirs", "Jefe de Planta", None, None),
        (2, "Pons", "theirs", None, "finance", "pons@frutasdelsegura.example"),
    ]
    assert any("'Plant Operations' (1)" in a for a in parsed.assumptions)


def test_hubspot_companies_and_contacts() -> None:
    parsed = parse_accounts(DATA / "hubspot_companies.csv", preset=HUBSPOT)
    assert [(a.name, a.domain, a.address) for a in parsed.items] == [
        ("Hostelería Peñalver", "penalver.example", "Madrid, Spain"),
        ("Vinos Altamira", None, "Logroño, Spain"),
    ]
    assert parsed.identifiers == [("HubSpot", "9876543210"), ("HubSpot", "9876543211")]
    people = parse_people(
        DATA / "hubspot_contacts.csv",
        account_of=lambda t: {"Hostelería Peñalver": 7, "Vinos Altamira": 8}[t],
        preset=HUBSPOT,
    )
    assert [(a, p.name, p.title) for a, p, _g, _l in people.items] == [
        (7, "Carmen Peñalver", "Gerente"),
        (7, "Diego Ruiz", "Jefe de cocina"),
        (8, "Ana Altamira", "Enóloga"),
    ]


def test_preset_errors_name_line_and_export_column(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "First Name,Last Name,Account Name,Email,Department\n"
        "Ana,Gil,Talleres Ibáñez S.L.,not-an-email,Compras\n"
        ",,Talleres Ibáñez S.L.,,\n"
        "Eva,\x1b[31mRed,Talleres Ibáñez S.L.,,\n"
        "Juan,Gil,Nadie S.L.,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as info:
        parse_people(path, account_of=_account_of, preset=SALESFORCE)
    errors = info.value.errors
    assert f"{path}:2: Email: not an e-mail address (expected name@domain.tld)" in errors
    assert any(e.startswith(f"{path}:3: First Name + Last Name:") for e in errors), errors
    assert any(e.startswith(f"{path}:4: Last Name: contains") for e in errors), errors
    assert f"{path}:5: Account Name: no such account" in errors


def test_a_side_column_still_wins_and_map_overrides(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "First Name,Last Name,Account Name,Lado,Cargo interno\n"
        "Ana,Gil,Talleres Ibáñez S.L.,ours,KAM\n",
        encoding="utf-8",
    )
    parsed = parse_people(
        path,
        account_of=_account_of,
        preset=SALESFORCE,
        mapping={"Lado": "side", "Cargo interno": "title"},
    )
    ((_a, person, _g, _l),) = parsed.items
    assert (person.name, person.side, person.title) == ("Ana Gil", "ours", "KAM")
