"""People and links (the contact map): editing, and the map analysis for one
account or, set-wise, for the whole portfolio. Shared by the TUI and the CLI."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby
from operator import itemgetter
from typing import Any

from kamtui.config import Config, MapConfig
from kamtui.domain.contact_map import (
    MapAnalysis,
    MapLink,
    MapPerson,
    analyse_map,
    is_active,
)
from kamtui.domain.models import Person, PersonInput
from kamtui.domain.validation import contact_errors
from kamtui.services.errors import Ambiguous, NotFound, ServiceError, validation_message
from kamtui.storage import accounts as account_sql
from kamtui.storage import people as sql
from kamtui.storage.db import Store
from kamtui.textsafe import clean, fold


def map_config(config: Config | MapConfig | None) -> MapConfig:
    """The [map] section, whether given the whole config or the section."""
    if config is None:
        return MapConfig()
    if isinstance(config, MapConfig):
        return config
    return config.map


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _person(row: Any) -> Person:
    data = dict(row)
    data.pop("deleted_at", None)
    data["leaving"] = bool(data.get("leaving"))
    return Person.model_validate(data)


# -- people ----------------------------------------------------------------------


def _check(data: PersonInput) -> None:
    errors = contact_errors(data)
    if errors:
        raise ServiceError("; ".join(f"{k}: {v}" for k, v in errors.items()))


def person_input(fields: dict[str, Any]) -> PersonInput:
    """Validated input (vocabulary keys or English/Spanish labels);
    ServiceError naming the first wrong field."""
    from pydantic import ValidationError

    try:
        data = PersonInput.model_validate(fields)
    except ValidationError as exc:
        raise ServiceError(validation_message(exc)) from None
    _check(data)
    return data


def edit_person(store: Store, person_id: int, changes: dict[str, Any]) -> Person:
    """Change only the fields in `changes`, compare-and-set against the
    version just read: a change made in between raises RecordConflict."""
    current = get_person(store, person_id)
    merged = current.model_dump(include=set(sql.PERSON_FIELDS))
    merged.update(changes)
    update_person(store, person_id, person_input(merged), expected_version=current.version)
    return get_person(store, person_id)


def list_people(store: Store, account_id: int) -> list[Person]:
    """Both sides of the account's map: ours first, by function and name."""
    return [_person(r) for r in sql.people(store, account_id)]


def get_person(store: Store, person_id: int) -> Person:
    row = sql.person(store, person_id)
    if row is None:
        raise NotFound(f"no person with id {person_id}")
    return _person(row)


def create_person(store: Store, account_id: int, data: PersonInput) -> int:
    if account_sql.get(store, account_id) is None:
        raise NotFound(f"no account with id {account_id}")
    _check(data)
    return sql.insert_person(store, account_id, data)


def update_person(
    store: Store,
    person_id: int,
    data: PersonInput,
    *,
    expected_version: int | None = None,
    restore: bool = False,
) -> None:
    """Save an edit. With `expected_version` (the version the form loaded) a
    change or trashing made since raises RecordConflict instead of being
    overwritten; `restore=True` also takes the person out of the trash."""
    if expected_version is None:
        get_person(store, person_id)
    _check(data)
    sql.update_person(store, person_id, data, expected_version=expected_version, restore=restore)


def delete_person(store: Store, person_id: int) -> Person:
    """Move to the trash (their links stop counting); `restore_person` undoes it."""
    person = get_person(store, person_id)
    sql.set_person_deleted(store, [person_id], True)
    return person


def restore_person(store: Store, person_id: int) -> None:
    """Out of the trash; refused for a person merged into another."""
    from kamtui.services.merge import check_restore

    check_restore(store, "person", person_id)
    sql.set_person_deleted(store, [person_id], False)


def find_person(store: Store, account_id: int, name: str, side: str | None = None) -> Person:
    """One live person of the account by name (case- and accent-insensitive;
    a unique partial name also matches). Ambiguous names list candidates."""
    key = fold(name)
    if not key:
        raise NotFound("no name given")
    rows = sql.find_people(store, account_id, key, side)
    if len(rows) == 1:
        return _person(rows[0])
    everyone = [r for r in sql.people(store, account_id) if side is None or r["side"] == side]
    if not rows:
        rows = [r for r in everyone if key in fold(r["name"])]
        if len(rows) == 1:
            return _person(rows[0])
    where = f"{side} side of the account" if side else "account"
    if rows:
        raise Ambiguous("person", name, [_label(r) for r in rows])
    known = ", ".join(clean(r["name"], one_line=True) for r in everyone[:20]) or "nobody yet"
    raise NotFound(f"no person {name!r} on the {where}; known: {known}")


