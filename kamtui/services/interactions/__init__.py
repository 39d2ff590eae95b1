"""Logging interactions (TUI and CLI), the account timeline, drafts.

`log_interaction` validates everything before it writes anything: an unknown
vocabulary value, a participant from another account or a bad next-step date
raises ServiceError and nothing is stored.

`log` holds logging (with the people and next steps it takes), `timeline`
the account's interactions, orders and complaints, `drafts` the log form's
unsaved values; this package exports them all."""

from __future__ import annotations

from kamtui.services.interactions.drafts import (
    DraftNotSaved,
    clear_draft,
    clear_draft_file,
    draft_file,
    load_draft,
    load_draft_file,
    save_draft,
    save_draft_file,
)
from kamtui.services.interactions.log import (
    Participant,
    add_person,
    complete_next_step,
    delete,
    log_interaction,
    parse_next_step,
    parse_next_steps,
    parse_person,
    parse_when,
    people,
    resolve_people,
    restore,
)
from kamtui.services.interactions.timeline import (
    ORDERS,
    NextStep,
    Timeline,
    TimelineItem,
    filter_timeline,
    timeline,
)

__all__ = [
    "ORDERS",
    "DraftNotSaved",
    "NextStep",
    "Participant",
    "Timeline",
    "TimelineItem",
    "add_person",
    "clear_draft",
    "clear_draft_file",
    "complete_next_step",
    "delete",
    "draft_file",
    "filter_timeline",
    "load_draft",
    "load_draft_file",
    "log_interaction",
    "parse_next_step",
    "parse_next_steps",
    "parse_person",
    "parse_when",
    "people",
    "resolve_people",
    "restore",
    "save_draft",
    "save_draft_file",
    "timeline",
]
