"""Full-text search across accounts, people, interactions, facts and complaints.

Whatever the user types is a query: the text is cut into words here and each
word is passed to FTS5 as a quoted term (a prefix, so "compa" finds
"Compañía"), so quotes, `-`, `*`, `NEAR`, `AND`/`OR` and unbalanced
parentheses are plain words, never syntax. Case and accents are folded by the
index's tokenizer."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field

from kamtui.storage import search as sql
from kamtui.storage.db import Store
from kamtui.textsafe import clean, fold

MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)

KIND_LABELS = {
    "account": "Account",
    "person": "Person",
    "interaction": "Interaction",
    "fact": "Fact",
    "complaint": "Complaint",
}

Spans = list[tuple[str, bool]]
"""Text pieces with a flag: True where the piece matched the query."""


@dataclass(frozen=True)
class SearchHit:
    kind: str
    id: int
    account_id: int
    account: str
    title: str
    snippet: str
    title_spans: Spans = field(default_factory=list, compare=False)
    snippet_spans: Spans = field(default_factory=list, compare=False)

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "id": self.id,
            "account_id": self.account_id,
            "account": self.account,
            "title": self.title,
            "snippet": self.snippet,
        }


def terms(text: str) -> list[str]:
    """The words of a user's query (letters and digits; everything else separates)."""
    normal = unicodedata.normalize("NFC", text or "")
    words = [w for w in _WORD.findall(normal) if w.strip("_")]
    return words[:MAX_TERMS]


def fts_query(text: str) -> str | None:
    """A safe FTS5 query for `text`: every word quoted, all words required,
    words of two or more characters matched as prefixes. None when the text
    has no words."""
    parts = []
    for word in terms(text):
        quoted = '"' + word.replace('"', '""') + '"'
        parts.append(quoted + "*" if len(word) >= 2 else quoted)
    return " ".join(parts) or None


def split_marks(value: str | None) -> Spans:
    """highlight()/snippet() output -> [(text, matched)], control characters cleaned."""
    spans: Spans = []
    if not value:
        return spans
    for i, chunk in enumerate(value.split(sql.HIT_START)):
        if i == 0:
            if chunk:
                spans.append((clean(chunk, one_line=True), False))
            continue
        hit, _, rest = chunk.partition(sql.HIT_END)
        if hit:
            spans.append((clean(hit, one_line=True), True))
        if rest:
            spans.append((clean(rest, one_line=True), False))
    return _squeeze(spans)


def _squeeze(spans: Spans) -> Spans:
    """Collapse the runs of spaces left by empty body fields."""
    out: Spans = []
    for text, hit in spans:
        text = re.sub(r" {2,}", " ", text)
        if out and out[-1][1] == hit:
            out[-1] = (out[-1][0] + text, hit)
        elif text:
            out.append((text, hit))
    if out and not out[0][1]:
        out[0] = (out[0][0].lstrip(), False)
    if out and not out[-1][1]:
        out[-1] = (out[-1][0].rstrip(), False)
    return [s for s in out if s[0]]


def plain(spans: Spans) -> str:
    return "".join(text for text, _ in spans)


def search(store: Store, query: str, limit: int = 50) -> list[SearchHit]:
    """Best matches first. Never raises for any query text."""
    fts = fts_query(query)
    if fts is None:
        return []
    try:
        rows = sql.match(store, fts, limit, name_terms=[fold(t) for t in terms(query)])
    except sqlite3.OperationalError:
        # A defensive net: the query is built from quoted words only, so this
        # should not happen; a search box must never crash the app.
        return []
    hits = []
    for row in rows:
        title_spans = split_marks(row["title"])
        snippet_spans = split_marks(row["snippet"])
        hits.append(
            SearchHit(
                kind=row["kind"],
                id=int(row["ref_id"]),
                account_id=int(row["account_id"]),
                account=clean(row["account"], one_line=True),
                title=plain(title_spans),
                snippet=plain(snippet_spans),
                title_spans=title_spans,
                snippet_spans=snippet_spans,
            )
        )
    return hits


def rebuild(store: Store) -> int:
    return sql.rebuild(store)
