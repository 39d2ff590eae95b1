"""The contact map: who of ours is in contact with whom of theirs, and what
shape that makes (none / bow-tie / developing / diamond), explained in words.

Pure functions: no SQL, no UI. People and links come in as small frozen
dataclasses; `analyse_map` returns a `MapAnalysis`. "Today" is always passed
in. A what-if (people marked as leaving) is just another argument: nothing is
written anywhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from kamtui.domain.display import shape_glyph, word
from kamtui.textsafe import clean
from kamtui.vocab import FUNCTION

if TYPE_CHECKING:
    from kamtui.config import MapConfig

SHAPES = ("none", "bow-tie", "developing", "diamond")


@dataclass(frozen=True)
class MapPerson:
    id: int
    name: str
    side: str  # 'ours' | 'theirs'
    function: str | None
    decision_role: str | None
    title: str | None = None
    leaving: bool = False


@dataclass(frozen=True)
class MapLink:
    our_id: int
    their_id: int
    strength: int = 3
    last_contact: date | None = None  # latest interaction both took part in; None: never
    interactions: int = 0  # how many of them (the services count the active window)
    declared: date | None = None  # when it was declared (None: not known, taken as today)
    origin: str = "declared"  # 'declared' by hand, or 'meeting': made by logging an interaction


@dataclass
class MapAnalysis:
    shape: str
    our_active: int
    their_active: int
    their_functions: list[str]
    decision_maker_covered: bool
    executive_covered: bool
    single_points_of_failure: list[int]
    unlinked: list[int]
    busiest_pair_share: float | None
    active_links: int
    reasons: list[str]
    # What the map drawing and the what-if show besides the verdict.
    inactive_links: int = 0
    leaving: list[int] = field(default_factory=list)
    active_pairs: list[tuple[int, int]] = field(default_factory=list)
    busiest_pair: tuple[int, int] | None = None
    # Declared links never met in an interaction: still within their grace
    # period (counted, "declared, not yet met") and past it (not counted).
    declared_pending: list[tuple[int, int]] = field(default_factory=list)
    declared_unmet: list[tuple[int, int]] = field(default_factory=list)
    # The shape counting only links met in an interaction (the same as
    # `shape` without declared links pending): declaring a link never takes
    # an account out of the bow-tie revitalisation rule.
    met_shape: str | None = None

    @property
    def shape_met(self) -> str:
        return self.met_shape or self.shape

    @property
    def glyph(self) -> str:
        return shape_glyph(self.shape, "?")


def is_active(
    link: MapLink, *, today: date, window_days: int, grace_days: int | None = None
) -> bool:
    """A link is active when both ends took part in an interaction within the
    window, or, never met yet, while it is within `grace_days` of being
    declared (None: no limit)."""
    if link.last_contact is None:
        return grace_days is None or not is_declared_unmet(link, today=today, grace_days=grace_days)
    return (today - link.last_contact).days <= window_days


def is_declared_unmet(link: MapLink, *, today: date, grace_days: int) -> bool:
    """Declared, never met, and past its grace period: not counted."""
    if link.last_contact is not None or link.declared is None:
        return False
    return (today - link.declared).days > grace_days


def articulation_points(adjacency: dict[int, set[int]]) -> set[int]:
    """Vertices whose removal splits their connected component (Tarjan's
    low-link DFS, iterative so a long chain cannot hit the recursion limit)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    points: set[int] = set()
    counter = 0
    for root in sorted(adjacency):
        if root in index:
            continue
        index[root] = low[root] = counter
        counter += 1
        root_children = 0
        stack: list[tuple[int, int | None, list[int]]] = [(root, None, sorted(adjacency[root]))]
        while stack:
            node, parent, pending = stack[-1]
            if pending:
                nxt = pending.pop()
                if nxt == parent:
                    continue
                if nxt in index:
                    low[node] = min(low[node], index[nxt])
                else:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    if node == root:
                        root_children += 1
                    stack.append((nxt, node, sorted(adjacency[nxt])))
                continue
            stack.pop()
            if parent is not None:
                low[parent] = min(low[parent], low[node])
                if parent != root and low[node] >= index[parent]:
                    points.add(parent)
        if root_children > 1:
            points.add(root)
    return points


