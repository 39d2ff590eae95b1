"""Contact-map analysis on the canonical maps (pure functions, no database)."""

from __future__ import annotations

from datetime import date, timedelta

from kamtui.config import MapConfig
from kamtui.domain.contact_map import (
    MapLink,
    MapPerson,
    analyse_map,
    articulation_points,
    is_active,
)

TODAY = date(2026, 11, 15)
CFG = MapConfig()


def ours(pid: int, name: str, function: str | None = "sales") -> MapPerson:
    return MapPerson(pid, name, "ours", function, None)


def theirs(
    pid: int, name: str, function: str | None = "purchasing", role: str | None = None
) -> MapPerson:
    return MapPerson(pid, name, "theirs", function, role)


def analyse(people, links, **kw):  # type: ignore[no-untyped-def]
    return analyse_map(
        people, links, today=kw.pop("today", TODAY), config=kw.pop("config", CFG), **kw
    )


def test_empty_map_is_none_and_says_so() -> None:
    a = analyse([], [])
    assert a.shape == "none"
    assert a.our_active == a.their_active == a.active_links == 0
    assert a.busiest_pair_share is None
    assert a.single_points_of_failure == []
    assert a.reasons == ["nobody on the map yet"]


def test_people_without_links_are_none_and_all_unlinked() -> None:
    people = [ours(1, "Ana"), theirs(2, "Luis")]
    a = analyse(people, [])
    assert a.shape == "none"
    assert a.unlinked == [1, 2]
    assert "no links yet" in a.reasons[0]
    assert any("Ana and Luis" in r for r in a.reasons)


def test_one_by_one_is_a_bow_tie_between_two_named_people() -> None:
    people = [ours(1, "Ana"), theirs(2, "Luis", role="decision_maker")]
    a = analyse(people, [MapLink(1, 2, interactions=4, last_contact=TODAY)])
    assert a.shape == "bow-tie"
    assert a.glyph == "> <"
    assert a.reasons[0] == "only Ana ↔ Luis are in contact"
    assert a.our_active == a.their_active == a.active_links == 1
    assert a.decision_maker_covered and not a.executive_covered
    # either of them leaving ends all contact: both are single points of failure
    assert set(a.single_points_of_failure) == {1, 2}
    assert a.busiest_pair_share == 1.0


def test_one_hub_person_makes_a_bow_tie_through_her() -> None:
    people = [ours(1, "Marta")] + [
        theirs(10 + i, f"T{i}", function=f)
        for i, f in enumerate(["purchasing", "production", "quality", "finance", "executive"])
    ]
    links = [MapLink(1, 10 + i) for i in range(5)]
    a = analyse(people, links)
    assert a.shape == "bow-tie"
    assert a.reasons[0] == "all 5 links pass through Marta"
    assert a.single_points_of_failure == [1]
    assert a.their_active == 5 and a.our_active == 1
    assert len(a.their_functions) == 5
    assert a.executive_covered


def test_hub_on_their_side_too() -> None:
    people = [ours(1, "A"), ours(2, "B"), ours(3, "C"), theirs(9, "Ramón")]
    a = analyse(people, [MapLink(i, 9) for i in (1, 2, 3)])
    assert a.shape == "bow-tie"
    assert a.reasons[0] == "all 3 links pass through Ramón"


def four_by_four() -> tuple[list[MapPerson], list[MapLink]]:
    functions = ["purchasing", "production", "quality", "executive"]
    people = [ours(i, f"O{i}") for i in range(1, 5)] + [
        theirs(
            10 + i, f"T{i}", function=functions[i - 1], role="decision_maker" if i == 1 else None
        )
        for i in range(1, 5)
    ]
    # a ring plus a chord: every person on two or more links, no cut vertex
    links = [MapLink(i, 10 + i) for i in range(1, 5)]
    links += [MapLink(i, 10 + (i % 4) + 1) for i in range(1, 5)]
    return people, links


def test_four_by_four_across_four_functions_is_a_diamond() -> None:
    people, links = four_by_four()
    a = analyse(people, links)
    assert a.shape == "diamond"
    assert a.glyph == "< >"
    assert a.our_active == a.their_active == 4
    assert a.their_functions == ["executive", "production", "purchasing", "quality"]
    assert a.single_points_of_failure == []
    assert a.decision_maker_covered and a.executive_covered
    assert "no single point of failure" in a.reasons[0]


def test_what_if_leaving_recomputes_without_touching_inputs() -> None:
    people, links = four_by_four()
    before = analyse(people, links)
    a = analyse(people, links, leaving={1})
    assert a.our_active == 3 and a.leaving == [1]
    # the ring O1-T2-O2-T3-O3-T4-O4-T1 loses O1 and becomes a chain: every
    # inner person of the chain is now a single point of failure
    assert a.shape == "developing"
    assert set(a.single_points_of_failure) == {2, 3, 4, 13, 14}
    assert any("leaving (not counted): O1" in r for r in a.reasons)
    # two of ours leaving breaks the diamond
    b = analyse(people, links, leaving={1, 2})
    assert b.shape == "developing"
    assert "only 2 of ours in contact (diamond needs 3)" in b.reasons
    # inputs unchanged, same answer as before
    assert analyse(people, links) == before


