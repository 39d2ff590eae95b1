"""Small inline SVG pictures for the HTML brief: a sparkline and monthly bars.
Built from numbers only (labels are never user text), so the markup is ours."""

from __future__ import annotations


def sparkline(
    values: list[float | None],
    *,
    width: int = 240,
    height: int = 48,
    lo: float = 0.0,
    hi: float = 100.0,
) -> str:
    """A polyline of `values` on a fixed [lo, hi] scale (health: 0–100), with
    dashed lines at 50 and 70 (the bands' edges) and a dot on the last value."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return ""
    step = width / max(len(values) - 1, 1)
    span = (hi - lo) or 1.0

    def y(v: float) -> float:
        return round(height - (min(max(v, lo), hi) - lo) / span * (height - 4) - 2, 1)

    points = " ".join(f"{round(i * step, 1)},{y(v)}" for i, v in known)
    last_i, last_v = known[-1]
    guides = "".join(
        f'<line x1="0" y1="{y(g)}" x2="{width}" y2="{y(g)}" class="guide"/>' for g in (50, 70)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="health trend">'
        f"{guides}"
        f'<polyline points="{points}" fill="none" stroke="currentColor" stroke-width="2"/>'
        f'<circle cx="{round(last_i * step, 1)}" cy="{y(last_v)}" r="3"/>'
        "</svg>"
    )


def bars(values: list[float], *, width: int = 240, height: int = 48) -> str:
    """One bar per value (revenue by month), scaled to the largest; negative
    months (credit notes) draw nothing."""
    if not values:
        return ""
    top = max(values) or 1.0
    n = len(values)
    slot = width / n
    gap = max(slot * 0.2, 1.0)
    rects = []
    for i, v in enumerate(values):
        h = round(max(v, 0.0) / top * (height - 2), 1) if top > 0 else 0.0
        rects.append(
            f'<rect x="{round(i * slot + gap / 2, 1)}" y="{round(height - h, 1)}" '
            f'width="{round(slot - gap, 1)}" height="{h}"/>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="revenue by month">'
        + "".join(rects)
        + "</svg>"
    )
