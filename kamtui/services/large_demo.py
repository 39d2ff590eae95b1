"""The large synthetic portfolio: a sales director's whole company.

`kamtui demo --size large` builds 10,000 accounts, 200,000 people, 1,000,000
interactions (with their participants, next steps and complaints) and
2,000,000 transactions, plus links, facts, wallet estimates and goals, into a
separate file. The data is plausible rather than uniform noise: Spanish and
English companies and people, industries and product categories, tiers that
drive how much an account buys and how often we meet it, seasonal orders (August
and Christmas are quiet), growing and declining accounts, relationships that
drifted to operational-only talk, bow-tie and diamond contact maps, moods that
disagree with the numbers.

Everything is drawn from `random.Random` streams seeded by the seed and a
section name, and dates are laid out back from `today`: the same seed and the
same today give the same content (and, with the same SQLite, the same file).

The rows are built here; the SQL that writes them is in kamtui.storage.bulk."""

from __future__ import annotations

import json
import math
import os
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kamtui.storage import bulk
from kamtui.storage.db import open_store
from kamtui.textsafe import fold

META_KEY = "large_demo"
HISTORY_DAYS = 3 * 365 + 1


@dataclass(frozen=True)
class Size:
    accounts: int = 10_000
    people: int = 200_000
    interactions: int = 1_000_000
    transactions: int = 2_000_000

    def scaled(self, factor: float) -> Size:
        return Size(
            accounts=max(4, round(self.accounts * factor)),
            people=max(16, round(self.people * factor)),
            interactions=max(20, round(self.interactions * factor)),
            transactions=max(40, round(self.transactions * factor)),
        )


LARGE = Size()


class LargeDemoError(Exception):
    pass


# --- vocabulary for plausible data ----------------------------------------------------

ES_FIRST = [
    "Alberto",
    "Alejandro",
    "Alicia",
    "Ana",
    "Andrés",
    "Ángel",
    "Antonio",
    "Begoña",
    "Carlos",
    "Carmen",
    "Cristina",
    "Daniel",
    "David",
    "Elena",
    "Emilio",
    "Enrique",
    "Esther",
    "Eva",
    "Fernando",
    "Francisco",
    "Gloria",
    "Gonzalo",
    "Ignacio",
    "Inés",
    "Iñaki",
    "Irene",
    "Isabel",
    "Javier",
    "Jesús",
    "Jordi",
    "Jorge",
    "José",
    "Juan",
    "Julia",
    "Laura",
    "Lucía",
    "Luis",
    "Manuel",
    "Marta",
    "María",
    "Mercedes",
    "Miguel",
    "Montserrat",
    "Nerea",
    "Nuria",
    "Pablo",
    "Paloma",
    "Patricia",
    "Pedro",
    "Pilar",
    "Rafael",
    "Ramón",
    "Raquel",
    "Ricardo",
    "Rocío",
    "Rosa",
    "Santiago",
    "Sergio",
    "Silvia",
    "Sofía",
    "Teresa",
    "Vicente",
    "Xavier",
    "Yolanda",
    "Ainhoa",
    "Aitor",
    "Amaia",
    "Borja",
    "Marc",
    "Montse",
    "Núria",
    "Oriol",
    "Pau",
    "Roser",
]
ES_LAST = [
    "García",
    "Fernández",
    "González",
    "Rodríguez",
    "López",
    "Martínez",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Martín",
    "Jiménez",
    "Ruiz",
    "Hernández",
    "Díaz",
    "Moreno",
    "Muñoz",
    "Álvarez",
    "Romero",
    "Alonso",
    "Gutiérrez",
    "Navarro",
    "Torres",
    "Domínguez",
    "Vázquez",
    "Ramos",
    "Gil",
    "Ramírez",
    "Serrano",
    "Blanco",
    "Molina",
    "Morales",
    "Suárez",
    "Ortega",
    "Delgado",
    "Castro",
    "Ortiz",
    "Rubio",
    "Marín",
    "Sanz",
    "Núñez",
    "Iglesias",
    "Medina",
    "Garrido",
    "Cortés",
    "Castillo",
    "Santos",
    "Lozano",
    "Guerrero",
    "Cano",
    "Prieto",
    "Méndez",
    "Cruz",
    "Calvo",
    "Gallego",
    "Vidal",
    "León",
    "Márquez",
    "Herrera",
    "Peña",
    "Flores",
    "Cabrera",
    "Campos",
    "Vega",
    "Fuentes",
    "Carrasco",
    "Diez",
    "Caballero",
    "Reyes",
    "Nieto",
    "Aguilar",
    "Pascual",
    "Santana",
    "Herrero",
    "Lorenzo",
    "Montero",
    "Hidalgo",
    "Giménez",
    "Ibáñez",
    "Ferrer",
    "Durán",
    "Santiago",
    "Benítez",
    "Mora",
    "Vicente",
    "Arias",
    "Vargas",
    "Carmona",
    "Crespo",
    "Román",
    "Pastor",
    "Soto",
    "Sáez",
    "Velasco",
    "Moya",
    "Soler",
    "Parra",
    "Esteban",
    "Bravo",
    "Gallardo",
    "Rojas",
    "Puig",
    "Goikoetxea",
    "Etxeberria",
    "Arrieta",
    "Vilaró",
    "Casals",
    "Bosch",
]
EN_FIRST = [
    "Adam",
    "Alice",
    "Amelia",
    "Andrew",
    "Anna",
    "Ben",
    "Charlotte",
    "Chloe",
    "Chris",
    "Claire",
    "Daniel",
    "David",
    "Emily",
    "Emma",
    "George",
    "Grace",
    "Hannah",
    "Harry",
    "Helen",
    "Isabel",
    "Jack",
    "James",
    "Jane",
    "Jessica",
    "John",
    "Kate",
    "Laura",
    "Liam",
    "Lucy",
    "Mark",
    "Matthew",
    "Michael",
    "Naomi",
    "Oliver",
    "Olivia",
    "Paul",
    "Peter",
    "Rachel",
    "Richard",
    "Robert",
    "Ruth",
    "Sam",
    "Sarah",
    "Simon",
    "Sophie",
    "Thomas",
    "Tom",
    "Victoria",
    "William",
    "Aoife",
    "Niamh",
    "Sean",
    "Ciaran",
    "Priya",
    "Raj",
    "Aisha",
    "Omar",
]
EN_LAST = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Patel",
    "Khan",
    "Lewis",
    "James",
    "Phillips",
    "Mason",
    "Mitchell",
    "Rose",
    "Davis",
    "Rodgers",
    "Baker",
    "Cooper",
    "Hill",
    "Ward",
    "Morris",
    "Turner",
    "King",
    "Harris",
    "Clark",
    "Allen",
    "Scott",
    "Young",
    "Moore",
    "Edwards",
    "Hughes",
    "Bell",
    "Murphy",
    "Kelly",
    "Byrne",
    "Walsh",
    "O'Brien",
    "Ryan",
    "Campbell",
    "Stewart",
    "Anderson",
    "Murray",
    "Fraser",
    "Reid",
    "Graham",
    "Hamilton",
    "Gray",
    "Kennedy",
    "Harrison",
    "Palmer",
    "Barker",
]

