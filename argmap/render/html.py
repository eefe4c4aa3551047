"""A self-contained interactive HTML page of a map, at any size: a pro/con browser of every
claim, Graphviz pictures with pan and zoom (the whole map when dot can lay it out, else its
parts), search over every language, a language switch, and a panel per claim.

Nothing is fetched from the network: the pictures, the data, the scripts and the styles are
inline. User text reaches the page only as JSON data (with ``<``, ``>`` and ``&`` escaped) and
through ``textContent`` in the scripts, never as markup, so a claim cannot inject script or
HTML; the pictures are Graphviz's SVG, in which user text is escaped, and each is made into
markup only when it is first shown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from argmap.model import ArgumentMap, Relation
from argmap.render.html_assets import STYLE, TEMPLATE
from argmap.render.html_browser import BROWSER_SCRIPT, BROWSER_STYLE
from argmap.render.html_script import SCRIPT

_XML_PROLOGUE = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?(<!--.*?-->\s*)*", re.S)


def page_data(
    amap: ArgumentMap,
    statuses: Mapping[str, str] | None = None,
    strengths: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """Everything the page script needs, as JSON-ready data in the map's order."""
    from argmap.analysis.query import consequences, direct
    from argmap.graph import bearing_claim, claim_graph

    g = claim_graph(amap)
    by_id = amap.relations_by_id()
    langs = list(amap.languages) or _text_languages(amap)

    def texts(text) -> dict[str, str]:
        return {lang: text.get(lang, tuple(langs)) for lang in langs} if text else {}

    touching: dict[str, list[Relation]] = {}  # claim -> relations it is a premise or target of
    for rel in amap.relations:
        for cid in dict.fromkeys((*rel.premises, rel.target)):
            touching.setdefault(cid, []).append(rel)
    claims: dict[str, Any] = {}
    for cid, claim in amap.claims.items():
        pro, con = direct(g, cid)
        nodes = {f"claim:{cid}"}
        for rel in touching.get(cid, ()):
            if cid in rel.premises or rel.target == cid:
                nodes.add(f"relation:{rel.id}")
                nodes.add(f"claim:{rel.target}")
                nodes.update(f"claim:{p}" for p in rel.premises)
                if rel.type == "undercuts" and cid in rel.premises:
                    nodes.add(f"relation:{rel.target}")  # the junction the undercut hits
                    nodes.add(f"claim:{bearing_claim(amap, rel, by_id)}")
        if claim.answers:
            nodes.add(f"issue:{claim.answers}")
        claims[cid] = {
            "text": texts(claim.text),
            "quote": texts(claim.quote),
            "kind": claim.kind,
            "by": [{"id": a, "name": texts(amap.actors[a].name)} for a in claim.by],
            "sources": [
                {
                    "id": s,
                    "title": texts(amap.sources[s].title),
                    "date": amap.sources[s].date,
                    "url": amap.sources[s].link,
                }
                for s in claim.source
            ],
            "tags": list(claim.tags),
            "answers": (
                {"id": claim.answers, "question": texts(amap.issues[claim.answers].question)}
                if claim.answers
                else None
            ),
            "supporters": _unique(s.source for s in pro),
            "opposers": _unique(s.source for s in con),
            "bears_on": [
                {"id": s.target, "type": s.type, "stance": s.stance} for s in consequences(g, cid)
            ],
            "neighbours": sorted(nodes),
            "weight": claim.weight,
            "status": statuses.get(cid) if statuses else None,
            "strength": round(strengths[cid], 4) if strengths and cid in strengths else None,
        }
    from argmap.view import starting_points

    return {
        "title": texts(amap.title),
        "languages": langs,
        "claims": claims,
        "starts": list(starting_points(amap)),
    }


#: Claims in one part's picture when the map is too big for one picture of the whole.
PART_LIMIT = 300
#: Claims laid out for one page in all, over its pictures and languages: the parts beyond it
#: get no picture (the pro/con browser shows every claim whatever the size).
LAYOUT_BUDGET = 5000
#: Relations in one part's picture: a denser part (an abstract framework's) gets none.
PART_RELATION_LIMIT = 1000


