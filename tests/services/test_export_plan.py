"""How a large export is shared among child processes: pieces of about
equal cost, a CSV file cut in id ranges that cover every record once."""

from __future__ import annotations

import itertools

import pytest

from kamtui.services.export_plan import Piece, cost, plan

LARGE = {
    "accounts": 10_000,
    "people": 200_000,
    "links": 45_000,
    "interactions": 1_000_000,
    "next_steps": 150_000,
    "facts": 50_000,
    "transactions": 2_000_000,
    "wallet": 117_000,
}
SPANS = {k: (1, n + 1) for k, n in LARGE.items() if k != "accounts"}


def _load(group: list[Piece]) -> float:
    total = 0.0
    for piece in group:
        share = 1.0
        if piece.ids is not None:
            low, high = SPANS[piece.kind]
            a = piece.ids[0] if piece.ids[0] is not None else low
            b = piece.ids[1] if piece.ids[1] is not None else high
            share = (b - a) / (high - low)
        total += cost(LARGE, piece.kind) * share
    return total


@pytest.mark.parametrize("workers", [2, 3, 4])
def test_csv_files_are_cut_so_every_process_has_as_much_to_do(workers: int) -> None:
    groups = plan(LARGE, list(LARGE), workers, SPANS)
    assert len(groups) == workers
    loads = [_load(g) for g in groups]
    assert max(loads) <= 1.2 * min(loads), loads
    # without parts, the interactions alone would take longer than any group
    assert max(loads) < cost(LARGE, "interactions")


def test_the_parts_of_a_file_cover_every_id_once_and_in_order() -> None:
    groups = plan(LARGE, list(LARGE), 3, SPANS)
    pieces = [p for g in groups for p in g]
    for kind in LARGE:
        mine = [p for p in pieces if p.kind == kind]
        if len(mine) == 1:
            assert mine[0].part is None
            continue
        mine.sort(key=lambda p: p.part or 0)
        assert [p.part for p in mine] == list(range(len(mine)))
        assert mine[0].ids is not None and mine[0].ids[0] is None  # from the first id
        assert mine[-1].ids is not None and mine[-1].ids[1] is None  # to ids added later
        for before, after in itertools.pairwise(mine):
            assert before.ids is not None and after.ids is not None
            assert before.ids[1] == after.ids[0]
        # one process writes at most one part of a file
        assert all(sum(p.kind == kind for p in g) <= 1 for g in groups)


def test_json_files_go_whole_and_those_naming_people_gather() -> None:
    # Labels of 1,000,000 people cost 3.5 s: the facts go where the
    # interactions made them already, the people go to the other process.
    sizes = {"people": 1_000_000, "interactions": 1_000_000, "facts": 100_000}
    sizes["transactions"] = 3_000_000
    groups = plan(sizes, list(sizes), 2)
    assert sorted([p.kind for p in g] for g in groups) == [
        ["interactions", "facts"],
        ["people", "transactions"],
    ]
    assert all(p.part is None for g in groups for p in g)
    assert plan({"accounts": 1}, ["accounts"], 4) == [[Piece("accounts")]]


def test_pieces_travel_as_text() -> None:
    for piece in (
        Piece("accounts"),
        Piece("interactions", 0, (None, 500)),
        Piece("wallet", 2, (9, None)),
    ):
        assert Piece.parse(piece.text()) == piece
    for bad in ("nothing", "accounts/0/1/2", "interactions/x/1/2", "interactions/1"):
        with pytest.raises(ValueError):
            Piece.parse(bad)
