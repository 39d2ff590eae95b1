"""Generate kamtui's built-in demo portfolio: the CSV files in kamtui/demo/data.

Deterministic and stdlib-only (one `random.Random(2026)`), so running it again
yields byte-identical files and the demo never drifts between releases. All data
ends on ANCHOR; the app shifts every date so ANCHOR becomes "today" on load.

Each account tells one story the health model must recognise (bow-tie, diamond,
operational-only, friendly-but-falling, complaints, new, lapsed, ...); the
story parameters live in ACCOUNTS, the generic texture (orders, routine calls)
is random. `check()` re-reads the files and prints the numbers behind each story.
Vocabulary keys and `fold` are kamtui's own (kamtui.vocab, kamtui.textsafe), so
the files hold exactly what the app accepts.

    python sample_data/generate.py
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import random
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

# Run from a checkout, kamtui need not be installed: import it from the repository.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kamtui.demo import DATA_DIR
from kamtui.textsafe import fold
from kamtui.vocab import (
    CHANNEL,
    COMPLAINT_STATUS,
    DECISION_ROLE,
    FACT_KIND,
    FUNCTION,
    GOAL_STATUS,
    GOAL_TYPE,
    KIND,
    LEVEL,
    SEVERITY,
    SIDE,
    STANCE,
)

OUT = DATA_DIR
ANCHOR = date(2026, 11, 15)
START = ANCHOR - timedelta(days=729)  # 2024-11-16: two windows of exactly 365 days
YEAR_AGO = ANCHOR - timedelta(days=365)
RECENT = ANCHOR - timedelta(days=28)  # only recent interactions carry next steps:
# the loader stores every next step as open, so old ones would all be "overdue".
rng = random.Random(2026)

CATEGORIES = (
    "Rodamientos",
    "Transmisión",
    "Neumática",
    "Lubricación",
    "Mantenimiento",
    "Formación",
    "Repuestos",
    "Automatización",
)
# Relative ticket size (services and automation projects are bigger orders)
# and gross-margin range per category.
SIZE = {
    "Rodamientos": 1.0, "Transmisión": 1.3, "Neumática": 0.9, "Lubricación": 0.6,
    "Mantenimiento": 2.0, "Formación": 1.4, "Repuestos": 0.7, "Automatización": 2.6,
}  # fmt: skip
MARGIN = {
    "Rodamientos": (0.18, 0.26), "Transmisión": (0.20, 0.28), "Neumática": (0.22, 0.31),
    "Lubricación": (0.10, 0.16), "Mantenimiento": (0.30, 0.40), "Formación": (0.33, 0.40),
    "Repuestos": (0.25, 0.35), "Automatización": (0.14, 0.22),
}  # fmt: skip
EN_CAT = {
    "Rodamientos": "bearings", "Transmisión": "power transmission", "Neumática": "pneumatics",
    "Lubricación": "lubrication", "Mantenimiento": "maintenance services",
    "Formación": "training", "Repuestos": "spare parts", "Automatización": "automation",
}  # fmt: skip

# Vocabulary keys the files may hold, used by check().
SIDES, FUNCTIONS, ROLES, STANCES = (set(v.keys) for v in (SIDE, FUNCTION, DECISION_ROLE, STANCE))
CHANNELS, LEVELS, KINDS = set(CHANNEL.keys), set(LEVEL.keys), set(KIND.keys)
SEVERITIES, COMPLAINT_STATUSES = set(SEVERITY.keys), set(COMPLAINT_STATUS.keys)
FACT_KINDS, GOAL_TYPES = set(FACT_KIND.keys), set(GOAL_TYPE.keys)
GOAL_STATUSES = set(GOAL_STATUS.keys)

# Our company's people (Rodamex Suministros Industriales S.L.): name -> title, function.
OURS = {
    "Lucía Fernández": ("Key Account Manager", "sales", "+34 600 112 233"),
    "Tom Baker": ("Key Account Manager UK & Ireland", "sales", "+34 600 112 240"),
    "Jordi Puig": ("Key Account Manager", "sales", "+34 600 112 251"),
    "Carmen Vidal": ("Directora Comercial", "executive", "+34 600 112 200"),
    "Marta Soler": ("Técnica de Servicio", "technical_service", "+34 600 112 310"),
    "Pablo Ortega": ("Ingeniero de Aplicaciones", "technical_service", "+34 600 112 322"),
    "Sergio Navarro": ("Responsable de Logística", "logistics", "+34 600 112 405"),
    "Ana Ruiz": ("Administración de Ventas", "finance", "+34 600 112 410"),
    "David Moreno": ("Responsable de Formación", "other", "+34 600 112 520"),
    "Hannah Clarke": ("Customer Service Coordinator", "sales", "+34 600 112 533"),
}


@dataclass
class P:
    """A person on the client's side. email None = derive from the name; "" = unknown."""

    name: str
    title: str
    function: str
    role: str
    stance: str
    note: str = ""
    email: str | None = None
    phone: str | None = None


@dataclass
class Ev:
    """A scripted interaction (a story beat); participants by name."""

    when: str
    channel: str
    level: str
    kind: str
    who: list[str]
    mood: int | None
    summary: str
    notes: str = ""
    next: str = ""


@dataclass
class Cp:
    """A complaint; the generator also logs the complaint call on `opened`."""

    opened: str
    severity: str
    status: str
    title: str
    description: str
    who: list[str]
    in_progress: str = ""
    resolved: str = ""
    resolution: str = ""


@dataclass
class G:
    type: str
    category: str
    title: str
    baseline: str
    target: str
    start: str
    due: str
    status: str
    actions: list[str] = field(default_factory=list)


@dataclass
class Acc:
    name: str
    number: str
    tax_id: str
    industry: str
    tier: str
    owner: str
    phone: str
    email: str
    address: str
    cadence: int
    lang: str
    domain: str
    story: str
    theirs: list[P]
    ours: list[str]
    links: list[tuple[str, str, int]]
    # revenue: prior/trailing 12-month totals; orders per month as (date, rate) knots
    prior: float
    trailing: float
    opm: list[tuple[str, float]]
    mix: dict[str, float]
    season: tuple[float, ...] = (1.0,) * 12
    drops: dict[str, str] = field(default_factory=dict)  # category -> last day bought
    adds: dict[str, str] = field(default_factory=dict)  # category -> first day bought
    first_order: date = START
    shutdown: bool = False  # August plant shutdown: no orders 1-24 Aug
    credit_notes: list[tuple[str, str, float]] = field(default_factory=list)
    # conversation rhythm: day gaps (min, max); None = never
    ops_gap: tuple[int, int] = (10, 20)
    busy_from: str = ""  # from this date routine contact gets denser ...
    busy_gap: tuple[int, int] = (4, 8)  # ... with these gaps
    strat_gap: tuple[int, int] | None = (80, 110)
    sat_gap: tuple[int, int] | None = (170, 200)
    talk_from: date = START
    talk_until: date = ANCHOR - timedelta(days=2)  # the anchor is a Sunday
    strat_until: date = ANCHOR
    mood: tuple[float, float] = (3.8, 3.8)  # mean mood at START and at ANCHOR
    mood_floor: int = 1
    pair: tuple[str, str] | None = None  # bow-tie: every interaction is these two
    warm: bool = False  # summaries of meetings read warmer than the numbers
    events: list[Ev] = field(default_factory=list)
    complaints: list[Cp] = field(default_factory=list)
    facts: list[tuple[str, str, str]] = field(default_factory=list)  # person, kind, text
    goals: list[G] = field(default_factory=list)
    wallet: bool = True


def d_(s: str) -> date:
    """A story date; weekends move back to Friday so nothing happens on a Sunday."""
    d = date.fromisoformat(s[:10])
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


def email_of(name: str, domain: str) -> str:
    first, *rest = fold(name).replace("'", "").split()
    return f"{first}.{rest[-1]}@{domain}"


# --------------------------------------------------------------------------- accounts
# The stories are laid out by hand, a few fields a line, to read as one paragraph each.
# fmt: off
A_IBANEZ = Acc(
    name="Automoción Ibáñez S.A.", number="ES-0001", tax_id="A01489236", industry="automotive",
    tier="A", owner="Jordi Puig", phone="+34 945 290 114", email="compras@autoibanez.es",
    address="Polígono Industrial de Júndiz, Calle Lermandabide 14, 01015 Vitoria-Gasteiz (Álava)",
    cadence=14, lang="es", domain="autoibanez.es",
    story="BOW-TIE with high revenue: everything goes through Jordi Puig and Ramón Ibáñez, "
    "who retires at the end of 2027.",
    theirs=[
        P("Ramón Ibáñez", "Director de Compras", "purchasing", "decision_maker", "champion",
          "Prefiere WhatsApp para urgencias; no llamar después de las 19:00"),
        P("Elena Castro", "Directora de Planta", "production", "influencer", "neutral"),
        P("Iñaki Goikoetxea", "Jefe de Calidad", "quality", "influencer", "neutral", email=""),
        P("Sofía Arregui", "Responsable de Mantenimiento", "technical_service", "user",
          "neutral", phone=""),
    ],
    ours=["Jordi Puig", "Marta Soler"],
    links=[("Jordi Puig", "Ramón Ibáñez", 5)],
    prior=1_362_000, trailing=1_478_000, opm=[("2024-11-16", 13), ("2026-11-15", 14.5)],
    mix={"Rodamientos": 0.30, "Transmisión": 0.20, "Repuestos": 0.20, "Neumática": 0.13,
         "Lubricación": 0.09, "Mantenimiento": 0.08},
    season=(1.1, 1.1, 1.1, 1.0, 1.0, 1.05, 1.1, 0.45, 1.1, 1.1, 1.05, 0.75),
    shutdown=True, ops_gap=(14, 24), strat_gap=(80, 100), sat_gap=(170, 200),
    mood=(4.0, 4.2), mood_floor=3, pair=("Jordi Puig", "Ramón Ibáñez"),
    events=[
        Ev("2026-09-24T10:00", "in_person", "strategic", "meeting", [], 4,
           "Revisión del acuerdo marco 2027 con Ramón; pide mejora de precio del 3 %",
           "**Acuerdo marco 2027**\n\n- Volumen previsto +6 % por el nuevo modelo de la línea 2\n"
           "- Pide un 3 % en rodamientos de rueda a cambio de exclusividad\n"
           "- Ramón comenta de pasada que se jubila a finales de 2027\n\n"
           "**Riesgo:** no conocemos a nadie más en compras ni en planta.",
           "Enviar propuesta de acuerdo marco 2027@2026-11-20"),
        Ev("2026-11-12T12:30", "phone", "operational", "call", [], 4,
           "Ramón confirma programa de pedidos de diciembre y parada de Navidad",
           "", "Confirmar stock de seguridad para la parada de Navidad@2026-12-01"),
    ],
    complaints=[
        Cp("2025-06-11", "medium", "resolved",
           "Entrega parcial de rodamientos de rueda para la línea de prensas",
           "Llegó el 60 % del pedido programado; la línea de prensas trabajó un turno con "
           "stock mínimo.", ["Jordi Puig", "Ramón Ibáñez"], "2025-06-12", "2025-06-20",
           "Entrega urgente desde el almacén de Zaragoza y stock de seguridad de 2 semanas."),
    ],
    facts=[
        ("Ramón Ibáñez", "other", "Se jubila a finales de 2027; sucesor sin definir"),
        ("", "habit", "Cierre de planta las tres primeras semanas de agosto"),
        ("", "need", "Homologación anual de proveedores en enero; exige certificado IATF 16949"),
        ("", "habit", "Pedidos programados por EDI los lunes antes de las 9:00"),
        ("", "preference", "Facturas solo por e-mail a facturas@autoibanez.es"),
    ],
    goals=[
        G("broaden_map", "", "Salir de la pajarita: contacto propio con planta y calidad",
          "1", "3", "2026-09-28", "2027-03-31", "active",
          ["Pedir a Ramón presentación con Elena Castro (planta)@2026-10-30",
           "Visita técnica de Marta Soler a la línea de prensas@2026-12-04",
           "Invitar a Iñaki Goikoetxea a la jornada de calidad de proveedores@2027-01-20"]),
        G("new_channel", "", "Pedidos por el portal online en lugar de EDI", "0", "1",
          "2025-05-05", "2025-12-31", "dropped"),
    ],
)

