"""7. `kamtui log ACCOUNT ...` from the shell on the large database (a whole
process: start-up, account and participant resolution, the write with its
full-text index update) against the bare import of its dependencies:
`python -c "import pydantic, sqlite_utils, dateutil.parser"`."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from _common import (
    PYTHON,
    Scratch,
    env,
    large_today,
    median,
    parser,
    report,
    require_db,
    run_command,
)


def kamtui_command() -> list[str]:
    script = Path(sys.executable).with_name("kamtui")
    return [str(script)] if script.exists() else [PYTHON, "-m", "kamtui"]


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    db = require_db(args.db)
    runs = args.runs or 9
    try:
        import kamtui.cli.commands.log  # noqa: F401
    except ImportError as exc:
        report("7 kamtui log from the shell", kamtui=None, skipped=f"no kamtui log ({exc})")
        return
    with Scratch(db, args.work) as scratch:
        conn = sqlite3.connect(scratch.path)
        picks = conn.execute(
            "SELECT a.name, (SELECT p.name FROM people p WHERE p.account_id = a.id"
            " AND p.side = 'theirs' ORDER BY p.id LIMIT 1) FROM accounts a"
            " WHERE a.deleted_at IS NULL ORDER BY a.id LIMIT 50"
        ).fetchall()
        conn.close()
        environ = env(large_today(db))
        floor_cmd = [PYTHON, "-c", "import pydantic, sqlite_utils, dateutil.parser"]
        kam, floor = [], []
        for i in range(runs + 1):
            account, person = picks[(i * 7) % len(picks)]
            cmd = [
                *kamtui_command(), "--db", str(scratch.path), "log", account,
                "--when", "yesterday 15:00", "--channel", "phone", "--level", "strategic",
                "--kind", "call", "--with", person, "--mood", "4",
                "--summary", "Plan 2027 y revisión de tarifas",
                "--next", "Enviar la oferta@next friday",
            ]  # fmt: skip
            k = run_command(cmd, environ, stdin="- agreed to trial the new bearings\n")
            f = run_command(floor_cmd, environ)
            if i:  # the first pair warms the caches
                kam.append(k)
                floor.append(f)
    k, f = median(kam), median(floor)
    report(
        "7 kamtui log from the shell",
        kamtui=k,
        floor=f,
        target="ratio <= 1.5",
        ok=k / f <= 1.5,
    )


if __name__ == "__main__":
    main()
