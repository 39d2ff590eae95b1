"""The columns each section yields its rows in (the order of kamtui.storage.schema's
tables), and the tables a finished build is counted and hashed by."""

from __future__ import annotations

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