A_MUNOZ = Acc(
    name="Grupo Alimentario Muñoz S.A.", number="ES-0002", tax_id="A30215487",
    industry="food & beverage", tier="A", owner="Lucía Fernández", phone="+34 968 880 210",
    email="compras@grupomunoz.es",
    address="Avenida de la Industria 14, 30169 San Ginés (Murcia)", cadence=21, lang="es",
    domain="grupomunoz.es",
    story="HEALTHY DIAMOND: five of ours and six of theirs across six functions, quarterly "
    "strategy and satisfaction reviews, revenue up ~20 %, automation cross-sold in 2025.",
    theirs=[
        P("Begoña Muñoz", "Consejera Delegada", "executive", "sponsor", "champion",
          "No incluir en newsletters; solo contacto directo"),
        P("Alberto Sanz", "Director de Compras", "purchasing", "decision_maker", "supporter"),
        P("Nuria Gil", "Jefa de Producción", "production", "influencer", "champion"),
        P("Fermín Ochoa", "Jefe de Mantenimiento", "technical_service", "user", "supporter"),
        P("Rocío Prieto", "Responsable de Calidad", "quality", "influencer", "supporter"),
        P("Xavier Roca", "Controller financiero", "finance", "gatekeeper", "neutral"),
    ],
    ours=["Lucía Fernández", "Carmen Vidal", "Marta Soler", "Pablo Ortega", "Sergio Navarro"],
    links=[
        ("Lucía Fernández", "Alberto Sanz", 5), ("Lucía Fernández", "Begoña Muñoz", 4),
        ("Lucía Fernández", "Nuria Gil", 3), ("Lucía Fernández", "Xavier Roca", 2),
        ("Carmen Vidal", "Begoña Muñoz", 4), ("Carmen Vidal", "Alberto Sanz", 3),
        ("Carmen Vidal", "Xavier Roca", 2), ("Marta Soler", "Fermín Ochoa", 5),
        ("Marta Soler", "Nuria Gil", 4), ("Pablo Ortega", "Fermín Ochoa", 4),
        ("Pablo Ortega", "Rocío Prieto", 3), ("Pablo Ortega", "Nuria Gil", 3),
        ("Sergio Navarro", "Alberto Sanz", 3), ("Sergio Navarro", "Rocío Prieto", 3),
    ],
    prior=792_000, trailing=968_000, opm=[("2024-11-16", 8.5), ("2026-11-15", 11)],
    mix={"Rodamientos": 0.20, "Transmisión": 0.13, "Neumática": 0.14, "Lubricación": 0.11,
         "Mantenimiento": 0.14, "Formación": 0.05, "Repuestos": 0.16, "Automatización": 0.07},
    season=(0.9, 0.9, 1.0, 1.0, 1.1, 1.2, 1.2, 0.9, 1.1, 1.1, 0.9, 0.8),
    adds={"Automatización": "2025-10-01"}, ops_gap=(7, 13), strat_gap=(50, 70),
    sat_gap=(105, 130), mood=(4.1, 4.5), mood_floor=3,
    events=[
        Ev("2025-09-18T10:00", "site_visit", "strategic", "meeting",
           ["Lucía Fernández", "Pablo Ortega", "Nuria Gil", "Fermín Ochoa", "Alberto Sanz"], 5,
           "Aprobado el piloto de automatización de la línea 3 de envasado",
           "**Acuerdos:**\n\n- Piloto de sensores de vibración en la línea 3 desde octubre\n"
           "- Alberto libera presupuesto de 45.000 €\n- Revisión de resultados en enero"),
        Ev("2026-10-20T09:30", "in_person", "satisfaction", "praise",
           ["Lucía Fernández", "Carmen Vidal", "Begoña Muñoz", "Rocío Prieto", "Xavier Roca"], 5,
           "Revisión anual de satisfacción: 9/10, destacan el servicio técnico",
           "- OTIF del año: 97,8 %\n- Ninguna reclamación abierta\n"
           "- Begoña pide extender el mantenimiento predictivo a la planta 2",
           "Proponer contrato de mantenimiento preventivo para la planta 2@2026-11-25"),
    ],
    complaints=[
        Cp("2025-02-12", "low", "resolved", "Albarán sin número de pedido del cliente",
           "Tres entregas sin referencia de pedido; contabilidad no puede conciliar.",
           ["Sergio Navarro", "Xavier Roca"], "2025-02-13", "2025-02-19",
           "Campo de pedido obligatorio en nuestro ERP para este cliente."),
        Cp("2026-04-07", "medium", "resolved", "Cadena de transmisión con holgura excesiva",
           "Una cadena de la línea de llenado se alargó a las 3 semanas de montaje.",
           ["Marta Soler", "Fermín Ochoa"], "2026-04-07", "2026-04-10",
           "Sustitución en garantía y análisis del fabricante: error de tensado en el montaje."),
    ],
    facts=[
        ("Xavier Roca", "other", "Ejercicio fiscal cierra el 31 de marzo"),
        ("Rocío Prieto", "need", "Auditoría IFS en octubre: no programar paradas esa semana"),
        ("Nuria Gil", "preference", "Prefiere reuniones en planta a primera hora (7:30)"),
        ("", "habit", "Pedidos de más de 20.000 € requieren aprobación de Xavier Roca"),
        ("", "preference", "Facturas solo por e-mail, en PDF con el número de pedido"),
    ],
    goals=[
        G("cross_sell", "Automatización", "Vender automatización: piloto línea 3", "0",
          "40000", "2025-04-01", "2025-12-31", "done"),
        G("wallet_share", "Mantenimiento", "Subir la cuota en mantenimiento al 50 %", "0.35",
          "0.50", "2026-01-15", "2027-03-31", "active",
          ["Proponer contrato de mantenimiento preventivo para la planta 2@2026-11-25",
           "Presentar resultados de la prueba de lubricación automática@2026-12-10"]),
        G("satisfaction", "", "Mantener satisfacción ≥ 4,5 en las revisiones", "4.2", "4.5",
          "2025-01-10", "2025-12-31", "done"),
    ],
)

A_NORTHWIND = Acc(
    name="Northwind Logistics Ltd", number="UK-0003", tax_id="GB284571309",
    industry="logistics", tier="B", owner="Tom Baker", phone="+44 1706 555 142",
    email="procurement@northwind-logistics.co.uk",
    address="Unit 7, Kingsway Business Park, Rochdale OL16 4NW, United Kingdom", cadence=30,
    lang="en", domain="northwind-logistics.co.uk",
    story="OPERATIONAL-ONLY: busy with orders and calls, but no strategic or satisfaction "
    "conversation since March 2026 (250 days); revenue flat.",
    theirs=[
        P("Gareth Hughes", "Operations Director", "operations", "decision_maker", "supporter"),
        P("Priya Shah", "Procurement Manager", "purchasing", "influencer", "neutral"),
        P("Siobhan O'Connor", "Maintenance Lead, Rochdale DC", "technical_service", "user",
          "champion", "Prefers calls before 10:00; on the floor afterwards"),
        P("Liam Carter", "Conveyor Engineer", "technical_service", "user", "supporter"),
        P("Emma Walsh", "Accounts Payable", "finance", "gatekeeper", "neutral", phone=""),
    ],
    ours=["Tom Baker", "Hannah Clarke", "Marta Soler"],
    links=[
        ("Tom Baker", "Gareth Hughes", 3), ("Tom Baker", "Priya Shah", 4),
        ("Tom Baker", "Siobhan O'Connor", 3), ("Hannah Clarke", "Priya Shah", 4),
        ("Hannah Clarke", "Emma Walsh", 2), ("Marta Soler", "Siobhan O'Connor", 4),
        ("Marta Soler", "Liam Carter", 3),
    ],
    prior=238_000, trailing=241_000, opm=[("2024-11-16", 5), ("2026-11-15", 5)],
    mix={"Rodamientos": 0.35, "Transmisión": 0.22, "Repuestos": 0.22, "Lubricación": 0.11,
         "Mantenimiento": 0.10},
    season=(0.8, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.2, 1.1, 0.9),
    ops_gap=(14, 26), busy_from="2026-03-15", busy_gap=(4, 9), strat_gap=(85, 105),
    sat_gap=(170, 190), strat_until=ANCHOR - timedelta(days=250), mood=(3.8, 3.5),
    events=[
        Ev("2026-03-10T11:00", "in_person", "strategic", "meeting",
           ["Tom Baker", "Gareth Hughes", "Priya Shah"], 4,
           "Annual review with Gareth and Priya: 2026 volumes, 2.5 % price increase agreed",
           "- Volumes flat; new Leeds DC postponed to 2027\n"
           "- Gareth open to a conveyor bearing TCO study\n- Next review: September"),
        Ev("2026-07-21T08:40", "phone", "operational", "request",
           ["Marta Soler", "Siobhan O'Connor"], 3,
           "Sorter line 2 down: urgent replacement rollers requested",
           "Ref. ticket [bold]urgent[/] per client e-mail\n\n"
           "- Replacement rollers shipped same day\n- Root cause: worn bearings on idlers"),
        Ev("2026-11-11T09:15", "phone", "operational", "call",
           ["Hannah Clarke", "Priya Shah"], None,
           "Priya chases November delivery of idler bearings",
           "", "Send revised delivery dates for idler bearings@2026-11-18"),
    ],
    complaints=[
        Cp("2025-04-09", "low", "resolved", "Invoice sent to wrong AP mailbox",
           "Two invoices went to the old address and were paid late.",
           ["Hannah Clarke", "Emma Walsh"], "2025-04-09", "2025-04-11",
           "Billing address updated; reminder set for their AP mailbox changes."),
        Cp("2026-10-02", "low", "in_progress", "Damaged pallets on two deliveries",
           "Two pallets of spare rollers arrived with broken wrapping; parts OK.",
           ["Tom Baker", "Siobhan O'Connor"], "2026-10-05"),
    ],
    facts=[
        ("", "habit", "Peak season mid-October to early January: no planned downtime"),
        ("", "need", "Purchase orders only through their Coupa supplier portal"),
        ("Emma Walsh", "other", "Payment terms 60 days end of month; remittances by e-mail"),
        ("Gareth Hughes", "preference", "Wants one-page summaries with TCO numbers"),
    ],
    goals=[
        G("new_method", "", "Reinstate quarterly business reviews", "0", "4", "2026-06-01",
          "2026-12-31", "active",
          ["Propose QBR date to Gareth Hughes@2026-07-15",
           "Prepare conveyor bearing TCO comparison@2026-11-30"]),
    ],
)

