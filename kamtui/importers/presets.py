"""Column presets for other CRMs' exports (`--preset salesforce|hubspot` on
`import accounts` and `import people`): their column names -> kamtui fields,
as data. Columns a preset does not know are ignored (and listed), an explicit
--map still wins. Some fields are joined from several columns (First Name +
Last Name -> name; the billing address lines -> address); the CRM's record id
is kept as an account identifier in the CRM's business unit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kamtui.textsafe import fold

# Pseudo-fields a preset maps columns to; `join` turns them into real fields.
CRM_ID = "crm_id"


@dataclass(frozen=True)
class Preset:
    name: str
    business_unit: str  # where the CRM's record id is kept (account_identifiers)
    accounts: dict[str, str]  # export column -> field or pseudo-field
    people: dict[str, str]
    # field -> (the pseudo-fields joined, in order; separator)
    joins: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)

    def pseudo_fields(self) -> set[str]:
        parts = {p for names, _sep in self.joins.values() for p in names}
        return parts | {CRM_ID}

    def mapping(
        self, kind: str, header: list[str], user: dict[str, str | None] | None
    ) -> tuple[dict[str, str | None], list[str]]:
        """The --map for a file's `header` (the user's own --map first) and the
        columns ignored."""
        known = {
            fold(k): v for k, v in (self.accounts if kind == "accounts" else self.people).items()
        }
        user = user or {}
        given = {fold(k) for k in user}
        out: dict[str, str | None] = dict(user)
        ignored: list[str] = []
        for column in header:
            if fold(column) in given:
                continue
            target = known.get(fold(column))
            out[column] = target
            if target is None and column:
                ignored.append(column)
        return out, ignored

    def join(self, values: dict[str, str]) -> dict[str, str]:
        """`values` with the pseudo-fields joined into their field (a real
        column of that field, when filled, wins)."""
        out = dict(values)
        for target, (parts, sep) in self.joins.items():
            pieces = [out.pop(p, "").strip() for p in parts]
            joined = sep.join(p for p in pieces if p)
            if joined and not out.get(target, "").strip():
                out[target] = joined
        return out


def website_domain(value: str) -> str:
    """ "https://www.acme.es/contacto" -> "acme.es" (a plain domain stays)."""
    text = value.strip()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text, flags=re.IGNORECASE)
    text = text.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    text = text.rsplit("@", 1)[-1].split(":", 1)[0]
    if text.lower().startswith("www."):
        text = text[4:]
    return text.lower()


_ADDRESS = ("street", "city", "postal_code", "state", "country")

SALESFORCE = Preset(
    name="salesforce",
    business_unit="Salesforce",
    accounts={
        "Account Name": "name",
        "Account Number": "account_number",
        "Account ID": CRM_ID,
        "Website": "domain",
        "Account Owner": "owner",
        "Phone": "phone",
        "Industry": "industry",
        "Description": "notes",
        "Billing Street": "street",
        "Billing City": "city",
        "Billing Zip/Postal Code": "postal_code",
        "Billing State/Province": "state",
        "Billing Country": "country",
    },
    people={
        "Account Name": "account",
        "First Name": "first_name",
        "Last Name": "last_name",
        "Title": "title",
        "Department": "function",
        "Email": "email",
        "Phone": "phone",
    },
    joins={
        "name": (("first_name", "last_name"), " "),
        "address": (_ADDRESS, ", "),
    },
)

HUBSPOT = Preset(
    name="hubspot",
    business_unit="HubSpot",
    accounts={
        "Company name": "name",
        "Company Domain Name": "domain",
        "Website URL": "website",
        "Record ID": CRM_ID,
        "Phone Number": "phone",
        "Industry": "industry",
        "Company owner": "owner",
        "Street Address": "street",
        "City": "city",
        "Postal Code": "postal_code",
        "State/Region": "state",
        "Country/Region": "country",
        "Description": "notes",
    },
    people={
        "Associated Company": "account",
        "Company Name": "account",
        "First Name": "first_name",
        "Last Name": "last_name",
        "Job Title": "title",
        "Email": "email",
        "Phone Number": "phone",
        "Department": "function",
    },
    joins={
        "name": (("first_name", "last_name"), " "),
        "address": (_ADDRESS, ", "),
        "domain": (("website",), ""),
    },
)

PRESETS: dict[str, Preset] = {p.name: p for p in (SALESFORCE, HUBSPOT)}
