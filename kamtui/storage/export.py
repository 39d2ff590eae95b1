"""Reading every live record for `kamtui export`: one read transaction, so
the files agree with each other even while the app writes.

Each kind is one SELECT giving the file's columns in order (references
joined in: an account by its number, else its name), read in chunks of
tuples. Measured on the large demo (1M interactions, 2M transactions, 2.4M
participants): sqlite-utils' `rows_where`, one dict per row, took 29 s to
read what these SELECTs read in a few seconds, and the per-cell Python that
followed took minutes; here the cells that need Python (a formula to
escape, a person's label, an interaction's participants) call it from SQL,
the rest stays in C. Only live records of live accounts, in the order they
were made: an import then makes them in the same order, so whatever lists
them by id (a map's single points of failure) reads the same."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from kamtui.storage.db import Store

CHUNK = 5000
REF = "COALESCE(NULLIF(a.account_number, ''), a.name)"
_ABOUT = " LEFT JOIN interactions i ON i.id = t.interaction_id AND i.deleted_at IS NULL"
_LIVE = "t.deleted_at IS NULL AND a.deleted_at IS NULL"

# kind -> (FROM … WHERE … (a is the account), {column: expression}, ORDER BY)
_SELECTS: dict[str, tuple[str, dict[str, str], str]] = {
    "accounts": (
        "accounts a WHERE a.deleted_at IS NULL",
        {
            c: f"a.{c}"
            for c in [
                "name",
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
            ]
        },
        "a.id",
    ),
    "identifiers": (
        "account_identifiers t JOIN accounts a ON a.id = t.account_id WHERE a.deleted_at IS NULL",
        {"account": REF, "business_unit": "t.business_unit", "number": "t.number"},
        "t.id",
    ),
    "people": (
        f"people t JOIN accounts a ON a.id = t.account_id WHERE {_LIVE}",
        {
            "account": REF,
            **{c: f"t.{c}" for c in ("side", "name", "title", "function")},
            "role": "t.decision_role",
            **{c: f"t.{c}" for c in ("stance", "email", "phone", "privacy_note", "verified_at")},
            "leaving": "CASE WHEN t.leaving THEN 'yes' END",
            "lawful_basis": "t.lawful_basis",
            # the latest consent entry, as the importer reads it back
            "consent": "(SELECT trim(c.status || ' ' || coalesce(c.date, '') || ' '"
            " || coalesce(c.channel, '')) FROM consents c WHERE c.person_id = t.id"
            " ORDER BY c.date DESC, c.id DESC LIMIT 1)",
            "do_not_contact": "CASE WHEN t.do_not_contact THEN 'yes' END",
            # the names of people merged into this one, as the importer splits them
            "former_names": "(SELECT group_concat(x.name, '; ') FROM (SELECT name FROM"
            " person_aliases WHERE person_id = t.id ORDER BY id) AS x)",
        },
        "t.id",
    ),
    "links": (
        "links t JOIN accounts a ON a.id = t.account_id"
        " JOIN people o ON o.id = t.our_person_id JOIN people h ON h.id = t.their_person_id"
        f" WHERE {_LIVE} AND o.deleted_at IS NULL AND h.deleted_at IS NULL",
        # the column gives the side: the plain name is enough
        {"account": REF, "ours": "o.name", "theirs": "h.name", "strength": "t.strength"},
        "t.id",
    ),
    "interactions": (
        f"interactions t JOIN accounts a ON a.id = t.account_id WHERE {_LIVE}",
        {
            "account": REF,
            "when": "t.occurred_at",
            "channel": "t.channel",
            "level": "t.level",
            "kind": "t.kind",
            "with": "kamtui_with((SELECT group_concat(x.person_id) FROM interaction_participants x"
            " WHERE x.interaction_id = t.id))",
            "mood": "t.mood",
            "summary": "t.summary",
            "notes": "t.notes",
        },
        "t.id",
    ),
    "next_steps": (
        f"next_steps t JOIN accounts a ON a.id = t.account_id{_ABOUT}"
        " WHERE a.deleted_at IS NULL AND (t.interaction_id IS NULL OR i.id IS NOT NULL)"
        " AND t.deleted_at IS NULL",
        {
            "account": REF,
            "interaction_when": "i.occurred_at",
            "interaction_summary": "i.summary",
            "text": "t.text",
            "due": "t.due_date",
            "done": "t.done_at",
        },
        "t.id",
    ),
    "complaints": (
        f"complaints t JOIN accounts a ON a.id = t.account_id{_ABOUT} WHERE {_LIVE}",
        {
            "account": REF,
            "opened": "t.opened_at",
            "severity": "t.severity",
            "status": "t.status",
            "title": "t.title",
            "description": "t.description",
            "in_progress": "t.in_progress_at",
            "resolved": "t.resolved_at",
            "resolution": "t.resolution",
            "interaction_when": "i.occurred_at",
            "interaction_summary": "i.summary",
        },
        "t.id",
    ),
    "facts": (
        f"facts t JOIN accounts a ON a.id = t.account_id{_ABOUT} WHERE {_LIVE}",
        {
            "account": REF,
            "person": "kamtui_who(t.person_id)",
            "kind": "t.kind",
            "text": "t.text",
            "interaction_when": "i.occurred_at",
            "interaction_summary": "i.summary",
        },
        "t.id",
    ),
    "transactions": (
        "transactions t JOIN accounts a ON a.id = t.account_id WHERE a.deleted_at IS NULL",
        {
            "date": "t.date",
            "account": "a.name",
            "account_number": "a.account_number",
            **{c: f"t.{c}" for c in ("amount", "category", "document", "margin")},
        },
        "t.id",
    ),
    "wallet": (
        "wallet_estimates t JOIN accounts a ON a.id = t.account_id WHERE a.deleted_at IS NULL",
        {
            "account": "a.name",
            "account_number": "a.account_number",
            **{c: f"t.{c}" for c in ("category", "year", "amount")},
        },
        "t.id",
    ),
    "goals": (
        f"goals t JOIN accounts a ON a.id = t.account_id WHERE {_LIVE}",
        {
            "account": REF,
            **{c: f"t.{c}" for c in ("type", "category", "title", "baseline", "target")},
            "current": "t.current",
            "start": "t.start_date",
            "due": "t.due_date",
            "status": "t.status",
            "done": "t.done_at",
        },
        "t.id",
    ),
    "goal_actions": (
        "goal_actions t JOIN goals g ON g.id = t.goal_id JOIN accounts a ON a.id = g.account_id"
        " WHERE g.deleted_at IS NULL AND a.deleted_at IS NULL AND t.deleted_at IS NULL",
        {
            "account": REF,
            "goal": "g.title",
            "goal_start": "g.start_date",
            "text": "t.text",
            "due": "t.due_date",
            "done": "t.done_at",
        },
        "t.id",
    ),
    # Two accounts (x, y), or two people (p, q) of one account (a); a pair
    # naming a record in the trash is left out, like the record.
    "not_duplicates": (
        "not_duplicates t"
        " LEFT JOIN accounts x ON t.kind = 'account' AND x.id = t.a_id"
        " LEFT JOIN accounts y ON t.kind = 'account' AND y.id = t.b_id"
        " LEFT JOIN people p ON t.kind = 'person' AND p.id = t.a_id"
        " LEFT JOIN people q ON t.kind = 'person' AND q.id = t.b_id"
        " LEFT JOIN accounts a ON a.id = p.account_id"
        " WHERE ((x.id IS NOT NULL AND y.id IS NOT NULL"
        " AND x.deleted_at IS NULL AND y.deleted_at IS NULL)"
        " OR (a.id IS NOT NULL AND q.account_id = a.id AND a.deleted_at IS NULL"
        " AND p.deleted_at IS NULL AND q.deleted_at IS NULL))",
        {
            "kind": "t.kind",
            "account": f"CASE WHEN t.kind = 'person' THEN {REF} END",
            **{
                col: f"CASE WHEN t.kind = 'person' THEN kamtui_who(t.{side}_id)"
                f" ELSE kamtui_text(COALESCE(NULLIF({acc}.account_number, ''), {acc}.name)) END"
                for col, side, acc in (("a", "a", "x"), ("b", "b", "y"))
            },
        },
        "t.kind, t.a_id, t.b_id",
    ),
}
KINDS = tuple(_SELECTS)
# The kinds read from a table aliased t, ordered by t.id: they can be read
# in id ranges (a file written in parts).
SPLITTABLE = frozenset(
    kind
    for kind, (source, _exprs, order) in _SELECTS.items()
    if source.split(" ")[1] == "t" and order == "t.id"
)
# The kinds whose cells name people (through kamtui_who and kamtui_with).
NAMING_PEOPLE = frozenset(
    kind
    for kind, (_source, exprs, _order) in _SELECTS.items()
    if any("kamtui_who" in e or "kamtui_with" in e for e in exprs.values())
)
# Whether a text cell may start like a formula (= + - @, a tab, a CR, or the
# apostrophe formula_safe adds), by byte comparison alone: every such first
# character sorts below '0' or in '=' .. '@', while letters, digits and all
# non-ASCII text sort elsewhere, so the common cell costs two comparisons
# and no Python (a substr() IN (...) test cost more than the writing).
# kamtui_escape decides exactly for the few cells that pass.
_MAY_BE_FORMULA = "({x} < '0' OR ({x} >= '=' AND {x} < 'A'))"


@contextmanager
def snapshot(store: Store) -> Iterator[None]:
    """Reads inside see one state of the file (a read transaction): the
    state committed when the block starts (a first read fixes it now)."""
    with store.read() as conn:
        began = not conn.in_transaction
        if began:
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        try:
            yield
        finally:
            if began:
                conn.execute("COMMIT")


def sizes(store: Store) -> dict[str, int]:
    """Rows of each kind's table, trash included: what it costs to read
    (count(*) of a table alone reads its smallest index, milliseconds)."""
    found = {}
    for kind, (source, _columns, _order) in _SELECTS.items():
        table = source.split(" ", 1)[0]
        found[kind] = int(store.query(f"SELECT count(*) FROM {table}")[0][0])
    return found


def id_span(store: Store, kind: str) -> tuple[int, int]:
    """(lowest id, highest id + 1) of a SPLITTABLE kind's table, trash
    included ((0, 0) when empty): its records by id range."""
    table = _SELECTS[kind][0].split(" ", 1)[0]
    low, high = store.query(f"SELECT min(id), max(id) FROM {table}")[0]
    return (0, 0) if low is None else (int(low), int(high) + 1)


def people(store: Store, account_id: int | None) -> list[tuple[int, int, str, str]]:
    """(id, account_id, side, name) of every live person of a live account."""
    sql = (
        "SELECT t.id, t.account_id, t.side, t.name FROM people t"
        f" JOIN accounts a ON a.id = t.account_id WHERE {_LIVE}"
    )
    return store.query(sql + _account(account_id), _params(account_id))  # type: ignore[return-value]


def count(store: Store, kind: str, account_id: int | None) -> int:
    source, _columns, _order = _SELECTS[kind]
    row = store.query(f"SELECT count(*) FROM {source}{_account(account_id)}", _params(account_id))
    return int(row[0][0])


def chunks(
    store: Store,
    kind: str,
    columns: Sequence[tuple[str, bool]],
    *,
    account_id: int | None,
    escape: Callable[[Any], Any] | None,
    number: Callable[[float], Any] | None,
    tiny_numbers_only: bool = False,
    who: Callable[[int | None], str | None],
    with_: Callable[[str | None], str | None],
    ids: tuple[int | None, int | None] | None = None,
) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of `kind` as tuples of `columns` ((name, is a number), the
    file's order), CHUNK at a time. `escape` runs on text cells starting like
    a formula; `number` on real numbers (only those under 1e-4 if
    `tiny_numbers_only`); `who` on a person id; `with_` on an interaction's
    participants' ids, comma separated (these two escape their own results).
    `ids` (low, high): only the records of ids low <= id < high, None for
    no bound (a kind in SPLITTABLE)."""
    source, exprs, order = _SELECTS[kind]
    parts = []
    for name, is_number in columns:
        expr = exprs[name]
        if is_number and number is not None:
            # Plain comparisons first: most amounts fail `< 1e-4` at once, with
            # no function called (a third of the CASE's cost on 2M transactions).
            tiny = (
                f"{expr} < 1e-4 AND {expr} > -1e-4 AND {expr} != 0 AND "
                if tiny_numbers_only
                else ""
            )
            expr = (
                f"CASE WHEN {tiny}typeof({expr}) = 'real' THEN kamtui_number({expr}) "
                f"ELSE {expr} END"
            )
        elif not is_number and escape is not None and "kamtui_" not in expr:
            # (the Python functions escape their own results: a CASE would run them twice)
            test = _MAY_BE_FORMULA.format(x=expr)
            expr = f"CASE WHEN {test} THEN kamtui_escape({expr}) ELSE {expr} END"
        parts.append(expr)
    where, params = _account(account_id), _params(account_id)
    if ids is not None:
        for test, bound in zip(("t.id >= ?", "t.id < ?"), ids, strict=True):
            if bound is not None:
                where, params = f"{where} AND {test}", (*params, bound)
    sql = f"SELECT {', '.join(parts)} FROM {source}{where} ORDER BY {order}"
    with store.read() as conn:
        conn.create_function("kamtui_who", 1, who, deterministic=True)
        conn.create_function("kamtui_with", 1, with_, deterministic=True)
        # text escaped (when escaping) inside an expression that calls kamtui_who
        conn.create_function("kamtui_text", 1, escape or _same, deterministic=True)
        if escape is not None:
            conn.create_function("kamtui_escape", 1, escape, deterministic=True)
        if number is not None:
            conn.create_function("kamtui_number", 1, number, deterministic=True)
        cursor = conn.execute(sql, params)
        while batch := cursor.fetchmany(CHUNK):
            yield batch


def _same(value: Any) -> Any:
    return value


def _account(account_id: int | None) -> str:
    return "" if account_id is None else " AND a.id = ?"


def _params(account_id: int | None) -> tuple[int, ...]:
    return () if account_id is None else (account_id,)