A_PENA = Acc(
    name="Conservas Peña S.A.", number="ES-0004", tax_id="A36102457",
    industry="food & beverage", tier="A", owner="Lucía Fernández", phone="+34 986 510 377",
    email="administracion@conservaspena.es",
    address="Muelle de Poniente s/n, 36600 Vilagarcía de Arousa (Pontevedra)", cadence=30,
    lang="es", domain="conservaspena.es",
    story="FRIENDLY MEETINGS, FALLING ORDERS: moods 4-5 and warm words, but trailing-12-month "
    "revenue ~37 % down, orders half as frequent, lubrication no longer bought.",
    theirs=[
        P("Íñigo Peña", "Director General", "executive", "sponsor", "champion",
          "Móvil personal solo para urgencias"),
        P("Maite Echeverría", "Jefa de Compras", "purchasing", "decision_maker", "supporter",
          "Consentimiento para e-mail comercial: sí (2025-03-02)"),
        P("Andrés Lozano", "Jefe de Mantenimiento", "technical_service", "influencer",
          "supporter"),
        P("Pilar Roig", "Responsable de Calidad", "quality", "user", "neutral"),
    ],
    ours=["Lucía Fernández", "Marta Soler", "Carmen Vidal"],
    links=[
        ("Lucía Fernández", "Íñigo Peña", 5), ("Lucía Fernández", "Maite Echeverría", 4),
        ("Marta Soler", "Andrés Lozano", 4), ("Carmen Vidal", "Íñigo Peña", 3),
        ("Marta Soler", "Pilar Roig", 2),
    ],
    prior=546_000, trailing=344_000,
    opm=[("2024-11-16", 8), ("2025-07-01", 7.5), ("2026-02-01", 3.2), ("2026-11-15", 2.0)],
    mix={"Rodamientos": 0.22, "Transmisión": 0.13, "Neumática": 0.14, "Lubricación": 0.14,
         "Repuestos": 0.20, "Mantenimiento": 0.17},
    season=(0.9, 0.9, 1.0, 1.1, 1.15, 1.1, 1.05, 1.0, 1.0, 0.95, 0.9, 0.9),
    drops={"Lubricación": "2025-11-10"}, ops_gap=(15, 26), strat_gap=(75, 100),
    sat_gap=(150, 190), mood=(4.4, 4.6), mood_floor=4, warm=True,
    events=[
        Ev("2026-07-02T12:00", "phone", "operational", "call",
           ["Lucía Fernández", "Maite Echeverría"], 4,
           "Llamada con Maite: todo en orden, campaña de atún muy fuerte"),
        Ev("2026-09-10T10:30", "site_visit", "satisfaction", "praise",
           ["Lucía Fernández", "Marta Soler", "Andrés Lozano", "Pilar Roig"], 5,
           "Visita de satisfacción a planta: valoran mucho la rapidez del servicio técnico",
           "- Andrés: «sois el proveedor que antes responde»\n- Sin incidencias abiertas\n"
           "- No preguntamos por el descenso de pedidos de lubricantes"),
        Ev("2026-10-22T13:30", "in_person", "strategic", "meeting",
           ["Lucía Fernández", "Carmen Vidal", "Íñigo Peña", "Maite Echeverría"], 5,
           "Comida con Íñigo y Maite: muy buena sintonía, nos felicitan por la campaña",
           "- Nos felicitan por la respuesta en la campaña de verano\n"
           "- No mencionan cambios de proveedor\n"
           "- Íñigo propone visitar la nueva línea de mejillón en 2027",
           "Enviar a Maite resumen de consumos 2026 por categoría@2026-11-27"),
    ],
    complaints=[
        Cp("2025-07-16", "medium", "resolved", "Retraso de 5 días en motorreductores",
           "En plena campaña; tuvieron que montar un reductor de otra marca provisionalmente.",
           ["Lucía Fernández", "Maite Echeverría"], "2025-07-16", "2025-07-23",
           "Entregado desde el almacén central; compromiso de stock de campaña."),
    ],
    facts=[
        ("", "habit", "Campaña de atún de junio a septiembre: no se aceptan paradas"),
        ("Maite Echeverría", "preference", "Quiere las ofertas resumidas en una página"),
        ("", "other", "Pagos a 90 días mediante confirming"),
        ("Íñigo Peña", "preference", "Prefiere comidas de trabajo a reuniones en oficina"),
    ],
    goals=[
        G("wallet_share", "Repuestos", "Recuperar cuota en repuestos", "0.45", "0.55",
          "2026-02-01", "2026-12-31", "active",
          ["Propuesta de stock en consigna en planta@2026-10-30",
           "Revisar con Maite el consumo real de repuestos frente a pedidos@2026-11-27"]),
    ],
)

A_QUIMICA = Acc(
    name="Química del Ebro S.L.", number="ES-0005", tax_id="B50736123", industry="chemicals",
    tier="B", owner="Jordi Puig", phone="+34 976 774 502", email="compras@quimicaebro.es",
    address="Camino de los Molinos 28, 50620 Casetas (Zaragoza)", cadence=30, lang="es",
    domain="quimicaebro.es",
    story="TWO OPEN COMPLAINTS, one high-severity since May 2026 (reactor R-3 bearings); "
    "a detractor in maintenance, moods and revenue sliding.",
    theirs=[
        P("Ignacio Marín", "Director de Operaciones", "operations", "decision_maker",
          "neutral"),
        P("Lorena Campos", "Compradora", "purchasing", "influencer", "supporter"),
        P("Joaquín Serrano", "Jefe de Mantenimiento", "technical_service", "influencer",
          "detractor"),
        P("Elisa Domènech", "Técnica de Calidad", "quality", "user", "neutral"),
    ],
    ours=["Jordi Puig", "Marta Soler", "Pablo Ortega"],
    links=[
        ("Jordi Puig", "Ignacio Marín", 3), ("Jordi Puig", "Lorena Campos", 4),
        ("Marta Soler", "Joaquín Serrano", 2), ("Pablo Ortega", "Joaquín Serrano", 3),
        ("Pablo Ortega", "Elisa Domènech", 2),
    ],
    prior=232_000, trailing=197_000, opm=[("2024-11-16", 4.2), ("2026-11-15", 3.4)],
    mix={"Rodamientos": 0.30, "Neumática": 0.20, "Repuestos": 0.20, "Lubricación": 0.15,
         "Mantenimiento": 0.15},
    credit_notes=[("2026-06-15", "Rodamientos", -4850.00)],
    ops_gap=(13, 24), strat_gap=(100, 130), sat_gap=(170, 200), mood=(3.8, 2.5),
    events=[
        Ev("2026-05-19T08:10", "email", "operational", "feedback",
           ["Pablo Ortega", "Joaquín Serrano"], 2,
           "Joaquín reenvía correo con asunto [red]URGENTE[/red]: R-3 parado otra vez",
           "- Segunda parada del agitador en una semana\n- Pide técnico del fabricante"),
        Ev("2026-09-29T11:00", "in_person", "strategic", "meeting",
           ["Jordi Puig", "Pablo Ortega", "Ignacio Marín", "Joaquín Serrano"], 2,
           "Reunión con Ignacio sobre el R-3: exige el informe 8D antes de nuevos pedidos",
           "- Ignacio congela pedidos de rodamientos hasta recibir el 8D\n"
           "- Joaquín evalúa un proveedor alternativo"),
    ],
    complaints=[
        Cp("2025-03-18", "low", "resolved", "Factura con precios de la tarifa anterior",
           "Tres facturas de marzo con la tarifa 2024.", ["Jordi Puig", "Lorena Campos"],
           "2025-03-18", "2025-03-25", "Abono y refacturación con la tarifa 2025."),
        Cp("2025-10-06", "medium", "resolved", "Juntas de electroválvula fuera de especificación",
           "Lote de juntas de EPDM con dureza fuera de tolerancia.",
           ["Pablo Ortega", "Elisa Domènech"], "2025-10-08", "2025-10-30",
           "Lote sustituido; certificado de material en cada entrega."),
        Cp("2026-05-12", "high", "open", "Fallo prematuro de rodamientos del agitador R-3",
           "Tres rodamientos del agitador del reactor R-3 fallaron antes de 2.000 h. Parada "
           "no planificada de 14 h. El cliente pide informe 8D y compensación.",
           ["Jordi Puig", "Pablo Ortega", "Ignacio Marín", "Joaquín Serrano"]),
        Cp("2026-10-27", "medium", "open", "Retraso en la entrega de kits de electroválvulas",
           "Dos semanas de retraso sobre la fecha confirmada; mantenimiento preventivo "
           "aplazado.", ["Jordi Puig", "Lorena Campos"]),
    ],
    facts=[
        ("", "need", "Zona ATEX: avisar 48 h antes de cualquier visita técnica"),
        ("Lorena Campos", "habit", "Agrupa los pedidos los jueves"),
        ("Joaquín Serrano", "preference", "Exige marca de fabricante original, no equivalentes"),
    ],
    goals=[
        G("satisfaction", "", "Recuperar la confianza tras el fallo del R-3", "2.5", "4.0",
          "2026-06-01", "2027-01-31", "active",
          ["Entregar el informe 8D del agitador R-3@2026-06-30",
           "Visita conjunta con el fabricante al reactor R-3@2026-11-20",
           "Proponer abono parcial por la parada@2026-12-05"]),
    ],
)