def _label(row: Any) -> str:
    return f"{clean(row['name'], one_line=True)} ({row['side']}, #{row['id']})"


# -- links -----------------------------------------------------------------------


@dataclass(frozen=True)
class LinkInfo:
    id: int
    our_id: int
    their_id: int
    strength: int
    last_contact: date | None  # latest interaction both took part in
    recent: int  # interactions within the active window
    total: int  # interactions in all
    active: bool
    declared: date | None = None  # when it was declared (created)
    declared_not_met: bool = False  # never met in an interaction, still counted (grace)
    origin: str = "declared"  # or 'meeting': created by logging an interaction with both

    @property
    def from_meetings(self) -> bool:
        return self.origin == "meeting"

    def as_map_link(self) -> MapLink:
        return MapLink(
            self.our_id,
            self.their_id,
            self.strength,
            self.last_contact,
            self.recent,
            self.declared,
            self.origin,
        )


def link_people(store: Store, first_id: int, second_id: int, strength: int = 3) -> int:
    """Link an our-side person with a their-side person of the same account
    (either order). Re-linking a pair revives or updates the same link."""
    if not 1 <= int(strength) <= 5:
        raise ServiceError("strength must be 1 to 5")
    a, b = get_person(store, first_id), get_person(store, second_id)
    if a.account_id != b.account_id:
        raise ServiceError("both people must belong to the same account")
    if a.side == b.side:
        side = "our" if a.side == "ours" else "their"
        raise ServiceError(f"a link joins one of ours with one of theirs; both are on {side} side")
    ours, theirs = (a, b) if a.side == "ours" else (b, a)
    return sql.upsert_link(store, a.account_id, ours.id, theirs.id, int(strength))


def unlink(store: Store, link_id: int) -> None:
    """Move a link to the trash; `restore_link` undoes it."""
    if sql.link(store, link_id) is None:
        raise NotFound(f"no link with id {link_id}")
    sql.set_link_deleted(store, [link_id], True)


def restore_link(store: Store, link_id: int) -> None:
    sql.set_link_deleted(store, [link_id], False)


def links(
    store: Store, account_id: int, *, today: date, config: Config | MapConfig | None = None
) -> list[LinkInfo]:
    cfg = map_config(config)
    window, grace = cfg.active_window_days, cfg.declared_grace_days
    since = (today - timedelta(days=window)).isoformat()
    out = []
    for r in sql.links(store, account_id, since):
        last = _date(r["last_contact"])
        declared = _date(r["created_at"])
        probe = MapLink(
            r["our_person_id"], r["their_person_id"], r["strength"], last, declared=declared
        )
        active = is_active(probe, today=today, window_days=window, grace_days=grace)
        out.append(
            LinkInfo(
                id=r["id"],
                our_id=r["our_person_id"],
                their_id=r["their_person_id"],
                strength=r["strength"],
                last_contact=last,
                recent=r["recent"] or 0,
                total=r["total"] or 0,
                active=active,
                declared=declared,
                declared_not_met=active and last is None,
                origin=r["origin"],
            )
        )
    return out


# -- the map ---------------------------------------------------------------------


def _map_person(p: Person) -> MapPerson:
    return MapPerson(p.id, p.name, p.side, p.function, p.decision_role, p.title, p.leaving)


@dataclass
class AccountMap:
    """What the Map tab and `kamtui map` show: people, links and the analysis."""

    account_id: int
    account_name: str
    people: list[Person]
    links: list[LinkInfo]
    analysis: MapAnalysis
    leaving: frozenset[int]

    def person(self, person_id: int) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def name(self, person_id: int) -> str:
        p = self.person(person_id)
        return clean(p.name, one_line=True) if p else f"#{person_id}"


