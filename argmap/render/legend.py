"""The legend of a picture: every colour, line and shape it uses, under the map's title, in the
picture's :class:`~argmap.style.theme.Theme`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from argmap.render.labels import Html, font, html_escape, upper
from argmap.style import theme
from argmap.style.theme import DEFAULT, Theme

__all__ = ["Used", "legend"]


@dataclass
class Used:
    """What a picture has drawn so far, in the order first drawn: what its legend explains."""

    kinds: list[str] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)
    fills: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (fill, description)
    junction_colors: list[str] = field(default_factory=list)
    issue: bool = False
    groups: bool = False
    group_style: tuple[str, str] = (DEFAULT.muted, DEFAULT.cluster_fill)

    def kind(self, kind: str) -> None:
        if kind not in self.kinds:
            self.kinds.append(kind)

    def relation(self, rtype: str) -> None:
        if rtype not in self.relations:
            self.relations.append(rtype)

    def junction(self, color: str) -> None:
        if color not in self.junction_colors:
            self.junction_colors.append(color)


def _box(text: str, color: str, fill: str, border: int = 1, style: str = "") -> str:
    styled = f' STYLE="{style}"' if style else ""
    return (
        f'<TD><TABLE BORDER="{border}"{styled} COLOR="{color}" BGCOLOR="{fill}" '
        f'CELLBORDER="0" CELLPADDING="2"><TR><TD>{font(text, theme.LEGEND_SIZE)}</TD></TR>'
        "</TABLE></TD>"
    )


def _glyphs(sample: str, text: str) -> str:
    return f'<TD ALIGN="LEFT">{sample} {font(html_escape(text), theme.LEGEND_SIZE)}</TD>'


def legend(
    used: Used,
    words: Mapping[str, str],
    title: str,
    color_by: str,
    focus: bool,
    look: Theme = DEFAULT,
) -> Html:
    """An HTML table explaining what ``used`` lists, in ``words`` (the picture's language) and
    the colours of ``look``.

    One row of items, section by section, under ``title``. (Rows of different widths would
    make Graphviz stretch the narrower ones' boxes.) ``focus`` adds the focused box's border.
    """
    w = words
    size = theme.LEGEND_SIZE
    cells: list[str] = []

    def section(name: str, items: list[str]) -> None:
        if not items:
            return
        if cells:
            cells.append('<TD WIDTH="14"></TD>')
        head = font(f"<B>{html_escape(name)}</B>", size, look.muted)
        cells.append(f'<TD ALIGN="LEFT">{head}</TD>')
        cells.extend(items)

    kind_items = []
    for kind, style in look.kinds.items():
        if kind in used.kinds:
            fill = style.fill if color_by == "kind" else look.plain_fill
            kind_items.append(
                _box(
                    font(f"<B>{html_escape(upper(w[kind]))}</B>", None, style.color),
                    style.color,
                    fill,
                    max(1, round(style.penwidth)),
                    "rounded,dashed" if style.dashed else "rounded",
                )
            )
    if focus:
        kind_items.append(
            _box(
                f"<B>◆ {html_escape(upper(w['focus']))}</B>",
                look.ink,
                look.plain_fill,
                round(theme.FOCUS_PENWIDTH),
                "rounded",
            )
        )
    if used.groups:
        color, fill = used.group_style
        kind_items.append(_box(html_escape(w["group"]), color, fill, 1, "rounded"))
    if used.issue:
        kind_items.append(
            _box(
                font(f"<B>{html_escape(upper(w['issue']))}</B>", None, look.issue_color),
                look.issue_color,
                look.issue_fill,
            )
        )
    section(w["claims"], kind_items)

    rel_items = []
    for rtype in ("supports", "opposes", "undercuts", "answers"):
        if rtype in used.relations:
            style = look.relations[rtype]
            rel_items.append(_glyphs(font(style.sample, size, style.color), w[rtype]))
    if used.junction_colors:
        dots = "".join(font("●", size, c) for c in used.junction_colors)
        rel_items.append(_glyphs(dots, w["junction"]))
    section(w["relations"], rel_items)

    order = {key: i for i, key in enumerate(look.status_fills)}
    fills = sorted(used.fills.items(), key=lambda item: order.get(item[0], len(order)))
    section(
        w["fill"],
        [_box(html_escape(text), look.muted, fill) for _, (fill, text) in fills],
    )
    rows = []
    if title:
        rows.append(
            f'<TR><TD ALIGN="LEFT" COLSPAN="{max(len(cells), 1)}">'
            + font(f"<B>{html_escape(title)}</B>", theme.FONT_SIZE + 3)
            + "</TD></TR>"
        )
    if cells:
        rows.append("<TR>" + "".join(cells) + "</TR>")
    return Html(
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="1">'
        + "".join(rows)
        + "</TABLE>"
    )
