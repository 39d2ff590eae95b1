"""Importing finance exports as real spreadsheets write them (files in tests/data)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kamtui.importers.csvfile import ImportFailed
from kamtui.services.imports.finance import import_transactions
from kamtui.storage.db import Store
from tests.helpers import DATA, add_accounts


@pytest.fixture
def kam(store: Store) -> tuple[Store, dict[str, int]]:
    return store, add_accounts(store)


def rows(store: Store) -> list[tuple]:
    return [
        tuple(r)
        for r in store.query(
            "SELECT a.name, t.date, t.amount, t.category, t.document, t.margin "
            "FROM transactions t JOIN accounts a ON a.id = t.account_id ORDER BY t.document"
        )
    ]


def write(tmp_path: Path, text: str, name: str = "f.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- the dialects -----------------------------------------------------------------


def test_spanish_excel_file_cp1252_semicolon_decimal_comma_day_first(kam) -> None:
    store, _ = kam
    report = import_transactions(store, DATA / "ventas_2025_excel_es.csv")
    assert (report.rows, report.created, report.updated, report.unchanged) == (7, 7, 0, 0)
    got = {r[4]: r for r in rows(store)}
    assert got["FV25-0001"] == (
        "Talleres Ibáñez S.L.",
        "2025-01-07",
        1234.56,
        "Recambios",
        "FV25-0001",
        pytest.approx(0.235),
    )
    # a credit note is negative; 12.500,00 is twelve thousand five hundred
    assert got["AB25-0001"][2] == -150.0 and got["AB25-0001"][5] is None
    assert got["FV25-0003"][2] == 12500.0
    assert got["FV25-0006"][1] == "2025-04-02"  # 02/04 is 2 April, day first
    assert got["FV25-0002"][3] == "Servicio técnico"
    said = "\n".join(report.assumptions)
    assert "Windows-1252" in said
    assert "';'" in said
    assert "decimal comma" in said and "1.234,56" in said
    assert "day first" in said
    assert "'Descripción'" in said  # ignored column listed
    assert "percent" in said  # margin written as 23,5%


def test_erp_export_utf8_bom_comma_iso_dates_thousands_commas(kam) -> None:
    store, _ = kam
    import_transactions(store, DATA / "ventas_2025_excel_es.csv")
    report = import_transactions(store, DATA / "invoices_erp_en.csv")
    # Three documents are the same invoices as the Spanish file: unchanged.
    assert (report.rows, report.created, report.updated, report.unchanged) == (4, 1, 0, 3)
    got = {r[4]: r for r in rows(store)}
    # Excel dropped the leading zeros of account 00417; a time after the date is ignored.
    assert got["FV25-0101"][:3] == ("Construcciones Núñez y Asociados S.L.", "2025-05-20", 3050.75)
    # "Servicio Técnico" is the category already stored as "Servicio técnico".
    cats = {r[0] for r in store.query("SELECT DISTINCT category FROM transactions")}
    assert cats == {"Recambios", "Servicio técnico", "Maquinaria", "Consumibles"}
    said = "\n".join(report.assumptions)
    assert "decimal point" in said and "1,234.56" in said
    assert "fraction" in said


def test_month_first_export_detected_and_overridable(kam, tmp_path: Path) -> None:
    store, _ = kam
    report = import_transactions(store, DATA / "us_export_tab.csv", dry_run=True)
    assert any("month first" in a for a in report.assumptions)
    assert any("tab" in a for a in report.assumptions)
    assert store.query("SELECT COUNT(*) FROM transactions")[0][0] == 0  # dry run
    report = import_transactions(store, DATA / "us_export_tab.csv")
    assert [r[1] for r in rows(store)] == ["2025-01-07", "2025-01-22", "2025-02-03"]
    with pytest.raises(ImportFailed) as exc:
        import_transactions(store, DATA / "us_export_tab.csv", dayfirst=True)
    assert any(
        e.endswith(
            "us_export_tab.csv:3: date: cannot read '01/22/2025' as a date: month 22 "
            "does not exist (read day first; try --no-dayfirst)"
        )
        for e in exc.value.errors
    )


def test_utf8_without_bom_semicolon_iso_dates_blank_trailing_header(kam, tmp_path: Path) -> None:
    store, _ = kam
    path = write(
        tmp_path,
        "Fecha;Código cliente;Importe neto;Categoría;Nº Documento;\n"
        "2025-06-30;C-1004;1.000;Consumibles;D-1;\n"
        "2025-07-01;C-1004;2.500,5;Consumibles;D-2;\n",
    )
    report = import_transactions(store, path)
    assert report.created == 2
    assert [r[2] for r in rows(store)] == [1000.0, 2500.5]
    assert not any("encoding" in a for a in report.assumptions)


def test_ambiguous_decimal_defaults_by_separator_and_says_so(kam, tmp_path: Path) -> None:
    store, _ = kam
    path = write(tmp_path, "date;account;amount;category;document\n1/2/2025;C-1004;1.234;X;D1\n")
    report = import_transactions(store, path)
    assert rows(store)[0][2] == 1234.0  # Spanish file: '.' groups thousands
    assert any("no value shows it" in a and "--decimal ." in a for a in report.assumptions)
    assert any("no day above 12" not in a for a in report.assumptions)
    report = import_transactions(store, path, decimal=".")
    assert rows(store)[0][2] == 1.234 and report.updated == 1


def test_overrides_encoding_and_delimiter(kam, tmp_path: Path) -> None:
    store, _ = kam
    path = write(
        tmp_path,
        "date|account|amount|category|document\n2025-01-01|Hostelería Peñalver|10|Café|D1\n",
        encoding="cp1252",
    )
    import_transactions(store, path, encoding="cp1252", delimiter="|")
    assert rows(store) == [("Hostelería Peñalver", "2025-01-01", 10.0, "Café", "D1", None)]


def test_map_renames_and_ignores_columns(kam, tmp_path: Path) -> None:
    store, _ = kam
    path = write(
        tmp_path,
        "Día contable;Deudor;Euros;Gama;Ref. interna;Cliente\n"
        "03/03/2025;Acme Iberia;99,90;Consumibles;R-9;otro\n",
    )
    with pytest.raises(ImportFailed) as exc:
        import_transactions(store, path)
    assert any("f.csv:1: date: required column is missing" in e for e in exc.value.errors)
    mapping = {
        "Día contable": "date",
        "Deudor": "account",
        "Euros": "amount",
        "Gama": "category",
        "Ref. interna": "document",
        "Cliente": None,
    }
    report = import_transactions(store, path, mapping=mapping)
    assert report.created == 1
    assert rows(store) == [("Acme Iberia", "2025-03-03", 99.9, "Consumibles", "R-9", None)]


# --- all-or-nothing errors --------------------------------------------------------


def test_every_error_listed_in_line_order_and_nothing_written(kam) -> None:
    store, _ = kam
    with pytest.raises(ImportFailed) as exc:
        import_transactions(store, DATA / "ventas_errores.csv")
    errors = [e.split("ventas_errores.csv:", 1)[1] for e in exc.value.errors]
    assert errors == [
        "3: date: cannot read '31/02/2025' as a date (day is out of range for month)",
        "4: account: no account matches 'Empresa Inexistente SA' (import or create the "
        "account first, or write its exact name or account number)",
        "5: amount: 'diez euros' is not a number",
        "6: category: is required",
        "7: document: is required",
        "8: document: 'FV25-0001' for the same account is already on line 2 (one row per "
        "document and account: sum the lines of an invoice, or map a per-line document number)",
        "9: row: 1 more cell(s) than the header",
        "11: account: 'S.L.' is ambiguous: Construcciones Núñez y Asociados S.L. (#3); "
        "Talleres Ibáñez S.L. (#1) (use the account number)",
    ]
    assert store.query("SELECT COUNT(*) FROM transactions")[0][0] == 0


def test_missing_file_and_missing_columns(kam, tmp_path: Path) -> None:
    store, _ = kam
    with pytest.raises(ImportFailed, match="file not found"):
        import_transactions(store, tmp_path / "nope.csv")
    path = write(tmp_path, "Fecha;Importe;Familia\n01/01/2025;1;X\n")
    with pytest.raises(ImportFailed) as exc:
        import_transactions(store, path)
    assert any("f.csv:1: document: required column is missing" in e for e in exc.value.errors)
    assert any("f.csv:1: account: required column is missing" in e for e in exc.value.errors)


def test_errors_are_capped_but_counted(kam, tmp_path: Path) -> None:
    store, _ = kam
    body = "".join(f"01/01/2025;Nadie;1;X;D{i}\n" for i in range(700))
    path = write(tmp_path, "fecha;cliente;importe;familia;factura\n" + body)
    with pytest.raises(ImportFailed) as exc:
        import_transactions(store, path)
    assert len(exc.value.errors) == 501
    assert exc.value.errors[-1].endswith("… and 200 more error(s) not listed")


def test_line_numbers_count_newlines_inside_quoted_cells(kam, tmp_path: Path) -> None:
    store, _ = kam
    path = write(
        tmp_path,
        "fecha;cliente;importe;familia;factura;descripcion\n"
        '01/01/2025;Acme Iberia;1;X;D1;"two\nlines"\n'
        "01/01/2025;Acme Iberia;uno;X;D2;\n",
    )
    with pytest.raises(ImportFailed) as exc:
        import_transactions(store, path)
    assert exc.value.errors == [f"{path}:4: amount: 'uno' is not a number"]


# --- idempotence ---------------------------------------------------------------


def test_reimport_changes_nothing_and_a_changed_row_updates(kam, tmp_path: Path) -> None:
    store, _ = kam
    text = (
        "fecha;cliente;importe;familia;factura\n"
        "01/01/2025;Acme Iberia;100,00;Consumibles;D1\n"
        "02/01/2025;Acme Iberia;200,00;Consumibles;D2\n"
    )
    path = write(tmp_path, text)
    import_transactions(store, path)
    report = import_transactions(store, path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    path = write(tmp_path, text.replace("200,00;Consumibles", "250,00;Maquinaria"))
    report = import_transactions(store, path)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert rows(store)[1][2:4] == (250.0, "Maquinaria")
    assert store.query("SELECT COUNT(*) FROM transactions")[0][0] == 2


def test_same_document_for_two_accounts_is_two_rows(kam, tmp_path: Path) -> None:
    store, _ = kam
    path = write(
        tmp_path,
        "fecha;cliente;importe;familia;factura\n"
        "01/01/2025;Acme Iberia;1;X;0001\n"
        "01/01/2025;Hostelería Peñalver;2;X;0001\n",
    )
    assert import_transactions(store, path).created == 2


def test_partial_account_name_is_accepted_and_said(kam, tmp_path: Path) -> None:
    store, _ = kam
    path = write(tmp_path, "fecha;cliente;importe;familia;factura\n01/01/2025;peñalver;1;X;D\n")
    report = import_transactions(store, path)
    assert report.created == 1
    assert "account 'peñalver' is 'Hostelería Peñalver'" in "\n".join(report.assumptions)


# --- hostile text ----------------------------------------------------------------


def test_hostile_text_stored_literally_and_errors_cleaned(kam, tmp_path: Path) -> None:
    store, _ = kam
    path = write(
        tmp_path,
        "fecha;cliente;importe;familia;factura\n01/01/2025;Acme Iberia;1;[bold]x[/];[/]\n",
    )
    import_transactions(store, path)
    assert rows(store)[0][3:5] == ("[bold]x[/]", "[/]")
    path = write(
        tmp_path,
        "fecha;cliente;importe;familia;factura\n01/01/2025;\x1b[31mRed;1;X;D\n",
        name="evil2.csv",
    )
    with pytest.raises(ImportFailed) as exc:
        import_transactions(store, path)
    assert "\x1b" not in "\n".join(exc.value.errors)
    assert exc.value.errors[0].endswith(
        "account: contains a control character (U+001B) at character 1; remove it"
    )  # named, never sent
    path = write(
        tmp_path,
        'fecha;cliente;importe;familia;factura\n01/01/2025;"\x1b]0;pwned\x07";1;X;D\n',
        name="evil3.csv",
    )
    with pytest.raises(ImportFailed) as exc:
        import_transactions(store, path)
    assert "\x1b" not in exc.value.errors[0] and "\x07" not in exc.value.errors[0]


# --- progress --------------------------------------------------------------------


def test_progress_callback_reports_rows(kam, tmp_path: Path) -> None:
    store, _ = kam
    n = 45_000
    body = "".join(f"2025-01-{1 + i % 28:02d};C-1004;{i},5;X;D{i}\n" for i in range(n))
    path = write(tmp_path, "date;account;amount;category;document\n" + body)
    calls: list[tuple[int, int]] = []
    report = import_transactions(store, path, progress=lambda d, t: calls.append((d, t)))
    assert report.created == n
    assert calls[0] == (20_000, n + 1) and calls[-1] == (n, n)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


# --- values ------------------------------------------------------------------------


def test_copied_fixture_reimport_from_another_path_is_idempotent(kam, tmp_path: Path) -> None:
    store, _ = kam
    import_transactions(store, DATA / "ventas_2025_excel_es.csv")
    copy = tmp_path / "copia.csv"
    shutil.copy(DATA / "ventas_2025_excel_es.csv", copy)
    assert import_transactions(store, copy).unchanged == 7