ES_CITIES = (
    ("Madrid", "28", "Madrid"),
    ("Barcelona", "08", "Barcelona"),
    ("Valencia", "46", "Valencia"),
    ("Sevilla", "41", "Sevilla"),
    ("Zaragoza", "50", "Zaragoza"),
    ("Málaga", "29", "Málaga"),
    ("Murcia", "30", "Murcia"),
    ("Bilbao", "48", "Bizkaia"),
    ("Vitoria-Gasteiz", "01", "Álava"),
    ("Valladolid", "47", "Valladolid"),
    ("Vigo", "36", "Pontevedra"),
    ("Gijón", "33", "Asturias"),
    ("A Coruña", "15", "A Coruña"),
    ("Alicante", "03", "Alicante"),
    ("Pamplona", "31", "Navarra"),
    ("Santander", "39", "Cantabria"),
    ("Burgos", "09", "Burgos"),
    ("Castellón", "12", "Castellón"),
    ("Tarragona", "43", "Tarragona"),
    ("Girona", "17", "Girona"),
    ("Córdoba", "14", "Córdoba"),
    ("Granada", "18", "Granada"),
    ("Huelva", "21", "Huelva"),
    ("Logroño", "26", "La Rioja"),
    ("León", "24", "León"),
    ("Albacete", "02", "Albacete"),
    ("Badajoz", "06", "Badajoz"),
    ("Lleida", "25", "Lleida"),
    ("Sabadell", "08", "Barcelona"),
    ("Getafe", "28", "Madrid"),
)
EN_CITIES = (
    ("Manchester", "M"),
    ("Birmingham", "B"),
    ("Leeds", "LS"),
    ("Sheffield", "S"),
    ("Bristol", "BS"),
    ("Liverpool", "L"),
    ("Glasgow", "G"),
    ("Edinburgh", "EH"),
    ("Cardiff", "CF"),
    ("Newcastle", "NE"),
    ("Nottingham", "NG"),
    ("Leicester", "LE"),
    ("Coventry", "CV"),
    ("Rochdale", "OL"),
    ("Derby", "DE"),
    ("Southampton", "SO"),
    ("Reading", "RG"),
    ("Belfast", "BT"),
    ("Dublin", "D"),
    ("Cork", "T12"),
)
ES_STREETS = (
    "Calle de la Industria",
    "Avenida de Europa",
    "Calle del Hierro",
    "Calle Lermandabide",
    "Avenida de los Artesanos",
    "Calle de la Fragua",
    "Camino Real",
    "Calle del Cobre",
    "Avenida de la Constitución",
    "Calle Gran Vía",
    "Calle de los Torneros",
    "Ronda Sur",
)
ES_ESTATES = (
    "Polígono Industrial Júndiz",
    "Polígono Industrial Las Arenas",
    "Polígono Industrial El Sequero",
    "Polígono Industrial San Isidro",
    "Parque Empresarial La Marina",
    "Polígono Industrial Los Llanos",
    "Parque Tecnológico",
    "Polígono Industrial Malpica",
    "Zona Franca",
)
EN_ESTATES = (
    "Kingsway Business Park",
    "Trafford Park",
    "Meridian Business Park",
    "Riverside Industrial Estate",
    "Castle Mound Way",
    "Lakeside Industrial Estate",
    "Harbour Road Industrial Park",
    "Pioneer Park",
)

# industry key: (weight, Spanish company words, English company words)
INDUSTRIES: dict[str, tuple[float, tuple[str, ...], tuple[str, ...]]] = {
    "automotive": (
        1.2,
        ("Automoción", "Componentes", "Recambios", "Carrocerías", "Estampaciones"),
        ("Automotive", "Motor Components", "Vehicle Systems"),
    ),
    "chemicals": (
        0.8,
        ("Química", "Pinturas", "Plásticos", "Resinas", "Detergentes"),
        ("Chemicals", "Coatings", "Polymers"),
    ),
    "energy": (
        0.6,
        ("Energía", "Renovables", "Eólica", "Solar"),
        ("Energy", "Renewables", "Power"),
    ),
    "food & beverage": (
        1.4,
        ("Conservas", "Alimentación", "Lácteos", "Bodegas", "Cárnicas", "Panificadora"),
        ("Foods", "Dairies", "Brewing", "Bakeries"),
    ),
    "logistics": (
        0.9,
        ("Transportes", "Logística", "Distribuciones"),
        ("Logistics", "Freight", "Haulage"),
    ),
    "machinery": (
        1.3,
        ("Maquinaria", "Talleres", "Mecanizados", "Construcciones Mecánicas"),
        ("Engineering", "Machine Tools", "Precision"),
    ),
    "metals": (
        1.0,
        ("Aceros", "Fundiciones", "Metalúrgica", "Forjas", "Tubos"),
        ("Steel", "Castings", "Metals", "Forgings"),
    ),
    "packaging": (
        0.8,
        ("Envases", "Embalajes", "Cartonajes"),
        ("Packaging", "Cartons", "Containers"),
    ),
    "pharma": (
        0.5,
        ("Farmacéutica", "Laboratorios"),
        ("Pharma", "Laboratories", "Life Sciences"),
    ),
    "retail": (
        0.6,
        ("Supermercados", "Almacenes", "Hipermercados"),
        ("Retail", "Stores", "Wholesale"),
    ),
    "paper": (0.4, ("Papelera", "Celulosas"), ("Paper", "Paper Mills")),
    "water": (0.3, ("Aguas", "Depuradoras"), ("Water", "Water Services")),
}
ES_FORMS = ("S.A.", "S.L.", "S.A.", "S.L.", "S.Coop.")
EN_FORMS = ("Ltd", "Ltd", "plc", "Group Ltd", "Limited")
ES_PREFIXES = ("Grupo", "Industrias", "Hermanos", "")
ES_PLACE_WORDS = ("del Norte", "del Sur", "de Levante", "Cantábrica", "Ibérica", "Mediterránea")
EN_PLACE_WORDS = ("Northern", "Midland", "Western", "Pennine", "Atlantic", "Thames", "Northwind")

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

ES_PRODUCTS = (
    "rodamientos de rodillos cónicos",
    "rodamientos de bolas",
    "correas trapezoidales",
    "cadenas de transmisión",
    "cilindros neumáticos",
    "electroválvulas",
    "grasa de alta temperatura",
    "reductores",
    "acoplamientos elásticos",
    "sensores inductivos",
    "juntas tóricas",
    "filtros hidráulicos",
    "guantes anticorte",
    "motorreductores",
    "variadores de frecuencia",
    "soportes de pie",
    "retenes",
    "bombas de engranajes",
    "husillos de bolas",
    "poleas dentadas",
)
EN_PRODUCTS = (
    "tapered roller bearings",
    "ball bearings",
    "V-belts",
    "drive chains",
    "pneumatic cylinders",
    "solenoid valves",
    "high-temperature grease",
    "gearboxes",
    "flexible couplings",
    "inductive sensors",
    "O-rings",
    "hydraulic filters",
    "cut-resistant gloves",
    "geared motors",
    "frequency inverters",
    "pillow blocks",
    "oil seals",
    "gear pumps",
    "ball screws",
    "timing pulleys",
)
COMPETITORS = (
    "Rodisa",
    "Suministros Norte",
    "TransMec",
    "Bearings Direct",
    "IndusParts",
    "Motion Plus",
    "Hidrotec",
    "Brammer",
)
CERTS = ("IATF 16949", "ISO 9001", "ISO 14001", "BRC", "IFS Food", "GMP")
ES_MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

