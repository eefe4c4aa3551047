"""A self-contained interactive HTML page of a map: the Graphviz picture with pan and zoom,
search over every language, a language switch, and a panel per claim.

Nothing is fetched from the network: the SVG, the data, the script and the styles are inline.
User text reaches the page only as JSON data (with ``<``, ``>`` and ``&`` escaped) and through
``textContent`` in the script, never as markup, so a claim cannot inject script or HTML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from argmap.model import ArgumentMap, Relation
from argmap.render.html_assets import SCRIPT, STYLE, TEMPLATE

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
            "status": statuses.get(cid) if statuses else None,
            "strength": round(strengths[cid], 4) if strengths and cid in strengths else None,
        }
    return {
        "title": texts(amap.title),
        "languages": langs,
        "claims": claims,
    }


@dataclass(frozen=True)
class PageOptions:
    """What ``argmap html`` and ``argmap serve`` draw: languages (first shown first; empty for
    all the map's), weighed colours, what a box shows besides its text, the arrows' direction
    and how long each Graphviz layout may take."""

    langs: tuple[str, ...] = ()
    evaluate: bool = True
    show: frozenset[str] = frozenset({"actors"})
    rankdir: str = "BT"
    timeout: float = 120.0


@dataclass(frozen=True)
class Page:
    """A laid-out page: the map drawn, one Graphviz SVG per language, and the verdicts."""

    amap: ArgumentMap
    svgs: dict[str, str]
    statuses: Mapping[str, str] | None = None
    strengths: Mapping[str, float] | None = None


def lay_out_page(
    whole: ArgumentMap,
    shown: ArgumentMap,
    options: PageOptions = PageOptions(),
    *,
    focus: str | None = None,
    marks: Mapping[str, str] | None = None,
    phase: Callable[[str], None] | None = None,
) -> Page:
    """Lay out ``shown`` (a view of ``whole``) once per language with Graphviz. Verdicts are
    those of the whole map, so a part shows the statuses its claims have in the debate.
    ``marks`` are the changes of ``argmap html --diff``; ``phase`` hears what is being done."""
    from argmap.render.dot import RenderOptions, to_dot
    from argmap.render.graphviz import render_dot

    statuses = strengths = None
    if options.evaluate:
        from argmap.analysis.evaluation import claim_statuses_of, claim_strengths_of

        statuses = claim_statuses_of(whole)
        strengths = claim_strengths_of(whole)
    svgs: dict[str, str] = {}
    for lang in list(options.langs) or list(shown.languages) or [None]:
        drawing = RenderOptions(
            lang=lang,
            rankdir=options.rankdir,
            show=options.show,
            focus=focus,
            color_by="status" if options.evaluate else "kind",
            statuses=statuses,
            strengths=strengths,
        )
        if phase is not None:
            phase(f"Graphviz is laying out the {lang or 'map'} picture")
        if marks is None:
            dot = to_dot(shown, drawing)
        else:
            from argmap.render.diffmarks import marked_picture

            dot = marked_picture(shown, drawing, marks).dot
        svgs[lang or "und"] = render_dot(dot, "svg", timeout=options.timeout).decode("utf-8")
    return Page(shown, svgs, statuses, strengths)


def build_page(
    amap: ArgumentMap,
    svgs: Mapping[str, str],
    statuses: Mapping[str, str] | None = None,
    strengths: Mapping[str, float] | None = None,
    live: str = "",
) -> str:
    """The HTML page: ``svgs`` maps each language to the Graphviz SVG drawn in it. ``live`` is
    markup added at the end of the body (``argmap serve`` puts its update script there)."""
    data = page_data(amap, statuses, strengths)
    langs = list(svgs)
    title = page_title(amap)
    figures = "\n".join(
        f'<div class="figure" data-lang="{_attr(lang)}"{"" if i == 0 else " hidden"}>'
        f"{_inline_svg(svg)}</div>"
        for i, (lang, svg) in enumerate(svgs.items())
    )
    options = "".join(f'<option value="{_attr(lang)}">{_attr(lang)}</option>' for lang in langs)
    return TEMPLATE.format(
        title=_attr(title),
        lang=_attr(langs[0] if langs else "en"),
        options=options,
        figures=figures,
        data=script_json(data),
        style=STYLE,
        script=SCRIPT,
        live=live,
    )


def page_update(page: Page) -> dict[str, Any]:
    """What the page script's ``argmapPage.update`` takes: the title, the data and each
    language's SVG, as in :func:`build_page`."""
    return {
        "title": page_title(page.amap),
        "data": page_data(page.amap, page.statuses, page.strengths),
        "figures": {lang: _inline_svg(svg) for lang, svg in page.svgs.items()},
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
