"""How a large export is shared among child processes (export_parallel):
the pieces each one writes, of about equal cost.

A piece is a whole kind's file, or a part of a CSV file: the records of an
id range, written to a hidden part file and joined with the others in order
(`exporters.files.join_parts`). Interactions alone cost more than half of
the whole export (participants, long notes), so without parts two processes
waited on the one writing them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kamtui.storage import export as sql

# Microseconds of one process per record to read and write each kind,
# measured on the large demo (1M interactions with 2.4M participants and
# long notes, 2M transactions); 4 for the others.
COST = {
    "interactions": 15.0,
    "transactions": 5.2,
    "people": 6.7,
    "next_steps": 5.9,
    "complaints": 8.0,
    "accounts": 7.0,
}
DEFAULT_COST = 4.0
# Microseconds per person to make the labels of people, once in each
# process writing a file that names people (interactions, facts, marks).
LABEL_COST = 3.5
# A part smaller than this share of a process's work is not worth a file.
MIN_SHARE = 0.05


@dataclass(frozen=True)
class Piece:
    """A kind's whole file (`part` None), or its part `part`: the records of
    ids `ids[0]` <= id < `ids[1]` (None: no bound)."""

    kind: str
    part: int | None = None
    ids: tuple[int | None, int | None] | None = None

    def text(self) -> str:
        """As a child's argument: `kind` or `kind/part/low/high` (a bound
        left empty: none)."""
        if self.part is None or self.ids is None:
            return self.kind
        low, high = ("" if x is None else str(x) for x in self.ids)
        return f"{self.kind}/{self.part}/{low}/{high}"

    @classmethod
    def parse(cls, text: str) -> Piece:
        """The inverse of `text`; ValueError when it is none."""
        kind, *rest = text.split("/")
        if kind not in sql.KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        if not rest:
            return cls(kind)
        if len(rest) != 3 or kind not in sql.SPLITTABLE:
            raise ValueError(f"not a piece: {text!r}")
        low, high = (int(x) if x else None for x in rest[1:])
        return cls(kind, int(rest[0]), (low, high))


def cost(sizes: Mapping[str, int], kind: str) -> float:
    return sizes.get(kind, 0) * COST.get(kind, DEFAULT_COST)


def plan(
    sizes: Mapping[str, int],
    kinds: Sequence[str],
    workers: int,
    spans: Mapping[str, tuple[int, int]] | None = None,
) -> list[list[Piece]]:
    """`kinds` shared among at most `workers` groups of about equal cost.
    With `spans` ((lowest id, highest + 1) of each SPLITTABLE kind; CSV
    only), the kinds are laid end to end, costliest first, and cut in equal
    lengths: a kind across a cut is written in parts. Without, each kind
    goes whole to the group it leaves lightest. No group is empty."""
    if spans is None:
        return [[Piece(k) for k in group] for group in _whole(sizes, kinds, workers)]
    ordered = sorted(kinds, key=lambda k: -cost(sizes, k))
    labels = sizes.get("people", 0) * LABEL_COST
    weight = {k: cost(sizes, k) + (labels if k == "interactions" else 0.0) for k in ordered}
    target = sum(weight.values()) / workers
    groups: list[list[Piece]] = [[]]
    room = target
    for kind in ordered:
        left, start, parts = weight[kind], 0.0, []
        span = spans.get(kind, (0, 0))
        splittable = kind in sql.SPLITTABLE and span[1] - span[0] > 1
        while True:
            last = len(groups) == workers
            if last or left <= room * (1 + MIN_SHARE) or (not splittable and left <= 2 * room):
                parts.append((start, 1.0))
                room -= left
                break
            if splittable and room > target * MIN_SHARE:
                end = start + room / weight[kind]
                parts.append((start, end))
                groups[-1].append(_part(kind, len(parts) - 1, span, start, end))
                left -= room
                start = end
            groups.append([])
            room = target
        if len(parts) == 1:
            groups[-1].append(Piece(kind))
        else:
            groups[-1].append(_part(kind, len(parts) - 1, span, start, 1.0))
    return [g for g in groups if g]


def _part(kind: str, n: int, span: tuple[int, int], start: float, end: float) -> Piece:
    """The first part has no lower bound and the last no upper one: records
    added after the plan (before the children's snapshot) are still read."""
    low, high = span
    cut = (
        low + round(start * (high - low)) if start > 0 else None,
        low + round(end * (high - low)) if end < 1 else None,
    )
    return Piece(kind, n, cut)


def _whole(sizes: Mapping[str, int], kinds: Sequence[str], workers: int) -> list[list[str]]:
    """Heaviest first, each to the group it leaves lightest; a group writing
    a file that names people first makes every person's label, so such
    files gather where the labels are made already. Each group keeps the
    order of `kinds`."""
    costs = [0.0] * workers
    members: list[list[str]] = [[] for _ in range(workers)]
    labelled = [False] * workers
    label_cost = sizes.get("people", 0) * LABEL_COST

    def added(kind: str, g: int) -> float:
        extra = label_cost if kind in sql.NAMING_PEOPLE and not labelled[g] else 0.0
        return cost(sizes, kind) + extra

    for kind in sorted(kinds, key=lambda k: -cost(sizes, k)):
        g = min(range(workers), key=lambda i: (costs[i] + added(kind, i), i))
        costs[g] += added(kind, g)
        labelled[g] = labelled[g] or kind in sql.NAMING_PEOPLE
        members[g].append(kind)
    order = {k: n for n, k in enumerate(kinds)}
    return [sorted(m, key=order.__getitem__) for m in members if m]