@dataclass(frozen=True)
class PageOptions:
    """What ``argmap html`` and ``argmap serve`` draw: languages (first shown first; empty for
    all the map's), weighed colours, what a box shows besides its text, the arrows' direction,
    how long each Graphviz layout may take and the pictures' theme (a name in
    :data:`argmap.style.theme.THEMES`)."""

    langs: tuple[str, ...] = ()
    evaluate: bool = True
    show: frozenset[str] = frozenset({"actors"})
    rankdir: str = "BT"
    timeout: float = 120.0
    theme: str = "default"


@dataclass(frozen=True)
class Figure:
    """One picture of the page: ``top`` (``map`` for the whole map, else the ``claim:ID`` or
    ``issue:ID`` a part is cut around), the claims it draws, and its SVG in each language."""

    top: str
    claims: tuple[str, ...]
    svgs: dict[str, str]


@dataclass(frozen=True)
class Page:
    """A laid-out page: the map shown, its pictures, and the verdicts."""

    amap: ArgumentMap
    figures: tuple[Figure, ...]
    statuses: Mapping[str, str] | None = None
    strengths: Mapping[str, float] | None = None
    theme: str = "default"

    @property
    def languages(self) -> list[str]:
        """The languages the pictures are drawn in (``und`` when the map names none)."""
        return list(self.figures[0].svgs) if self.figures else []


def lay_out_page(
    whole: ArgumentMap,
    shown: ArgumentMap,
    options: PageOptions = PageOptions(),
    *,
    focus: str | None = None,
    marks: Mapping[str, str] | None = None,
    phase: Callable[[str], None] | None = None,
    no_size_limit: bool = False,
) -> Page:
    """Lay out ``shown`` (a view of ``whole``) with Graphviz, once per language: in one picture
    when it is small enough for dot (or ``no_size_limit``), else in parts of at most
    :data:`PART_LIMIT` claims and :data:`PART_RELATION_LIMIT` relations
    (:func:`argmap.view.picture_parts`) while :data:`LAYOUT_BUDGET` lasts. Verdicts are those
    of the whole map, so a part shows the statuses its claims have in the debate. ``marks`` are
    the changes of ``argmap html --diff``; ``phase`` hears what is being done."""
    from argmap.render.graphviz import over_layout_limits
    from argmap.view import Selection, picture_parts, select

    statuses = strengths = None
    if options.evaluate:
        from argmap.analysis.evaluation import claim_statuses_of, claim_strengths_of

        statuses = claim_statuses_of(whole)
        strengths = claim_strengths_of(whole)
    langs: list[str | None] = list(options.langs) or list(shown.languages) or [None]
    if no_size_limit or not over_layout_limits(len(shown.claims), len(shown.relations)):
        tops = [("map", shown)]
    else:
        tops, budget = [], LAYOUT_BUDGET
        for part in picture_parts(shown, PART_LIMIT):
            cost = len(part.claims) * len(langs)
            if cost <= budget:
                drawn = select(shown, Selection(claims=part.claims))
                if len(drawn.relations) <= PART_RELATION_LIMIT:
                    tops.append((part.top, drawn))
                    budget -= cost
    jobs = [(top, part, lang) for top, part in tops for lang in langs]
    if phase is not None:
        what = "the picture" if len(tops) == 1 else f"{len(tops)} pictures"
        phase(f"Graphviz is laying out {what}, {len(langs)} language(s)")

    from argmap.render.graphviz import render_dots

    dots = [_dot(part, lang, options, statuses, strengths, focus, marks) for _, part, lang in jobs]
    svgs = [svg.decode("utf-8") for svg in render_dots(dots, "svg", timeout=options.timeout)]
    figures = []
    for k, (top, part) in enumerate(tops):
        drawn = svgs[k * len(langs) : (k + 1) * len(langs)]
        figures.append(
            Figure(
                top,
                tuple(part.claims),
                {lang or "und": svg for lang, svg in zip(langs, drawn, strict=True)},
            )
        )
    return Page(shown, tuple(figures), statuses, strengths, options.theme)


