"""The words of the large portfolio: products, summaries, notes, next steps,
complaints, facts and goals as templates per language, and `Text`, which fills
their {placeholders} with plausible details of the account."""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING

from kamtui.demo.large.catalogue import CATEGORY_NAMES

if TYPE_CHECKING:
    from kamtui.demo.large.story import Acc

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
# Added to a complaint's title when the account has one of that title that day.
COMPLAINT_ORDER = {"es": " (pedido {doc})", "en": " (order {doc})"}
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
        ("need", "Piden certificado de material 3.1 con cada entrega de {prod}"),
        ("habit", "Inventario anual en {month}: no admiten entregas esa semana"),
        ("preference", "{person} quiere las ofertas en PDF y por correo electrónico"),
        ("other", "{person} participa en las compras de {cat}"),
        ("other", "Proyecto de ampliación de la línea {n} con {qty} mil euros de presupuesto"),
        ("need", "Consumen unas {qty} unidades de {prod} al mes"),
        ("preference", "Prefieren pedidos mínimos de {qty} unidades de {prod}"),
        ("other", "Presupuesto anual de {cat}: unos {qty} mil euros"),
        ("habit", "Los pedidos urgentes de {prod} los hace el turno de noche"),
        ("need", "Quieren consignar stock de {cat} en la planta de {city}"),
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
        ("need", "3.1 material certificate required with every delivery of {prod}"),
        ("habit", "Annual stock count in {month}: no deliveries that week"),
        ("preference", "{person} wants quotes as PDF by e-mail"),
        ("other", "{person} has a say in buying {cat}"),
        ("other", "Line {n} expansion project with a budget of {qty}k EUR"),
        ("need", "They use about {qty} units of {prod} a month"),
        ("preference", "Minimum orders of {qty} units of {prod} preferred"),
        ("other", "Annual {cat} budget: about {qty}k EUR"),
        ("habit", "Urgent orders of {prod} come from the night shift"),
        ("need", "They want consignment stock of {cat} at the {city} plant"),
    ),
}
# What tells a fact apart from the same words already noted on the account:
# who said it, since when, when it was confirmed (`Text.detail`: a past month).
FACT_DETAILS = {
    "es": (
        ", según {person}",
        " (desde {month} de {year})",
        " (confirmado en la visita de {month} de {year})",
    ),
    "en": (
        ", according to {person}",
        " (since {month} {year})",
        " (confirmed at the {month} {year} visit)",
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


class Text:
    """Fills the text templates with plausible details."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.r = rng
        self.years = (today.year - 2, today.year - 1, today.year, today.year + 1)
        self.month_index = today.year * 12 + today.month - 1

    def detail(self, template: str, acc: Acc) -> str:
        """A FACT_DETAILS template filled: someone of theirs, a month of the
        last three years (never a future one)."""
        r = self.r
        back = self.month_index - r.randrange(36)
        year, month = divmod(back, 12)
        return template.format(
            person=acc.names[r.choice(acc.theirs)] if acc.theirs else "",
            month=(ES_MONTHS if acc.lang == "es" else EN_MONTHS)[month],
            year=year,
        )

    def fill(self, template: str, acc: Acc, doc_seq: int = 0) -> str:
        r = self.r
        es = acc.lang == "es"
        if "{" not in template:
            return template
        return template.format(
            cat=r.choice(acc.categories or CATEGORY_NAMES),
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
