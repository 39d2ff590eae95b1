"""The brief as JSON for scripts: the record's fields as they are, every
string cleaned of control and bidi characters (`json.dumps` escapes only
U+0000–U+001F; DEL, C1 controls and bidi overrides would pass)."""

from __future__ import annotations

import json
from typing import Any

from kamtui.domain.brief import Brief
from kamtui.domain.portfolio_brief import PortfolioBrief
from kamtui.textsafe import clean

VERSION = 1


def cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {cleaned(k): cleaned(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [cleaned(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


def brief_dict(brief: Brief) -> dict[str, Any]:
    data: dict[str, Any] = cleaned(brief.as_dict())
    return {"kind": "kamtui.brief", "version": VERSION, **data}


def brief_json(brief: Brief) -> str:
    return json.dumps(brief_dict(brief), ensure_ascii=False, indent=2) + "\n"


def portfolio_json(brief: PortfolioBrief) -> str:
    data: dict[str, Any] = cleaned(brief.as_dict())
    doc = {"kind": "kamtui.portfolio_brief", "version": VERSION, **data}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