SUMMARIES = {
    ("es", "operational"): (
        "Piden actualización de la tarifa de {cat}",
        "Consulta sobre el plazo de entrega de {prod}",
        "Incidencia con el albarán del pedido {doc}",
        "Piden duplicado de factura y certificado de material",
        "Confirmación del pedido programado de {prod}",
        "Cambio de dirección de entrega para la planta de {city}",
        "Reclamación por rotura de stock de {prod}",
        "Solicitan ficha técnica de {prod}",
        "Revisión de precios por subida de materias primas",
        "Ajuste de la frecuencia de entregas semanales",
    ),
    ("es", "strategic"): (
        "Revisión del plan anual {year} con dirección",
        "Presentación de la línea de {cat}",
        "Propuesta de contrato marco de {cat}",
        "Visita a planta: proyecto de ampliación de la línea {n}",
        "Plan de reducción de paradas con mantenimiento predictivo",
        "Estrategia de compras {year}: homologación de proveedores",
        "Piloto de {cat} en la línea {n}",
    ),
    ("es", "satisfaction"): (
        "Revisión trimestral de satisfacción",
        "Encuesta de servicio {year}: resultados y acciones",
        "Revisión de indicadores de servicio (OTIF) con compras",
        "Reunión de seguimiento tras la reclamación de {prod}",
    ),
    ("en", "operational"): (
        "Asked for the updated {cat} price list",
        "Lead time query on {prod}",
        "Delivery note issue on order {doc}",
        "Duplicate invoice and material certificate requested",
        "Scheduled order of {prod} confirmed",
        "New delivery address for the {city} site",
        "Stock-out complaint on {prod}",
        "Datasheet requested for {prod}",
        "Price review after raw material increases",
        "Weekly delivery frequency adjusted",
    ),
    ("en", "strategic"): (
        "Annual plan {year} review with the board",
        "Presented our {cat} range",
        "Framework agreement proposal for {cat}",
        "Site visit: line {n} expansion project",
        "Downtime reduction plan with predictive maintenance",
        "Purchasing strategy {year}: supplier approval",
        "{cat} pilot on line {n}",
    ),
    ("en", "satisfaction"): (
        "Quarterly satisfaction review",
        "Service survey {year}: results and actions",
        "Service KPIs (OTIF) review with purchasing",
        "Follow-up meeting after the {prod} complaint",
    ),
}
NOTES = {
    "es": (
        "- Piden {qty} unidades de {prod} para la planta de {city}",
        "- Interés en una prueba de {cat} en la línea {n}",
        "- El nuevo responsable de compras es {person}",
        "- Retrasos en las entregas de {prod}; proponemos stock de seguridad de {n} semanas",
        "- Revisar la tarifa {year} de {cat} antes del {day} de {month}",
        "- Preparar oferta de contrato marco de {cat}",
        "- Auditoría {cert} prevista en {month}",
        "- Comparan precios con {comp}; nos piden un {qty} % de descuento",
        "- Parada de planta prevista en {month}: adelantar pedidos",
        "- Formación para el turno de noche sobre montaje de {prod}",
        "- Quieren facturas solo por correo electrónico",
        "- {person} valora mucho la respuesta del servicio técnico",
        "- Rotura de {prod} en la línea {n}; análisis de causa pendiente",
        "- Proyecto de automatización con presupuesto de {qty} mil euros",
        "- Cambio de ERP en {month}: pedidos por EDI a partir de entonces",
    ),
    "en": (
        "- They need {qty} units of {prod} for the {city} plant",
        "- Interest in a {cat} trial on line {n}",
        "- New purchasing lead is {person}",
        "- Late deliveries of {prod}; we offered {n} weeks of safety stock",
        "- Review the {year} {cat} price list before {day} {month}",
        "- Prepare a framework agreement offer for {cat}",
        "- {cert} audit planned for {month}",
        "- Comparing prices with {comp}; asking for {qty} % off",
        "- Plant shutdown planned in {month}: bring orders forward",
        "- Night shift training on fitting {prod}",
        "- Invoices by e-mail only from now on",
        "- {person} is very happy with our technical service",
        "- {prod} failure on line {n}; root cause analysis pending",
        "- Automation project with a budget of {qty}k EUR",
        "- ERP change in {month}: orders by EDI from then on",
    ),
}
NEXT_STEPS = {
    "es": (
        "Enviar oferta de {cat}",
        "Llamar a {person}",
        "Visita técnica a la línea {n}",
        "Enviar ficha técnica de {prod}",
        "Preparar revisión trimestral",
    ),
    "en": (
        "Send the {cat} offer",
        "Call {person}",
        "Technical visit to line {n}",
        "Send the {prod} datasheet",
        "Prepare the quarterly review",
    ),
}
COMPLAINT_TITLES = {
    "es": (
        "Entrega parcial de {prod}",
        "Retraso en el pedido {doc}",
        "Rotura prematura de {prod}",
        "Factura con precio erróneo",
        "Albarán sin número de pedido",
        "Material dañado en el transporte",
    ),
    "en": (
        "Partial delivery of {prod}",
        "Order {doc} delivered late",
        "Early failure of {prod}",
        "Invoice with the wrong price",
        "Delivery note without PO number",
        "Goods damaged in transit",
    ),
}
RESOLUTIONS = {
    "es": (
        "Entrega urgente desde el almacén central",
        "Sustitución en garantía",
        "Abono emitido",
        "Campo de pedido obligatorio en el ERP",
        "Stock de seguridad acordado",
    ),
    "en": (
        "Urgent delivery from the central warehouse",
        "Replaced under warranty",
        "Credit note issued",
        "PO field made mandatory in our ERP",
        "Safety stock agreed",
    ),
}
FACTS = {
    "es": (
        ("habit", "Cierre de planta las tres primeras semanas de agosto"),
        ("need", "Homologación anual de proveedores en enero; exige certificado {cert}"),
        ("habit", "Pedidos programados por EDI los lunes antes de las 9:00"),
        ("preference", "Facturas solo por correo electrónico a administración"),
        ("other", "El año fiscal termina en marzo"),
        ("preference", "Prefieren entregas por la mañana, muelle 2"),
        ("need", "Necesitan stock de seguridad de {prod}"),
        ("habit", "Pagan a 60 días, los días 10 y 25"),
        ("preference", "No llamar después de las 19:00"),
        ("other", "Trabajan con {comp} en {cat}"),
    ),
    "en": (
        ("habit", "Plant closed the last week of December"),
        ("need", "Annual supplier approval in January; {cert} certificate required"),
        ("habit", "Scheduled EDI orders on Mondays before 9am"),
        ("preference", "Invoices by e-mail to accounts payable only"),
        ("other", "Fiscal year ends in March"),
        ("preference", "Deliveries in the morning, dock 2"),
        ("need", "They need safety stock of {prod}"),
        ("habit", "Pay at 60 days, on the 10th and 25th"),
        ("preference", "Do not call after 7pm"),
        ("other", "They buy {cat} from {comp}"),
    ),
}
GOAL_TITLES = {
    ("es", "wallet_share"): "Subir la cuota en {cat}",
    ("es", "cross_sell"): "Vender {cat}: piloto en la línea {n}",
    ("es", "broaden_map"): "Ampliar el mapa: contacto con planta y calidad",
    ("es", "new_method"): "Revisiones trimestrales (QBR) con dirección",
    ("es", "new_channel"): "Pedidos por el portal online",
    ("es", "satisfaction"): "Recuperar la satisfacción tras las incidencias",
    ("en", "wallet_share"): "Grow our share in {cat}",
    ("en", "cross_sell"): "Sell {cat}: pilot on line {n}",
    ("en", "broaden_map"): "Broaden the map: reach production and quality",
    ("en", "new_method"): "Quarterly business reviews with the board",
    ("en", "new_channel"): "Orders through the online portal",
    ("en", "satisfaction"): "Win back satisfaction after the incidents",
}
GOAL_ACTIONS = {
    "es": (
        "Pedir presentación con el director de planta",
        "Visita técnica a la línea {n}",
        "Presentar resultados de la prueba",
        "Proponer contrato de mantenimiento preventivo",
    ),
    "en": (
        "Ask for an introduction to the plant manager",
        "Technical visit to line {n}",
        "Present the trial results",
        "Propose a preventive maintenance contract",
    ),
}

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