A_RIBERA = Acc(
    name="Envases Ribera S.L.", number="ES-0006", tax_id="B46893152", industry="packaging",
    tier="B", owner="Jordi Puig", phone="+34 962 540 118", email="compras@envasesribera.es",
    address="Polígono Industrial Ribera Alta, Calle 4 nº 9, 46250 L'Alcúdia (Valencia)",
    cadence=21, lang="es", domain="envasesribera.es",
    story="NEW ACCOUNT: won in June 2026 from a competitor with delivery problems; five months "
    "of history.",
    theirs=[
        P("Vicente Ferrer", "Gerente", "executive", "decision_maker", "supporter"),
        P("Amparo Llorens", "Responsable de Compras", "purchasing", "influencer", "supporter"),
        P("Raúl Gimeno", "Jefe de Producción", "production", "user", "neutral"),
    ],
    ours=["Jordi Puig", "Pablo Ortega"],
    links=[("Jordi Puig", "Vicente Ferrer", 3), ("Jordi Puig", "Amparo Llorens", 4),
           ("Pablo Ortega", "Raúl Gimeno", 2)],
    prior=0, trailing=63_000, opm=[("2026-06-17", 4), ("2026-11-15", 4.5)],
    mix={"Rodamientos": 0.35, "Transmisión": 0.30, "Repuestos": 0.35},
    first_order=date(2026, 6, 17), ops_gap=(9, 16), strat_gap=(55, 70), sat_gap=None,
    talk_from=date(2026, 6, 10), mood=(4.0, 4.0),
    events=[
        Ev("2026-06-10T10:00", "in_person", "strategic", "meeting",
           ["Jordi Puig", "Vicente Ferrer", "Amparo Llorens"], 4,
           "Reunión de arranque: condiciones, plazos y primer pedido",
           "- Vienen de otro proveedor por incumplimientos de plazo\n"
           "- Empezamos con rodamientos y transmisión; neumática más adelante"),
        Ev("2026-09-16T10:00", "video", "satisfaction", "feedback",
           ["Jordi Puig", "Amparo Llorens"], 4,
           "Revisión de los primeros 90 días: plazos cumplidos, piden mejor documentación"),
    ],
    facts=[
        ("", "need", "El plazo de entrega es su prioridad (motivo del cambio de proveedor)"),
        ("Amparo Llorens", "preference", "Solo acepta ofertas en PDF con validez de 30 días"),
    ],
    goals=[
        G("broaden_map", "", "Ampliar contactos: mantenimiento y calidad", "3", "5",
          "2026-07-01", "2027-02-28", "active",
          ["Pedir a Raúl contacto del jefe de mantenimiento@2026-11-06"]),
        G("cross_sell", "Neumática", "Entrar en neumática (termoformadoras)", "0", "25000",
          "2026-09-16", "2027-06-30", "active",
          ["Demostración de electroválvulas en la línea de termoformado@2026-12-02"]),
    ],
)

A_ALCAZAR = Acc(
    name="Farmacéutica Alcázar S.A.", number="ES-0007", tax_id="A28764017", industry="pharma",
    tier="A", owner="Tom Baker", phone="+34 916 620 450", email="compras@alcazarpharma.es",
    address="Avenida de la Industria 31, 28108 Alcobendas (Madrid)", cadence=30, lang="es",
    domain="alcazarpharma.es",
    story="LAPSED CADENCE: orders keep coming but nobody has talked to them since 7 August "
    "2026 (100 days, cadence 30); the maintenance proposal promised then was never sent.",
    theirs=[
        P("Alicia Herrero", "Directora Técnica (Dra.)", "quality", "decision_maker", "supporter"),
        P("Luis Cabrera", "Jefe de Ingeniería y Mantenimiento", "technical_service",
          "influencer", "champion"),
        P("Sonia Méndez", "Compras indirectas", "purchasing", "decision_maker", "neutral",
          "Consentimiento para e-mail comercial: sí (2025-03-02)"),
        P("Óscar Prieto", "Jefe de Producción de Sólidos", "production", "user", "supporter"),
    ],
    ours=["Tom Baker", "Pablo Ortega", "Carmen Vidal"],
    links=[
        ("Tom Baker", "Sonia Méndez", 3), ("Tom Baker", "Luis Cabrera", 4),
        ("Pablo Ortega", "Luis Cabrera", 4), ("Pablo Ortega", "Óscar Prieto", 3),
        ("Carmen Vidal", "Alicia Herrero", 2),
    ],
    prior=418_000, trailing=431_000, opm=[("2024-11-16", 6), ("2026-11-15", 6)],
    mix={"Mantenimiento": 0.22, "Repuestos": 0.22, "Neumática": 0.20, "Automatización": 0.12,
         "Rodamientos": 0.14, "Formación": 0.10},
    ops_gap=(15, 28), strat_gap=(85, 110), sat_gap=(170, 200),
    talk_until=date(2026, 8, 2), mood=(3.9, 3.9),
    events=[
        Ev("2026-08-07T10:00", "site_visit", "strategic", "meeting",
           ["Tom Baker", "Pablo Ortega", "Luis Cabrera", "Óscar Prieto"], 4,
           "Visita a planta con Luis: revisión del plan de mantenimiento 2027",
           "- Quieren externalizar el mantenimiento de las líneas de blíster\n"
           "- Esperan nuestra propuesta a principios de septiembre",
           "Enviar propuesta de contrato de mantenimiento 2027@2026-09-04"),
    ],
    complaints=[
        Cp("2025-11-19", "medium", "resolved", "Falta certificado de material en juntas",
           "Entrega de juntas sin certificado EC 1935; bloqueada en recepción.",
           ["Pablo Ortega", "Alicia Herrero"], "2025-11-19", "2025-11-26",
           "Certificados enviados; control en expedición para este cliente."),
    ],
    facts=[
        ("", "need", "Acceso a zonas GMP solo con formación previa y cita con 48 h"),
        ("", "need", "Piezas en contacto con producto: certificado FDA / EC 1935 obligatorio"),
        ("Luis Cabrera", "habit", "Planifica el presupuesto de mantenimiento en septiembre"),
    ],
    goals=[
        G("wallet_share", "Mantenimiento", "Contrato de mantenimiento de líneas de blíster",
          "0.30", "0.45", "2026-04-01", "2026-12-31", "active",
          ["Enviar propuesta de contrato de mantenimiento 2027@2026-09-04",
           "Presentar la propuesta a la dirección técnica@2026-10-15"]),
    ],
)

A_NUNEZ = Acc(
    name="Talleres Núñez S.L.", number="ES-0008", tax_id="B50912377", industry="machinery",
    tier="C", owner="Jordi Puig", phone="+34 976 470 233", email="taller@talleresnunez.es",
    address="Calle Herreros 12, Polígono Cogullada, 50014 Zaragoza", cadence=60, lang="es",
    domain="talleresnunez.es",
    story="SMALL C-TIER workshop: a couple of orders a month, one owner who decides everything.",
    theirs=[
        P("Ángel Núñez", "Propietario", "executive", "decision_maker", "champion",
          "Prefiere llamadas; casi no lee el correo", email=""),
        P("Rosa Beltrán", "Administración", "finance", "gatekeeper", "supporter"),
    ],
    ours=["Jordi Puig", "Ana Ruiz"],
    links=[("Jordi Puig", "Ángel Núñez", 4), ("Ana Ruiz", "Rosa Beltrán", 3),
           ("Jordi Puig", "Rosa Beltrán", 2)],
    prior=21_400, trailing=23_100, opm=[("2024-11-16", 1.6), ("2026-11-15", 1.8)],
    mix={"Repuestos": 0.5, "Rodamientos": 0.3, "Transmisión": 0.2},
    ops_gap=(40, 70), strat_gap=(170, 220), sat_gap=None, mood=(4.0, 4.0),
    facts=[
        ("", "habit", "Paga al contado con un 2 % de descuento"),
        ("Ángel Núñez", "preference", "Llamar entre las 8:00 y las 9:00, antes de abrir el taller"),
    ],
    goals=[
        G("new_channel", "", "Pedidos de repuestos por el portal online", "0", "1",
          "2025-02-03", "2025-06-30", "done"),
    ],
)

A_EOLICA = Acc(
    name="Eólica del Cierzo S.A.", number="ES-0009", tax_id="A50621895", industry="energy",
    tier="A", owner="Lucía Fernández", phone="+34 976 305 600", email="compras@eolicacierzo.es",
    address="Paseo de la Independencia 21, 5ª planta, 50001 Zaragoza", cadence=30, lang="es",
    domain="eolicacierzo.es",
    story="GROWING wind-farm operator: spring and autumn maintenance campaigns, revenue up "
    "~18 %, training added in 2026; map still developing.",
    theirs=[
        P("Javier Lasheras", "Director de O&M", "operations", "decision_maker", "champion"),
        P("Cristina Bueno", "Compras y Contratos", "purchasing", "influencer", "supporter"),
        P("Hugo Sarasa", "Jefe de Mantenimiento Parques Norte", "technical_service", "user",
          "supporter"),
        P("Marina Aznar", "Prevención y Calidad", "quality", "influencer", "neutral"),
    ],
    ours=["Lucía Fernández", "Marta Soler", "David Moreno"],
    links=[
        ("Lucía Fernández", "Javier Lasheras", 4), ("Lucía Fernández", "Cristina Bueno", 4),
        ("Marta Soler", "Hugo Sarasa", 5), ("David Moreno", "Marina Aznar", 2),
        ("Marta Soler", "Javier Lasheras", 2),
    ],
    prior=586_000, trailing=692_000, opm=[("2024-11-16", 5), ("2026-11-15", 6.2)],
    mix={"Rodamientos": 0.30, "Lubricación": 0.20, "Mantenimiento": 0.22, "Repuestos": 0.15,
         "Transmisión": 0.07, "Formación": 0.06},
    season=(0.6, 0.7, 1.0, 1.5, 1.5, 1.3, 0.8, 0.5, 1.3, 1.4, 0.9, 0.5),
    adds={"Formación": "2026-03-01"}, ops_gap=(11, 19), strat_gap=(80, 100),
    sat_gap=(170, 200), mood=(3.9, 4.2), mood_floor=3,
    events=[
        Ev("2026-02-18T10:00", "in_person", "strategic", "meeting",
           ["Lucía Fernández", "David Moreno", "Javier Lasheras", "Marina Aznar"], 4,
           "Plan de formación GWO para técnicos propios; interés en mantenimiento de palas",
           "- Primer curso de formación en marzo (12 técnicos)\n"
           "- Marina pide certificados de prevención de nuestro personal"),
    ],
    complaints=[
        Cp("2025-05-21", "medium", "resolved", "Grasa para rodamiento principal no homologada",
           "Se suministró una referencia equivalente no homologada por el fabricante del "
           "aerogenerador.", ["Marta Soler", "Hugo Sarasa"], "2025-05-21", "2025-05-28",
           "Retirada y sustitución por la referencia homologada; bloqueo en el ERP."),
    ],
    facts=[
        ("", "habit", "Campañas de mantenimiento en primavera y otoño (viento bajo)"),
        ("", "need", "Trabajos en altura: nuestros técnicos necesitan certificado GWO vigente"),
        ("Cristina Bueno", "habit", "Pide tres ofertas para importes de más de 50.000 €"),
    ],
    goals=[
        G("wallet_share", "Mantenimiento", "Cuota de mantenimiento del 30 % al 45 %", "0.30",
          "0.45", "2026-01-12", "2027-06-30", "active",
          ["Oferta de mantenimiento de multiplicadoras parques norte@2026-12-11"]),
        G("cross_sell", "Formación", "Formación GWO para técnicos propios", "0", "30000",
          "2026-02-18", "2026-12-31", "active",
          ["Calendario de cursos 2027 a Marina Aznar@2026-11-13"]),
    ],
)