def account_map(
    store: Store,
    account_id: int,
    *,
    today: date,
    config: Config | MapConfig | None = None,
    leaving: Iterable[int] = frozenset(),
) -> AccountMap:
    account = account_sql.get(store, account_id)
    if account is None:
        raise NotFound(f"no account with id {account_id}")
    cfg = map_config(config)
    people = list_people(store, account_id)
    link_infos = links(store, account_id, today=today, config=cfg)
    gone = frozenset(leaving)
    analysis = analyse_map(
        [_map_person(p) for p in people],
        [lk.as_map_link() for lk in link_infos],
        today=today,
        config=cfg,
        leaving=gone,
    )
    return AccountMap(account_id, account.name, people, link_infos, analysis, gone)


def map_analysis(
    store: Store,
    account_id: int,
    *,
    today: date,
    config: Config | MapConfig | None = None,
    leaving: Iterable[int] = frozenset(),
) -> MapAnalysis:
    gone = frozenset(leaving)
    if not gone:
        cached = _cached_analyses(store, today, map_config(config))
        if cached is not None and account_id in cached:
            return cached[account_id]
    return account_map(store, account_id, today=today, config=config, leaving=gone).analysis


def _cache_key(today: date, cfg: MapConfig) -> tuple[str, date, str]:
    return ("people.map_analyses", today, cfg.model_dump_json())


def _cached_analyses(store: Store, today: date, cfg: MapConfig) -> dict[int, MapAnalysis] | None:
    """The portfolio's analyses computed earlier on unchanged data, if any."""
    hit = store.cache.get("map_analyses")
    if hit is not None and hit[0] == _cache_key(today, cfg) and hit[1] == store.change_marker():
        analyses: dict[int, MapAnalysis] = hit[2]
        return analyses
    return None


def map_analyses(
    store: Store, *, today: date, config: Config | MapConfig | None = None
) -> dict[int, MapAnalysis]:
    """The map analysis of every live account that has people, set-wise: four
    queries for the whole portfolio, whatever its size."""
    cfg = map_config(config)
    cached = _cached_analyses(store, today, cfg)
    if cached is not None:
        return dict(cached)
    key = _cache_key(today, cfg)
    marker = store.change_marker()
    since_day = today - timedelta(days=cfg.active_window_days)
    links_by_acc = _map_links(store, since_day)
    # The people come account by account: each account's are analysed and
    # dropped before the next ones are read (200,000 MapPerson held at once
    # were ~100 MB of the whole portfolio's health's peak).
    result: dict[int, MapAnalysis] = {}
    for acc, rows in groupby(sql.all_people(store), key=itemgetter(1)):
        people = [
            MapPerson(pid, name, side, function, role, None, bool(leaving))
            for pid, _, side, name, function, role, leaving in rows
        ]
        result[acc] = analyse_map(people, links_by_acc.pop(acc, ()), today=today, config=cfg)
    store.cache["map_analyses"] = (key, marker, result)
    return dict(result)


def _map_links(store: Store, since_day: date) -> dict[int, list[MapLink]]:
    """Every live link as the map analysis sees it, by account: its last
    contact within the window (from `since_day`), a day before the window
    when it was only met earlier, else never met."""
    all_links = sql.all_links(store)
    recent = {
        lid: (last, n) for lid, last, n in sql.recent_pair_contacts(store, since_day.isoformat())
    }
    quiet = [r[0] for r in all_links if r[0] not in recent]
    contacted_before = sql.links_ever_contacted(store, quiet)
    # A link contacted only before the window is lapsed; its exact last date
    # does not change the analysis, so any day before the window stands for it.
    lapsed_day = since_day - timedelta(days=1)
    links_by_acc: dict[int, list[MapLink]] = defaultdict(list)
    for lid, acc, our_id, their_id, strength, created, origin in all_links:
        if lid in recent:
            last, count = recent[lid]
            map_link = MapLink(
                our_id, their_id, strength, date.fromisoformat(last[:10]), count, origin=origin
            )
        elif lid in contacted_before:
            map_link = MapLink(our_id, their_id, strength, lapsed_day, 0, origin=origin)
        else:
            declared = date.fromisoformat(created[:10]) if created else None
            map_link = MapLink(our_id, their_id, strength, None, 0, declared, origin)
        links_by_acc[acc].append(map_link)
    return links_by_acc
