"""The files of an export, in import order, with their columns.

Each file's columns are the ones its importer (`kamtui import KIND`) reads, so
`kamtui import all DIR` reads an export back unchanged. The descriptions are
written to the export's README.txt."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    number: bool = False  # written as a number (never escaped against formulas)


@dataclass(frozen=True)
class FileSpec:
    kind: str  # the `kamtui import KIND` that reads it
    meaning: str
    columns: tuple[Column, ...]

    @property
    def stem(self) -> str:
        return self.kind

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


ACCOUNT_REF = Column(
    "account",
    "the account: its account number when it has one, else its name (as in accounts)",
)

FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "accounts",
        "the client companies, one row each",
        (
            Column("name", "company name"),
            Column("account_number", "our main account number"),
            Column("tax_id", "CIF/NIF/VAT"),
            Column("domain", "web or e-mail domain"),
            Column("industry", "sector"),
            Column("tier", "tier (A, B, C…)"),
            Column("owner", "the KAM who owns the account"),
            Column("phone", "phone"),
            Column("email", "e-mail"),
            Column("address", "postal address"),
            Column("cadence_days", "expected days between contacts", number=True),
            Column("status", "active, prospect, dormant or lost"),
            Column("notes", "free notes"),
        ),
    ),
    FileSpec(
        "identifiers",
        "the account's numbers in other business units or systems",
        (
            ACCOUNT_REF,
            Column("business_unit", "the unit or system"),
            Column("number", "the account's number there"),
        ),
    ),
    FileSpec(
        "people",
        "both sides of each account's contact map",
        (
            ACCOUNT_REF,
            Column("side", "ours (our company) or theirs (the client)"),
            Column("name", "full name (unique per account and side)"),
            Column("title", "job title"),
            Column(
                "function",
                "executive, purchasing, production, operations, finance, technical_service, "
                "quality, logistics, sales, marketing, it or other",
            ),
            Column("role", "decision role: decision_maker, sponsor, influencer, user, gatekeeper"),
            Column("stance", "champion, supporter, neutral or detractor"),
            Column("email", "e-mail"),
            Column("phone", "phone"),
            Column("privacy_note", "consent / privacy note: what we may and may not do"),
            Column("verified_at", "date the details were last checked (YYYY-MM-DD)"),
            Column("leaving", "yes when the person is known to be leaving"),
            Column(
                "lawful_basis",
                "why we may hold their data: consent, contract, legitimate_interest or "
                "legal_obligation",
            ),
            Column(
                "consent",
                "the latest consent entry: given or withdrawn, its date and channel "
                "(e.g. given 2026-03-01 email)",
            ),
            Column("do_not_contact", "yes when the person must not be contacted"),
            Column(
                "former_names",
                "names of people merged into this one (kamtui merge person), separated by ';'",
            ),
        ),
    ),
    FileSpec(
        "links",
        "who of ours talks to whom of theirs",
        (
            ACCOUNT_REF,
            Column("ours", "our person (name, as in people)"),
            Column("theirs", "their person (name, as in people)"),
            Column("strength", "1 (weak) to 5 (strong)", number=True),
        ),
    ),
    FileSpec(
        "interactions",
        "meetings, calls, visits… one row each",
        (
            ACCOUNT_REF,
            Column("when", "date and time (YYYY-MM-DDTHH:MM)"),
            Column("channel", "in_person, site_visit, phone, video, email, event, online, other"),
            Column("level", "operational, strategic or satisfaction"),
            Column("kind", "meeting, call, complaint, suggestion, feedback, praise or request"),
            Column(
                "with",
                "who took part, both sides: one name per line (or separated by ';'); "
                "a name on both sides of the account is written side:name (ours:Ana)",
            ),
            Column("mood", "the KAM's reading of the mood, 1 to 5", number=True),
            Column("summary", "one line; with account and when it identifies the interaction"),
            Column("notes", "notes (Markdown, may span lines)"),
        ),
    ),
    FileSpec(
        "next_steps",
        "follow-ups agreed in interactions",
        (
            ACCOUNT_REF,
            Column("interaction_when", "when of the interaction it was agreed in"),
            Column("interaction_summary", "summary of that interaction"),
            Column("text", "what to do"),
            Column("due", "due date (YYYY-MM-DD), blank for none"),
            Column("done", "when it was done, blank while open"),
        ),
    ),
    FileSpec(
        "complaints",
        "complaints and their resolution",
        (
            ACCOUNT_REF,
            Column("opened", "date opened (YYYY-MM-DD)"),
            Column("severity", "low, medium, high or critical"),
            Column("status", "open, in_progress or resolved"),
            Column("title", "one line; with account and opened it identifies the complaint"),
            Column("description", "what happened (may span lines)"),
            Column("in_progress", "date work started"),
            Column("resolved", "date resolved"),
            Column("resolution", "what was done (may span lines)"),
            Column("interaction_when", "when of the interaction it was raised in, if any"),
            Column("interaction_summary", "summary of that interaction"),
        ),
    ),
    FileSpec(
        "facts",
        "what the client told us and we must not ask again",
        (
            ACCOUNT_REF,
            Column("person", "who said it (name, as in people), if anyone"),
            Column("kind", "need, preference, habit or other"),
            Column("text", "the fact (may span lines)"),
            Column("interaction_when", "when of the interaction it came up in, if any"),
            Column("interaction_summary", "summary of that interaction"),
        ),
    ),
    FileSpec(
        "transactions",
        "invoices and orders from finance",
        (
            Column("date", "document date (YYYY-MM-DD)"),
            Column("account", "the account's name"),
            Column("account_number", "the account's number (used first when filled)"),
            Column("amount", "net amount", number=True),
            Column("category", "product category"),
            Column("document", "invoice or order number (unique per account)"),
            Column("margin", "margin as a fraction (0.25 = 25 %)", number=True),
        ),
    ),
    FileSpec(
        "wallet",
        "wallet estimates: the client's estimated yearly spend per category, from everybody",
        (
            Column("account", "the account's name"),
            Column("account_number", "the account's number (used first when filled)"),
            Column("category", "product category"),
            Column("year", "year", number=True),
            Column("amount", "estimated spend that year", number=True),
        ),
    ),
    FileSpec(
        "goals",
        "revitalisation goals",
        (
            ACCOUNT_REF,
            Column(
                "type",
                "wallet_share, cross_sell, broaden_map, new_channel, new_method or satisfaction",
            ),
            Column("category", "product category, for wallet_share and cross_sell goals"),
            Column("title", "one line; with account and start it identifies the goal"),
            Column("baseline", "value when created", number=True),
            Column("target", "value to reach", number=True),
            Column("current", "value measured by hand, when the data cannot tell", number=True),
            Column("start", "start date (YYYY-MM-DD)"),
            Column("due", "due date"),
            Column("status", "active, done or dropped"),
            Column("done", "when it was closed (done or dropped)"),
        ),
    ),
    FileSpec(
        "goal_actions",
        "the action items of each goal",
        (
            ACCOUNT_REF,
            Column("goal", "the goal's title"),
            Column("goal_start", "the goal's start date (with its title it names the goal)"),
            Column("text", "what to do"),
            Column("due", "due date"),
            Column("done", "when it was done, blank while open"),
        ),
    ),
    FileSpec(
        "not_duplicates",
        "pairs marked not a duplicate: `kamtui duplicates` and health leave them out",
        (
            Column("kind", "account (two accounts) or person (two people of one account)"),
            Column(
                "account", "for two people: their account (as in accounts); blank for two accounts"
            ),
            Column(
                "a",
                "one of the pair: an account (its number, else its name) or a person "
                "(name, as in people)",
            ),
            Column("b", "the other, written the same way"),
        ),
    ),
)

BY_KIND = {f.kind: f for f in FILES}
