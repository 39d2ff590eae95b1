"""Controlled vocabularies: the keys stored in the database and the English and
Spanish labels accepted on input (case- and accent-insensitively)."""

from __future__ import annotations

import functools

from kamtui.textsafe import fold


def _probe(text: str) -> str:
    return fold(text).replace("_", " ").replace("-", " ")


class Vocabulary:
    """One field's allowed keys with their English and Spanish labels."""

    def __init__(self, field: str, entries: dict[str, tuple[str, ...]]) -> None:
        self.field = field
        # entries: key -> (English label, Spanish label, extra aliases...)
        self.entries = entries

    @functools.cached_property
    def _lookup(self) -> dict[str, str]:
        """Folded key or label -> key; built on first use (importing the 15
        vocabularies then costs nothing)."""
        lookup: dict[str, str] = {}
        for key, labels in self.entries.items():
            for alias in (key, key.replace("_", " "), key.replace("-", " "), *labels):
                lookup[_probe(alias)] = key
        return lookup

    @property
    def keys(self) -> list[str]:
        return list(self.entries)

    def label(self, key: str | None) -> str:
        if not key:
            return ""
        labels = self.entries.get(key)
        return labels[0] if labels else key

    def normalize(self, value: str) -> str:
        """Return the key for `value`, or raise ValueError listing valid keys."""
        try:
            return self._lookup[_probe(value)]
        except KeyError:
            raise ValueError(
                f"unknown {self.field} {value!r}; valid: {', '.join(self.keys)}"
            ) from None

    def options(self) -> list[tuple[str, str]]:
        """(label, key) pairs, for select widgets."""
        return [(labels[0], key) for key, labels in self.entries.items()]


SIDE = Vocabulary(
    "side",
    {
        "ours": ("Ours", "Nuestro", "nuestra", "us"),
        "theirs": ("Theirs", "Suyo", "cliente", "client"),
    },
)

FUNCTION = Vocabulary(
    "function",
    {
        "executive": ("Executive", "Dirección", "direccion general", "gerencia"),
        "purchasing": ("Purchasing", "Compras"),
        "production": ("Production", "Producción"),
        "operations": ("Operations", "Operaciones"),
        "finance": (
            "Administration/finance",
            "Administración",
            "finanzas",
            "administracion y finanzas",
            "administration",
            "finance",
        ),
        "technical_service": ("Technical service", "Servicio técnico"),
        "quality": ("Quality", "Calidad"),
        "logistics": ("Logistics", "Logística"),
        "sales": ("Sales", "Ventas", "comercial"),
        "marketing": ("Marketing", "Mercadotecnia"),
        "it": ("IT", "Informática", "sistemas", "tecnologia"),
        "other": ("Other", "Otro", "otra"),
    },
)

DECISION_ROLE = Vocabulary(
    "role",
    {
        "decision_maker": ("Decision maker", "Decisor", "toma de decision"),
        "sponsor": ("Sponsor", "Patrocinador"),
        "influencer": ("Influencer", "Influenciador", "influyente", "prescriptor"),
        "user": ("User", "Usuario"),
        "gatekeeper": ("Gatekeeper", "Filtro", "guardian"),
    },
)

STANCE = Vocabulary(
    "stance",
    {
        "champion": ("Champion", "Defensor", "campeon", "aliado"),
        "supporter": ("Supporter", "Partidario", "favorable"),
        "neutral": ("Neutral", "Neutral"),
        "detractor": ("Detractor", "Detractor", "opositor"),
    },
)

CHANNEL = Vocabulary(
    "channel",
    {
        "in_person": ("In person", "En persona", "presencial"),
        "site_visit": ("Site visit", "Visita a planta", "visita"),
        "phone": ("Phone", "Teléfono", "llamada telefonica"),
        "video": ("Video", "Vídeo", "videollamada"),
        "email": ("E-mail", "Correo", "correo electronico", "mail"),
        "event": ("Event", "Evento", "feria"),
        "online": ("Online portal", "Portal online", "online", "portal"),
        "other": ("Other", "Otro", "otra"),
    },
)

LEVEL = Vocabulary(
    "level",
    {
        "operational": ("Operational", "Operativo", "operativa"),
        "strategic": ("Strategic", "Estratégico", "estrategica"),
        "satisfaction": ("Satisfaction review", "Revisión de satisfacción", "satisfaccion"),
    },
)

