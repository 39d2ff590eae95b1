"""One account's people as vCards (`kamtui export vcard`)."""

from __future__ import annotations

from dataclasses import dataclass

from kamtui.exporters.vcard import CardPerson, vcards
from kamtui.services import accounts as account_service
from kamtui.services import people as people_service
from kamtui.storage import people as people_sql
from kamtui.storage.db import Store
from kamtui.storage.identity import record_uid

SIDES = ("theirs", "ours", "all")


@dataclass
class VCardExport:
    account: str
    text: str
    count: int


def export_vcards(
    store: Store, account: str, *, version: str = "3.0", side: str = "theirs"
) -> VCardExport:
    """The people of `account` on `side` (theirs, ours or all) as vCards; 4.0
    adds RELATED for each link to a person in the same file. UIDs are stable:
    exporting again gives the same cards."""
    found = account_service.resolve(store, account)
    people = [
        p for p in people_service.list_people(store, found.id) if side == "all" or p.side == side
    ]
    uid = {p.id: f"urn:uuid:{record_uid(store, 'person', p.id)}" for p in people}
    related: dict[int, list[str]] = {p.id: [] for p in people}
    if version == "4.0":
        for link in people_sql.links(store, found.id, "9999-12-31"):
            ours, theirs = link["our_person_id"], link["their_person_id"]
            if ours in uid and theirs in uid:
                related[ours].append(uid[theirs])
                related[theirs].append(uid[ours])
    cards = [
        CardPerson(
            uid=uid[p.id],
            name=p.name,
            title=p.title,
            function=p.function,
            decision_role=p.decision_role,
            email=p.email,
            phone=p.phone,
            related=tuple(related[p.id]),
        )
        for p in people
    ]
    return VCardExport(
        found.name, vcards(cards, organisation=found.name, version=version), len(cards)
    )