def _cum(pairs: tuple[tuple[str, float], ...]) -> tuple[list[str], list[float]]:
    keys = [k for k, _ in pairs]
    acc, out = 0.0, []
    for _, w in pairs:
        acc += w
        out.append(acc)
    return keys, out


_CHANNELS = {k: _cum(v) for k, v in CHANNELS.items()}
_KINDS = {k: _cum(v) for k, v in KINDS.items()}
_THEIR_FUNCTIONS = _cum(THEIR_FUNCTIONS)
_ROLES = _cum(ROLES)
_STANCES = _cum(STANCES)
_INDUSTRIES = _cum(tuple((k, v[0]) for k, v in INDUSTRIES.items()))
_CATEGORY_NAMES = list(CATEGORIES)


# --- per-account story -----------------------------------------------------------------


@dataclass(slots=True)
class Acc:
    id: int
    lang: str
    tier: str
    weight: float
    owner: str
    domain: str
    city: str
    industry: str
    trend: float  # -0.7..0.7: orders falling or growing over the history
    contact_trend: float
    quiet_days: int  # days since the last interaction
    lapsed_orders: int  # days since the last order (0: buying normally)
    op_only_after: float  # fraction of history after which talk is operational only (2 = never)
    deep_share: float
    mood_mean: float
    mood_drift: float
    complaint_rate: float
    size: float
    categories: list[str] = field(default_factory=list)
    cat_cum: list[float] = field(default_factory=list)
    ours: list[int] = field(default_factory=list)
    theirs: list[int] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)
    links: list[tuple[int, int]] = field(default_factory=list)
    link_cum: list[float] = field(default_factory=list)