def _dot(
    part: ArgumentMap,
    lang: str | None,
    options: PageOptions,
    statuses: Mapping[str, str] | None,
    strengths: Mapping[str, float] | None,
    focus: str | None,
    marks: Mapping[str, str] | None,
) -> str:
    from argmap.render.dot import RenderOptions, to_dot

    drawing = RenderOptions(
        lang=lang,
        rankdir=options.rankdir,
        show=options.show,
        focus=focus if focus in part.claims else None,
        color_by="status" if options.evaluate else "kind",
        statuses=statuses,
        strengths=strengths,
        theme=options.theme,
    )
    if marks is None:
        return to_dot(part, drawing)
    from argmap.render.diffmarks import marked_picture

    return marked_picture(part, drawing, marks).dot


def build_page(page: Page | None = None, live: str = "") -> str:
    """The HTML page of ``page`` (an empty shell without one). ``live`` is markup added at the
    end of the body (``argmap serve`` puts its update script there, and its page arrives
    through it)."""
    data = page_update(page) if page is not None else None
    langs = page.languages if page is not None else []
    title = page_title(page.amap) if page is not None else "argmap"
    options = "".join(f'<option value="{_attr(lang)}">{_attr(lang)}</option>' for lang in langs)
    from argmap.style.theme import THEMES

    return TEMPLATE.format(
        theme=THEMES[page.theme if page is not None else "default"].page_css(),
        title=_attr(title),
        lang=_attr(langs[0] if langs else "en"),
        options=options,
        data=script_json(data),
        style=STYLE + BROWSER_STYLE,
        script=SCRIPT,
        browser=BROWSER_SCRIPT,
        live=live,
    )


def page_update(page: Page) -> dict[str, Any]:
    """What the page script shows, as JSON-ready data: the title, the map's data and the
    pictures, each with its SVG per language (Graphviz's SVG, in which user text is escaped)."""
    data = page_data(page.amap, page.statuses, page.strengths)
    smallest: dict[str, int] = {}
    for k in sorted(range(len(page.figures)), key=lambda k: len(page.figures[k].claims)):
        for cid in page.figures[k].claims:
            smallest.setdefault(cid, k)
    for cid, claim in data["claims"].items():
        claim["figure"] = smallest.get(cid)
    seen: dict[str, int] = {}
    keys = []  # a figure's name across versions: its top, and which of that top's parts it is
    for f in page.figures:
        seen[f.top] = seen.get(f.top, 0) + 1
        keys.append(f"{f.top}#{seen[f.top]}")
    from argmap.style.theme import THEMES

    return {
        "title": page_title(page.amap),
        "theme": THEMES[page.theme].page_css(),
        "data": data,
        "figures": [
            {
                "top": f.top,
                "key": keys[k],
                "size": len(f.claims),
                "svgs": {lang: _inline_svg(svg) for lang, svg in f.svgs.items()},
            }
            for k, f in enumerate(page.figures)
        ],
    }


def page_title(amap: ArgumentMap) -> str:
    """The page's title: the map's title in its first language, else ``argmap``."""
    return amap.text(amap.title) if amap.title else "argmap"


def _text_languages(amap: ArgumentMap) -> list[str]:
    seen: dict[str, None] = {}
    for claim in amap.claims.values():
        for lang in claim.text.languages:
            seen.setdefault(lang or "und", None)
    return list(seen) or ["und"]


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def _attr(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def script_json(data: Any) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _inline_svg(svg: str) -> str:
    """Graphviz SVG without its XML prologue and DOCTYPE, ready to sit inside HTML."""
    return _XML_PROLOGUE.sub("", svg, count=1).strip()
