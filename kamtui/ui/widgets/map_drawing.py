"""Draw a contact map as lines of Rich Text (no Textual, no markup strings).

Our people on the left, theirs on the right, each side grouped by function;
a link is a box-drawing line: across from our person to its own vertical
track in the gutter, down or up to their person's row, across to them. No row
holds a person on both sides, and two links share a track only when their
vertical runs do not touch, so a "┼" is always a plain crossing and every
corner or tee belongs to one person's links.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from kamtui.domain.display import shape_glyph
from kamtui.formatting import count
from kamtui.ui import safe
from kamtui.vocab import DECISION_ROLE, FUNCTION

# (up, down, left, right) -> glyph
_BOX = {
    (0, 0, 1, 1): "─",
    (1, 1, 0, 0): "│",
    (0, 1, 0, 1): "┌",
    (0, 1, 1, 0): "┐",
    (1, 0, 0, 1): "└",
    (1, 0, 1, 0): "┘",
    (1, 1, 0, 1): "├",
    (1, 1, 1, 0): "┤",
    (0, 1, 1, 1): "┬",
    (1, 0, 1, 1): "┴",
    (1, 1, 1, 1): "┼",
    (0, 0, 1, 0): "─",
    (0, 0, 0, 1): "─",
    (1, 0, 0, 0): "│",
    (0, 1, 0, 0): "│",
}
_DASHED = {"─": "┄", "│": "┆"}

MARK_DECISION = "★"
MARK_SPOF = "!"
MARK_UNLINKED = "○"
MARK_LEAVING = "×"
LEGEND = (
    f"{MARK_DECISION} decision maker",
    f"{MARK_SPOF} single point of failure",
    f"{MARK_UNLINKED} not in contact",
    f"{MARK_LEAVING} leaving (what-if)",
    "┄ lapsed link",
)

STYLE_LINE = Style(color="cyan")
STYLE_WEAK = Style(color="cyan", dim=True)
STYLE_LAPSED = Style(color="bright_black", dim=True)
STYLE_SELECTED_LINE = Style(color="yellow", bold=True)
STYLE_HEADER = Style(dim=True, italic=True)
STYLE_SPOF = Style(color="red", bold=True)
STYLE_UNLINKED = Style(dim=True)
STYLE_LEAVING = Style(strike=True, dim=True)
STYLE_SELECTED = Style(reverse=True)


@dataclass
class Drawing:
    lines: list[Text]
    rows: dict[int, int]  # person id -> line
    sides: dict[str, list[int]] = field(default_factory=dict)  # side -> ids, top to bottom
    width: int = 0


@dataclass
class _Item:
    kind: str  # 'header' | 'person'
    text: str = ""
    person: Any = None


def _group(people: Iterable[Any]) -> list[_Item]:
    order = {key: i for i, key in enumerate(FUNCTION.keys)}
    groups: dict[str | None, list[Any]] = {}
    for p in people:
        groups.setdefault(p.function, []).append(p)
    items: list[_Item] = []
    for function in sorted(groups, key=lambda f: order.get(f, 99) if f else 100):
        items.append(_Item("header", FUNCTION.label(function) if function else "No function"))
        items.extend(_Item("person", person=p) for p in groups[function])
    return items


def _untangle(
    left: list[_Item], right: list[_Item], links: Iterable[Any], rounds: int = 4
) -> tuple[list[_Item], list[_Item]]:
    """Fewer crossings: order people within each function group, and the
    groups, by the mean position of the people they are linked with
    (barycentre heuristic); unlinked people and groups go last."""
    partners: dict[int, list[int]] = {}
    for lk in links:
        partners.setdefault(lk.our_id, []).append(lk.their_id)
        partners.setdefault(lk.their_id, []).append(lk.our_id)

    def positions(items: list[_Item]) -> dict[int, int]:
        return {it.person.id: i for i, it in enumerate(items) if it.kind == "person"}

    def reorder(items: list[_Item], other: dict[int, int]) -> list[_Item]:
        groups: list[list[_Item]] = []
        for it in items:
            if it.kind == "header":
                groups.append([it])
            elif groups:
                groups[-1].append(it)
            else:
                groups.append([it])

        def centre(it: _Item) -> float | None:
            mine = [other[q] for q in partners.get(it.person.id, []) if q in other]
            return sum(mine) / len(mine) if mine else None

        ranked: list[tuple[int, float, int, list[_Item]]] = []
        for n, group in enumerate(groups):
            head = [it for it in group if it.kind == "header"]
            members = [it for it in group if it.kind == "person"]
            keyed = [(centre(it), i, it) for i, it in enumerate(members)]
            linked = sorted((c, i, it) for c, i, it in keyed if c is not None)
            loose = [it for c, _i, it in keyed if c is None]
            ordered = head + [it for _c, _i, it in linked] + loose
            if linked:
                mean = sum(c for c, _i, _it in linked) / len(linked)
                ranked.append((0, mean, n, ordered))
            else:
                ranked.append((1, 0.0, n, ordered))
        ranked.sort(key=lambda r: (r[0], r[1], r[2]))
        return [it for *_k, group in ranked for it in group]

    for _ in range(rounds):
        right = reorder(right, positions(left))
        left = reorder(left, positions(right))
    return left, right


def _layout(left: list[_Item], right: list[_Item]) -> list[tuple[_Item | None, _Item | None]]:
    """Rows of (left item, right item), never a person on both sides of a row."""
    rows: list[tuple[_Item | None, _Item | None]] = []
    i = j = 0
    while i < len(left) or j < len(right):
        li = left[i] if i < len(left) else None
        ri = right[j] if j < len(right) else None
        if li is not None and ri is not None and li.kind == ri.kind == "person":
            # the side that is further behind (proportionally) goes first
            if i / max(len(left), 1) <= j / max(len(right), 1):
                rows.append((li, None))
                i += 1
            else:
                rows.append((None, ri))
                j += 1
            continue
        rows.append((li, ri))
        i += li is not None
        j += ri is not None
    return rows


def _tracks(spans: list[tuple[int, int, int]]) -> dict[int, int]:
    """Link index -> track, sharing a track only between runs that do not touch."""
    ends: list[int] = []
    out: dict[int, int] = {}
    for idx, top, bottom in sorted(spans, key=lambda s: (s[1], s[2])):
        for t, end in enumerate(ends):
            if end < top:
                ends[t] = bottom
                out[idx] = t
                break
        else:
            out[idx] = len(ends)
            ends.append(bottom)
    return out


def _fit(text: str, width: int) -> str:
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def draw_map(
    amap: Any, *, width: int, selected: int | None = None, show_titles: bool | None = None
) -> Drawing:
    """`amap` is a services.people.AccountMap. `width` is the space to fill
    (the drawing is never narrower than its minimum and may scroll)."""
    a = amap.analysis
    spof, unlinked, gone = set(a.single_points_of_failure), set(a.unlinked), set(a.leaving)
    ours = [p for p in amap.people if p.side == "ours"]
    theirs = [p for p in amap.people if p.side == "theirs"]
    left, right = _untangle(_group(ours), _group(theirs), amap.links)
    rows = _layout(left, right)
    y_of: dict[int, int] = {}
    for y, (li, ri) in enumerate(rows):
        for item in (li, ri):
            if item is not None and item.kind == "person":
                y_of[item.person.id] = y
    links = [lk for lk in amap.links if lk.our_id in y_of and lk.their_id in y_of]
    spans = [
        (k, min(y_of[lk.our_id], y_of[lk.their_id]), max(y_of[lk.our_id], y_of[lk.their_id]))
        for k, lk in enumerate(links)
    ]
    track = _tracks(spans)
    n_tracks = max(track.values(), default=-1) + 1

    # widths: gutter with 2 columns per track when it fits, else 1
    min_col = 16
    step = 2 if (width - (2 * n_tracks + 3)) // 2 >= 28 else 1
    gutter = max(6, step * n_tracks + 3)
    col = max(min_col, (width - gutter) // 2)
    if show_titles is None:
        show_titles = col >= 34
    total_width = 2 * col + gutter
    x_of_track = [1 + step * t + (1 if step == 2 else 0) for t in range(n_tracks)]

    # gutter grid of connection bits and the link indexes in each cell
    bits: dict[tuple[int, int], list[int]] = {}
    owners: dict[tuple[int, int], set[int]] = {}

    def mark(x: int, y: int, b: tuple[int, int, int, int], k: int) -> None:
        cell = bits.setdefault((x, y), [0, 0, 0, 0])
        for n in range(4):
            cell[n] |= b[n]
        owners.setdefault((x, y), set()).add(k)

    for k, lk in enumerate(links):
        yl, yr, x = y_of[lk.our_id], y_of[lk.their_id], x_of_track[track[k]]
        for gx in range(0, x):
            mark(gx, yl, (0, 0, 1, 1), k)
        for gx in range(x + 1, gutter):
            mark(gx, yr, (0, 0, 1, 1), k)
        down = yr > yl
        mark(x, yl, (0 if down else 1, 1 if down else 0, 1, 0), k)
        mark(x, yr, (1 if down else 0, 0 if down else 1, 0, 1), k)
        for gy in range(min(yl, yr) + 1, max(yl, yr)):
            mark(x, gy, (1, 1, 0, 0), k)

    def line_style(ks: set[int]) -> Style:
        chosen = [links[k] for k in ks]
        if selected is not None and any(selected in (lk.our_id, lk.their_id) for lk in chosen):
            return STYLE_SELECTED_LINE
        live = [lk for lk in chosen if lk.active and not ({lk.our_id, lk.their_id} & gone)]
        if not live:
            return STYLE_LAPSED
        if max(lk.strength for lk in live) <= 2:
            return STYLE_WEAK
        return STYLE_LINE

    def dashed(ks: set[int]) -> bool:
        return all(not links[k].active or {links[k].our_id, links[k].their_id} & gone for k in ks)

    linked = {lk.our_id for lk in links} | {lk.their_id for lk in links}

    def person_text(p: Any, side: str, room: int) -> Text:
        marks = ""
        if p.decision_role == "decision_maker":
            marks += MARK_DECISION
        if p.id in gone:
            marks += MARK_LEAVING
        elif p.id in spof:
            marks += MARK_SPOF
        elif p.id in unlinked:
            marks += MARK_UNLINKED
        name = safe.plain(p.name)
        extra = ""
        if show_titles:
            bits_ = [safe.plain(p.title)] if p.title else []
            if p.decision_role and p.decision_role != "decision_maker":
                bits_.append(DECISION_ROLE.label(p.decision_role).lower())
            extra = ", ".join(b for b in bits_ if b)
        pointer = "▶" if p.id == selected else " "
        marks_txt = f" {marks}" if marks else ""
        base_room = room - cell_len(marks_txt) - 2
        shown = _fit(name, base_room)
        extra_room = base_room - cell_len(shown) - 2
        extra_txt = f", {_fit(extra, extra_room)}" if extra and extra_room > 3 else ""
        style = Style()
        if p.id in gone:
            style = STYLE_LEAVING
        elif p.id in spof:
            style = STYLE_SPOF
        elif p.id in unlinked:
            style = STYLE_UNLINKED
        if p.id == selected:
            style = style + STYLE_SELECTED
        t = Text()
        t.append(pointer + " " if side == "ours" else " ")
        t.append(shown, style)
        t.append(extra_txt, Style(dim=True))
        t.append(marks_txt, STYLE_SPOF if p.id in spof and p.id not in gone else Style(bold=True))
        if side == "theirs":
            t.append(" " + pointer if p.id == selected else "")
        return t

    lines: list[Text] = []
    for y, (li, ri) in enumerate(rows):
        line = Text(no_wrap=True, overflow="crop")
        # left column
        if li is None:
            line.append(" " * col)
        elif li.kind == "header":
            line.append(_fit(f"  {li.text}", col).ljust(col), STYLE_HEADER)
        else:
            t = person_text(li.person, "ours", col - 1)
            line.append_text(t)
            pad = col - t.cell_len
            if li.person.id in linked and pad > 0:
                ks = {k for k, lk in enumerate(links) if lk.our_id == li.person.id}
                fill = "┄" if dashed(ks) else "─"
                line.append(" " + fill * (pad - 1), line_style(ks))
            else:
                line.append(" " * max(pad, 0))
        # gutter
        for gx in range(gutter):
            cell = bits.get((gx, y))
            if cell is None:
                line.append(" ")
                continue
            glyph = _BOX.get(tuple(cell), "┼")  # type: ignore[arg-type]
            ks = owners[(gx, y)]
            if dashed(ks):
                glyph = _DASHED.get(glyph, glyph)
            line.append(glyph, line_style(ks))
        # right column
        if ri is None:
            pass
        elif ri.kind == "header":
            line.append(_fit(f"  {ri.text}", col), STYLE_HEADER)
        else:
            p = ri.person
            if p.id in linked:
                ks = {k for k, lk in enumerate(links) if lk.their_id == p.id}
                line.append("┄" if dashed(ks) else "─", line_style(ks))
            else:
                line.append(" ")
            line.append_text(person_text(p, "theirs", col - 1))
        lines.append(line)

    if not amap.people:
        lines = [Text("Nobody on the map yet. Press a to add a person.", style="dim")]
    lines.append(Text(""))
    room = max(total_width, width)
    legend = ""
    for entry in LEGEND:
        if legend and cell_len(legend) + 3 + cell_len(entry) > room:
            lines.append(Text(legend, style="dim"))
            legend = ""
        legend = f"{legend}   {entry}" if legend else entry
    lines.append(Text(legend, style="dim"))
    if a.reasons:
        lines.append(Text(""))
        lines.append(Text(f"Why {a.shape}:", style="bold"))
        for reason in a.reasons:
            lines.append(Text(f" • {_fit(safe.plain(reason), max(room, 40) - 3)}"))
    return Drawing(
        lines=lines,
        rows=y_of,
        sides={
            "ours": [i.person.id for li, _ in rows for i in [li] if i and i.kind == "person"],
            "theirs": [i.person.id for _, ri in rows for i in [ri] if i and i.kind == "person"],
        },
        width=max(total_width, max((t.cell_len for t in lines), default=0)),
    )


def shape_text(amap: Any) -> Text:
    """The shape as `> <` / `< >` with its first reason and the counts, for
    the tab header (the drawing ends with every reason)."""
    a = amap.analysis
    t = Text(no_wrap=False)
    glyph = shape_glyph(a.shape, "?")
    style = {
        "bow-tie": "bold red",
        "diamond": "bold green",
        "developing": "bold yellow",
        "none": "bold",
    }.get(a.shape, "bold")
    t.append(f" {glyph} ", style=style + " reverse")
    t.append(f" {a.shape.upper()} ", style=style)
    if a.reasons:
        t.append(" " + safe.plain(a.reasons[0]))
    if amap.leaving:
        names = ", ".join(amap.name(i) for i in sorted(amap.leaving))
        t.append("\n")
        t.append(" WHAT-IF ", style="bold black on yellow")
        t.append(f" leaving: {names} — nothing is saved (w toggles)", style="yellow")
    funcs = len(a.their_functions)
    share = "—" if a.busiest_pair_share is None else f"{round(a.busiest_pair_share * 100)} %"
    t.append(
        f"\n {a.our_active} of ours · {a.their_active} of theirs · "
        f"{funcs} function{'s' if funcs != 1 else ''} · "
        f"decision maker {'✓' if a.decision_maker_covered else '✗'} · "
        f"executive {'✓' if a.executive_covered else '✗'} · top pair {share}",
        style="dim",
    )
    if len(a.reasons) > 1:
        t.append(f" · {count(len(a.reasons) - 1, 'more reason')} below the map", style="dim italic")
    return t
