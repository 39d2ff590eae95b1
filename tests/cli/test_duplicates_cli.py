"""Issue 15 from the shell: `kamtui duplicates` (text and JSON, ranked),
`kamtui not-duplicate`, identifiers on accounts (`--identifiers`, the
`identifiers` import column, `import identifiers`), found by any command, and
the import summary's warning about a new account or person that looks like
one already there."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.shell import ok


def csv(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def seed(k) -> None:  # type: ignore[no-untyped-def]
    ok(k("account", "add", "Transportes Olmo S.L.", "--tax-id", "B-12345678"))
    ok(k("account", "add", "TRANSPORTES OLMO, SA", "--tax-id", "es b12345678"))
    ok(k("account", "add", "Panadería Olmedo", "--email", "pedidos@olmedo.es"))
    ok(k("account", "add", "Horno Central", "--domain", "www.olmedo.es"))
    ok(k("account", "add", "Bar Pepe", "--email", "pepe@gmail.com"))
    ok(k("account", "add", "Bar Luis", "--email", "luis@gmail.com"))
    ok(
        k(
            "person",
            "add",
            "Panadería Olmedo",
            "Ana García",
            "--side",
            "theirs",
            "--phone",
            "+34 600 111 222",
        )
    )
    ok(
        k(
            "person",
            "add",
            "Panadería Olmedo",
            "Ana M. García",
            "--side",
            "theirs",
            "--phone",
            "600111222",
        )
    )


def test_duplicates_json_ranked_with_names_ids_and_reasons(k) -> None:  # type: ignore[no-untyped-def]
    seed(k)
    pairs = json.loads(ok(k("duplicates", "--json")))
    assert [(p["kind"], p["a"], p["b"]) for p in pairs] == [
        ("account", "Transportes Olmo S.L.", "TRANSPORTES OLMO, SA"),
        ("person", "Ana García", "Ana M. García"),
        ("account", "Panadería Olmedo", "Horno Central"),
    ]
    first = pairs[0]
    assert first["score"] == 100 and first["reasons"] == ["same tax id", "same name"]
    assert (first["a_id"], first["b_id"]) == (1, 2)
    assert pairs[1]["account"] == 3 and "same phone" in pairs[1]["reasons"]
    assert "same e-mail domain (olmedo.es)" in pairs[2]["reasons"]
    assert [p["score"] for p in pairs] == sorted((p["score"] for p in pairs), reverse=True)
    # the two gmail.com bars are no pair
    assert not any("Bar" in p["a"] for p in pairs)
    only = json.loads(ok(k("duplicates", "--json", "--people-only")))
    assert [p["kind"] for p in only] == ["person"]
    assert len(json.loads(ok(k("duplicates", "--json", "--accounts-only", "--limit", "1")))) == 1
    text = ok(k("duplicates"))
    assert "Transportes Olmo S.L. (#1)" in text and "same tax id; same name" in text


def test_not_duplicate_hides_a_pair_and_undo_brings_it_back(k) -> None:  # type: ignore[no-untyped-def]
    seed(k)
    assert "marked as not a duplicate" in ok(k("not-duplicate", "account", "#3", "Horno Central"))
    pairs = json.loads(ok(k("duplicates", "--json")))
    assert [p["b"] for p in pairs] == ["TRANSPORTES OLMO, SA", "Ana M. García"]
    assert "already" in ok(k("not-duplicate", "account", "Horno", "#3"))
    ok(k("not-duplicate", "person", "Olmedo", "Ana García", "#2"))
    assert [p["kind"] for p in json.loads(ok(k("duplicates", "--json")))] == ["account"]
    ok(k("not-duplicate", "account", "#3", "#4", "--undo"))
    assert len(json.loads(ok(k("duplicates", "--json")))) == 2
    code, _out, err = k("not-duplicate", "account", "#3", "#4", "--undo")
    assert code == 2 and "were not marked" in err
    code, _out, err = k("not-duplicate", "account", "#3", "#3")
    assert code == 2 and "two different records" in err
    code, _out, err = k("not-duplicate", "person", "Olmedo", "Ana García", "#99")
    assert code == 2 and "no person #99" in err


def test_identifiers_on_accounts_and_found_by_any_command(k) -> None:  # type: ignore[no-untyped-def]
    ok(k("account", "add", "Olmo", "--identifiers", "ERP-Norte:4711; SAT:C-88"))
    ok(k("account", "add", "Otro"))
    listed = json.loads(ok(k("accounts", "--json")))
    assert listed[0]["identifiers"] == [
        {"business_unit": "ERP-Norte", "number": "4711"},
        {"business_unit": "SAT", "number": "C-88"},
    ]
    assert listed[1]["identifiers"] == []
    for ref in ("C-88", "sat:C-88", "ERP-Norte:4711", "4711"):
        shown = json.loads(ok(k("account", "edit", ref, "--tier", "A", "--json")))
        assert shown["name"] == "Olmo"
    code, _out, err = k("account", "edit", "Otro", "--identifiers", "SAT:C-88")
    assert code == 2 and "already the identifier of 'Olmo'" in err
    code, _out, err = k("account", "edit", "Otro", "--identifiers", "C-88")
    assert code == 2 and "no business unit" in err
    shown = json.loads(ok(k("account", "edit", "Olmo", "--identifiers", "", "--json")))
    assert shown["identifiers"] == []


def test_import_accounts_identifiers_column(k, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = csv(
        tmp_path,
        "a.csv",
        "name,account_number,identifiers\n"
        "Transportes Olmo,ES-1,ERP-Norte:4711; SAT:C-88\n"
        "Panadería Olmedo,ES-2,\n",
    )
    ok(k("import", "accounts", first))
    # a later file from the other system: matched by the identifier, not duplicated
    second = csv(tmp_path, "b.csv", "name,identifiers\nTransportes Olmo Norte,SAT:C-88; CRM:9\n")
    assert "0 new, 1 updated" in ok(k("import", "accounts", second))
    listed = json.loads(ok(k("accounts", "--json")))
    assert [a["name"] for a in listed] == ["Panadería Olmedo", "Transportes Olmo Norte"]
    assert [i["number"] for i in listed[1]["identifiers"]] == ["4711", "C-88", "9"]
    # re-importing changes nothing
    assert "0 new, 0 updated, 1 unchanged" in ok(k("import", "accounts", second))


def test_import_accounts_bad_identifiers_nothing_written(k, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ok(k("account", "add", "Otro", "--identifiers", "SAT:C-88"))
    bad = csv(
        tmp_path,
        "bad.csv",
        "name,identifiers\nUno,4711\nDos,SAT:\nTres,ERP:1; ERP:1\nCuatro,ERP:2\nCinco,SAT:C-88\n",
    )
    code, out, err = k("import", "accounts", bad)
    assert code == 2
    assert f"{bad}:2: identifiers: '4711' has no business unit" in err
    assert f"{bad}:3: identifiers: 'SAT:' has no number after the colon" in err
    assert f"{bad}:4: identifiers: 'ERP:1' is given twice" in err
    ok(k("account", "add", "Dos", "--number", "ES-2"))
    # a row whose number is one account and identifier another: the whole file is refused
    taken = csv(
        tmp_path,
        "taken.csv",
        "name,account_number,identifiers\nCuatro,,ERP:2\nDos,ES-2,SAT:C-88\n",
    )
    code, out, err = k("import", "accounts", taken)
    assert code == 2, out
    assert f"{taken}:3: identifiers: SAT:C-88 is the identifier of 'Otro' (#1)" in err
    assert [a["name"] for a in json.loads(ok(k("accounts", "--json")))] == ["Dos", "Otro"]
    # a row with another account's identifier and no number is that account
    same = csv(tmp_path, "same.csv", "name,identifiers\nOtro Renamed,SAT:C-88\n")
    assert "0 new, 1 updated" in ok(k("import", "accounts", same))


def test_import_identifiers_file_then_transactions_by_identifier(k, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ok(k("account", "add", "Olmo", "--number", "ES-1"))
    ids = csv(tmp_path, "ids.csv", "account,business_unit,number\nES-1,SAT,C-88\nOlmo,ERP,77\n")
    assert "2 new" in ok(k("import", "identifiers", ids))
    sales = csv(
        tmp_path,
        "tx.csv",
        "account,date,amount,category,document\nC-88,2026-01-10,100,Tubos,F-1\n"
        "ERP:77,2026-01-11,50,Tubos,F-2\n",
    )
    assert "2 new" in ok(k("import", "transactions", sales))


def test_import_summary_warns_about_a_lookalike_never_merges(k, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ok(k("account", "add", "Transportes Olmo S.L.", "--tax-id", "B12345678"))
    ok(k("person", "add", "Transportes Olmo", "Ana García", "--side", "theirs"))
    new = csv(tmp_path, "new.csv", "name,tax_id\nTRANSPORTES OLMO SA,B-12345678\nOtra Cosa,\n")
    out = ok(k("import", "accounts", new, "--dry-run"))
    assert "would import 2 row(s): 2 new" in out
    assert "warning: possible duplicate: new account 'TRANSPORTES OLMO SA'" in out
    assert "looks like 'Transportes Olmo S.L.' (#1): same tax id; same name" in out
    assert "Otra Cosa" not in out
    out = ok(k("import", "accounts", new))
    assert "possible duplicate" in out
    assert len(json.loads(ok(k("accounts", "--json")))) == 3  # nothing merged
    people = csv(
        tmp_path, "people.csv", "account,side,name\n#1,theirs,Ana M. García\n#1,theirs,Luis Pérez\n"
    )
    out = ok(k("import", "people", people))
    assert "possible duplicate: new person 'Ana M. García'" in out
    assert "looks like 'Ana García'" in out and "Luis" not in out


def test_import_not_duplicates_hides_the_pairs_and_bad_rows_exit_2(k, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(k)
    bad = csv(tmp_path, "bad.csv", "kind,account,a,b\nperson,Panadería Olmedo,Ana García,Nadie\n")
    code, _out, err = k("import", "not_duplicates", bad)
    assert code == 2 and "bad.csv:2: b: no person 'Nadie'" in err
    assert len(json.loads(ok(k("duplicates", "--json")))) == 3
    good = csv(
        tmp_path,
        "marks.csv",
        "kind,account,a,b\n"
        "account,,Panadería Olmedo,Horno Central\n"
        "person,Panadería Olmedo,Ana García,Ana M. García\n",
    )
    assert "imported 2 row(s): 2 new, 0 updated, 0 unchanged" in ok(
        k("import", "not_duplicates", good)
    )
    assert [p["kind"] for p in json.loads(ok(k("duplicates", "--json")))] == ["account"]
    assert "2 unchanged" in ok(k("import", "not_duplicates", good))
