"""A small account whose client contact, Lucía Gómez Pardo, is named all over
the file: in notes, next steps, complaints, facts, goals, a draft and a
health snapshot. Shared by the privacy tests (services, CLI, kill -9)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kamtui.domain.models import PersonInput
from kamtui.services import accounts, people
from kamtui.services.interactions.log import log_interaction
from kamtui.storage.db import Store

NAME = "Lucía Gómez Pardo"
EMAIL = "lucia.gomez@conservas-pena.es"
PHONE = "+34 611 222 333"
# What the test greps the file for: each byte form the person may take.
NEEDLES = [
    NAME.encode("utf-8"),
    "Lucía Gómez".encode(),
    b"LUCIA GOMEZ",
    EMAIL.encode(),
    b"611 222 333",
    b"611222333",
    b"Luc\\u00eda",  # a JSON-escaped form
    NAME.encode("utf-16-le"),
    # The search indexes keep words folded, apart from the text ("pardo"):
    # her surname and first name are nobody else's words here.
    b"pardo",
    b"gomez",
    b"lucia",
]


@dataclass
class World:
    account_id: int
    lucia: int
    ana: int  # ours
    pedro: int  # another client contact, who must stay
    meeting: int
    call: int


def build(store: Store, *, notes_copies: int = 1) -> World:
    acc = accounts.add(store, {"name": "Conservas Peña S.A.", "account_number": "ES-9"})
    lucia = people.create_person(
        store,
        acc,
        people.person_input(
            {
                "side": "theirs",
                "name": NAME,
                "email": EMAIL,
                "phone": PHONE,
                "title": "Directora de Compras",
                "lawful_basis": "consent",
                "privacy_note": "prefers e-mail",
            }
        ),
    )
    ana = people.create_person(store, acc, PersonInput(side="ours", name="Ana Ruiz"))
    pedro = people.create_person(
        store, acc, PersonInput(side="theirs", name="Pedro Sanz", title="Jefe de Planta")
    )
    people.link_people(store, ana, lucia, 4)
    people.link_people(store, ana, pedro, 3)
    meeting = log_interaction(
        store,
        acc,
        occurred_at="2026-10-01T10:00",
        channel="in_person",
        level="strategic",
        summary="Kick-off with Lucía Gómez and Pedro",
        notes="LUCIA GOMEZ asked for samples; call her on 611-222-333 or write to "
        f"{EMAIL}.\nPedro Sanz agreed.\n" + ("Filler about the plant. " * 20) * notes_copies,
        participant_ids=[ana, lucia, pedro],
        next_steps=[("Send samples to Lucía Gómez Pardo", "2026-12-01")],
        complaint_severity="high",
    )
    call = log_interaction(
        store,
        acc,
        occurred_at="2026-10-15T09:00",
        channel="phone",
        level="operational",
        summary="Call with Pedro",
        notes="Pedro said Sra. Gómez Pardo is on holiday (tel. +34611222333).",
        participant_ids=[ana, pedro],
    )
    with store.write() as conn:
        conn.execute(
            "UPDATE complaints SET title = 'Late delivery reported by Lucía Gómez',"
            " description = 'Lucía Gómez Pardo called twice' WHERE interaction_id = ?",
            (meeting,),
        )
        conn.execute(
            "INSERT INTO facts (account_id, person_id, kind, text, created_at)"
            " VALUES (?, ?, 'preference', 'Likes early meetings', '2026-10-01')",
            (acc, lucia),
        )
        conn.execute(
            "INSERT INTO facts (account_id, person_id, kind, text, created_at)"
            " VALUES (?, ?, 'need', 'Needs the quote Lucía Gómez asked for', '2026-10-01')",
            (acc, pedro),
        )
        conn.execute(
            "INSERT INTO goals (account_id, type, title, start_date, created_at)"
            " VALUES (?, 'broaden_map', 'Meet people beyond Lucía Gómez Pardo',"
            " '2026-10-01', '2026-10-01')",
            (acc,),
        )
        conn.execute(
            "INSERT INTO health_snapshots (account_id, date, score, band, components)"
            " VALUES (?, '2026-11-01', 60, 'watch', ?)",
            (acc, json.dumps([{"name": "map", "reason": f"through {NAME}"}], ensure_ascii=False)),
        )
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            (f"draft.interaction.{acc}", json.dumps({"values": {"summary": f"Lunch, {NAME}"}})),
        )
    return World(acc, lucia, ana, pedro, meeting, call)


def file_bytes(path: Path) -> bytes:
    """The database file and its WAL as they are on disk now, read by another
    process: closing a descriptor of the file in this one would drop the
    open store's locks (docs: POSIX locks belong to the process)."""
    code = (
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "w = p.with_name(p.name + '-wal')\n"
        "sys.stdout.buffer.write(p.read_bytes() + (w.read_bytes() if w.exists() else b''))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, check=True, timeout=60
    )
    return done.stdout


def leftovers(data: bytes) -> list[bytes]:
    return [n for n in NEEDLES if n.lower() in data.lower()]
