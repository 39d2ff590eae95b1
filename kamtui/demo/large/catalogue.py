"""What we sell and to whom: product categories, seasons, tiers, the functions,
titles, roles and stances of people, and how each level of conversation is held
(channel and kind weights).

Keys are kamtui's vocabulary keys (kamtui.vocab); the weights and titles belong
to this generator. tests/demo/test_large.py checks the keys against the vocabularies."""

from __future__ import annotations

from kamtui.demo.large.names import INDUSTRIES

# category: (weight, typical line amount in EUR)
CATEGORIES: dict[str, tuple[float, float]] = {
    "Rodamientos": (1.6, 4200.0),
    "Transmisión": (1.2, 5200.0),
    "Repuestos": (1.5, 2400.0),
    "Neumática": (1.0, 3100.0),
    "Mantenimiento": (0.9, 6800.0),
    "Lubricación": (0.8, 1900.0),
    "Hidráulica": (0.7, 4600.0),
    "Automatización": (0.35, 14500.0),
    "Sensores": (0.5, 2700.0),
    "Herramientas": (0.6, 1500.0),
    "EPIs": (0.5, 1100.0),
    "Formación": (0.25, 3500.0),
}
# Orders by month: the August shutdown and Christmas are quiet.
SEASON = (1.0, 1.05, 1.15, 1.0, 1.1, 1.1, 0.95, 0.45, 1.1, 1.15, 1.1, 0.75)

TIER_WEIGHT = {"A": 3.2, "B": 1.4, "C": 0.6}
TIER_CADENCE = {"A": (14, 21), "B": (30, 30), "C": (45, 60)}

OUR_FUNCTIONS = ("technical_service", "logistics", "finance", "executive", "quality")
THEIR_FUNCTIONS = (
    ("purchasing", 3.0),
    ("production", 2.0),
    ("operations", 1.5),
    ("finance", 1.2),
    ("technical_service", 1.0),
    ("quality", 1.2),
    ("logistics", 1.2),
    ("executive", 0.8),
    ("it", 0.4),
    ("marketing", 0.3),
    ("sales", 0.3),
    ("other", 0.3),
)
TITLES = {
    "purchasing": (
        ("Director de Compras", "Responsable de Compras", "Comprador"),
        ("Procurement Manager", "Buyer", "Head of Purchasing"),
    ),
    "production": (
        ("Director de Planta", "Jefe de Producción", "Jefe de Turno"),
        ("Plant Manager", "Production Manager", "Shift Lead"),
    ),
    "operations": (
        ("Director de Operaciones", "Responsable de Operaciones"),
        ("Operations Director", "Operations Manager"),
    ),
    "finance": (
        ("Director Financiero", "Responsable de Administración", "Contable"),
        ("Finance Director", "Accounts Payable Lead", "Controller"),
    ),
    "technical_service": (
        ("Responsable de Mantenimiento", "Técnico de Mantenimiento"),
        ("Maintenance Manager", "Maintenance Engineer"),
    ),
    "quality": (
        ("Responsable de Calidad", "Técnico de Calidad"),
        ("Quality Manager", "Quality Engineer"),
    ),
    "logistics": (
        ("Jefe de Almacén", "Responsable de Logística"),
        ("Warehouse Manager", "Logistics Manager"),
    ),
    "executive": (
        ("Director General", "Consejero Delegado", "Gerente"),
        ("Managing Director", "CEO", "General Manager"),
    ),
    "it": (("Responsable de Sistemas",), ("IT Manager",)),
    "marketing": (("Directora de Marketing",), ("Marketing Manager",)),
    "sales": (("Director Comercial",), ("Sales Director",)),
    "other": (
        ("Asistente de Dirección", "Técnico de Prevención"),
        ("Office Manager", "Health & Safety Officer"),
    ),
    "ours_sales": (("Key Account Manager",), ("Key Account Manager",)),
    "ours_technical_service": (
        ("Técnico de Servicio", "Ingeniera de Aplicaciones"),
        ("Service Engineer", "Applications Engineer"),
    ),
    "ours_logistics": (("Coordinadora de Logística",), ("Logistics Coordinator",)),
    "ours_finance": (("Responsable de Cobros",), ("Credit Controller",)),
    "ours_executive": (
        ("Director Comercial", "Director General"),
        ("Sales Director", "Managing Director"),
    ),
    "ours_quality": (("Técnica de Calidad",), ("Quality Engineer",)),
}
ROLES = (
    ("decision_maker", 1.0),
    ("influencer", 2.0),
    ("user", 2.5),
    ("gatekeeper", 0.8),
    ("sponsor", 0.5),
)
STANCES = (("champion", 1.0), ("supporter", 2.5), ("neutral", 3.0), ("detractor", 0.7))

CHANNELS = {
    "operational": (
        ("phone", 4.0),
        ("email", 4.0),
        ("online", 1.0),
        ("video", 1.5),
        ("in_person", 0.8),
    ),
    "strategic": (("in_person", 4.0), ("site_visit", 2.0), ("video", 2.0), ("event", 0.6)),
    "satisfaction": (("in_person", 2.5), ("video", 2.0), ("phone", 1.0)),
}
KINDS = {
    "operational": (
        ("call", 3.0),
        ("request", 3.0),
        ("meeting", 1.0),
        ("feedback", 0.6),
        ("suggestion", 0.4),
    ),
    "strategic": (("meeting", 6.0), ("suggestion", 0.5), ("request", 0.5)),
    "satisfaction": (("meeting", 3.0), ("feedback", 2.0), ("praise", 0.7)),
}


def cumulative(pairs: tuple[tuple[str, float], ...]) -> tuple[list[str], list[float]]:
    keys = [k for k, _ in pairs]
    acc, out = 0.0, []
    for _, w in pairs:
        acc += w
        out.append(acc)
    return keys, out


CHANNELS_CUM = {k: cumulative(v) for k, v in CHANNELS.items()}
KINDS_CUM = {k: cumulative(v) for k, v in KINDS.items()}
THEIR_FUNCTIONS_CUM = cumulative(THEIR_FUNCTIONS)
ROLES_CUM = cumulative(ROLES)
STANCES_CUM = cumulative(STANCES)
INDUSTRIES_CUM = cumulative(tuple((k, v[0]) for k, v in INDUSTRIES.items()))
CATEGORY_NAMES = list(CATEGORIES)
