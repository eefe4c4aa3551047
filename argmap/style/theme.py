"""The look of argmap pictures, in one place: colours, line styles, shapes, fonts and words.

Colours are chosen so that no meaning rests on hue alone: support and opposition also differ by
arrowhead, claim kinds also by border width/dash and a printed kind label, and an undercut is
dashed as well as purple.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Font families named in the DOT, best first. Pango (Graphviz's text layout) and SVG viewers
#: both read a comma-separated list and take the first family that is installed; the first ones
#: have Japanese glyphs.
FONT_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Source Han Sans JP",
    "IPAexGothic",
    "Hiragino Sans",
    "Yu Gothic",
    "sans-serif",
)
FONT = ",".join(FONT_FAMILIES)

FONT_SIZE = 11.0  # claim text
SMALL_SIZE = 9.0  # kind line, actors, sources
LEGEND_SIZE = 9.5

TEXT_COLOR = "#1f2937"
MUTED_COLOR = "#6b7280"
BACKGROUND = "#ffffff"

#: Display columns per line of wrapped text (a Japanese character takes two).
CLAIM_WIDTH = 32
ISSUE_WIDTH = 34
SMALL_WIDTH = 40


@dataclass(frozen=True)
class KindStyle:
    """How a claim kind looks: border colour, width and dash, and the pale fill of its box."""

    color: str
    penwidth: float
    dashed: bool
    fill: str


KINDS: dict[str, KindStyle] = {
    "policy": KindStyle("#1d4ed8", 2.6, False, "#eef3ff"),
    "value": KindStyle("#b45309", 1.8, False, "#fff6e8"),
    "fact": KindStyle("#475569", 1.1, False, "#f6f7f9"),
    "definition": KindStyle("#0f766e", 1.3, True, "#ecfbf8"),
}


@dataclass(frozen=True)
class EdgeStyle:
    """How a relation looks: colour, line style, arrowhead and a glyph sample for the legend."""

    color: str
    style: str
    arrowhead: str
    penwidth: float
    sample: str


RELATIONS: dict[str, EdgeStyle] = {
    "supports": EdgeStyle("#15803d", "solid", "normal", 1.6, "━━━▶"),
    "opposes": EdgeStyle("#dc2626", "solid", "tee", 1.6, "━━━┫"),
    "undercuts": EdgeStyle("#7e22ce", "dashed", "tee", 1.6, "╍╍╍┫"),
    "answers": EdgeStyle("#64748b", "dotted", "empty", 1.2, "┈┈┈▷"),
}

JUNCTION_SIZE = 0.13  # inches; the small dot where linked premises meet

ISSUE_SHAPE = "hexagon"
ISSUE_COLOR = "#92400e"
ISSUE_FILL = "#fde68a"

FOCUS_PENWIDTH = 4.0

CLUSTER_COLOR = "#cbd5e1"
CLUSTER_FILL = "#f8fafc"

#: Fills for ``color_by="status"``: the labels in/out/undec and their usual synonyms.
STATUS_FILLS: dict[str, str] = {
    "in": "#bbf7d0",
    "out": "#fecaca",
    "undec": "#fef08a",
}
STATUS_ALIASES: dict[str, str] = {
    "in": "in",
    "accepted": "in",
    "out": "out",
    "rejected": "out",
    "undec": "undec",
    "undecided": "undec",
}
UNKNOWN_STATUS_FILL = "#e5e7eb"

#: ``color_by="status"`` with strengths only: fill intensity from white (0) to green (1).
STRENGTH_HIGH = (0x4A, 0xDE, 0x80)

#: Pastel fills for ``color_by="actor"``, given to actors in the map's order (then reused).
ACTOR_FILLS: tuple[str, ...] = (
    "#dbeafe",
    "#fde2e4",
    "#dcfce7",
    "#fef3c7",
    "#ede9fe",
    "#cffafe",
    "#fce7f3",
    "#e0e7ff",
    "#ecfccb",
    "#ffedd5",
    "#f1f5f9",
    "#fae8ff",
)
NO_ACTOR_FILL = "#ffffff"

#: Words printed in pictures, per language; other languages use English.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "fact": "fact",
        "value": "value",
        "policy": "policy",
        "definition": "definition",
        "issue": "issue",
        "supports": "supports",
        "opposes": "opposes",
        "undercuts": "undercuts the inference",
        "answers": "answers the issue",
        "junction": "linked premises meet / inference undercut here",
        "legend": "Legend",
        "claims": "Boxes (border = kind)",
        "relations": "Relations",
        "fill": "Fill",
        "status_in": "stands (weighed: in)",
        "status_out": "falls (weighed: out)",
        "status_undec": "undecided",
        "no_actor": "no actor named",
        "focus": "focus",
        "sources": "Sources",
        "strength": "strength",
        "group": "group of claims (--collapse)",
        "group_count": "{n} claims",
        "group_count_one": "1 claim",
    },
    "ja": {
        "fact": "事実",
        "value": "価値",
        "policy": "政策",
        "definition": "定義",
        "issue": "論点",
        "supports": "支持する",
        "opposes": "反対する",
        "undercuts": "推論を崩す（アンダーカット）",
        "answers": "論点に答える",
        "junction": "連結前提の合流点／アンダーカットの的",
        "legend": "凡例",
        "claims": "ノード（枠＝種類）",
        "relations": "関係",
        "fill": "塗り",
        "status_in": "成立（weighed: in）",
        "status_out": "不成立（weighed: out）",
        "status_undec": "未決",
        "no_actor": "主張者なし",
        "focus": "注目",
        "sources": "出典",
        "strength": "強さ",
        "group": "主張のまとまり（--collapse）",
        "group_count": "主張 {n} 件",
        "group_count_one": "主張 1 件",
    },
}


def words(lang: str | None) -> dict[str, str]:
    """The picture's words in ``lang`` (its base language: ``ja-JP`` uses ``ja``), else English.

    >>> words("ja")["policy"], words("fr")["policy"]
    ('政策', 'policy')
    """
    base = (lang or "en").split("-")[0].lower()
    return WORDS.get(base, WORDS["en"])


def strength_fill(value: float) -> str:
    """The fill for a strength in [0, 1]: white at 0, full green at 1.

    >>> strength_fill(0), strength_fill(1)
    ('#ffffff', '#4ade80')
    """
    t = min(max(float(value), 0.0), 1.0)
    return "#" + "".join(f"{round(255 + (c - 255) * t):02x}" for c in STRENGTH_HIGH)


def status_key(status: str) -> str | None:
    """``in``/``out``/``undec`` for a status name (case-insensitive, synonyms allowed)."""
    return STATUS_ALIASES.get(status.strip().lower())
