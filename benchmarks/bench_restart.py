"""8. Restart with nothing changed: the process CPU of `kamtui --db FILE`
(the real entry point, headless 120x40) in its first 15 s, when today's
health was stored by an earlier run and nothing changed since; against a
bare Textual app showing the same 10,000 accounts in a DataTable for its
first 15 s. Also says whether the portfolio re-sorted after its first paint
(it must not) and how many accounts' health were computed (none)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from _common import PYTHON, Scratch, env, large_today, median, parser, report, require_db

PROBE = str(Path(__file__).with_name("_app_probe.py"))


def window(cmd: list[str], environ: dict[str, str]) -> dict[str, float]:
    proc = subprocess.run(cmd, env=environ, capture_output=True, text=True, timeout=300)
    found = {}
    for line in proc.stdout.splitlines():
        word, _, value = line.partition(" ")
        if value:
            found[word] = float(value)
    if "cpu" not in found:
        raise RuntimeError(f"{cmd}: no figure ({proc.returncode}): {proc.stderr[-2000:]}")
    return found


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    db = require_db(args.db)
    runs = args.runs or 3
    with Scratch(db, args.work) as scratch:
        environ = env(large_today(db))
        kam_cmd = [PYTHON, PROBE, "kamtui", str(scratch.path), "--until", "cpu15"]
        bare_cmd = [PYTHON, PROBE, "bare-rows", str(scratch.path), "--until", "cpu15"]
        # The run before: stores today's health (computed if the copy had none).
        warm = window(kam_cmd, environ)
        kam, bare, resorted, computed = [], [], [], []
        for _ in range(runs):
            k = window(kam_cmd, environ)
            kam.append(k["cpu"])
            resorted.append(int(k.get("resorted", 1)))
            computed.append(int(k.get("computed", -1)))
            bare.append(window(bare_cmd, environ)["cpu"])
    k, f = median(kam), median(bare)
    print(
        f"  warm-up run: {warm['cpu']:.2f} s CPU, computed {warm.get('computed', 0):.0f}",
        file=sys.stderr,
    )
    print(f"  kamtui runs: {', '.join(f'{x:.2f}' for x in kam)} s CPU", file=sys.stderr)
    print(f"  bare runs:   {', '.join(f'{x:.2f}' for x in bare)} s CPU", file=sys.stderr)
    print(
        f"  re-sorted after the first paint: {resorted}; accounts computed: {computed}",
        file=sys.stderr,
    )
    report(
        "8 restart, nothing changed: CPU in 15 s",
        kamtui=k,
        floor=f,
        target="ratio <= 1.5 and <= 1.5 s, no re-sort",
        ok=k / f <= 1.5 and k <= 1.5 and not any(resorted) and not any(computed),
        extra={"resorted": resorted, "computed": computed},
    )


if __name__ == "__main__":
    main()