A_ATLANTIC = Acc(
    name="Atlantic Retail Group plc", number="IE-0010", tax_id="IE6388047V", industry="retail",
    tier="B", owner="Tom Baker", phone="", email="procurement@atlanticretail.ie",
    address="Unit 12, Ballycoolin Business Park, Dublin 15, D15 XR2P, Ireland", cadence=45,
    lang="en", domain="atlanticretail.ie",
    story="RETAIL distribution centres: steady, pre-Christmas peak, a complaint in progress; "
    "account phone missing (data quality).",
    theirs=[
        P("Declan Murphy", "Head of Distribution Engineering", "operations", "decision_maker",
          "supporter"),
        P("Fiona Byrne", "Category Buyer, MRO", "purchasing", "influencer", "neutral"),
        P("Connor Doyle", "DC Maintenance Supervisor", "technical_service", "user", "supporter"),
    ],
    ours=["Tom Baker", "Hannah Clarke", "Pablo Ortega"],
    links=[("Tom Baker", "Declan Murphy", 3), ("Hannah Clarke", "Fiona Byrne", 3),
           ("Pablo Ortega", "Connor Doyle", 3)],
    prior=158_000, trailing=166_000, opm=[("2024-11-16", 3), ("2026-11-15", 3.2)],
    mix={"Rodamientos": 0.30, "Transmisión": 0.30, "Repuestos": 0.25, "Mantenimiento": 0.15},
    season=(0.7, 0.8, 0.9, 0.9, 1.0, 1.0, 1.0, 1.0, 1.3, 1.4, 1.2, 0.8),
    ops_gap=(18, 32), strat_gap=(110, 140), sat_gap=(170, 200), mood=(3.7, 3.6),
    complaints=[
        Cp("2026-09-14", "medium", "in_progress", "Wrong belt sizes shipped for Dublin sorter",
           "Twelve drive belts of the wrong length; sorter ran at reduced speed for a day.",
           ["Hannah Clarke", "Fiona Byrne"], "2026-09-16"),
    ],
    facts=[
        ("", "habit", "Blackout for site works from 1 November to 6 January (Christmas peak)"),
        ("Fiona Byrne", "need", "Supplier sustainability questionnaire renewed every April"),
    ],
    goals=[
        G("cross_sell", "Automatización", "Conveyor condition monitoring pilot", "0", "20000",
          "2026-06-15", "2027-03-31", "active",
          ["Demo of condition monitoring at Dublin DC@2026-12-09"]),
    ],
)

A_UBEDA = Acc(
    name="Maquinaria Agrícola Úbeda S.L.", number="ES-0011", tax_id="B23418809",
    industry="machinery", tier="B", owner="Lucía Fernández", phone="+34 953 750 812",
    email="compras@maquinariaubeda.es",
    address="Carretera de Baeza km 2, 23400 Úbeda (Jaén)", cadence=45, lang="es",
    domain="maquinariaubeda.es",
    story="SEASONAL OEM of harvesters (build season January-April); automation is the "
    "whitespace we are after.",
    theirs=[
        P("Francisco Molina", "Director Industrial", "production", "decision_maker",
          "supporter"),
        P("Lourdes Cano", "Responsable de Compras", "purchasing", "influencer", "champion"),
        P("Tomás Jurado", "Ingeniería de Producto", "other", "influencer", "neutral"),
        P("Encarna Ruiz", "Logística", "logistics", "user", "neutral"),
    ],
    ours=["Lucía Fernández", "Pablo Ortega", "Sergio Navarro"],
    links=[("Lucía Fernández", "Lourdes Cano", 4), ("Lucía Fernández", "Francisco Molina", 3),
           ("Pablo Ortega", "Tomás Jurado", 3), ("Sergio Navarro", "Encarna Ruiz", 3)],
    prior=182_000, trailing=204_000, opm=[("2024-11-16", 3), ("2026-11-15", 3.3)],
    mix={"Rodamientos": 0.30, "Transmisión": 0.35, "Neumática": 0.15, "Repuestos": 0.20},
    season=(1.6, 1.7, 1.6, 1.3, 0.9, 0.7, 0.6, 0.3, 0.7, 0.8, 0.9, 0.9),
    ops_gap=(15, 30), strat_gap=(100, 130), sat_gap=(300, 360), mood=(3.9, 4.0),
    events=[
        Ev("2026-10-08T11:00", "in_person", "strategic", "meeting",
           ["Lucía Fernández", "Pablo Ortega", "Francisco Molina", "Lourdes Cano"], 4,
           "Tarifas 2027 y propuesta de piloto de automatización en soldadura de bastidores",
           "- Francisco quiere reducir retrabajos en soldadura un 20 %\n"
           "- Lourdes necesita las tarifas antes del 15 de diciembre"),
    ],
    facts=[
        ("", "habit", "Producción fuerte de enero a abril (campaña de cosechadoras)"),
        ("Lourdes Cano", "need", "Tarifas del año siguiente antes del 15 de diciembre"),
    ],
    goals=[
        G("cross_sell", "Automatización", "Automatizar la línea de soldadura de bastidores",
          "0", "30000", "2026-05-04", "2027-04-30", "active",
          ["Visita de Pablo a ingeniería de producto con sensores de muestra@2026-10-20",
           "Oferta piloto de automatización de la línea de soldadura@2026-12-15"]),
    ],
)

A_ARRIETA = Acc(
    name="Fundiciones Arrieta S.A.", number="ES-0012", tax_id="A20147757", industry="metals",
    tier="B", owner="Jordi Puig", phone="+34 943 761 090", email="compras@arrieta.eus",
    address="Barrio Altamira 5, 20570 Bergara (Gipuzkoa)", cadence=30, lang="es",
    domain="arrieta.eus",
    story="FOUNDRY with a detractor in production since a gearbox failure in 2025; complaints "
    "resolved, revenue slightly down, map narrow.",
    theirs=[
        P("Mikel Arrieta", "Director General", "executive", "decision_maker", "neutral"),
        P("Koldo Etxeberria", "Jefe de Producción", "production", "influencer", "detractor"),
        P("Ainhoa Larrañaga", "Compras", "purchasing", "influencer", "supporter"),
        P("Unai Zubizarreta", "Mantenimiento", "technical_service", "user", "supporter"),
    ],
    ours=["Jordi Puig", "Marta Soler"],
    links=[("Jordi Puig", "Ainhoa Larrañaga", 4), ("Jordi Puig", "Mikel Arrieta", 2),
           ("Marta Soler", "Unai Zubizarreta", 4), ("Marta Soler", "Koldo Etxeberria", 2)],
    prior=268_000, trailing=251_000, opm=[("2024-11-16", 4.2), ("2026-11-15", 3.9)],
    mix={"Rodamientos": 0.25, "Transmisión": 0.20, "Lubricación": 0.15, "Repuestos": 0.25,
         "Mantenimiento": 0.15},
    shutdown=True, credit_notes=[("2025-04-02", "Transmisión", -3120.00)],
    ops_gap=(13, 23), strat_gap=(110, 140), sat_gap=(170, 200), mood=(3.0, 3.5),
    events=[
        Ev("2026-10-14T09:00", "site_visit", "satisfaction", "feedback",
           ["Jordi Puig", "Marta Soler", "Ainhoa Larrañaga", "Unai Zubizarreta"], 3,
           "Revisión de satisfacción: mejora el plazo, pero producción sigue desconfiando",
           "- Unai valora el stock reservado de grasa\n"
           "- Koldo no asiste; Ainhoa dice que «sigue con lo del reductor»"),
    ],
    complaints=[
        Cp("2025-02-20", "high", "resolved", "Rotura de reductor en la línea de moldeo",
           "El reductor de la línea de moldeo se rompió a los 4 meses; 2 turnos parados.",
           ["Marta Soler", "Koldo Etxeberria"], "2025-02-21", "2025-03-28",
           "Reductor sustituido, abono parcial y análisis del fabricante (defecto de montaje)."),
        Cp("2026-01-15", "medium", "resolved", "Grasa de alta temperatura agotada",
           "Sin stock durante 10 días de la grasa para los hornos.",
           ["Jordi Puig", "Ainhoa Larrañaga"], "2026-01-16", "2026-02-03",
           "Stock mínimo reservado para el cliente en el almacén de Vitoria."),
    ],
    facts=[
        ("", "habit", "Trabajan 24/7; el mantenimiento se hace los domingos"),
        ("Ainhoa Larrañaga", "preference", "Prefiere pedidos abiertos trimestrales"),
        ("Koldo Etxeberria", "other", "Sigue culpando al reductor de 2025: aportar datos, no opiniones"),
    ],
    goals=[
        G("broaden_map", "", "Entrar en dirección y producción", "2", "4", "2026-03-02",
          "2026-12-31", "active",
          ["Invitar a Mikel Arrieta a la jornada técnica de Bilbao@2026-10-08",
           "Auditoría de transmisiones con Koldo y Unai@2026-12-14"]),
        G("satisfaction", "", "Subir la satisfacción media de 3,0 a 3,8", "3.0", "3.8",
          "2025-04-01", "2026-12-31", "active"),
    ],
)

A_ORTIZ = Acc(
    name="Distribuciones Ortiz e Hijos", number="ES-0013", tax_id="", industry="retail",
    tier="C", owner="Lucía Fernández", phone="+34 953 221 480", email="", address="",
    cadence=60, lang="es", domain="distortiz.es",
    story="SMALL C-TIER family distributor with poor data: no tax id, e-mail or address, and "
    "a suspected duplicate person (Manuel / Manolo Ortiz).",
    theirs=[
        P("Manuel Ortiz", "Gerente", "executive", "decision_maker", "supporter",
          phone="+34 609 441 872"),
        P("Manolo Ortiz", "", "", "", "", email="", phone="+34 609 441 872"),
        P("Laura Ortiz", "Administración", "finance", "gatekeeper", "neutral"),
    ],
    ours=["Lucía Fernández", "Ana Ruiz"],
    links=[("Lucía Fernández", "Manuel Ortiz", 3), ("Ana Ruiz", "Laura Ortiz", 2)],
    prior=36_200, trailing=32_800, opm=[("2024-11-16", 1.6), ("2026-11-15", 1.4)],
    mix={"Repuestos": 0.40, "Rodamientos": 0.35, "Lubricación": 0.25},
    ops_gap=(45, 75), strat_gap=None, sat_gap=(170, 220), mood=(3.6, 3.5), wallet=False,
    facts=[("", "habit", "Compran para reventa; piden precio neto sin descuentos escalados")],
)

A_THORNBURY = Acc(
    name="Thornbury Packaging Ltd", number="UK-0014", tax_id="GB731960244",
    industry="packaging", tier="B", owner="Tom Baker", phone="+44 117 496 0321",
    email="accounts@thornbury-packaging.co.uk",
    address="40 Severn Road, Avonmouth, Bristol BS11 9FG, United Kingdom", cadence=30,
    lang="en", domain="thornbury-packaging.co.uk",
    story="STEADY English account with quarterly business reviews since 2025; pneumatics "
    "share is the next goal.",
    theirs=[
        P("Rachel Thornbury", "Managing Director", "executive", "sponsor", "supporter",
          "Consent to e-mail: yes (2025-05-14)"),
        P("Oliver Grant", "Engineering Manager", "technical_service", "decision_maker",
          "champion"),
        P("Aisha Rahman", "Purchasing Lead", "purchasing", "influencer", "supporter"),
        P("Ben Foster", "Production Supervisor", "production", "user", "neutral"),
    ],
    ours=["Tom Baker", "Hannah Clarke", "Pablo Ortega"],
    links=[("Tom Baker", "Oliver Grant", 4), ("Tom Baker", "Rachel Thornbury", 3),
           ("Hannah Clarke", "Aisha Rahman", 4), ("Pablo Ortega", "Oliver Grant", 3),
           ("Pablo Ortega", "Ben Foster", 3)],
    prior=121_000, trailing=137_000, opm=[("2024-11-16", 3), ("2026-11-15", 3.4)],
    mix={"Neumática": 0.30, "Automatización": 0.12, "Repuestos": 0.24, "Formación": 0.14,
         "Transmisión": 0.20},
    shutdown=True, ops_gap=(15, 28), strat_gap=(85, 100), sat_gap=(170, 200),
    mood=(3.9, 4.2), mood_floor=3,
    facts=[
        ("", "other", "Fiscal year ends in March"),
        ("", "preference", "Invoices only by e-mail to accounts@thornbury-packaging.co.uk"),
        ("", "habit", "Plant shutdown every August, first three weeks"),
    ],
    goals=[
        G("new_method", "", "Quarterly business reviews with Rachel and Oliver", "0", "4",
          "2025-02-03", "2025-12-31", "done"),
        G("wallet_share", "Neumática", "Pneumatics share from 30 % to 45 %", "0.30", "0.45",
          "2026-04-06", "2027-03-31", "active",
          ["Line 4 valve-island retrofit proposal to Oliver@2026-11-06",
           "Joint energy audit of compressed air@2027-01-22"]),
    ],
)

