"""The look of argmap pictures, in one place: colours, line styles, shapes, fonts and words.

A :class:`Theme` holds every colour and line a picture (and the HTML page's own styles) uses;
:data:`THEMES` has three: ``default``, ``colorblind`` (the Okabe–Ito palette) and ``print``
(greyscale). No meaning rests on hue alone in any of them: support and opposition also differ by
arrowhead (and, in print, by line), claim kinds by border width/dash and a printed kind label, an
undercut is dashed, and a claim's weighed status is printed on its box (✓ / ✗ / ?) as well as
filled. Fonts, sizes and words are the same in every theme.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

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

#: Display columns per line of wrapped text (a Japanese character takes two).
CLAIM_WIDTH = 32
ISSUE_WIDTH = 34
SMALL_WIDTH = 40

JUNCTION_SIZE = 0.13  # inches; the small dot where linked premises meet
ISSUE_SHAPE = "hexagon"
FOCUS_PENWIDTH = 4.0


@dataclass(frozen=True)
class KindStyle:
    """How a claim kind looks: border colour, width and dash, and the pale fill of its box."""

    color: str
    penwidth: float
    dashed: bool
    fill: str


@dataclass(frozen=True)
class EdgeStyle:
    """How a relation looks: colour, line style, arrowhead and a glyph sample for the legend."""

    color: str
    style: str
    arrowhead: str
    penwidth: float
    sample: str


#: The statuses of ``color_by="status"``: the labels in/out/undec and their usual synonyms.
STATUS_ALIASES: dict[str, str] = {
    "in": "in",
    "accepted": "in",
    "out": "out",
    "rejected": "out",
    "undec": "undec",
    "undecided": "undec",
}

#: The custom properties :meth:`Theme.page_css` writes, in order.
PAGE_COLORS = (
    "ink",
    "muted",
    "line",
    "bg",
    "panel-bg",
    "status-in",
    "status-out",
    "status-undec",
    "supports",
    "opposes",
    "undercuts",
    "link",
    "highlight",
)


@dataclass(frozen=True)
class Theme:
    """Every colour and line of a picture, and the colours of the HTML page's styles.

    ``kinds`` and ``relations`` style claim kinds and relation types; ``status_fills`` (in, out,
    undec) fill boxes by weighed status, and ``status_marks`` print it on them; strengths fill
    from white to ``strength_high``. ``added``/``changed``/``ghost`` mark a ``--diff``.
    ``page`` holds the page's colours by custom-property name (see :data:`PAGE_COLORS`).
    """

    name: str
    ink: str  # text
    muted: str  # secondary text: actors, sources, headings
    background: str
    plain_fill: str  # a box filled with nothing in particular (the legend's samples)
    kinds: Mapping[str, KindStyle]
    relations: Mapping[str, EdgeStyle]
    issue_color: str
    issue_fill: str
    cluster_color: str
    cluster_fill: str
    status_fills: Mapping[str, str]
    unknown_status_fill: str
    strength_high: tuple[int, int, int]
    actor_fills: tuple[str, ...]
    no_actor_fill: str
    added_color: str
    changed_color: str
    ghost_color: str
    ghost_fill: str
    page: Mapping[str, str]
    status_marks: Mapping[str, str] = field(
        default_factory=lambda: {"in": "✓", "out": "✗", "undec": "?"}
    )

    def strength_fill(self, value: float) -> str:
        """The fill for a strength in [0, 1]: white at 0, ``strength_high`` at 1.

        >>> THEMES["default"].strength_fill(0), THEMES["default"].strength_fill(1)
        ('#ffffff', '#4ade80')
        """
        t = min(max(float(value), 0.0), 1.0)
        return "#" + "".join(f"{round(255 + (c - 255) * t):02x}" for c in self.strength_high)

    def page_css(self) -> str:
        """The page's colours as a CSS ``:root`` block of custom properties (``--ink`` …), and
        the picture's relation colours as ``--supports-line`` ….

        >>> print(THEMES["print"].page_css().splitlines()[1])
          --ink: #000000;
        """
        lines = [f"  --{name}: {self.page[name]};" for name in PAGE_COLORS]
        lines += [f"  --{rtype}-line: {style.color};" for rtype, style in self.relations.items()]
        return ":root {\n" + "\n".join(lines) + "\n}\n"


def tint(color: str, amount: float) -> str:
    """``color`` (``#rrggbb``) mixed with white: ``amount`` 1 is the colour, 0 is white.

    >>> tint("#0072B2", 1), tint("#0072B2", 0), tint("#000000", 0.5)
    ('#0072b2', '#ffffff', '#808080')
    """
    channels = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 + (c - 255) * amount):02x}" for c in channels)


DEFAULT = Theme(
    name="default",
    ink="#1f2937",
    muted="#6b7280",
    background="#ffffff",
    plain_fill="#ffffff",
    kinds={
        "policy": KindStyle("#1d4ed8", 2.6, False, "#eef3ff"),
        "value": KindStyle("#b45309", 1.8, False, "#fff6e8"),
        "fact": KindStyle("#475569", 1.1, False, "#f6f7f9"),
        "definition": KindStyle("#0f766e", 1.3, True, "#ecfbf8"),
    },
    relations={
        "supports": EdgeStyle("#15803d", "solid", "normal", 1.6, "━━━▶"),
        "opposes": EdgeStyle("#dc2626", "solid", "tee", 1.6, "━━━┫"),
        "undercuts": EdgeStyle("#7e22ce", "dashed", "tee", 1.6, "╍╍╍┫"),
        "answers": EdgeStyle("#64748b", "dotted", "empty", 1.2, "┈┈┈▷"),
    },
    issue_color="#92400e",
    issue_fill="#fde68a",
    cluster_color="#cbd5e1",
    cluster_fill="#f8fafc",
    status_fills={"in": "#bbf7d0", "out": "#fecaca", "undec": "#fef08a"},
    unknown_status_fill="#e5e7eb",
    strength_high=(0x4A, 0xDE, 0x80),
    actor_fills=(
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
    ),
    no_actor_fill="#ffffff",
    added_color="#db2777",
    changed_color="#ea580c",
    ghost_color="#9ca3af",
    ghost_fill="#f3f4f6",
    page={  # the page's own styles as they were before themes
        "ink": "#1f2933",
        "muted": "#616e7c",
        "line": "#d9e2ec",
        "bg": "#ffffff",
        "panel-bg": "#f8fafc",
        "status-in": "#c6f6d5",
        "status-out": "#fed7d7",
        "status-undec": "#fefcbf",
        "supports": "#c6f6d5",
        "opposes": "#fed7d7",
        "undercuts": "#e9d8fd",
        "link": "#1a56db",
        "highlight": "#e6f0ff",
    },
)

#: The Okabe–Ito palette (Okabe & Ito 2008), told apart with every common colour-vision
#: deficiency.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
_OI = OKABE_ITO
#: How much of an Okabe–Ito colour the colorblind theme's pale fills keep (the rest is white).
KIND_TINT, STATUS_TINT, ACTOR_TINT = 0.12, 0.4, 0.25

COLORBLIND = Theme(
    name="colorblind",
    ink="#1a1a1a",
    muted="#595959",
    background="#ffffff",
    plain_fill="#ffffff",
    kinds={
        "policy": KindStyle(_OI["blue"], 2.6, False, tint(_OI["blue"], KIND_TINT)),
        "value": KindStyle(_OI["orange"], 1.8, False, tint(_OI["orange"], KIND_TINT)),
        "fact": KindStyle(_OI["black"], 1.1, False, tint(_OI["black"], 0.04)),
        "definition": KindStyle(_OI["sky blue"], 1.3, True, tint(_OI["sky blue"], KIND_TINT)),
    },
    relations={
        "supports": EdgeStyle(_OI["bluish green"], "solid", "normal", 1.6, "━━━▶"),
        "opposes": EdgeStyle(_OI["vermillion"], "solid", "tee", 1.6, "━━━┫"),
        "undercuts": EdgeStyle(_OI["reddish purple"], "dashed", "tee", 1.6, "╍╍╍┫"),
        "answers": EdgeStyle(_OI["black"], "dotted", "empty", 1.2, "┈┈┈▷"),
    },
    issue_color=_OI["black"],
    issue_fill=tint(_OI["yellow"], 0.7),
    cluster_color="#cccccc",
    cluster_fill="#f7f7f7",
    status_fills={
        "in": tint(_OI["bluish green"], STATUS_TINT),
        "out": tint(_OI["vermillion"], STATUS_TINT),
        "undec": tint(_OI["yellow"], 0.6),
    },
    unknown_status_fill="#e6e6e6",
    strength_high=(0x00, 0x9E, 0x73),  # bluish green
    actor_fills=tuple(
        tint(_OI[name], amount)
        for amount in (ACTOR_TINT, ACTOR_TINT / 2)
        for name in ("sky blue", "orange", "bluish green", "yellow", "blue", "vermillion")
    ),
    no_actor_fill="#ffffff",
    added_color=_OI["reddish purple"],
    changed_color=_OI["orange"],
    ghost_color="#a6a6a6",
    ghost_fill="#f2f2f2",
    page={
        "ink": "#1a1a1a",
        "muted": "#595959",
        "line": "#d9d9d9",
        "bg": "#ffffff",
        "panel-bg": "#f7f7f7",
        "status-in": tint(_OI["bluish green"], STATUS_TINT),
        "status-out": tint(_OI["vermillion"], STATUS_TINT),
        "status-undec": tint(_OI["yellow"], 0.6),
        "supports": tint(_OI["bluish green"], STATUS_TINT),
        "opposes": tint(_OI["vermillion"], STATUS_TINT),
        "undercuts": tint(_OI["reddish purple"], STATUS_TINT),
        "link": _OI["blue"],
        "highlight": tint(_OI["sky blue"], 0.25),
    },
)

PRINT = Theme(
    name="print",
    ink="#000000",
    muted="#555555",
    background="#ffffff",
    plain_fill="#ffffff",
    kinds={
        "policy": KindStyle("#000000", 2.6, False, "#ffffff"),
        "value": KindStyle("#333333", 1.8, False, "#ffffff"),
        "fact": KindStyle("#666666", 1.1, False, "#ffffff"),
        "definition": KindStyle("#333333", 1.3, True, "#ffffff"),
    },
    relations={  # told apart by line and arrowhead alone
        "supports": EdgeStyle("#000000", "solid", "normal", 1.2, "───▶"),
        "opposes": EdgeStyle("#000000", "bold", "tee", 2.6, "━━━┫"),
        "undercuts": EdgeStyle("#000000", "dashed", "tee", 1.6, "╍╍╍┫"),
        "answers": EdgeStyle("#666666", "dotted", "empty", 1.2, "┈┈┈▷"),
    },
    issue_color="#000000",
    issue_fill="#e0e0e0",
    cluster_color="#999999",
    cluster_fill="#f7f7f7",
    status_fills={"in": "#ffffff", "out": "#bfbfbf", "undec": "#e6e6e6"},
    unknown_status_fill="#f2f2f2",
    strength_high=(0x80, 0x80, 0x80),
    actor_fills=("#ffffff", "#ebebeb", "#d6d6d6", "#f5f5f5", "#e0e0e0", "#cccccc"),
    no_actor_fill="#ffffff",
    added_color="#000000",
    changed_color="#4d4d4d",
    ghost_color="#a6a6a6",
    ghost_fill="#f2f2f2",
    page={
        "ink": "#000000",
        "muted": "#555555",
        "line": "#cccccc",
        "bg": "#ffffff",
        "panel-bg": "#f5f5f5",
        "status-in": "#ffffff",
        "status-out": "#bfbfbf",
        "status-undec": "#e6e6e6",
        "supports": "#ffffff",
        "opposes": "#d9d9d9",
        "undercuts": "#eeeeee",
        "link": "#000000",
        "highlight": "#e6e6e6",
    },
)

#: The themes by name, the default first.
THEMES: dict[str, Theme] = {t.name: t for t in (DEFAULT, COLORBLIND, PRINT)}

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
        "mark_in": "stands",
        "mark_out": "falls",
        "mark_undec": "open",
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
        "mark_in": "成立",
        "mark_out": "不成立",
        "mark_undec": "未決",
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


def status_key(status: str) -> str | None:
    """``in``/``out``/``undec`` for a status name (case-insensitive, synonyms allowed)."""
    return STATUS_ALIASES.get(status.strip().lower())
