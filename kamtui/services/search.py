"""Full-text search across accounts, people, interactions, facts and complaints.

Whatever the user types is a query: the text is cut into words here and each
word is passed to FTS5 as a quoted term (also as a prefix, so "compa" finds
"Compañía"), so quotes, `-`, `*`, `NEAR`, `AND`/`OR` and unbalanced
parentheses are plain words, never syntax. Case and accents are folded by the
index's tokenizer. Every word must appear.

Ranking, best first:
1. accounts and people whose name contains every word (shorter names first);
2. items where every word appears as a whole word before items where some
   only begin a word ("plant" before "planta");
3. words in the title (name, summary, fact, complaint title) count four
   times words in the body;
4. accounts, then people, then the newest (most recently added) items first.
Past the names, only the newest WINDOW matching items are ranked (all of
them when fewer match): ranking every match of a word found in half of a
million notes costs a second, reading the newest few costs milliseconds."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field

from kamtui.storage import search as sql
from kamtui.storage.db import Store
from kamtui.textsafe import clean, fold

MAX_TERMS = 12
WINDOW = 250
"""Past the names, matches are ranked among the newest WINDOW matching items
(at least twice the number of results asked for)."""
TITLE_WEIGHT = 4
_WORD = re.compile(r"\w+", re.UNICODE)
_TOKEN = re.compile(r"[^\W_]+")  # what the index's unicode61 tokenizer keeps

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
    date: str | None = None
    """The item's date, ISO as stored: an interaction's, a complaint's opening,
    a fact's interaction's; None for accounts and people."""

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "id": self.id,
            "account_id": self.account_id,
            "account": self.account,
            "date": self.date,
            "title": self.title,
            "snippet": self.snippet,
        }


def terms(text: str) -> list[str]:
    """The words of a user's query (letters and digits; everything else separates)."""
    normal = unicodedata.normalize("NFC", text or "")
    words = [w for w in _WORD.findall(normal) if w.strip("_")]
    return words[:MAX_TERMS]


def fts_query(text: str, *, prefix: bool = True) -> str | None:
    """A safe FTS5 query for `text`: every word quoted, all words required,
    words of two or more characters matched as prefixes (unless `prefix` is
    False: whole words only). None when the text has no words."""
    parts = []
    for word in terms(text):
        quoted = '"' + word.replace('"', '""') + '"'
        parts.append(quoted + "*" if prefix and len(word) >= 2 else quoted)
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


def search(
    store: Store, query: str, limit: int = 50, *, window: int | None = None
) -> list[SearchHit]:
    """Best matches first (see the module's docstring). Never raises for any
    query text. `window`: how many of the newest matches are ranked past the
    names (default: WINDOW, or twice `limit` if more)."""
    loose = fts_query(query)
    whole = fts_query(query, prefix=False)
    if loose is None or whole is None or limit <= 0:
        return []
    ranking = _Ranking([fold(t) for t in terms(query)])
    window = window if window is not None else max(WINDOW, 2 * limit)
    try:
        # Names first: the directory is small, so a prefix query there is cheap.
        # Accounts apart, so a thousand people called Smith never hide Smith Ltd.
        for kind in ("account", None):
            ranking.add(
                sql.newest(
                    store, loose, limit, directory=True, title_only=True, body=True, kind=kind
                ),
                named=True,
            )
        ranking.add(sql.newest(store, loose, limit, directory=True, body=True))
        # Whole words: FTS5 reads a word's matches lazily, newest first.
        ranking.add(sql.newest(store, whole, window), whole=True)
        # Prefixes only when whole words do not fill the page: FTS5 merges
        # every word starting with a prefix (of 4+ letters) before the first row.
        if loose != whole and ranking.whole < limit:
            ranking.add(sql.newest(store, loose, window), whole=False)
    except sqlite3.OperationalError:
        # A defensive net: the query is built from quoted words only, so this
        # should not happen; a search box must never crash the app.
        return []
    best = ranking.best(limit)
    wanted: dict[str, list[int]] = {}
    for row in best:
        wanted.setdefault(row["kind"], []).append(int(row["ref_id"]))
    try:
        when = sql.item_dates(store, wanted)
    except sqlite3.OperationalError:
        when = {}
    hits = []
    for row in best:
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
                date=when.get((row["kind"], int(row["ref_id"]))),
            )
        )
    return hits


_KIND_RANK = {"account": 2, "person": 1}
"""Between equals, accounts, then people, then the newest item."""


def _begins(token: str, word: str) -> bool:
    """Whether a matched token is `word` or, for words of 2+ characters, starts with it."""
    return token.startswith(word) if len(word) >= 2 else token == word


class _Ranking:
    """Rows from several index reads, each kept once (first read wins), with
    the key they are sorted by."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.rows: dict[int, tuple[tuple[bool, bool, int, int, int], sqlite3.Row]] = {}
        self.whole = 0

    def add(
        self, rows: list[sqlite3.Row], *, named: bool = False, whole: bool | None = None
    ) -> None:
        """`whole`: found by a whole-word query (True), a prefix query (False),
        or None to tell from the marked words (needs the highlighted body)."""
        for row in rows:
            rowid = int(row["rowid"])
            if rowid in self.rows:
                continue
            in_title = self._marked(row["title"])
            if whole is None:
                in_body = self._marked(row["body"])
                is_whole = all(w in in_title or w in in_body for w in self.words)
            else:
                is_whole = whole
            if named:
                # Shorter names first: "Rodisa" before "Rodisa Norte".
                weight = -len(_TOKEN.findall(plain(split_marks(row["title"]))))
            else:
                titled = sum(any(_begins(m, w) for m in in_title) for w in self.words)
                weight = TITLE_WEIGHT * titled + len(self.words) - titled
            rank = _KIND_RANK.get(row["kind"], 0)
            self.rows[rowid] = ((named, is_whole, weight, rank, rowid), row)
            self.whole += is_whole

    def best(self, limit: int) -> list[sqlite3.Row]:
        ranked = sorted(self.rows.values(), key=lambda kr: kr[0], reverse=True)
        return [row for _key, row in ranked[:limit]]

    @staticmethod
    def _marked(value: str | None) -> list[str]:
        """The matched words of highlight() output, folded."""
        if not value or sql.HIT_START not in value:
            return []
        out = []
        for chunk in value.split(sql.HIT_START)[1:]:
            out += [fold(t) for t in _TOKEN.findall(chunk.partition(sql.HIT_END)[0])]
        return out


def rebuild(store: Store) -> int:
    return sql.rebuild(store)