def test_what_if_the_only_contact_leaves_the_map_is_none() -> None:
    people = [ours(1, "Jordi"), theirs(2, "Ramón")]
    a = analyse(people, [MapLink(1, 2)], leaving={2})
    assert a.shape == "none"
    assert a.unlinked == [1]
    assert a.reasons[0] == "no contact left: 1 link went with the people leaving"
    assert "leaving (not counted): Ramón" in a.reasons


def test_stored_leaving_flag_counts_like_the_what_if() -> None:
    people = [ours(1, "Jordi"), MapPerson(2, "Ramón", "theirs", "purchasing", None, leaving=True)]
    assert analyse(people, [MapLink(1, 2)]).shape == "none"


def test_disconnected_people_and_a_chain_have_single_points_of_failure() -> None:
    # O1-T1-O2-T2 chain plus an isolated pair O3-T3, and an unlinked T4
    people = [
        ours(1, "Ana"),
        ours(2, "Bea"),
        ours(3, "Carla"),
        theirs(11, "Luis", "purchasing"),
        theirs(12, "Marcos", "quality"),
        theirs(13, "Nico", "production"),
        theirs(14, "Olga", "finance"),
    ]
    links = [MapLink(1, 11), MapLink(2, 11), MapLink(2, 12), MapLink(3, 13)]
    a = analyse(people, links)
    assert a.shape == "developing"
    assert a.unlinked == [14]
    assert set(a.single_points_of_failure) == {2, 11}
    assert "single point of failure: without Bea, Marcos would lose contact with the rest" in (
        a.reasons
    )
    assert "single point of failure: without Luis, Ana would lose contact with the rest" in (
        a.reasons
    )
    assert any("not in contact: Olga" in r for r in a.reasons)


def test_lapsed_links_do_not_count_but_declared_ones_do() -> None:
    old = TODAY - timedelta(days=181)
    recent = TODAY - timedelta(days=180)
    assert not is_active(
        MapLink(1, 2, last_contact=old, interactions=3), today=TODAY, window_days=180
    )
    assert is_active(
        MapLink(1, 2, last_contact=recent, interactions=3), today=TODAY, window_days=180
    )
    assert is_active(MapLink(1, 2), today=TODAY, window_days=180)  # declared, no interactions
    people = [ours(1, "Ana"), theirs(2, "Luis")]
    a = analyse(people, [MapLink(1, 2, last_contact=old, interactions=3)])
    assert a.shape == "none" and a.inactive_links == 1
    assert a.reasons[0] == "no active links: 1 link without contact in the last 180 days"
    # a longer window from the config revives it
    longer = analyse(
        people,
        [MapLink(1, 2, last_contact=old, interactions=3)],
        config=MapConfig(active_window_days=365),
    )
    assert longer.shape == "bow-tie"


def test_thresholds_come_from_config() -> None:
    people, links = four_by_four()
    strict = MapConfig(diamond_min_people_each_side=5, diamond_min_functions=5)
    a = analyse(people, links, config=strict)
    assert a.shape == "developing"
    assert "only 4 of ours in contact (diamond needs 5)" in a.reasons
    assert any("(diamond needs 5)" in r and "client functions" in r for r in a.reasons)


def test_busiest_pair_share_names_the_pair() -> None:
    people = [ours(1, "Ana"), ours(2, "Bea"), theirs(11, "Luis"), theirs(12, "Marcos", "quality")]
    links = [
        MapLink(1, 11, interactions=8, last_contact=TODAY),
        MapLink(2, 12, interactions=1, last_contact=TODAY),
        MapLink(1, 12, interactions=1, last_contact=TODAY),
    ]
    a = analyse(people, links)
    assert a.busiest_pair_share == 0.8
    assert a.busiest_pair == (1, 11)
    assert "Ana ↔ Luis carry 80 % of the interactions" in a.reasons


def test_hostile_names_are_cleaned_in_reasons() -> None:
    people = [ours(1, "\x1b[31mAna"), theirs(2, "[bold]Luis[/]")]
    a = analyse(people, [MapLink(1, 2)])
    assert "\x1b" not in a.reasons[0]
    assert "[bold]Luis[/]" in a.reasons[0]


def test_articulation_points_on_small_graphs() -> None:
    star = {1: {2, 3, 4}, 2: {1}, 3: {1}, 4: {1}}
    assert articulation_points(star) == {1}
    ring = {1: {2, 4}, 2: {1, 3}, 3: {2, 4}, 4: {3, 1}}
    assert articulation_points(ring) == set()
    chain = {i: {j for j in (i - 1, i + 1) if 0 <= j < 2000} for i in range(2000)}
    assert articulation_points(chain) == set(range(1, 1999))  # no recursion limit