KIND = Vocabulary(
    "kind",
    {
        "meeting": ("Meeting", "Reunión"),
        "call": ("Call", "Llamada"),
        "complaint": ("Complaint", "Queja", "reclamacion"),
        "suggestion": ("Suggestion", "Sugerencia"),
        "feedback": ("Feedback", "Comentario", "opinion"),
        "praise": ("Praise", "Elogio", "felicitacion"),
        "request": ("Request", "Solicitud", "peticion"),
    },
)

BAND = Vocabulary(
    "band",
    {
        "healthy": ("Healthy", "Sana"),
        "watch": ("Watch", "Vigilar"),
        "at_risk": ("At risk", "En riesgo"),
    },
)

SHAPE = Vocabulary(
    "shape",
    {
        "none": ("None", "Ninguno"),
        "bow-tie": ("Bow-tie", "Pajarita"),
        "developing": ("Developing", "En desarrollo"),
        "diamond": ("Diamond", "Diamante"),
    },
)

SEVERITY = Vocabulary(
    "severity",
    {
        "low": ("Low", "Baja"),
        "medium": ("Medium", "Media"),
        "high": ("High", "Alta"),
        "critical": ("Critical", "Crítica"),
    },
)

COMPLAINT_STATUS = Vocabulary(
    "status",
    {
        "open": ("Open", "Abierta"),
        "in_progress": ("In progress", "En curso"),
        "resolved": ("Resolved", "Resuelta"),
    },
)

FACT_KIND = Vocabulary(
    "kind",
    {
        "need": ("Need", "Necesidad"),
        "preference": ("Preference", "Preferencia"),
        "habit": ("Habit", "Costumbre", "habito"),
        "other": ("Other", "Otro"),
    },
)

GOAL_TYPE = Vocabulary(
    "goal type",
    {
        "wallet_share": ("Wallet share", "Cuota de cartera", "share of wallet"),
        "cross_sell": ("Cross-sell", "Venta cruzada"),
        "broaden_map": ("Broaden the map", "Ampliar el mapa"),
        "new_channel": ("New channel or scenario", "Nuevo canal"),
        "new_method": ("New method", "Nuevo método", "qbr"),
        "satisfaction": ("Satisfaction", "Satisfacción"),
    },
)

GOAL_STATUS = Vocabulary(
    "goal status",
    {
        "active": ("Active", "Activo"),
        "done": ("Done", "Hecho", "cumplido"),
        "dropped": ("Dropped", "Abandonado", "descartado"),
    },
)

ACCOUNT_STATUS = Vocabulary(
    "status",
    {
        "active": ("Active", "Activa"),
        "prospect": ("Prospect", "Potencial"),
        "dormant": ("Dormant", "Inactiva"),
        "lost": ("Lost", "Perdida"),
    },
)

LAWFUL_BASIS = Vocabulary(
    "lawful basis",
    {
        "consent": ("Consent", "Consentimiento"),
        "contract": ("Contract", "Contrato", "ejecucion de contrato", "relacion contractual"),
        "legitimate_interest": ("Legitimate interest", "Interés legítimo", "interes legitimo"),
        "legal_obligation": ("Legal obligation", "Obligación legal", "obligacion legal"),
    },
)

CONSENT_STATUS = Vocabulary(
    "consent",
    {
        "given": ("Given", "Dado", "otorgado", "concedido", "yes", "sí", "si", "y", "s"),
        "withdrawn": ("Withdrawn", "Retirado", "revocado", "denegado", "no", "n"),
    },
)

CONSENT_CHANNEL = Vocabulary(
    "consent channel",
    {
        "email": ("E-mail", "Correo", "correo electronico", "mail"),
        "phone": ("Phone", "Teléfono", "llamada"),
        "in_person": ("In person", "En persona", "presencial", "verbal"),
        "web_form": ("Web form", "Formulario web", "formulario", "web", "form"),
        "paper": ("Signed paper", "Papel firmado", "papel", "firmado", "signed"),
        "contract": ("Contract clause", "Cláusula del contrato", "contrato", "contract"),
        "other": ("Other", "Otro", "otra"),
    },
)
