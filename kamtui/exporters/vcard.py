"""People as vCards (3.0, or 4.0 with RELATED for the links between them),
written by vobject. Pure: records in, text out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import vobject

from kamtui import vocab

VERSIONS = ("3.0", "4.0")


@dataclass(frozen=True)
class CardPerson:
    """One person as a card holds it; `uid` is stable (urn:uuid:…), `related`
    the uids of the people they are linked with."""

    uid: str
    name: str
    title: str | None = None
    function: str | None = None
    decision_role: str | None = None
    email: str | None = None
    phone: str | None = None
    related: tuple[str, ...] = field(default_factory=tuple)


def _name_parts(name: str) -> tuple[str, str]:
    """(family, given) for N: the last word is the family name (a guess; FN
    keeps the name as written)."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return words[-1], " ".join(words[:-1])


def vcards(people: Iterable[CardPerson], *, organisation: str, version: str = "3.0") -> str:
    """The cards of `people`, all of `organisation` (ORG, with the function's
    label as the department)."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version!r}: write 3.0 or 4.0")
    out: list[str] = []
    for person in people:
        card = vobject.vCard()
        card.add("version").value = version
        card.add("uid").value = person.uid
        card.add("fn").value = person.name
        family, given = _name_parts(person.name)
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        department = vocab.FUNCTION.label(person.function)
        card.add("org").value = [organisation, department] if department else [organisation]
        if person.title:
            card.add("title").value = person.title
        if person.function:
            card.add("role").value = vocab.FUNCTION.label(person.function)
        elif person.decision_role:
            card.add("role").value = vocab.DECISION_ROLE.label(person.decision_role)
        if person.email:
            email = card.add("email")
            email.value = person.email
            email.type_param = "INTERNET" if version == "3.0" else "work"
        if person.phone:
            phone = card.add("tel")
            phone.value = person.phone
            phone.type_param = "WORK" if version == "3.0" else "work"
        if version == "4.0":
            card.add("kind").value = "individual"
            for uid in person.related:
                related = card.add("related")
                related.value = uid
                related.type_param = "colleague"
        out.append(card.serialize())
    return "".join(out)