def allocate(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split `total` in proportion to `weights` (each at least `minimum`),
    exactly, deterministically (largest remainders first)."""
    n = len(weights)
    rest = total - minimum * n
    if rest < 0:
        raise LargeDemoError(f"cannot give {n} accounts at least {minimum} of {total}")
    s = sum(weights)
    raw = [rest * w / s for w in weights]
    floor = [int(r) for r in raw]
    left = rest - sum(floor)
    order = sorted(range(n), key=lambda i: (floor[i] - raw[i], i))
    for i in order[:left]:
        floor[i] += 1
    return [minimum + f for f in floor]


def _trend_x(u: float, t: float) -> float:
    """Inverse CDF of the density 1 + t(2x - 1) on [0, 1]: t > 0 crowds the
    draws towards the end (growing), t < 0 towards the start (falling)."""
    if abs(t) < 1e-6:
        return u
    return (-(1 - t) + math.sqrt((1 - t) ** 2 + 4 * t * u)) / (2 * t)


def _weekday(d: int) -> int:
    """An ordinal day moved off the weekend (Saturday to Friday, Sunday to Monday)."""
    wd = (d - 1) % 7  # date.fromordinal(1) is a Monday
    if wd == 5:
        return d - 1
    if wd == 6:
        return d + 1
    return d


class _Text:
    """Fills the text templates with plausible details."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.r = rng
        self.years = (today.year - 2, today.year - 1, today.year, today.year + 1)

    def fill(self, template: str, acc: Acc, doc_seq: int = 0) -> str:
        r = self.r
        es = acc.lang == "es"
        if "{" not in template:
            return template
        return template.format(
            cat=r.choice(acc.categories or _CATEGORY_NAMES),
            prod=r.choice(ES_PRODUCTS if es else EN_PRODUCTS),
            doc=f"{'PV' if es else 'PO'}-{r.randrange(10000, 99999)}",
            city=acc.city,
            year=r.choice(self.years),
            n=r.randint(1, 6),
            qty=r.choice((5, 10, 12, 20, 24, 40, 50, 100, 150, 200)),
            person=acc.names[r.choice(acc.theirs)] if acc.theirs else "",
            cert=r.choice(CERTS),
            comp=r.choice(COMPETITORS),
            month=r.choice(ES_MONTHS if es else EN_MONTHS),
            day=r.randint(1, 28),
        )


# --- the build -------------------------------------------------------------------------


class _Reporter:
    """A progress line on stderr (redrawn in place on a terminal)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.done = 0
        self.started = time.monotonic()
        self.last = 0.0
        self.tty = bool(stream is not None and stream.isatty())
        self.stage = ""

    def step(self, stage: str, *, force: bool = True) -> None:
        self.stage = stage
        self._show(force=force)

    def rows(self, n: int) -> None:
        self.done += n
        self._show()

    def _show(self, force: bool = False) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if not force and now - self.last < (0.2 if self.tty else 10.0):
            return
        self.last = now
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        text = (
            f"building: {self.stage:<28} {self.done:>11,} rows  {elapsed:6.1f} s  "
            f"{rate:>9,.0f} rows/s"
        )
        self.stream.write(("\r\x1b[2K" + text) if self.tty else (text + "\n"))
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None and self.tty:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


@dataclass
class BuildResult:
    path: Path
    counts: dict[str, int]
    seconds: float  # the whole build
    rows: int  # rows written by the bulk load
    load_seconds: float  # the bulk load, its indexes included
    phases: dict[str, float] = field(default_factory=dict)  # later phases, seconds

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.load_seconds if self.load_seconds else 0.0

    def __str__(self) -> str:
        main = ", ".join(f"{v:,} {k}" for k, v in self.counts.items())
        later = "".join(f", {k} {v:.1f} s" for k, v in self.phases.items())
        return (
            f"large portfolio built: {main}. Bulk load: {self.rows:,} rows in "
            f"{self.load_seconds:.1f} s ({self.rows_per_second:,.0f} rows/s) with indexes"
            f"{later}; {self.seconds:.1f} s in all"
        )


TABLES = (
    "accounts",
    "people",
    "links",
    "interactions",
    "interaction_participants",
    "next_steps",
    "complaints",
    "facts",
    "transactions",
    "wallet_estimates",
    "goals",
    "goal_actions",
    "health_snapshots",
    "search_index",
)


def build(
    path: Path | str,
    *,
    today: date,
    seed: int = 1,
    size: Size = LARGE,
    progress: Any = sys.stderr,
    history_weeks: int = 0,
) -> BuildResult:
    """Build the portfolio into a new file at `path` (which must not exist).

    The file is written next to `path` under a temporary name and renamed
    when complete, so an interrupted build never leaves a half-filled
    database behind."""
    path = Path(path).expanduser()
    if path.exists():
        raise LargeDemoError(f"{path} already exists; the large demo is built into a new file")
    part = path.with_name(path.name + ".part")
    for leftover in (part, Path(str(part) + "-wal"), Path(str(part) + "-shm")):
        if leftover.exists():
            leftover.unlink()
    started = time.monotonic()
    store = open_store(part)
    try:
        rep = _Reporter(progress)
        conn = store.conn
        deferred = bulk.begin_build(conn)
        conn.execute("BEGIN")
        gen = _Generator(today=today, seed=seed, size=size)
        gen.write(conn, rep)
        rep.step("indexes")
        bulk.end_build(conn, deferred, step=lambda s: rep.step(s, force=False))
        conn.execute("COMMIT")
        load_seconds = time.monotonic() - started
        loaded_rows = rep.done
        phases: dict[str, float] = {}
        mark = time.monotonic()
        rep.step("full-text index")
        from kamtui.storage import search as search_sql

        search_sql.rebuild(store)
        bulk.optimize_search(conn)
        phases["full-text index"] = time.monotonic() - mark
        if history_weeks:
            mark = time.monotonic()
            rep.step(f"health history ({history_weeks} weeks)")
            from kamtui.services import health

            health.backfill(store, today=today, weeks=history_weeks)
            phases[f"{history_weeks} weeks of health snapshots"] = time.monotonic() - mark
        counts = bulk.table_counts(conn, TABLES)
        bulk.set_meta(
            conn,
            META_KEY,
            json.dumps(
                {"seed": seed, "today": today.isoformat(), "size": size.__dict__},
                sort_keys=True,
            ),
        )
        bulk.finish(conn)
        rep.close()
    except BaseException:
        store.close()
        for leftover in (part, Path(str(part) + "-wal"), Path(str(part) + "-shm")):
            if leftover.exists():
                leftover.unlink()
        raise
    store.close()
    os.replace(part, path)
    seconds = time.monotonic() - started
    shown = {
        k: counts[k]
        for k in ("accounts", "people", "interactions", "transactions", "links", "complaints")
    }
    shown.update(
        {
            "participants": counts["interaction_participants"],
            "next steps": counts["next_steps"],
            "facts": counts["facts"],
            "wallet estimates": counts["wallet_estimates"],
            "goals": counts["goals"],
            "indexed for search": counts["search_index"],
        }
    )
    return BuildResult(
        path=path,
        counts=shown,
        seconds=seconds,
        rows=loaded_rows,
        load_seconds=load_seconds,
        phases=phases,
    )


class _Generator:
    def __init__(self, *, today: date, seed: int, size: Size) -> None:
        self.today = today
        self.seed = seed
        self.size = size
        self.start = today - timedelta(days=HISTORY_DAYS)
        self.stamp = f"{today.isoformat()}T08:00:00"
        self.accs: list[Acc] = []

    def rng(self, section: str) -> random.Random:
        return random.Random(f"kamtui-large-{self.seed}-{section}")

    def write(self, conn: Any, rep: _Reporter) -> None:
        rep.step("accounts")
        bulk.insert(conn, "accounts", ACCOUNT_COLUMNS, self.accounts(), progress=rep.rows)
        rep.step("people")
        bulk.insert(conn, "people", PEOPLE_COLUMNS, self.people(), progress=rep.rows)
        rep.step("links")
        bulk.insert(conn, "links", LINK_COLUMNS, self.links(), progress=rep.rows)
        rep.step("interactions")
        complaints: list[tuple[Any, ...]] = []
        for table, columns, rows in self.interactions(complaints):
            bulk.insert(conn, table, columns, rows, progress=rep.rows)
        rep.step("complaints")
        bulk.insert(conn, "complaints", COMPLAINT_COLUMNS, complaints, progress=rep.rows)
        rep.step("facts")
        bulk.insert(conn, "facts", FACT_COLUMNS, self.facts(), progress=rep.rows)
        rep.step("transactions")
        revenue: dict[tuple[int, str], float] = {}
        bulk.insert(conn, "transactions", TX_COLUMNS, self.transactions(revenue), progress=rep.rows)
        rep.step("wallet estimates")
        bulk.insert(
            conn, "wallet_estimates", WALLET_COLUMNS, self.wallet(revenue), progress=rep.rows
        )
        rep.step("goals")
        goals, actions = self.goals(revenue)
        bulk.insert(conn, "goals", GOAL_COLUMNS, goals, progress=rep.rows)
        bulk.insert(conn, "goal_actions", ACTION_COLUMNS, actions, progress=rep.rows)

    # accounts ----------------------------------------------------------------------------
    def accounts(self) -> Iterator[tuple[Any, ...]]:
        r = self.rng("accounts")
        n = self.size.accounts
        n_kams = max(4, n // 70)
        kams = []
        for i in range(n_kams):
            es = i % 10 not in (2, 5, 8)
            first = r.choice(ES_FIRST if es else EN_FIRST)
            last = r.choice(ES_LAST if es else EN_LAST)
            kams.append((("es" if es else "en"), f"{first} {last}"))
        es_kams = [k for lang, k in kams if lang == "es"]
        en_kams = [k for lang, k in kams if lang == "en"]
        seen: set[str] = set()
        industries, cum = _INDUSTRIES
        for i in range(1, n + 1):
            es = r.random() < 0.7
            lang = "es" if es else "en"
            industry = r.choices(industries, cum_weights=cum)[0]
            words = INDUSTRIES[industry][1 if es else 2]
            for attempt in range(50):
                name = self._company_name(r, es, words)
                if attempt > 5:
                    name = f"{name} {r.choice(ES_CITIES if es else EN_CITIES)[0]}"
                key = fold(name)
                if key not in seen:
                    break
            seen.add(key)
            u = r.random()
            tier = "A" if u < 0.1 else ("B" if u < 0.4 else "C")
            lo, hi = TIER_CADENCE[tier]
            weight = TIER_WEIGHT[tier] * math.exp(r.gauss(0, 0.45))
            if es:
                city, cp, province = r.choice(ES_CITIES)
                address = (
                    f"{r.choice(ES_ESTATES)}, {r.choice(ES_STREETS)} {r.randint(1, 120)}, "
                    f"{cp}{r.randint(1, 999):03d} {city} ({province})"
                )
                phone = f"+34 9{r.randint(10, 88)} {r.randint(100, 999)} {r.randint(100, 999)}"
                number = f"ES-{i:05d}"
                tax = f"{r.choice('AB')}{r.randint(10_000_000, 99_999_999)}"
                tld = ".es"
                owner = r.choice(es_kams)
            else:
                city, pc = r.choice(EN_CITIES)
                address = (
                    f"Unit {r.randint(1, 40)}, {r.choice(EN_ESTATES)}, {city} "
                    f"{pc}{r.randint(1, 28)} {r.randint(1, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                    f"{r.choice('ABDEFGHJLNPQRSTUWXYZ')}, United Kingdom"
                )
                phone = f"+44 {r.randint(113, 191)} {r.randint(100, 999)} {r.randint(1000, 9999)}"
                number = f"UK-{i:05d}"
                tax = f"GB{r.randint(100_000_000, 999_999_999)}"
                tld = ".co.uk"
                owner = r.choice(en_kams)
            slug = "".join(c for c in key.split(" s.")[0].split(" ltd")[0] if c.isalnum())[:24]
            domain = slug + tld
            email = f"{'compras' if es else 'procurement'}@{domain}"
            n_cats = max(1, min(len(CATEGORIES), round(r.triangular(1, 9, 3 + (tier == "A") * 3))))
            cats = r.choices(
                _CATEGORY_NAMES, weights=[CATEGORIES[c][0] for c in _CATEGORY_NAMES], k=n_cats * 2
            )
            categories = list(dict.fromkeys(cats))[:n_cats]
            cat_w = [CATEGORIES[c][0] * r.uniform(0.3, 1.7) for c in categories]
            acc = Acc(
                id=i,
                lang=lang,
                tier=tier,
                weight=weight,
                owner=owner,
                domain=domain,
                city=city,
                industry=industry,
                trend=max(-0.9, min(0.9, r.gauss(0.05, 0.35))),
                contact_trend=max(-0.9, min(0.9, r.gauss(0.0, 0.3))),
                quiet_days=(
                    r.randint(60, 400)
                    if r.random() < 0.12
                    else int(r.expovariate(1 / max(1.0, (lo + hi) / 4)))
                ),
                lapsed_orders=r.randint(45, 300) if r.random() < 0.08 else 0,
                op_only_after=r.uniform(0.3, 0.85) if r.random() < 0.15 else 2.0,
                deep_share=r.uniform(0.12, 0.5),
                mood_mean=r.uniform(2.6, 4.6),
                mood_drift=r.gauss(0, 0.8),
                complaint_rate=r.uniform(0.01, 0.09),
                size={"A": 3.0, "B": 1.4, "C": 0.7}[tier] * math.exp(r.gauss(0, 0.3)),
                categories=categories,
            )
            acc.cat_cum = list(_cumsum(cat_w))
            self.accs.append(acc)
            status = "active" if r.random() > 0.03 else "dormant"
            deleted = f"{self.today.isoformat()}T07:00:00" if r.random() < 0.002 else None
            yield (
                i,
                name,
                key,
                number,
                tax,
                domain,
                industry,
                tier,
                owner,
                phone,
                email,
                address,
                r.choice((lo, hi)),
                status,
                None,
                self.stamp,
                self.stamp,
                deleted,
            )

    @staticmethod
    def _company_name(r: random.Random, es: bool, words: tuple[str, ...]) -> str:
        style = r.random()
        word = r.choice(words)
        if es:
            last = r.choice(ES_LAST)
            if style < 0.4:
                return f"{word} {last} {r.choice(ES_FORMS)}"
            if style < 0.6:
                pre = r.choice(ES_PREFIXES)
                return f"{pre + ' ' if pre else ''}{last} {r.choice(ES_LAST)} {r.choice(ES_FORMS)}"
            if style < 0.8:
                return f"{word} {r.choice(ES_PLACE_WORDS)} {r.choice(ES_FORMS)}"
            return f"{last} y {r.choice(ES_LAST)} {word} {r.choice(ES_FORMS)}"
        last = r.choice(EN_LAST)
        if style < 0.45:
            return f"{last} {word} {r.choice(EN_FORMS)}"
        if style < 0.75:
            return f"{r.choice(EN_PLACE_WORDS)} {word} {r.choice(EN_FORMS)}"
        return f"{last} & {r.choice(EN_LAST)} {r.choice(EN_FORMS)}"

    # people and links --------------------------------------------------------------------
    def people(self) -> Iterator[tuple[Any, ...]]:
        r = self.rng("people")
        counts = allocate(self.size.people, [a.weight for a in self.accs], minimum=3)
        pid = 0
        fkeys, fcum = _THEIR_FUNCTIONS
        rkeys, rcum = _ROLES
        skeys, scum = _STANCES
        verified_base = self.today.toordinal()
        for acc, n in zip(self.accs, counts, strict=True):
            es = acc.lang == "es"
            n_ours = max(1, min(6, round(n * r.uniform(0.08, 0.25))))
            used: set[str] = set()
            for k in range(n):
                ours = k < n_ours
                if ours and k == 0:
                    name, function, title = acc.owner, "sales", "Key Account Manager"
                else:
                    while True:
                        name = (
                            f"{r.choice(ES_FIRST)} {r.choice(ES_LAST)}"
                            if es
                            else f"{r.choice(EN_FIRST)} {r.choice(EN_LAST)}"
                        )
                        if name not in used:
                            break
                    if ours:
                        function = r.choice(OUR_FUNCTIONS)
                        title = r.choice(TITLES["ours_" + function][0 if es else 1])
                    else:
                        function = r.choices(fkeys, cum_weights=fcum)[0]
                        title = r.choice(TITLES[function][0 if es else 1])
                used.add(name)
                pid += 1
                (acc.ours if ours else acc.theirs).append(pid)
                acc.names[pid] = name
                if ours:
                    role = stance = None
                    email = _email(name, "rodamex.es" if es else "rodamex.co.uk")
                else:
                    role = (
                        "decision_maker" if k == n_ours else r.choices(rkeys, cum_weights=rcum)[0]
                    )
                    stance = r.choices(skeys, cum_weights=scum)[0]
                    email = _email(name, acc.domain)
                phone = (
                    f"+34 6{r.randint(10, 99)} {r.randint(100, 999)} {r.randint(100, 999)}"
                    if es
                    else f"+44 7{r.randint(100, 999)} {r.randint(100000, 999999)}"
                )
                verified = (
                    date.fromordinal(verified_base - r.randint(0, 700)).isoformat()
                    if r.random() < 0.7
                    else None
                )
                privacy = (
                    ("No llamar después de las 19:00" if es else "No calls after 7pm")
                    if r.random() < 0.02
                    else None
                )
                yield (
                    pid,
                    acc.id,
                    "ours" if ours else "theirs",
                    name,
                    fold(name),
                    title,
                    function,
                    role,
                    stance,
                    email,
                    phone,
                    privacy,
                    verified,
                    1 if r.random() < 0.01 else 0,
                    self.stamp,
                    self.stamp,
                    None,
                )

    def links(self) -> Iterator[tuple[Any, ...]]:
        r = self.rng("links")
        lid = 0
        for acc in self.accs:
            u = r.random()
            kam = acc.ours[0]
            pairs: list[tuple[int, int]] = []
            if u < 0.2 or len(acc.theirs) < 3:  # bow-tie: one of ours, one of theirs
                pairs.append((kam, acc.theirs[0]))
            else:
                diamond = u > 0.62
                n_links = min(
                    len(acc.ours) * len(acc.theirs),
                    r.randint(5, 12) if diamond else r.randint(2, 4),
                )
                pairs.append((kam, acc.theirs[0]))
                theirs = acc.theirs[1:]
                tries = 0
                while len(pairs) < n_links and tries < 100:
                    tries += 1
                    our = kam if (not diamond or r.random() < 0.4) else r.choice(acc.ours)
                    pair = (our, r.choice(theirs))
                    if pair not in pairs:
                        pairs.append(pair)
            acc.links = pairs
            acc.link_cum = list(_cumsum([1.0 / (k + 1) ** 0.8 for k in range(len(pairs))]))
            for our, their in pairs:
                lid += 1
                yield (lid, acc.id, our, their, r.choice((2, 3, 3, 4, 4, 5)), self.stamp, None)

    # interactions ------------------------------------------------------------------------
    def interactions(
        self, complaints: list[tuple[Any, ...]]
    ) -> Iterator[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        r = self.rng("interactions")
        txt = _Text(r, self.today)
        counts = allocate(self.size.interactions, [a.weight for a in self.accs], minimum=1)
        n_acc = len(self.accs)
        start = self.start.toordinal()
        today = self.today.toordinal()
        keys: list[int] = []
        for idx, (acc, n) in enumerate(zip(self.accs, counts, strict=True)):
            end = today - acc.quiet_days
            if end - start < 30:
                end = start + 30
            span = end - start
            # Normal accounts talk strategy about every couple of months.
            acc.deep_share = max(acc.deep_share, min(0.9, 2.2 / max(n * 90 / span, 1e-9)))
            for _ in range(n):
                x = _trend_x(r.random(), acc.contact_trend)
                d = min(end, _weekday(start + int(x * span)))
                minute = r.randrange(8 * 4, 19 * 4) * 15
                keys.append((d * 1440 + minute) * n_acc + idx)
        keys.sort()
        step_id = 0
        batch: list[tuple[Any, ...]] = []
        parts: list[tuple[int, int]] = []
        steps: list[tuple[Any, ...]] = []
        today_iso = self.today.isoformat()
        for iid, key in enumerate(keys, 1):
            t, idx = divmod(key, n_acc)
            d, minute = divmod(t, 1440)
            acc = self.accs[idx]
            day = date.fromordinal(d)
            when = f"{day.isoformat()}T{minute // 60:02d}:{minute % 60:02d}"
            x = (d - start) / HISTORY_DAYS
            deep_p = acc.deep_share if x < acc.op_only_after else 0.01
            if r.random() < deep_p:
                level = "strategic" if r.random() < 0.6 else "satisfaction"
            else:
                level = "operational"
            complaint = level == "operational" and r.random() < acc.complaint_rate
            if complaint:
                kind = "complaint"
                channel = r.choice(("phone", "email", "phone", "in_person"))
            else:
                ck, cc = _CHANNELS[level]
                channel = r.choices(ck, cum_weights=cc)[0]
                kk, kc = _KINDS[level]
                kind = r.choices(kk, cum_weights=kc)[0]
            lang = acc.lang
            summary = txt.fill(r.choice(SUMMARIES[(lang, level)]), acc)
            pool = NOTES[lang]
            notes = "\n".join(
                txt.fill(r.choice(pool), acc) for _ in range(r.choice((1, 1, 2, 2, 3)))
            )
            mood = None
            if level != "operational" or r.random() < 0.35:
                m = acc.mood_mean + acc.mood_drift * (x - 0.5) - (0.8 if complaint else 0.0)
                mood = max(1, min(5, round(r.gauss(m, 0.7))))
            batch.append(
                (iid, acc.id, when, channel, level, kind, summary, notes, mood, when, None)
            )
            # participants: a linked pair (the busiest first), sometimes more people
            our, their = acc.links[r.choices(range(len(acc.links)), cum_weights=acc.link_cum)[0]]
            people = {our, their}
            if r.random() < 0.3 and len(acc.theirs) > 1:
                people.add(r.choice(acc.theirs))
            if level != "operational" and r.random() < 0.4 and len(acc.ours) > 1:
                people.add(r.choice(acc.ours))
            parts.extend((iid, p) for p in sorted(people))
            if r.random() < 0.15:
                step_id += 1
                due = day + timedelta(days=r.randint(3, 30))
                done = (
                    f"{min(due + timedelta(days=r.randint(-2, 5)), self.today).isoformat()}T17:00:00"
                    if due.isoformat() < today_iso and r.random() < 0.9
                    else None
                )
                steps.append(
                    (
                        step_id,
                        acc.id,
                        iid,
                        txt.fill(r.choice(NEXT_STEPS[lang]), acc),
                        due.isoformat(),
                        done,
                        when,
                    )
                )
            if complaint:
                complaints.append(self._complaint(r, txt, acc, iid, day, len(complaints) + 1))
            if len(batch) >= bulk.BATCH:
                yield "interactions", INTERACTION_COLUMNS, batch
                yield "interaction_participants", PARTICIPANT_COLUMNS, parts
                yield "next_steps", STEP_COLUMNS, steps
                batch, parts, steps = [], [], []
        yield "interactions", INTERACTION_COLUMNS, batch
        yield "interaction_participants", PARTICIPANT_COLUMNS, parts
        yield "next_steps", STEP_COLUMNS, steps

    def _complaint(
        self, r: random.Random, txt: _Text, acc: Acc, iid: int, day: date, cid: int
    ) -> tuple[Any, ...]:
        age = (self.today - day).days
        if age < 45:
            status = r.choices(("open", "in_progress", "resolved"), (5, 3, 2))[0]
        else:
            status = "resolved" if r.random() < 0.97 else r.choice(("open", "in_progress"))
        in_progress = resolved = resolution = None
        if status != "open":
            in_progress = min(day + timedelta(days=r.randint(0, 3)), self.today).isoformat()
        if status == "resolved":
            resolved = min(
                day + timedelta(days=1 + int(r.expovariate(1 / 8))), self.today
            ).isoformat()
            resolution = r.choice(RESOLUTIONS[acc.lang])
        severity = r.choices(("low", "medium", "high", "critical"), (4, 5, 2, 0.4))[0]
        title = txt.fill(r.choice(COMPLAINT_TITLES[acc.lang]), acc)
        return (
            cid,
            acc.id,
            iid,
            title,
            None,
            severity,
            status,
            day.isoformat(),
            in_progress,
            resolved,
            resolution,
            self.stamp,
            None,
        )

    # facts --------------------------------------------------------------------------------
    def facts(self) -> Iterator[tuple[Any, ...]]:
        r = self.rng("facts")
        txt = _Text(r, self.today)
        counts = allocate(self.size.accounts * 5, [a.weight for a in self.accs])
        fid = 0
        for acc, n in zip(self.accs, counts, strict=True):
            for _ in range(n):
                fid += 1
                kind, template = r.choice(FACTS[acc.lang])
                person = r.choice(acc.theirs) if acc.theirs and r.random() < 0.3 else None
                yield (fid, acc.id, person, None, kind, txt.fill(template, acc), self.stamp, None)

    # transactions -------------------------------------------------------------------------
    def transactions(self, revenue: dict[tuple[int, str], float]) -> Iterator[tuple[Any, ...]]:
        r = self.rng("transactions")
        counts = allocate(self.size.transactions, [a.weight for a in self.accs], minimum=1)
        n_acc = len(self.accs)
        start = self.start.toordinal()
        today = self.today.toordinal()
        year_ago = today - 365
        keys: list[int] = []
        top = max(SEASON)
        for idx, (acc, n) in enumerate(zip(self.accs, counts, strict=True)):
            end = today - acc.lapsed_orders
            span = end - start
            for _ in range(n):
                while True:
                    x = _trend_x(r.random(), acc.trend)
                    d = _weekday(start + int(x * span))
                    month = date.fromordinal(d).month
                    if r.random() * top < SEASON[month - 1]:
                        break
                keys.append(min(d, today) * n_acc + idx)
        keys.sort()
        seq: dict[int, int] = {}
        for tid, key in enumerate(keys, 1):
            d, idx = divmod(key, n_acc)
            acc = self.accs[idx]
            day = date.fromordinal(d)
            n = seq.get(day.year, 0) + 1
            seq[day.year] = n
            cat = r.choices(acc.categories, cum_weights=acc.cat_cum)[0]
            amount = round(CATEGORIES[cat][1] * acc.size * math.exp(r.gauss(-0.1, 0.55)), 2)
            margin = round(r.uniform(0.12, 0.42), 2) if r.random() < 0.6 else None
            if d > year_ago:
                k = (acc.id, cat)
                revenue[k] = revenue.get(k, 0.0) + amount
            yield (tid, acc.id, day.isoformat(), amount, cat, f"FV-{day.year}-{n:07d}", margin)

    def wallet(self, revenue: dict[tuple[int, str], float]) -> Iterator[tuple[Any, ...]]:
        r = self.rng("wallet")
        wid = 0
        year = self.today.year
        for acc in self.accs:
            cats = list(acc.categories)
            others = [c for c in _CATEGORY_NAMES if c not in cats]
            cats += r.sample(others, min(len(others), r.randint(0, 3)))
            for cat in cats:
                ours = revenue.get((acc.id, cat), 0.0)
                if ours > 0:
                    amount = ours / r.uniform(0.12, 0.8)
                else:
                    amount = CATEGORIES[cat][1] * acc.size * r.uniform(8, 40)
                amount = round(amount, -2)
                for y, factor in ((year - 1, r.uniform(0.88, 1.04)), (year, 1.0)):
                    wid += 1
                    yield (wid, acc.id, cat, y, round(amount * factor, -2))

    def goals(
        self, revenue: dict[tuple[int, str], float]
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        r = self.rng("goals")
        txt = _Text(r, self.today)
        goals: list[tuple[Any, ...]] = []
        actions: list[tuple[Any, ...]] = []
        types = (
            "wallet_share",
            "cross_sell",
            "broaden_map",
            "new_method",
            "new_channel",
            "satisfaction",
        )
        for acc in self.accs:
            if r.random() > 0.35:
                continue
            for gtype in r.sample(types, r.choice((1, 1, 2))):
                cat = None
                if gtype == "wallet_share":
                    cat = r.choice(acc.categories)
                    baseline = round(r.uniform(0.1, 0.4), 2)
                    target = round(baseline + r.uniform(0.05, 0.2), 2)
                elif gtype == "cross_sell":
                    missing = [c for c in _CATEGORY_NAMES if c not in acc.categories]
                    cat = r.choice(missing or _CATEGORY_NAMES)
                    baseline = round(revenue.get((acc.id, cat), 0.0), 2)
                    target = float(r.choice((10000, 20000, 40000, 60000, 80000)))
                elif gtype == "broaden_map":
                    baseline = float(min(len(acc.theirs), len(acc.links)))
                    target = baseline + r.choice((1, 2, 3))
                elif gtype == "satisfaction":
                    baseline = round(r.uniform(2.5, 3.5), 1)
                    target = round(baseline + r.uniform(0.4, 1.0), 1)
                else:
                    baseline, target = 0.0, float(r.choice((1, 2, 4)))
                start = self.today - timedelta(days=r.randint(20, 400))
                due = start + timedelta(days=r.randint(120, 420))
                status = "active"
                if due < self.today:
                    status = r.choice(("done", "dropped", "active"))
                done_at = f"{due.isoformat()}T12:00:00" if status == "done" else None
                gid = len(goals) + 1
                title = txt.fill(GOAL_TITLES[(acc.lang, gtype)].replace("{cat}", cat or ""), acc)
                goals.append(
                    (
                        gid,
                        acc.id,
                        gtype,
                        cat,
                        title,
                        baseline,
                        target,
                        None,
                        start.isoformat(),
                        due.isoformat(),
                        status,
                        self.stamp,
                        done_at,
                        None,
                    )
                )
                for _ in range(r.choice((0, 1, 2, 3))):
                    adue = start + timedelta(days=r.randint(10, 200))
                    adone = (
                        f"{adue.isoformat()}T12:00:00"
                        if adue < self.today and r.random() < 0.7
                        else None
                    )
                    actions.append(
                        (
                            len(actions) + 1,
                            gid,
                            txt.fill(r.choice(GOAL_ACTIONS[acc.lang]), acc),
                            adue.isoformat(),
                            adone,
                            self.stamp,
                        )
                    )
        return goals, actions


def _cumsum(values: list[float]) -> Iterator[float]:
    acc = 0.0
    for v in values:
        acc += v
        yield acc


def _email(name: str, domain: str) -> str:
    parts = fold(name).replace("'", "").split()
    return f"{parts[0]}.{parts[-1]}@{domain}"


ACCOUNT_COLUMNS = (
    "id",
    "name",
    "name_key",
    "account_number",
    "tax_id",
    "domain",
    "industry",
    "tier",
    "owner",
    "phone",
    "email",
    "address",
    "cadence_days",
    "status",
    "notes",
    "created_at",
    "updated_at",
    "deleted_at",
)
PEOPLE_COLUMNS = (
    "id",
    "account_id",
    "side",
    "name",
    "name_key",
    "title",
    "function",
    "decision_role",
    "stance",
    "email",
    "phone",
    "privacy_note",
    "verified_at",
    "leaving",
    "created_at",
    "updated_at",
    "deleted_at",
)
LINK_COLUMNS = (
    "id",
    "account_id",
    "our_person_id",
    "their_person_id",
    "strength",
    "created_at",
    "deleted_at",
)
INTERACTION_COLUMNS = (
    "id",
    "account_id",
    "occurred_at",
    "channel",
    "level",
    "kind",
    "summary",
    "notes",
    "mood",
    "created_at",
    "deleted_at",
)
PARTICIPANT_COLUMNS = ("interaction_id", "person_id")
STEP_COLUMNS = ("id", "account_id", "interaction_id", "text", "due_date", "done_at", "created_at")
COMPLAINT_COLUMNS = (
    "id",
    "account_id",
    "interaction_id",
    "title",
    "description",
    "severity",
    "status",
    "opened_at",
    "in_progress_at",
    "resolved_at",
    "resolution",
    "created_at",
    "deleted_at",
)
FACT_COLUMNS = (
    "id",
    "account_id",
    "person_id",
    "interaction_id",
    "kind",
    "text",
    "created_at",
    "deleted_at",
)
TX_COLUMNS = ("id", "account_id", "date", "amount", "category", "document", "margin")
WALLET_COLUMNS = ("id", "account_id", "category", "year", "amount")
GOAL_COLUMNS = (
    "id",
    "account_id",
    "type",
    "category",
    "title",
    "baseline",
    "target",
    "current",
    "start_date",
    "due_date",
    "status",
    "created_at",
    "done_at",
    "deleted_at",
)
ACTION_COLUMNS = ("id", "goal_id", "text", "due_date", "done_at", "created_at")


def default_path(cli_value: str | None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    from kamtui.paths import data_dir

    return data_dir() / "demo-large.db"


def describe(path: Path) -> dict[str, Any] | None:
    """The build parameters stored in a large demo file, or None."""
    value = bulk.read_meta(path, META_KEY)
    return json.loads(value) if value else None