ACCOUNTS = [A_IBANEZ, A_MUNOZ, A_NORTHWIND, A_PENA, A_QUIMICA, A_RIBERA, A_ALCAZAR, A_NUNEZ,
            A_EOLICA, A_ATLANTIC, A_UBEDA, A_ARRIETA, A_ORTIZ, A_THORNBURY]
# fmt: on

# --------------------------------------------------------------------------- texts
# Routine contact: (kind, summary). {cat} category, {n} line number, {y} next year.
OPS = {
    "es": [
        ("call", "Seguimiento de pedido de {cat}; plazo de entrega confirmado"),
        ("request", "Solicitud de oferta de {cat} para la línea {n}"),
        ("call", "Consulta técnica sobre {cat} en la línea {n}"),
        ("request", "Piden stock de seguridad de {cat} en nuestro almacén"),
        ("meeting", "Revisión de la previsión de consumos del próximo trimestre"),
        ("call", "Coordinación de la parada de mantenimiento de la línea {n}"),
        ("feedback", "Comentan que el último envío de {cat} llegó a tiempo y bien embalado"),
        ("request", "Piden duplicado de factura y certificado de material de {cat}"),
        ("call", "Avería en la línea {n}: enviamos {cat} en 24 h"),
        ("suggestion", "Sugieren agrupar entregas semanales para reducir portes"),
        ("meeting", "Seguimiento de repuestos críticos de {cat} en planta"),
        ("request", "Piden actualización de la tarifa {y} de {cat}"),
        ("call", "Confirmación de referencias equivalentes de {cat}"),
    ],
    "en": [
        ("call", "Order follow-up for {cat}; delivery date confirmed"),
        ("request", "Quote requested for {cat} on line {n}"),
        ("call", "Technical question on {cat} for line {n}"),
        ("request", "Asked us to hold safety stock of {cat}"),
        ("meeting", "Consumption forecast review for next quarter"),
        ("call", "Planning the maintenance stop on line {n}"),
        ("feedback", "Last {cat} delivery arrived on time and well packed"),
        ("request", "Copy invoice and material certificates for {cat} requested"),
        ("call", "Breakdown on line {n}: {cat} dispatched within 24 h"),
        ("suggestion", "Suggest consolidating weekly deliveries to cut freight"),
        ("meeting", "Critical {cat} spares reviewed on site"),
        ("request", "Asked for the {y} price list for {cat}"),
        ("call", "Cross-reference check for {cat} part numbers"),
    ],
}
STRATEGIC = {
    "es": [
        "Revisión trimestral con dirección de compras; interés en automatización de la línea {n}",
        "Revisión del plan anual {y}: volúmenes, precios y plazos",
        "Presentación del programa de mantenimiento predictivo a dirección",
        "Reunión con dirección sobre ahorro energético en planta",
        "Revisión del acuerdo marco y condiciones para {y}",
        "Taller conjunto para mejorar la disponibilidad de la línea {n}",
    ],
    "en": [
        "Quarterly business review with operations; interest in automating line {n}",
        "Annual plan {y} review: volumes, prices and lead times",
        "Predictive maintenance programme presented to management",
        "Energy-saving opportunities on site discussed with management",
        "Framework agreement and {y} terms reviewed",
        "Joint workshop on availability of line {n}",
    ],
}
SATISFACTION = {
    "es": [
        ("meeting", "Revisión semestral de satisfacción: nivel de servicio y tiempos de respuesta"),
        ("feedback", "Encuesta anual de satisfacción: resultados comentados"),
        ("meeting", "Revisión de OTIF y reclamaciones del semestre"),
    ],
    "en": [
        ("meeting", "Half-year satisfaction review: service level and response times"),
        ("feedback", "Annual satisfaction survey results discussed"),
        ("meeting", "OTIF and complaints review for the half-year"),
    ],
}
WARM = [  # story d: meetings feel great
    "Reunión muy cordial con dirección: satisfechos con el servicio",
    "Comida de trabajo: excelente relación, nos ponen de ejemplo ante otros proveedores",
    "Revisión con compras: agradecen la rapidez en la campaña",
    "Visita a planta: buena sintonía con mantenimiento, sin quejas",
    "Reunión trimestral muy positiva: destacan nuestra flexibilidad",
    "Visita de cortesía a dirección: relación excelente, sin temas pendientes",
    "Revisión con calidad y mantenimiento: todo correcto, muy contentos",
]
BULLETS = {
    "es": [
        "Consumo de {cat} un 10 % por encima de lo previsto",
        "Interés en una prueba de lubricación automática",
        "Piden formación para el turno de noche",
        "Revisar plazos de {cat} antes de la parada de verano",
        "Comparan nuestro precio de {cat} con un competidor",
        "Proponemos stock en consigna para referencias críticas",
        "La línea {n} tiene la disponibilidad más baja de la planta",
        "Nuevo responsable de turno en producción",
    ],
    "en": [
        "{cat} consumption 10 % above forecast",
        "Interested in trialling automatic lubrication",
        "Asked for training for the night shift",
        "Check {cat} lead times before the summer stop",
        "Benchmarking our {cat} prices against a competitor",
        "We proposed consignment stock for critical parts",
        "Line {n} has the lowest availability on site",
        "New shift manager in production",
    ],
}
NEXT = {
    "es": ["Enviar oferta de {cat}", "Confirmar fecha de visita técnica",
           "Enviar certificados de material", "Llamar para cerrar el pedido de {cat}"],
    "en": ["Send {cat} quote", "Confirm technical visit date", "Send material certificates",
           "Call to close the {cat} order"],
}  # fmt: skip
# Channels: routine contact by kind of contact, conversations by level.
OPS_CHANNELS = {
    "call": ["phone", "phone", "video"],
    "request": ["email", "phone", "online"],
    "feedback": ["email", "phone", "in_person"],
    "suggestion": ["email", "in_person", "phone"],
    "meeting": ["in_person", "site_visit", "video"],
}
CHANNEL_MIX = {
    "strategic": (["in_person", "site_visit", "video", "event"], [45, 25, 25, 5]),
    "satisfaction": (["in_person", "video", "site_visit"], [40, 35, 25]),
}  # fmt: skip


# --------------------------------------------------------------------------- generation
def knots(points: list[tuple[str, float]], d: date) -> float:
    """Piecewise-linear interpolation of (date, value) knots."""
    pts = [(date.fromisoformat(s), v) for s, v in points]
    if d <= pts[0][0]:
        return pts[0][1]
    for (d0, v0), (d1, v1) in itertools.pairwise(pts):
        if d <= d1:
            return v0 + (v1 - v0) * (d - d0).days / max(1, (d1 - d0).days)
    return pts[-1][1]


def categories_on(acc: Acc, d: date) -> dict[str, float]:
    return {
        c: w
        for c, w in acc.mix.items()
        if not (c in acc.drops and d > date.fromisoformat(acc.drops[c]))
        and not (c in acc.adds and d < date.fromisoformat(acc.adds[c]))
    }


def orders(acc: Acc) -> list[dict[str, object]]:
    """Orders as a renewal process (B2B clients replenish on a rough rhythm, more
    regular than Poisson) shaped by rate, seasonality and mix, then scaled so each
    12-month window hits the story's revenue exactly."""
    raw: list[list] = []
    t = float((max(acc.first_order, START) - START).days)
    if acc.first_order <= START:  # history started before the window: enter mid-rhythm
        t += rng.uniform(0, 30.44 / knots(acc.opm, START))
    while (d := START + timedelta(days=int(t))) <= ANCHOR:
        if acc.shutdown and d.month == 8 and d.day <= 24:
            t += 1
            continue
        while d.weekday() >= 5:  # weekend orders are entered on Monday
            d += timedelta(days=1)
        if d <= ANCHOR:
            cats = categories_on(acc, d)
            c = rng.choices(list(cats), list(cats.values()))[0]
            raw.append([d, c, SIZE[c] * rng.lognormvariate(0, 0.55)])
        rate = knots(acc.opm, d) * acc.season[d.month - 1]
        t += 30.44 / rate * rng.uniform(0.4, 1.6)
    for lo, hi, target in ((START, YEAR_AGO, acc.prior), (YEAR_AGO, ANCHOR, acc.trailing)):
        rows = [r for r in raw if (lo <= r[0] <= hi) if lo == START or r[0] > lo]
        total = sum(r[2] for r in rows)
        for r in rows:
            r[2] = max(45.0, r[2] * target / total)
    out: list[dict[str, object]] = []
    for d, c, amount in raw:
        lo_m, hi_m = MARGIN[c]
        margin = "" if rng.random() < 0.06 else f"{rng.uniform(lo_m, hi_m):.2f}"
        out.append({"date": d, "account": acc.name, "amount": round(amount, 2),
                    "category": c, "margin": margin, "series": "FV"})  # fmt: skip
    for s, c, amount in acc.credit_notes:
        out.append({"date": d_(s), "account": acc.name, "amount": amount, "category": c,
                    "margin": "", "series": "AB"})  # fmt: skip
    return out


def number_documents(rows: list[dict[str, object]]) -> None:
    """One invoice series per year shared by all clients, with gaps for the clients not
    in the demo, so numbers are unique and look like a real ledger."""
    rows.sort(key=lambda r: (r["date"], r["account"], r["amount"]))
    counters: dict[tuple[str, int], int] = {}
    for r in rows:
        d = r["date"]
        assert isinstance(d, date)
        key = (str(r["series"]), d.year)
        start = 3870 if d.year == 2024 and key[0] == "FV" else 0
        counters[key] = counters.get(key, start) + (rng.randint(1, 9) if key[0] == "FV" else 1)
        r["document"] = f"{key[0]}-{d.year}-{counters[key]:05d}"


def at_time(d: date, lo: int = 8, hi: int = 18) -> datetime:
    return datetime(d.year, d.month, d.day, rng.randint(lo, hi - 1), rng.choice((0, 15, 30, 45)))


GOODS = ("Rodamientos", "Transmisión", "Neumática", "Lubricación", "Repuestos")


