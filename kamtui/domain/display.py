"""The words and glyphs health and contact maps show as, in the TUI and the
CLI alike: the portfolio table, the account detail, the map tab, `kamtui
health` and `kamtui map` all read them from here, so they never disagree.

Bands and shapes are words, never colour alone. Labels of stored keys come
from kamtui.vocab (the English label, lower-cased where it sits in a sentence).
"""

from __future__ import annotations

from kamtui.vocab import BAND, CHANNEL, Vocabulary

# "healthy" / "watch" / "at risk": the vocabulary's labels, in lower case.
BAND_WORDS = {key: BAND.label(key).lower() for key in BAND.keys}
# Too few components with data for a band (domain.health.INSUFFICIENT).
NO_BAND = "insufficient_data"
BAND_WORDS[NO_BAND] = "no data yet"

# The map's shape, drawn as the two sides meeting: a bow-tie touches at one
# point, a diamond opens wide; "developing" is on its way from one to the other.
SHAPE_GLYPHS = {"none": "·", "bow-tie": "> <", "developing": "<>", "diamond": "< >"}

# The revitalisation rules an account breaks (Revitalisation.rule).
RULE_WORDS = {
    "at_risk": "at risk",
    "operational_only": "operational only",
    "silent": "losing touch",
    "bow_tie": "bow-tie",
}


def word(vocabulary: Vocabulary, key: str | None) -> str:
    """A stored key as it reads inside a sentence: its English label, lower
    case unless it is an acronym ("technical service", "IT"); never the raw
    key. An unknown key is shown as words ("some_key" -> "some key")."""
    if not key:
        return ""
    label = vocabulary.label(key)
    if label == key:
        return key.replace("_", " ")
    return label if label.isupper() else label[0].lower() + label[1:]


def band_word(band: str | None, missing: str = "") -> str:
    return BAND_WORDS.get(band or "", missing)


def shape_glyph(shape: str | None, missing: str = "") -> str:
    return SHAPE_GLYPHS.get(shape or "", missing)


def rule_word(rule: str) -> str:
    return RULE_WORDS.get(rule, rule.replace("_", " "))


def goal_category(goal_type: str, category: str | None) -> str:
    """A goal's category as shown: a channel's label for a new-channel goal,
    else the category as stored (a product category, people/functions...)."""
    if not category:
        return ""
    return CHANNEL.label(category) if goal_type == "new_channel" else category


# The portfolio's status line, in short; `?` gives the whole LEGEND.
SHORT_LEGEND = (
    f"⚑ revitalise · ≠ gap · {SHAPE_GLYPHS['bow-tie']} bow-tie · "
    f"{SHAPE_GLYPHS['diamond']} diamond · ? symbols"
)

# What the symbols on screen mean: the help (`?`) lists them beside the keys.
LEGEND: tuple[tuple[str, str], ...] = (
    ("⚑", "needs revitalisation: its reasons are on the Overview and in Revitalise (v)"),
    ("≠", "perception gap: the meetings' mood and the numbers disagree"),
    ("◆", "whitespace: a goal already covers this account and category"),
    (SHAPE_GLYPHS["none"], "map: no link in contact"),
    (SHAPE_GLYPHS["bow-tie"], "map: bow-tie, one person each side or all through one person"),
    (SHAPE_GLYPHS["developing"], "map: developing, between a bow-tie and a diamond"),
    (
        SHAPE_GLYPHS["diamond"],
        "map: diamond, several people and functions each side, no single point of failure",
    ),
    ("▁▃▅▇ ↑ → ↓", "trend: the health score week by week, and where it is heading"),
    (BAND_WORDS[NO_BAND], "too few health components have data for a score"),
)
