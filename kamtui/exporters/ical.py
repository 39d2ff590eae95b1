"""Follow-ups as an iCalendar file: one VTODO each, written by icalendar.
Pure: items in, bytes out. Each item's UID is the caller's (stable across
runs), so a calendar that reads the file again updates its to-dos instead of
adding them twice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

import icalendar

from kamtui.textsafe import clean

PRODID = "-//kamtui//follow-ups//EN"


@dataclass(frozen=True)
class Todo:
    uid: str
    summary: str
    account: str
    due: date | None
    description: str = ""
    kind: str = ""  # "Next step", "Goal action"


def calendar(todos: Iterable[Todo], *, stamp: datetime, name: str = "kamtui follow-ups") -> bytes:
    """The iCalendar text of `todos`; `stamp` (UTC) is every item's DTSTAMP.
    Text is data: control and bidi characters are replaced (textsafe.clean),
    icalendar escapes the rest (commas, semicolons, line breaks)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for item in todos:
        todo = icalendar.Todo()
        todo.add("uid", item.uid)
        todo.add("dtstamp", stamp)
        todo.add("summary", clean(item.summary, one_line=True))
        if item.due is not None:
            todo.add("due", item.due)
        lines = [f"{clean(item.kind, one_line=True)}: {clean(item.account, one_line=True)}"]
        if item.description:
            lines.append(clean(item.description))
        todo.add("description", "\n".join(lines))
        todo.add("categories", [clean(item.account, one_line=True)])
        todo.add("status", "NEEDS-ACTION")
        cal.add_component(todo)
    return bytes(cal.to_ical())