def fill(text: str, acc: Acc, d: date) -> str:
    # routine texts talk about parts ("stock of bearings"), never "stock of training"
    cats = [c for c in categories_on(acc, d) if c in GOODS] or ["Repuestos"]
    cat = rng.choice(cats)
    name = EN_CAT[cat] if acc.lang == "en" else cat.lower()
    # "next year" means the coming year only from September, when budgets are made
    return text.format(cat=name, n=rng.randint(1, 6), y=d.year + (d.month >= 9))


T = TypeVar("T")
_DECKS: dict[tuple[str, str], list] = {}


def deal(acc: Acc, key: str, cards: list[T]) -> T:
    """Cycle through a shuffled copy of `cards` per account, so texts don't repeat
    back to back the way independent random picks do."""
    deck = _DECKS.setdefault((acc.name, key), [])
    if not deck:
        deck.extend(rng.sample(cards, len(cards)))
    return deck.pop()


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def mood_for(acc: Acc, d: date, level: str) -> int | None:
    if level == "operational" and rng.random() < 0.4:
        return None  # routine calls often carry no reading
    t = (d - START).days / (ANCHOR - START).days
    m = acc.mood[0] + (acc.mood[1] - acc.mood[0]) * t + rng.gauss(0, 0.55)
    return max(acc.mood_floor, min(5, round(m)))


def generic(acc: Acc, d: date, level: str, cycle: list[tuple[str, str, int]], i: int) -> dict:
    lang = acc.lang
    by_name = {p.name: p for p in acc.theirs}
    linked = [t for _, t, _ in acc.links]
    if level == "operational":
        kind, summary = deal(acc, "ops", OPS[lang])
        channel = rng.choice(OPS_CHANNELS[kind])
        o, t, _ = cycle[i % len(cycle)]  # round-robin keeps every link recently active
        who = [o, t]
        if rng.random() < 0.2:
            who += [x for oo, x, _ in acc.links if oo == o and x != t][:1]
    elif level == "strategic":
        channel = rng.choices(*CHANNEL_MIX[level])[0]
        kind, summary = "meeting", deal(acc, "strategic", WARM if acc.warm else STRATEGIC[lang])
        top = [n for n in linked if by_name[n].role in ("decision_maker", "sponsor")]
        who = [acc.owner]
        if "Carmen Vidal" in acc.ours and rng.random() < 0.5:
            who.append("Carmen Vidal")  # our sales director joins some top-level meetings
        who += top[:2] + rng.sample(linked, 1)
    else:
        channel = rng.choices(*CHANNEL_MIX[level])[0]
        kind, summary = deal(acc, "satisfaction", SATISFACTION[lang])
        if acc.warm:
            kind, summary = "praise", deal(acc, "strategic", WARM)
        pick = [n for n in linked if by_name[n].function in ("quality", "purchasing", "production")]
        who = [acc.owner, *(pick or linked)[:2]]
    if acc.pair:
        who = list(acc.pair)
    who = list(dict.fromkeys(who))  # de-duplicate, keep order
    notes_p = {"operational": 0.2, "strategic": 0.7, "satisfaction": 0.6}[level]
    notes = ""
    if rng.random() < notes_p:
        head = {"es": "**Acuerdos:**\n\n", "en": "**Agreed:**\n\n"}[lang]
        points = [capital(fill(deal(acc, "b", BULLETS[lang]), acc, d)) for _ in range(2)]
        notes = (head if rng.random() < 0.4 else "") + "\n".join(f"- {p}" for p in points)
    nxt = ""
    if d >= RECENT and rng.random() < 0.55:
        due = d + timedelta(days=rng.randint(10, 35))
        nxt = f"{fill(rng.choice(NEXT[lang]), acc, d)}@{due.isoformat()}"
    return {
        "account": acc.name, "channel": channel, "level": level, "generic": True,
        "when": at_time(d) if level == "operational" else at_time(d, 9, 13),
        "kind": kind, "with": who, "mood": mood_for(acc, d, level),
        "summary": fill(summary, acc, d), "notes": notes, "next": nxt,
    }  # fmt: skip


