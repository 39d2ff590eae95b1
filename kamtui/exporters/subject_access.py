"""A subject-access export (services/privacy.subject_access) as CommonMark:
every piece of user text through `markdown.escape`."""

from __future__ import annotations

from typing import Any

from kamtui.exporters.markdown import escape


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(escape(v) for v in value) or "—"
    return escape(value)


def _lines(text: Any) -> list[str]:
    """Multi-line notes, each line escaped, kept as lines of a list item."""
    return [f"  {escape(line)}" for line in str(text).splitlines() if line.strip()]


def to_markdown(data: dict[str, Any]) -> str:
    person = data["person"]
    out = [
        f"# Data held about {escape(person['name'])}",
        "",
        f"Account: {escape(data['account']['name'])} (#{data['account']['id']}). "
        f"Exported on {escape(data['generated_on'])} by kamtui.",
        "",
        "## Personal details",
        "",
    ]
    out += [f"- {escape(k.replace('_', ' '))}: {_value(v)}" for k, v in person.items()]
    out += ["", "## Consent history", ""]
    if not data["consents"]:
        out.append("No consent recorded.")
    for c in data["consents"]:
        line = f"- {escape(c['date'])}: {escape(c['status'])}"
        if c.get("channel"):
            line += f" ({escape(c['channel'])})"
        if c.get("note"):
            line += f" — {escape(c['note'])}"
        out.append(line)
    out += ["", "## Where the data came from", ""]
    out.append(f"- entered in kamtui on {_value(person.get('created_at'))}")
    for s in data["sources"]:
        where = f" from {escape(s['file'])}" if s.get("file") else ""
        out.append(f"- {escape(s['action'])} by {escape(s['source'])}{where} on {escape(s['at'])}")
    out += ["", "## Interactions they took part in", ""]
    if not data["interactions"]:
        out.append("None.")
    for i in data["interactions"]:
        trashed = " (in the trash)" if i.get("deleted_at") else ""
        out.append(
            f"- {escape(i['occurred_at'])} · {escape(i['kind'])} · {escape(i['channel'])}: "
            f"{escape(i['summary'])}{trashed}"
        )
        if i.get("participants"):
            out.append(f"  with: {escape(i['participants'])}")
        if i.get("notes"):
            out += _lines(i["notes"])
        if i.get("next_steps"):
            out.append(f"  next steps: {escape(i['next_steps'])}")
    out += ["", "## Facts about them", ""]
    if not data["facts"]:
        out.append("None.")
    for f in data["facts"]:
        out.append(f"- {escape(f['kind'])}: {escape(f['text'])}")
    out += ["", "## Complaints raised in their interactions", ""]
    if not data["complaints"]:
        out.append("None.")
    for c in data["complaints"]:
        out.append(
            f"- {escape(c['opened_at'])} · {escape(c['severity'])} · {escape(c['status'])}: "
            f"{escape(c['title'])}"
        )
        if c.get("description"):
            out += _lines(c["description"])
        if c.get("resolution"):
            out.append(f"  resolution: {escape(c['resolution'])}")
    out += ["", "## Contacts with our people (links)", ""]
    if not data["links"]:
        out.append("None.")
    for lk in data["links"]:
        out.append(f"- {escape(lk['other'])}: strength {lk['strength']}/5, {escape(lk['origin'])}")
    return "\n".join(out) + "\n"
