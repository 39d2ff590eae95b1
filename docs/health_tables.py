"""Rewrite the generated tables of docs/health.md from the scoring code.

    python docs/health_tables.py

tests/domain/test_health_curves.py fails when the file and the code differ."""

from __future__ import annotations

from pathlib import Path

from kamtui.domain.health import curves

DOC = Path(__file__).resolve().parent / "health.md"
BEGIN = "<!-- generated: python docs/health_tables.py -->"
END = "<!-- end generated -->"


def render(text: str) -> str:
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n\n{curves.markdown()}\n{END}{tail}"


if __name__ == "__main__":
    DOC.write_text(render(DOC.read_text(encoding="utf-8")), encoding="utf-8")
