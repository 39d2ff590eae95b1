"""`kamtui export`: every live record, one file per kind, in the columns the
importers read, plus a README.txt describing them (kamtui.exporters writes
the files; kamtui.storage.export reads the rows, in one read transaction).

Records refer to each other by what a person reads, never by database ids:
an account by its number (else its name), a person by name within the
account (side:name when the name is on both sides), an interaction by its
account, when and summary, a goal by its account, title and start."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamtui.exporters import files
from kamtui.exporters.spec import FILES
from kamtui.services.errors import ServiceError
from kamtui.services.lookup import resolve_account
from kamtui.storage import export as sql
from kamtui.storage.db import Store
from kamtui.textsafe import clean, fold

Row = dict[str, Any]


@dataclass
class ExportReport:
    folder: Path
    counts: dict[str, int] = field(default_factory=dict)
    paths: list[Path] = field(default_factory=list)


def export(
    store: Store,
    folder: Path | str,
    *,
    fmt: str = "csv",
    excel: bool = False,
    account: str | None = None,
) -> ExportReport:
    """Write the export into `folder` (created if needed). Refuses a folder
    holding anything but an earlier export's files, so nothing of the user's
    is overwritten. Raises ServiceError with a message for the user."""
    if fmt not in files.FORMATS:
        raise ServiceError(f"unknown format {fmt!r}; use one of {', '.join(files.FORMATS)}")
    if excel and fmt != "csv":
        raise ServiceError("--excel is for CSV files; leave it out with --format json")
    folder = Path(folder).expanduser()
    _prepare(folder)
    account_id = resolve_account(store, account).id if account else None
    with sql.snapshot(store):
        tables = {kind: sql.dump(store, kind, account_id) for kind in sql.DUMPS}
    rows = _rows(tables)
    report = ExportReport(folder)
    for spec in FILES:
        path, n = files.write_file(folder, spec, rows[spec.kind], fmt=fmt, excel=excel)
        report.counts[spec.kind] = n
        report.paths.append(path)
    label = tables["accounts"][0]["name"] if account_id is not None else None
    text = files.readme(fmt=fmt, excel=excel, account=label, counts=report.counts)
    report.paths.append(files.write_readme(folder, text))
    return report


def export_file_names() -> set[str]:
    """Every file name an export may hold (either format), README.txt included."""
    return {files.README} | {files.file_name(s, f) for s in FILES for f in files.FORMATS}


def _prepare(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ServiceError(f"{folder} is a file, not a folder")
    if folder.is_dir():
        foreign = sorted(p.name for p in folder.iterdir() if p.name not in export_file_names())
        if foreign:
            shown = ", ".join(clean(n, one_line=True) for n in foreign[:5])
            raise ServiceError(
                f"{folder} holds other files ({shown}{' …' if len(foreign) > 5 else ''}); "
                "export into an empty or new folder"
            )
        return
    try:
        folder.mkdir(parents=True, mode=0o700)
    except OSError as exc:
        raise ServiceError(f"{folder} cannot be created ({exc.strerror or exc})") from None


def _rows(t: dict[str, list[Row]]) -> dict[str, list[Row]]:
    """The database rows as the files' rows (see the module's note on references)."""
    ref = {a["id"]: a["account_number"] or a["name"] for a in t["accounts"]}
    names = {a["id"]: a["name"] for a in t["accounts"]}
    numbers = {a["id"]: a["account_number"] for a in t["accounts"]}
    person = {p["id"]: p for p in t["people"]}
    sides: dict[tuple[int, str], set[str]] = defaultdict(set)
    for p in t["people"]:
        sides[(p["account_id"], fold(p["name"]))].add(p["side"])

    def who(person_id: int | None) -> str | None:
        """A person as the importers find them: side:name when ambiguous."""
        p = person.get(person_id) if person_id is not None else None
        if p is None:
            return None
        both = len(sides[(p["account_id"], fold(p["name"]))]) > 1
        return f"{p['side']}:{p['name']}" if both else p["name"]

    interaction = {i["id"]: i for i in t["interactions"]}

    def about(interaction_id: int | None) -> Row:
        i = interaction.get(interaction_id) if interaction_id is not None else None
        if i is None:
            return {"interaction_when": None, "interaction_summary": None}
        return {"interaction_when": i["occurred_at"], "interaction_summary": i["summary"]}

    with_names: dict[int, list[str]] = defaultdict(list)
    for part in t["participants"]:
        label = who(part["person_id"])
        if label is not None:
            with_names[part["interaction_id"]].append(label)

    def participants(interaction_id: int) -> str | None:
        labels = sorted(with_names.get(interaction_id, []), key=fold)
        if not labels:
            return None
        text = "\n".join(labels)
        # One name holding ';' is followed by a line break: the importer then
        # splits on line breaks only.
        return text + "\n" if len(labels) == 1 and ";" in text else text

    goal = {g["id"]: g for g in t["goals"]}
    out: dict[str, list[Row]] = {}
    out["accounts"] = t["accounts"]
    out["identifiers"] = [{**r, "account": ref[r["account_id"]]} for r in t["identifiers"]]
    consent: dict[int, str] = {}  # the latest entry, as the importer reads it back
    for c in t.get("consents", []):
        consent[c["person_id"]] = " ".join(x for x in (c["status"], c["date"], c["channel"]) if x)
    out["people"] = [
        {
            **p,
            "account": ref[p["account_id"]],
            "role": p["decision_role"],
            "leaving": "yes" if p["leaving"] else None,
            "do_not_contact": "yes" if p.get("do_not_contact") else None,
            "consent": consent.get(p["id"]),
        }
        for p in t["people"]
    ]
    out["links"] = [
        {
            "account": ref[r["account_id"]],
            # the column gives the side: the plain name is enough
            "ours": person[r["our_person_id"]]["name"],
            "theirs": person[r["their_person_id"]]["name"],
            "strength": r["strength"],
        }
        for r in t["links"]
    ]
    out["interactions"] = [
        {
            **i,
            "account": ref[i["account_id"]],
            "when": i["occurred_at"],
            "with": participants(i["id"]),
        }
        for i in t["interactions"]
    ]
    out["next_steps"] = [
        {
            **about(s["interaction_id"]),
            "account": ref[s["account_id"]],
            "text": s["text"],
            "due": s["due_date"],
            "done": s["done_at"],
        }
        for s in t["next_steps"]
    ]
    out["complaints"] = [
        {
            **c,
            **about(c["interaction_id"]),
            "account": ref[c["account_id"]],
            "opened": c["opened_at"],
            "in_progress": c["in_progress_at"],
            "resolved": c["resolved_at"],
        }
        for c in t["complaints"]
    ]
    out["facts"] = [
        {
            **f,
            **about(f["interaction_id"]),
            "account": ref[f["account_id"]],
            "person": who(f["person_id"]),
        }
        for f in t["facts"]
    ]
    out["transactions"] = [
        {**r, "account": names[r["account_id"]], "account_number": numbers[r["account_id"]]}
        for r in t["transactions"]
    ]
    out["wallet"] = [
        {**r, "account": names[r["account_id"]], "account_number": numbers[r["account_id"]]}
        for r in t["wallet"]
    ]
    out["goals"] = [
        {
            **g,
            "account": ref[g["account_id"]],
            "start": g["start_date"],
            "due": g["due_date"],
            "done": g["done_at"],
        }
        for g in t["goals"]
    ]
    out["goal_actions"] = [
        {
            "account": ref[goal[a["goal_id"]]["account_id"]],
            "goal": goal[a["goal_id"]]["title"],
            "goal_start": goal[a["goal_id"]]["start_date"],
            "text": a["text"],
            "due": a["due_date"],
            "done": a["done_at"],
        }
        for a in t["goal_actions"]
    ]
    return out
