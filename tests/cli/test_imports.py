"""`kamtui import transactions` and `kamtui import wallet` from the shell:
exit codes, errors on stderr, assumptions and counts."""

from __future__ import annotations

from pathlib import Path

from kamtui.cli.main import main
from kamtui.storage.db import open_store
from tests.helpers import DATA, add_accounts

# --- all-or-nothing errors --------------------------------------------------------


def test_cli_exit_2_and_errors_on_stderr(tmp_path: Path, capsys) -> None:
    db = tmp_path / "cli.db"
    s = open_store(db)
    add_accounts(s)
    s.close()
    code = main(["--db", str(db), "import", "transactions", str(DATA / "ventas_errores.csv")])
    assert code == 2
    err = capsys.readouterr().err
    assert "ventas_errores.csv:5: amount: 'diez euros' is not a number" in err
    assert "nothing imported (8 error(s))" in err
    s = open_store(db)
    assert s.query("SELECT COUNT(*) FROM transactions")[0][0] == 0
    s.close()


def test_cli_reports_assumptions_and_counts(tmp_path: Path, capsys) -> None:
    db = tmp_path / "cli.db"
    s = open_store(db)
    add_accounts(s)
    s.close()
    args = ["--db", str(db), "import", "transactions", str(DATA / "ventas_2025_excel_es.csv")]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "assumed numbers use decimal comma" in out
    assert "dry run: would import 7 row(s): 7 new, 0 updated, 0 unchanged" in out
    assert main(args) == 0
    assert "imported 7 row(s): 7 new" in capsys.readouterr().out
    assert main(args) == 0
    assert "imported 7 row(s): 0 new, 0 updated, 7 unchanged" in capsys.readouterr().out
    assert main([*args, "--no-dayfirst"]) == 2
    assert "month 15 does not exist" in capsys.readouterr().err
    assert main([*args, "--decimal", ".", "--dry-run"]) == 2
    assert "use --decimal , if it uses a comma" in capsys.readouterr().err


# --- values ------------------------------------------------------------------------


def test_cli_import_wallet(tmp_path: Path, capsys) -> None:
    db = tmp_path / "cli.db"
    s = open_store(db)
    add_accounts(s)
    s.close()
    assert main(["--db", str(db), "import", "wallet", str(DATA / "cartera_2025_es.csv")]) == 0
    out = capsys.readouterr().out
    assert "assumed numbers use decimal comma" in out
    assert "imported 6 row(s): 6 new, 0 updated, 0 unchanged" in out