def _names(people: dict[int, MapPerson], ids: Iterable[int], limit: int = 6) -> str:
    """ "Ana", "Ana and Luis", "Ana, Bea and Luis", "Ana, …, Fe and 12 more"."""
    ids = list(ids)
    names = [_name(people[i]) for i in ids[:limit]]
    if len(ids) > limit:
        return ", ".join(names) + f" and {len(ids) - limit} more"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _name(person: MapPerson) -> str:
    name = person.name if person.name.isprintable() else clean(person.name, one_line=True)
    return name.strip() or f"#{person.id}"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def analyse_map(
    people: Iterable[MapPerson],
    links: Iterable[MapLink],
    *,
    today: date,
    config: MapConfig,
    leaving: Iterable[int] = frozenset(),
) -> MapAnalysis:
    """Breadth, redundancy and shape of one account's map, with reasons.

    People flagged `leaving` (stored flag or the what-if set) are analysed as
    if already gone; their links no longer count.
    """
    by_id = {p.id: p for p in people}
    links = list(links)
    gone = {pid for pid in leaving if pid in by_id} | {p.id for p in by_id.values() if p.leaving}
    present = {pid: p for pid, p in by_id.items() if pid not in gone}

    window = config.active_window_days
    grace = config.declared_grace_days
    active: list[MapLink] = []
    inactive = 0
    pending: list[MapLink] = []  # declared, not yet met, within the grace period
    unmet: list[MapLink] = []  # declared, never met, past it
    seen: set[tuple[int, int]] = set()
    with_leavers = 0
    for link in links:
        if {link.our_id, link.their_id} & gone:
            with_leavers += 1
            continue
        ours, theirs = present.get(link.our_id), present.get(link.their_id)
        if ours is None or theirs is None or ours.side != "ours" or theirs.side != "theirs":
            continue
        key = (link.our_id, link.their_id)
        if key in seen:
            continue
        seen.add(key)
        if link.last_contact is None:
            if is_declared_unmet(link, today=today, grace_days=grace):
                unmet.append(link)
                inactive += 1
            else:
                pending.append(link)
                active.append(link)
        elif is_active(link, today=today, window_days=window):
            active.append(link)
        else:
            inactive += 1

    adjacency: dict[int, set[int]] = defaultdict(set)
    for link in active:
        adjacency[link.our_id].add(link.their_id)
        adjacency[link.their_id].add(link.our_id)
    ours_active = sorted(pid for pid in adjacency if present[pid].side == "ours")
    theirs_active = sorted(pid for pid in adjacency if present[pid].side == "theirs")
    their_functions = sorted({f for pid in theirs_active if (f := present[pid].function)})
    dm_covered = any(present[pid].decision_role == "decision_maker" for pid in theirs_active)
    exec_covered = any(present[pid].function == "executive" for pid in theirs_active)
    unlinked = sorted(pid for pid in present if pid not in adjacency)

    # Single points of failure: people whose absence splits the map, or who
    # are on every active link (so nothing is left without them).
    spof = articulation_points(dict(adjacency))
    if active:
        on_every = {active[0].our_id, active[0].their_id}
        for link in active[1:]:
            on_every &= {link.our_id, link.their_id}
        spof |= on_every
    spof_sorted = sorted(spof, key=lambda pid: (present[pid].side != "ours", pid))

    total = sum(max(0, link.interactions) for link in active)
    busiest_share: float | None = None
    busiest: tuple[int, int] | None = None
    if total > 0:
        top = max(active, key=lambda lk: (lk.interactions, -lk.our_id, -lk.their_id))
        busiest = (top.our_id, top.their_id)
        busiest_share = top.interactions / total

    reasons: list[str] = []
    n_ours, n_theirs, n_funcs = len(ours_active), len(theirs_active), len(their_functions)
    need_people = config.diamond_min_people_each_side
    need_funcs = config.diamond_min_functions
    hub: int | None = None  # the one person on every link, when there are several links
    if len(active) >= 2:
        if n_ours == 1:
            hub = ours_active[0]
        elif n_theirs == 1:
            hub = theirs_active[0]

    if not active:
        shape = "none"
        if not present:
            reasons.append("nobody on the map yet" if not gone else "nobody left on the map")
        elif with_leavers and not inactive and not seen:
            reasons.append(
                f"no contact left: {_plural(with_leavers, 'link')} went with the people leaving"
            )
        elif inactive > len(unmet):
            reasons.append(
                f"no active links: {_plural(inactive - len(unmet), 'link')} without contact "
                f"in the last {window} days"
            )
        elif unmet:
            reasons.append(f"no active links: {_plural(len(unmet), 'link')} declared but never met")
        elif not seen:
            reasons.append("no links yet: nobody of ours is in contact with anybody of theirs")
    elif n_ours == 1 and n_theirs == 1:
        shape = "bow-tie"
        reasons.append(
            f"only {_name(present[ours_active[0]])} ↔ "
            f"{_name(present[theirs_active[0]])} are in contact"
        )
    elif hub is not None:
        shape = "bow-tie"
        reasons.append(f"all {len(active)} links pass through {_name(present[hub])}")
    elif n_ours >= need_people and n_theirs >= need_people and n_funcs >= need_funcs and not spof:
        shape = "diamond"
        reasons.append(
            f"{n_ours} of ours and {n_theirs} of theirs in contact across "
            f"{_plural(n_funcs, 'client function')}, no single point of failure"
        )
    else:
        shape = "developing"
        if n_ours < need_people:
            reasons.append(f"only {n_ours} of ours in contact (diamond needs {need_people})")
        if n_theirs < need_people:
            reasons.append(f"only {n_theirs} of theirs in contact (diamond needs {need_people})")
        if n_funcs < need_funcs:
            reasons.append(
                f"{_plural(n_funcs, 'client function')} covered"
                f"{': ' + ', '.join(word(FUNCTION, f) for f in their_functions) if their_functions else ''}"
                f" (diamond needs {need_funcs})"
            )
        for pid in spof_sorted[:3]:
            cut = _cut_off(adjacency, pid)
            reasons.append(
                f"single point of failure: without {_name(present[pid])}, "
                f"{_names(present, cut, limit=3)} would lose contact with the rest"
            )
        if len(spof_sorted) > 3:
            more = len(spof_sorted) - 3
            reasons.append(
                f"{more} more single point{'s' if more > 1 else ''} of failure: "
                f"{_names(present, spof_sorted[3:])}"
            )

    if active:
        if shape == "bow-tie" and spof:
            extra = [pid for pid in spof_sorted if pid != hub]
            if extra and not (n_ours == 1 and n_theirs == 1):
                reasons.append(
                    f"{_names(present, extra)} also "
                    f"{'is a single point' if len(extra) == 1 else 'are single points'} of failure"
                )
        if not dm_covered:
            reasons.append("no decision maker of theirs is in contact")
        if not exec_covered:
            reasons.append("no executive of theirs is in contact")
        if (
            busiest is not None
            and busiest_share is not None
            and len(active) > 1
            and (busiest_share >= 0.5)
        ):
            reasons.append(
                f"{_name(present[busiest[0]])} ↔ {_name(present[busiest[1]])} carry "
                f"{round(busiest_share * 100)} % of the interactions"
            )
        if inactive > len(unmet):
            reasons.append(
                f"{_plural(inactive - len(unmet), 'link')} lapsed: no contact in the last "
                f"{window} days"
            )
    if pending:
        reasons.append(
            f"declared, not yet met: {_pairs(present, pending)} (counted for {grace} days "
            "from being declared, until an interaction with both)"
        )
    if unmet:
        reasons.append(
            f"declared but not met within {grace} days, not counted: {_pairs(by_id, unmet)}"
        )
    from_meetings = [lk for lk in active if lk.origin == "meeting"]
    if from_meetings:
        reasons.append(
            f"from meetings: {_pairs(present, from_meetings)} (in contact by logged interactions)"
        )
    if unlinked and present:
        reasons.append(f"not in contact: {_names(present, unlinked)}")
    if gone:
        reasons.append(f"leaving (not counted): {_names(by_id, sorted(gone))}")

    met_shape = shape
    if pending:
        waiting = {(lk.our_id, lk.their_id) for lk in pending}
        met_shape = analyse_map(
            by_id.values(),
            [lk for lk in links if (lk.our_id, lk.their_id) not in waiting],
            today=today,
            config=config,
            leaving=gone,
        ).shape
    return MapAnalysis(
        met_shape=met_shape,
        shape=shape,
        our_active=n_ours,
        their_active=n_theirs,
        their_functions=their_functions,
        decision_maker_covered=dm_covered,
        executive_covered=exec_covered,
        single_points_of_failure=spof_sorted,
        unlinked=unlinked,
        busiest_pair_share=busiest_share,
        active_links=len(active),
        reasons=reasons,
        inactive_links=inactive,
        leaving=sorted(gone),
        active_pairs=[(lk.our_id, lk.their_id) for lk in active],
        busiest_pair=busiest,
        declared_pending=[(lk.our_id, lk.their_id) for lk in pending],
        declared_unmet=[(lk.our_id, lk.their_id) for lk in unmet],
    )


def _pairs(people: dict[int, MapPerson], links: list[MapLink], limit: int = 3) -> str:
    """ "Ana ↔ Luis, Bea ↔ Eva and 2 more"."""
    names = [f"{_name(people[lk.our_id])} ↔ {_name(people[lk.their_id])}" for lk in links[:limit]]
    more = f" and {len(links) - limit} more" if len(links) > limit else ""
    return ", ".join(names) + more


def _cut_off(adjacency: dict[int, set[int]], removed: int) -> list[int]:
    """The people who lose contact with the rest of their part of the map when
    `removed` is gone (all but the largest piece it leaves behind)."""
    seen: set[int] = {removed}
    components: list[list[int]] = []
    for start in sorted(adjacency[removed]):
        if start in seen:
            continue
        seen.add(start)
        stack, component = [start], [start]
        while stack:
            for nxt in adjacency[stack.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
                    component.append(nxt)
        components.append(component)
    components.sort(key=lambda c: (-len(c), min(c)))
    return sorted(pid for c in components[1:] for pid in c)
