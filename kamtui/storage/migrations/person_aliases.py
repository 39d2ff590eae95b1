"""The names a person answered to before a merge: after "M. Sanz" is merged
into "Marta Sanz", an import, a vCard or `kamtui log --with "M. Sanz"` finds
Marta Sanz (the people's equivalent of an account's 'former name'
identifier)."""

from __future__ import annotations

from kamtui.storage.migrations.audit import spec_of, triggers

# `merged_id` is the person merged away whose name it was (no foreign key:
# that record stays in the trash until purged, its alias stays after); an
# erasure of either person removes the alias. `name_key` is the folded name
# (textsafe.fold), as people.name_key. Audited (AUDITED's `person_aliases`).
PERSON_ALIASES = (
    "person aliases",
    """
CREATE TABLE person_aliases (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    merged_id INTEGER
);
CREATE INDEX person_aliases_key ON person_aliases(name_key, person_id);
CREATE INDEX person_aliases_person ON person_aliases(person_id);
CREATE INDEX person_aliases_merged ON person_aliases(merged_id);
"""
    + triggers(spec_of("person_aliases")),
)