def conversations(acc: Acc) -> list[dict]:
    out: list[dict] = []
    # every link once (most recent first), then the strong ones again: the recent
    # routine contacts alone keep every declared link active
    cycle = rng.sample(acc.links, len(acc.links))
    cycle += rng.sample([lk for lk in acc.links if lk[2] >= 4], sum(lk[2] >= 4 for lk in acc.links))
    # routine contact, walked backwards from the last day so that every account (but
    # the lapsed one, whose talk_until is early) has been in touch recently
    busy = date.fromisoformat(acc.busy_from) if acc.busy_from else None
    d, i = acc.talk_until - timedelta(days=rng.randint(1, 4)), 0
    while d > acc.talk_from + timedelta(days=2):  # d_() may step back over a weekend
        out.append(generic(acc, d_(d.isoformat()), "operational", cycle, i))
        i += 1
        gap = acc.busy_gap if busy and d >= busy else acc.ops_gap
        d -= timedelta(days=rng.randint(*gap))
    # strategic and satisfaction conversations, also backwards; story c stops early
    for level, gap in (("strategic", acc.strat_gap), ("satisfaction", acc.sat_gap)):
        if not gap:
            continue
        d = min(acc.talk_until, acc.strat_until - timedelta(days=20))
        d -= timedelta(days=rng.randint(0, gap[0] // 2))
        while d > acc.talk_from + timedelta(days=10):
            out.append(generic(acc, d_(d.isoformat()), level, cycle, 0))
            d -= timedelta(days=rng.randint(*gap))
    # complaints are logged as complaint calls, and their resolution as feedback
    for cp in acc.complaints:
        es = acc.lang == "es"
        out.append({
            "account": acc.name, "when": at_time(d_(cp.opened), 8, 13),
            "channel": rng.choice(("phone", "email")), "level": "operational",
            "kind": "complaint", "with": list(acc.pair or cp.who),
            "mood": 1 if cp.severity in ("high", "critical") else 2,
            "summary": ("Reclamación: " if es else "Complaint: ") + cp.title,
            "notes": cp.description, "next": "",
        })  # fmt: skip
        if cp.resolved:
            out.append({
                "account": acc.name, "when": at_time(d_(cp.resolved), 9, 17), "channel": "phone",
                "level": "operational", "kind": "feedback", "with": list(acc.pair or cp.who),
                "mood": 3, "summary": ("Cierre de reclamación: " if es else "Complaint closed: ")
                + cp.title, "notes": cp.resolution, "next": "",
            })  # fmt: skip
    for ev in acc.events:
        when = datetime.fromisoformat(ev.when)
        out.append({
            "account": acc.name, "when": datetime.combine(d_(ev.when), when.time()),
            "channel": ev.channel, "level": ev.level, "kind": ev.kind,
            "with": list(acc.pair) if acc.pair else ev.who, "mood": ev.mood,
            "summary": ev.summary, "notes": ev.notes, "next": ev.next,
        })  # fmt: skip
    out.sort(key=lambda r: r["when"])
    # one conversation a day is enough: push generic same-day ones to the next weekday
    taken: set[date] = {r["when"].date() for r in out if not r.get("generic")}
    for r in out:
        if not r.get("generic"):
            continue
        while r["when"].date() in taken or r["when"].weekday() >= 5:
            r["when"] += timedelta(days=1)
        taken.add(r["when"].date())
    out = [r for r in out if not r.get("generic") or r["when"].date() <= acc.talk_until]
    out.sort(key=lambda r: r["when"])
    return out


def wallet_rows(acc: Acc, tx: list[dict]) -> list[dict]:
    """Client's yearly spend per category = our revenue / a plausible share (10-70 %),
    plus whitespace categories they buy elsewhere. 2026 is annualised from year-to-date;
    the estimate grows a little, so a falling account shows a falling share."""
    if not acc.wallet:
        return []
    rev: dict[tuple[str, int], float] = defaultdict(float)
    for r in tx:
        rev[(str(r["category"]), r["date"].year)] += float(r["amount"])  # type: ignore[union-attr]
    days_2026 = (ANCHOR - max(date(2026, 1, 1), acc.first_order)).days + 1
    bought = [c for c in CATEGORIES if rev[(c, 2025)] or rev[(c, 2026)]]
    whitespace = rng.sample([c for c in CATEGORIES if c not in bought], k=min(2, 8 - len(bought)))
    out = []
    for c in bought + whitespace:
        # size the wallet on our better year so neither year's share exceeds ~60 %
        best = max(rev[(c, 2025)], rev[(c, 2026)] * 365 / days_2026)
        base = best / rng.uniform(0.25, 0.6)
        if not best:  # whitespace: sized from the account's overall spend
            base = (acc.prior or acc.trailing) * rng.uniform(0.05, 0.12)
        for year in (2025, 2026):
            if year == 2025 and acc.first_order.year == 2026:
                continue
            amount = base * (1 + (year - 2025) * rng.uniform(0.0, 0.06))
            out.append({"account": acc.name, "category": c, "year": year,
                        "amount": f"{round(amount, -3):.2f}"})  # fmt: skip
    return out


def write(name: str, header: list[str], rows: list[list[object]]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main() -> None:
    tx: list[dict] = []
    talks: list[dict] = []
    wallet: list[dict] = []
    for acc in ACCOUNTS:
        acc_tx = orders(acc)
        tx += acc_tx
        talks += conversations(acc)
        wallet += wallet_rows(acc, acc_tx)
    number_documents(tx)

    write("accounts.csv",
          ["name", "account_number", "tax_id", "industry", "tier", "owner", "phone", "email",
           "address", "cadence_days"],
          [[a.name, a.number, a.tax_id, a.industry, a.tier, a.owner, a.phone, a.email,
            a.address, a.cadence] for a in ACCOUNTS])  # fmt: skip
    people = []
    for a in ACCOUNTS:
        for name in a.ours:
            title, function, phone = OURS[name]
            people.append([a.name, "ours", name, title, function, "", "", email_of(name, "rodamex.es"),
                           phone, ""])  # fmt: skip
        for p in a.theirs:
            email = email_of(p.name, a.domain) if p.email is None else p.email
            if p.phone is not None:
                phone = p.phone
            elif a.lang == "en":
                phone = f"+44 7700 900{rng.randint(100, 999)}"  # Ofcom drama range
            else:
                phone = (
                    f"+34 6{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
                )
            people.append([a.name, "theirs", p.name, p.title, p.function, p.role, p.stance,
                           email, phone, p.note])  # fmt: skip
    write("people.csv", ["account", "side", "name", "title", "function", "role", "stance",
                         "email", "phone", "privacy_note"], people)  # fmt: skip
    write(
        "links.csv",
        ["account", "ours", "theirs", "strength"],
        [[a.name, o, t, s] for a in ACCOUNTS for o, t, s in a.links],
    )
    write("interactions.csv",
          ["account", "when", "channel", "level", "kind", "with", "mood", "summary", "notes",
           "next"],
          [[r["account"], r["when"].strftime("%Y-%m-%dT%H:%M"), r["channel"], r["level"],
            r["kind"], ";".join(r["with"]), "" if r["mood"] is None else r["mood"],
            r["summary"], r["notes"], r["next"]] for r in talks])  # fmt: skip
    write("complaints.csv",
          ["account", "opened", "severity", "status", "title", "description", "in_progress",
           "resolved", "resolution"],
          [[a.name, d_(c.opened).isoformat(), c.severity, c.status, c.title, c.description,
            c.in_progress and d_(c.in_progress).isoformat(),
            c.resolved and d_(c.resolved).isoformat(), c.resolution]
           for a in ACCOUNTS for c in a.complaints])  # fmt: skip
    write(
        "facts.csv",
        ["account", "person", "kind", "text"],
        [[a.name, p, k, t] for a in ACCOUNTS for p, k, t in a.facts],
    )
    write("transactions.csv", ["date", "account", "amount", "category", "document", "margin"],
          [[r["date"].isoformat(), r["account"], f"{r['amount']:.2f}", r["category"],  # type: ignore[union-attr]
            r["document"], r["margin"]] for r in tx])  # fmt: skip
    write(
        "wallet.csv",
        ["account", "category", "year", "amount"],
        [[r["account"], r["category"], r["year"], r["amount"]] for r in wallet],
    )
    write("goals.csv",
          ["account", "type", "category", "title", "baseline", "target", "start", "due",
           "status", "actions"],
          [[a.name, g.type, g.category, g.title, g.baseline, g.target, g.start, g.due,
            g.status, "|".join(g.actions)] for a in ACCOUNTS for g in a.goals])  # fmt: skip
    (OUT / "manifest.json").write_text(
        json.dumps({"anchor": ANCHOR.isoformat(), "files": FILES}, indent=2) + "\n",
        encoding="utf-8",
    )
    sys.exit(check())


FILES = ["accounts.csv", "people.csv", "links.csv", "interactions.csv", "complaints.csv",
         "facts.csv", "transactions.csv", "wallet.csv", "goals.csv"]  # fmt: skip


# --------------------------------------------------------------------------- check
def read(name: str) -> list[dict[str, str]]:
    with (OUT / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def articulation_points(edges: list[tuple[str, str]]) -> set[str]:
    """Nodes whose removal disconnects their component (brute force: maps are tiny)."""
    nodes = {n for e in edges for n in e}

    def components(skip: str) -> int:
        seen: set[str] = set()
        count = 0
        for start in sorted(nodes - {skip}):
            if start in seen:
                continue
            count += 1
            stack = [start]
            while stack:
                n = stack.pop()
                if n in seen:
                    continue
                seen.add(n)
                stack += [
                    b if a == n else a for a, b in edges if n in (a, b) and skip not in (a, b)
                ]
        return count

    base = components("")
    return {n for n in nodes if components(n) > base}


def cif_ok(cif: str) -> bool:
    """Spanish CIF (A/B + 7 digits + control digit): a real importer may validate it."""
    digits = [int(c) for c in cif[1:8]]
    total = sum(digits[1::2]) + sum(sum(divmod(2 * x, 10)) for x in digits[0::2])
    return cif[-1] == str((10 - total % 10) % 10)


def check() -> int:
    """Validate references, vocabularies and ranges; print the per-account story numbers."""
    errs: list[str] = []
    accs = {r["name"]: r for r in read("accounts.csv")}
    for a in accs.values():
        if a["tax_id"][:1] in ("A", "B") and not cif_ok(a["tax_id"]):
            errs.append(f"accounts: CIF control digit {a['tax_id']}")
    people = read("people.csv")
    side = {(p["account"], p["name"]): p["side"] for p in people}
    func = {(p["account"], p["name"]): p["function"] for p in people}
    for p in people:
        if p["side"] not in SIDES or (p["function"] and p["function"] not in FUNCTIONS):
            errs.append(f"people: bad vocab {p}")
        if (p["role"] and p["role"] not in ROLES) or (p["stance"] and p["stance"] not in STANCES):
            errs.append(f"people: bad role/stance {p['name']}")
    links = read("links.csv")
    for lk in links:
        if (
            side.get((lk["account"], lk["ours"])) != "ours"
            or side.get((lk["account"], lk["theirs"])) != "theirs"
        ):
            errs.append(f"links: unknown ends {lk}")
    ints = read("interactions.csv")
    lo, hi = START.isoformat(), ANCHOR.isoformat() + "T23:59"
    for r in ints:
        for n in r["with"].split(";"):
            if (r["account"], n) not in side:
                errs.append(f"interactions: unknown person {n!r} in {r['account']}")
        if r["channel"] not in CHANNELS or r["level"] not in LEVELS or r["kind"] not in KINDS:
            errs.append(f"interactions: bad vocab {r['when']} {r['account']}")
        if not lo <= r["when"] <= hi or datetime.fromisoformat(r["when"]).weekday() >= 5:
            errs.append(f"interactions: date {r['when']}")
        if r["mood"] and not 1 <= int(r["mood"]) <= 5:
            errs.append("interactions: mood")
        if "\n" in r["summary"]:
            errs.append("interactions: multi-line summary")
    complaints = read("complaints.csv")
    for c in complaints:
        if c["severity"] not in SEVERITIES or c["status"] not in COMPLAINT_STATUSES:
            errs.append(f"complaints: bad vocab {c['title']}")
        need = {
            "open": (),
            "in_progress": ("in_progress",),
            "resolved": ("in_progress", "resolved"),
        }
        wanted = need[c["status"]]
        if any(bool(c[k]) != (k in wanted) for k in ("in_progress", "resolved")):
            errs.append(f"complaints: dates vs status {c['title']}")
        if not c["opened"] <= (c["in_progress"] or c["opened"]) <= (c["resolved"] or "9"):
            errs.append(f"complaints: date order {c['title']}")
        if not any(
            r["account"] == c["account"]
            and r["kind"] == "complaint"
            and r["when"][:10] == c["opened"]
            for r in ints
        ):
            errs.append(f"complaints: no complaint interaction on {c['opened']}")
    for f in read("facts.csv"):
        if f["kind"] not in FACT_KINDS:
            errs.append(f"facts: bad kind {f['kind']}")
        if f["person"] and (f["account"], f["person"]) not in side:
            errs.append(f"facts: unknown person {f['person']}")
    tx = read("transactions.csv")
    docs: set[tuple[str, str]] = set()
    for t in tx:
        if (t["account"], t["document"]) in docs:
            errs.append(f"transactions: duplicate {t['document']}")
        docs.add((t["account"], t["document"]))
        if not lo <= t["date"] <= ANCHOR.isoformat() or t["account"] not in accs:
            errs.append(f"transactions: {t}")
        if t["margin"] and not 0.05 <= float(t["margin"]) <= 0.40:
            errs.append(f"transactions: margin {t['margin']}")
    for g in read("goals.csv"):
        if g["type"] not in GOAL_TYPES or g["status"] not in GOAL_STATUSES:
            errs.append(f"goals: vocab {g['title']}")
    wallet = {
        (w["account"], w["category"], int(w["year"])): float(w["amount"])
        for w in read("wallet.csv")
    }

    # per-account story numbers
    rev: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    by_year: dict[tuple[str, str, int], float] = defaultdict(float)
    dates: dict[str, list[date]] = defaultdict(list)
    cats: dict[str, list[set[str]]] = defaultdict(lambda: [set(), set()])
    for t in tx:
        d = date.fromisoformat(t["date"])
        k = 1 if d > YEAR_AGO else 0
        rev[t["account"]][k] += float(t["amount"])
        cats[t["account"]][k].add(t["category"])
        by_year[(t["account"], t["category"], d.year)] += float(t["amount"])
        if float(t["amount"]) > 0:
            dates[t["account"]].append(d)
    for (a, c, y), amount in wallet.items():
        got = by_year[(a, c, y)] * (365 / 319 if y == 2026 else 1)
        if amount and got / amount > 0.85:
            errs.append(f"wallet: share {got / amount:.0%} for {a} {c} {y}")
    head = (f"{'account':30} T {'prev12':>9} {'last12':>9} {'Δ%':>5} {'tx':>4} {'gap':>9} "
            f"{'cats':>5} {'o/t':>5} {'act':>3} {'fn':>2} {'AP':>3} {'ints':>4} "
            f"{'strat':>5} {'last':>4} {'mood':>4} {'opC':>3}")  # fmt: skip
    print(head)
    cutoff = (ANCHOR - timedelta(days=180)).isoformat()
    for name, a in accs.items():
        mine = [r for r in ints if r["account"] == name]
        strat = [r["when"][:10] for r in mine if r["level"] != "operational"]
        last_strat = (ANCHOR - date.fromisoformat(max(strat))).days if strat else -1
        last = (ANCHOR - date.fromisoformat(max(r["when"][:10] for r in mine))).days
        moods = [int(r["mood"]) for r in mine if r["mood"] and r["when"] >= cutoff]
        # active links: both ends in one interaction within 180 days
        active = [(lk["ours"], lk["theirs"]) for lk in links if lk["account"] == name and any(
            r["when"] >= cutoff and {lk["ours"], lk["theirs"]} <= set(r["with"].split(";")) for r in mine)]  # fmt: skip
        theirs_active = {t for _, t in active}
        fns = {func[(name, t)] for t in theirs_active}
        ap = articulation_points(active)
        ds = sorted(dates[name])
        gaps = [((b - a_).days, a_) for a_, b in itertools.pairwise(ds)]
        hist_gap = statistics.median([g for g, _ in gaps] or [0])
        half = ANCHOR - timedelta(days=180)
        recent_gap = statistics.median([g for g, a_ in gaps if a_ >= half] or [0])
        open_c = sum(1 for c in complaints if c["account"] == name and c["status"] != "resolved")
        p, t_ = rev[name]
        delta = f"{(t_ / p - 1) * 100:+.0f}" if p else "new"
        o_n = sum(1 for (acc_, _), s in side.items() if acc_ == name and s == "ours")
        th_n = sum(1 for (acc_, _), s in side.items() if acc_ == name and s == "theirs")
        print(f"{name[:30]:30} {a['tier']} {p:9.0f} {t_:9.0f} {delta:>5} {len(ds):4} "
              f"{hist_gap:>4.1f}/{recent_gap:<4.1f}{len(cats[name][1]):>2}/{len(cats[name][0]):<2}"
              f" {o_n}/{th_n:<2} {len(theirs_active):>3} {len(fns):>2} {len(ap):>3} {len(mine):4} "
              f"{last_strat:5} {last:4} {statistics.mean(moods) if moods else math.nan:4.1f} {open_c:3}")  # fmt: skip
    print(
        f"\n{len(accs)} accounts, {len(people)} people, {len(links)} links, {len(ints)} "
        f"interactions, {len(tx)} transactions, {len(wallet)} wallet rows"
    )
    overdue = sum(
        1
        for r in ints
        for s in r["next"].split("|")
        if s and s.rsplit("@", 1)[1] < ANCHOR.isoformat()
    )
    print(
        f"next steps: {sum(len([s for s in r['next'].split('|') if s]) for r in ints)} "
        f"({overdue} overdue at the anchor)"
    )
    print(
        "legend: gap = median days between orders, all/last 180 d; cats = categories "
        "last12/prev12; act = their people with active links; fn = their functions "
        "covered; AP = articulation points; strat = days since last strategic or "
        "satisfaction conversation; last = days since last contact; mood = mean last 180 d"
    )
    for e in errs:
        print("ERROR", e, file=sys.stderr)
    return 1 if errs else 0


if __name__ == "__main__":
    main()
