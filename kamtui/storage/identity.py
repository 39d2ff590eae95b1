"""A stable identity for the database file: a UUID kept in `meta`, made on
first use, so that what kamtui writes for other systems (calendar items,
vCards) keeps its UID from one export to the next."""

from __future__ import annotations

import uuid

from kamtui.storage.db import Store

KEY = "database_uid"


def database_uid(store: Store) -> uuid.UUID:
    """This database's UUID. A store opened read-only that has none yet gets
    one derived from the file's path (stable while the file stays there)."""
    value = store.get_meta(KEY)
    if value is None and store.readonly:
        return uuid.uuid5(uuid.NAMESPACE_URL, store.path.resolve().as_uri())
    if value is None:
        with store.write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)", (KEY, str(uuid.uuid4()))
            )
        value = store.get_meta(KEY)
        assert value is not None
    return uuid.UUID(value)


def record_uid(store: Store, kind: str, record_id: int) -> str:
    """A UUID for one record (`kind` and id) of this database, the same on every run."""
    return str(uuid.uuid5(database_uid(store), f"{kind}:{record_id}"))
