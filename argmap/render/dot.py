"""An argument map as a Graphviz DOT diagram.

:func:`select` picks what a view shows (focus, issue, tag and actor filters);
:func:`build_graph` turns the map and :class:`RenderOptions` into a :class:`pydot.Dot`;
:func:`to_dot` gives its text, byte-identical for the same map and options.

Escaping: pydot leaves values alone that already look quoted (``"..."``) or HTML (``<...>``) and
does not double backslashes, so user text never reaches it raw. Every attribute value is made
here: user text goes into HTML-like labels through :func:`html_escape` (XML entities, so the SVG
stays well-formed; backslashes doubled, since Graphviz expands ``\\N``, ``\\G``… even there) or
into quoted strings through :func:`quote`. Node names are quoted too (``"claim:ID"``).

>>> from argmap.load import load_map
>>> amap = load_map("tests/data/tiny.yaml")
>>> to_dot(amap, RenderOptions(lang="en")).startswith("digraph argmap {")
True
"""

from __future__ import annotations

import difflib
import re
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argmap.errors import ArgmapError, NotFoundError
from argmap.graph import claim_graph, neighbourhood
from argmap.model import ArgumentMap, Claim, Relation, Text
from argmap.render import theme
from argmap.render.wrap import wrap

if TYPE_CHECKING:
    import pydot

SHOW_CHOICES = ("actors", "sources", "ids")
RANKDIRS = ("BT", "TB", "LR", "RL")
DIRECTIONS = ("up", "down", "both")
CLUSTERS = ("tag", "actor", "issue")
COLOR_BY = ("kind", "actor", "status")
ENGINES = ("dot", "sfdp", "neato")


@dataclass(frozen=True)
class RenderOptions:
    """What a picture shows and how.

    ``statuses`` (claim id → ``in``/``out``/``undec``) and ``strengths`` (claim id → 0..1) come
    from an evaluation run by the caller; ``color_by="status"`` fills boxes by them.
    """

    lang: str | None = None
    rankdir: str = "BT"
    show: frozenset[str] = frozenset({"actors"})
    focus: str | None = None
    depth: int = 2
    direction: str = "both"
    issue: str | None = None
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    cluster: str | None = None
    color_by: str = "kind"
    statuses: Mapping[str, str] | None = None
    strengths: Mapping[str, float] | None = None
    engine: str = "dot"
    legend: bool = True
    width: int = theme.CLAIM_WIDTH

    def __post_init__(self) -> None:
        checks = (
            ("rankdir", self.rankdir, RANKDIRS),
            ("direction", self.direction, DIRECTIONS),
            ("color_by", self.color_by, COLOR_BY),
            ("engine", self.engine, ENGINES),
        )
        for name, value, allowed in checks:
            if value not in allowed:
                raise ArgmapError(f"{name} must be one of {', '.join(allowed)}, not '{value}'")
        if self.cluster is not None and self.cluster not in CLUSTERS:
            raise ArgmapError(f"cluster must be one of {', '.join(CLUSTERS)}")
        unknown = sorted(set(self.show) - set(SHOW_CHOICES))
        if unknown:
            raise ArgmapError(f"show takes {', '.join(SHOW_CHOICES)}, not {', '.join(unknown)}")
        if self.color_by == "status" and self.statuses is None and self.strengths is None:
            raise ArgmapError("color_by='status' needs statuses or strengths from an evaluation")
        if self.depth < 0:
            raise ArgmapError("depth must be 0 or more")


# --------------------------------------------------------------------------- escaping

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


class Html(str):
    """An HTML-like label built here (already escaped); written as ``<...>``."""


def clean(text: str) -> str:
    """``text`` without characters XML cannot carry (control characters, lone surrogates)."""
    return _NOT_XML.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def html_escape(text: str) -> str:
    r"""``text`` for an HTML-like label: ``& < > " '`` as entities, backslashes doubled.

    Graphviz expands ``\N``, ``\G``… inside HTML text too (and reads ``\\`` as one
    backslash), so backslashes are doubled; newlines become ``<BR/>``.

    >>> print(html_escape(r'a<b> & "c" \N'))
    a&lt;b&gt; &amp; &quot;c&quot; \\N
    """
    out = clean(text).replace("\\", "\\\\")
    for raw, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        out = out.replace(raw, entity)
    out = out.replace("'", "&#39;")
    return out.replace("\n", '<BR ALIGN="LEFT"/>')


def quote(text: str, passes: int = 1) -> str:
    r"""``text`` as a DOT double-quoted string whose value, once Graphviz has expanded its
    escapes, is ``text`` itself.

    Backslashes are doubled (so ``\N`` or ``\G`` stay literal), quotes escaped, newlines
    written ``\n``. ``passes=2`` is for attributes Graphviz unescapes twice (``tooltip``).

    >>> print(quote(r'say "hi" \N'))
    "say \"hi\" \\N"
    """
    out = clean(text).replace("\\", "\\" * (2**passes))
    out = out.replace('"', '\\"').replace("\n", "\\n")
    return f'"{out}"'


class Tooltip(str):
    """A tooltip: Graphviz unescapes it twice, so it is quoted for two passes."""


def _value(value: object) -> str:
    if isinstance(value, Html):
        return f"<{value}>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, Tooltip):
        return quote(value, passes=2)
    return quote(str(value))


def _attrs(**values: object) -> dict[str, str]:
    """Attribute values written by us: HTML labels, numbers, or quoted strings."""
    return {key.rstrip("_"): _value(v) for key, v in values.items() if v is not None}


def _font(text: str, size: float | None = None, color: str | None = None) -> str:
    opts = ""
    if size is not None:
        opts += f' POINT-SIZE="{size:g}"'
    if color is not None:
        opts += f' COLOR="{color}"'
    return f"<FONT{opts}>{text}</FONT>" if opts else text


# --------------------------------------------------------------------------- selection


@dataclass(frozen=True)
class View:
    """What a picture shows: claim ids, issue ids and relations, each in the map's order."""

    claims: tuple[str, ...]
    issues: tuple[str, ...]
    relations: tuple[Relation, ...]
    junctions: frozenset[str] = field(default_factory=frozenset)


def _unknown(what: str, name: str, known: Iterable[str]) -> NotFoundError:
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.5)
    return NotFoundError(f"no {what} '{name}'", close)


def _issue_debate(amap: ArgumentMap, issue: str) -> set[str]:
    """The positions answering ``issue`` and every claim bearing on them, at any depth."""
    g = claim_graph(amap)
    found = {cid for cid, c in amap.claims.items() if c.answers == issue}
    queue = deque(cid for cid in amap.claims if cid in found)
    while queue:
        for other in g.predecessors(queue.popleft()):
            if other not in found:
                found.add(other)
                queue.append(other)
    return found


def select(amap: ArgumentMap, options: RenderOptions) -> View:
    """The claims, issues and relations that ``options`` keep, in the map's order.

    Filters intersect. A relation is kept when its target and all its premises are kept (an
    undercut when the relation it attacks is kept); issues are kept when a kept claim answers
    them, or all of them when no filter is set.
    """
    keep = set(amap.claims)
    filtered = False
    if options.focus is not None:
        if options.focus not in amap.claims:
            raise _unknown("claim", options.focus, amap.claims)
        keep &= neighbourhood(amap, options.focus, options.depth, options.direction)
        filtered = True
    if options.issue is not None:
        if options.issue not in amap.issues:
            raise _unknown("issue", options.issue, amap.issues)
        keep &= _issue_debate(amap, options.issue)
        filtered = True
    if options.tags:
        known = amap.all_tags()
        for tag in options.tags:
            if tag not in known:
                raise _unknown("tag", tag, known)
        keep &= {cid for cid, c in amap.claims.items() if set(c.tags) & set(options.tags)}
        filtered = True
    if options.actors:
        for actor in options.actors:
            if actor not in amap.actors:
                raise _unknown("actor", actor, amap.actors)
        keep &= {cid for cid, c in amap.claims.items() if set(c.by) & set(options.actors)}
        filtered = True
    if not keep:
        raise ArgmapError("nothing to draw: no claim passes the filters")

    claims = tuple(cid for cid in amap.claims if cid in keep)
    if options.issue is not None:
        issues: tuple[str, ...] = (options.issue,)
    elif filtered:
        answered = {amap.claims[cid].answers for cid in claims}
        issues = tuple(iid for iid in amap.issues if iid in answered)
    else:
        issues = tuple(amap.issues)

    kept: dict[str, Relation] = {}
    changed = True
    while changed:  # undercuts of undercuts may come before the relation they attack
        changed = False
        for rel in amap.relations:
            if rel.id in kept or not all(p in keep for p in rel.premises):
                continue
            ok = rel.target in kept if rel.type == "undercuts" else rel.target in keep
            if ok:
                kept[rel.id] = rel
                changed = True
    relations = tuple(rel for rel in amap.relations if rel.id in kept)
    attacked = {rel.target for rel in relations if rel.type == "undercuts"}
    junctions = frozenset(rel.id for rel in relations if rel.linked or rel.id in attacked)
    return View(claims, issues, relations, junctions)


# --------------------------------------------------------------------------- building


def _claim_node(cid: str) -> str:
    return quote(f"claim:{cid}")


def _issue_node(iid: str) -> str:
    return quote(f"issue:{iid}")


def _junction_node(rid: str) -> str:
    return quote(f"relation:{rid}")


def _upper(word: str) -> str:
    return word.upper() if word.isascii() else word


class _Builder:
    """Builds one picture; keeps track of the styles used, for the legend."""

    def __init__(self, amap: ArgumentMap, options: RenderOptions) -> None:
        self.amap = amap
        self.options = options
        self.lang = options.lang or amap.default_language
        self.words = theme.words(self.lang)
        self.view = select(amap, options)
        self.kinds_used: list[str] = []
        self.relations_used: list[str] = []
        self.fills_used: dict[str, tuple[str, str]] = {}  # key -> (fill, description)
        self.junction_colors: list[str] = []
        self.issue_used = False
        self.actor_fill = {
            aid: theme.ACTOR_FILLS[i % len(theme.ACTOR_FILLS)] for i, aid in enumerate(amap.actors)
        }

    def text(self, value: Text) -> str:
        return self.amap.text(value, self.lang)

    def _note(self, seq: list[str], item: str) -> None:
        if item not in seq:
            seq.append(item)

    # ---- claims

    def fill(self, claim: Claim) -> str:
        mode = self.options.color_by
        if mode == "kind":
            return theme.KINDS[claim.kind].fill
        if mode == "actor":
            if not claim.by or claim.by[0] not in self.actor_fill:
                self.fills_used.setdefault("", (theme.NO_ACTOR_FILL, self.words["no_actor"]))
                return theme.NO_ACTOR_FILL
            aid = claim.by[0]
            name = self.text(self.amap.actors[aid].name) or aid
            self.fills_used.setdefault(aid, (self.actor_fill[aid], name))
            return self.actor_fill[aid]
        return self._status_fill(claim.id)

    def _status_fill(self, cid: str) -> str:
        statuses, strengths = self.options.statuses, self.options.strengths
        if statuses is not None:
            raw = statuses.get(cid)
            key = theme.status_key(raw) if raw is not None else None
            if key is None:
                label = raw if raw is not None else "?"
                self.fills_used.setdefault(f"?{label}", (theme.UNKNOWN_STATUS_FILL, label))
                return theme.UNKNOWN_STATUS_FILL
            self.fills_used.setdefault(key, (theme.STATUS_FILLS[key], self.words[f"status_{key}"]))
            return theme.STATUS_FILLS[key]
        if strengths is not None:
            if cid not in strengths:
                self.fills_used.setdefault("?", (theme.UNKNOWN_STATUS_FILL, "?"))
                return theme.UNKNOWN_STATUS_FILL
            for point in (0.0, 0.5, 1.0):
                self.fills_used.setdefault(
                    f"s{point}",
                    (theme.strength_fill(point), f"{self.words['strength']} {point:g}"),
                )
            return theme.strength_fill(strengths[cid])
        raise ArgmapError("color_by='status' needs statuses or strengths from an evaluation")

    def claim_label(self, claim: Claim) -> Html:
        style = theme.KINDS[claim.kind]
        show = self.options.show
        head = _font(
            f"<B>{html_escape(_upper(self.words[claim.kind]))}</B>", theme.SMALL_SIZE, style.color
        )
        extras = []
        if claim.id == self.options.focus:
            extras.append(f"◆ {html_escape(_upper(self.words['focus']))}")
        if "ids" in show:
            extras.append(html_escape(claim.id))
        strengths = self.options.strengths
        if strengths is not None and claim.id in strengths:
            extras.append(f"{html_escape(self.words['strength'])} {strengths[claim.id]:.2f}")
        if extras:
            head += _font("  " + "  ".join(extras), theme.SMALL_SIZE, theme.MUTED_COLOR)
        rows = [head]
        body = wrap(self.text(claim.text), self.options.width)
        rows.append("<BR/>".join(html_escape(line) for line in body))
        if "actors" in show and claim.by:
            names = [
                self.text(self.amap.actors[a].name) if a in self.amap.actors else a
                for a in claim.by
            ]
            rows.append(self._small("— " + ", ".join(names)))
        if "sources" in show and claim.source:
            titles = []
            for sid in claim.source:
                src = self.amap.sources.get(sid)
                if src is None:
                    titles.append(sid)
                    continue
                title = self.text(src.title) or sid
                titles.append(f"{title} ({src.date})" if src.date else title)
            rows.append(self._small(f"{self.words['sources']}: " + "; ".join(titles)))
        cells = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{row}</TD></TR>' for row in rows)
        return Html(
            f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{cells}</TABLE>'
        )

    def _small(self, text: str) -> str:
        lines = wrap(text, theme.SMALL_WIDTH)
        return _font(
            "<BR/>".join(html_escape(x) for x in lines), theme.SMALL_SIZE, theme.MUTED_COLOR
        )

    def claim_node(self, claim: Claim) -> pydot.Node:
        import pydot

        style = theme.KINDS[claim.kind]
        self._note(self.kinds_used, claim.kind)
        penwidth = style.penwidth
        if claim.id == self.options.focus:
            penwidth = max(theme.FOCUS_PENWIDTH, penwidth + 1.5)
        dash = ",dashed" if style.dashed else ""
        tooltip = f"{claim.id}: {self.text(claim.text)}"
        return pydot.Node(
            _claim_node(claim.id),
            **_attrs(
                label=self.claim_label(claim),
                shape="box",
                style=f"rounded,filled{dash}",
                color=style.color,
                penwidth=penwidth,
                fillcolor=self.fill(claim),
                tooltip=Tooltip(tooltip),
                class_=f"claim {claim.kind}",
            ),
        )

    # ---- issues

    def issue_node(self, iid: str) -> pydot.Node:
        import pydot

        self.issue_used = True
        issue = self.amap.issues[iid]
        head = _upper(self.words["issue"])
        if "ids" in self.options.show:
            head += f"  {iid}"
        lines = wrap(self.text(issue.question), theme.ISSUE_WIDTH)
        question = "<BR/>".join(f"<B>{html_escape(x)}</B>" for x in lines)
        label = (
            '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
            "<TR><TD>"
            + _font(f"<B>{html_escape(head)}</B>", theme.SMALL_SIZE, theme.ISSUE_COLOR)
            + f"</TD></TR><TR><TD>{question}</TD></TR></TABLE>"
        )
        return pydot.Node(
            _issue_node(iid),
            **_attrs(
                label=Html(label),
                shape=theme.ISSUE_SHAPE,
                style="filled",
                color=theme.ISSUE_COLOR,
                fillcolor=theme.ISSUE_FILL,
                penwidth=1.6,
                margin="0.02,0.06",
                tooltip=Tooltip(f"{iid}: {self.text(issue.question)}"),
                class_="issue",
            ),
        )

    # ---- relations

    def relation_items(self, rel: Relation) -> tuple[list[pydot.Node], list[pydot.Edge]]:
        import pydot

        style = theme.RELATIONS[rel.type]
        self._note(self.relations_used, rel.type)
        undercut = rel.type == "undercuts"
        target = _junction_node(rel.target) if undercut else _claim_node(rel.target)
        line = {"color": style.color, "style": style.style, "penwidth": style.penwidth}
        label = None
        if "ids" in self.options.show and rel.explicit_id:
            label = Html(_font(html_escape(rel.id), theme.SMALL_SIZE, theme.MUTED_COLOR))
        tooltip = f"{rel.id} ({rel.type})"
        css = f"relation {rel.type}"
        nodes: list[pydot.Node] = []
        edges: list[pydot.Edge] = []
        if rel.id in self.view.junctions:
            self._note(self.junction_colors, style.color)
            junction = _junction_node(rel.id)
            nodes.append(
                pydot.Node(
                    junction,
                    **_attrs(
                        label="",
                        shape="circle",
                        width=theme.JUNCTION_SIZE,
                        height=theme.JUNCTION_SIZE,
                        fixedsize=True,
                        style="filled",
                        color=style.color,
                        fillcolor=style.color,
                        tooltip=Tooltip(tooltip),
                        class_=f"junction {rel.type}",
                    ),
                )
            )
            for premise in rel.premises:
                edges.append(
                    pydot.Edge(
                        _claim_node(premise),
                        junction,
                        **_attrs(arrowhead="none", tooltip=Tooltip(tooltip), class_=css, **line),
                    )
                )
            edges.append(
                pydot.Edge(
                    junction,
                    target,
                    **_attrs(
                        arrowhead=style.arrowhead,
                        label=label,
                        tooltip=Tooltip(tooltip),
                        class_=css,
                        **line,
                    ),
                )
            )
        else:
            for premise in rel.premises:
                edges.append(
                    pydot.Edge(
                        _claim_node(premise),
                        target,
                        **_attrs(
                            arrowhead=style.arrowhead,
                            label=label,
                            tooltip=Tooltip(tooltip),
                            class_=css,
                            **line,
                        ),
                    )
                )
        return nodes, edges

    def answer_edge(self, claim: Claim) -> pydot.Edge:
        import pydot

        style = theme.RELATIONS["answers"]
        self._note(self.relations_used, "answers")
        return pydot.Edge(
            _claim_node(claim.id),
            _issue_node(claim.answers or ""),
            **_attrs(
                color=style.color,
                style=style.style,
                penwidth=style.penwidth,
                arrowhead=style.arrowhead,
                tooltip=Tooltip(f"{claim.id} answers {claim.answers}"),
                class_="answers",
            ),
        )

    # ---- clusters

    def cluster_keys(self) -> tuple[dict[str, str], dict[str, str], list[tuple[str, str]]]:
        """(claim → cluster key, issue → cluster key, [(key, label)] in order)."""
        mode = self.options.cluster
        claims = self.view.claims
        amap = self.amap
        of_claim: dict[str, str] = {}
        of_issue: dict[str, str] = {}
        labels: dict[str, str] = {}
        if mode == "tag":
            for cid in claims:
                if amap.claims[cid].tags:
                    of_claim[cid] = amap.claims[cid].tags[0]
            for iid in self.view.issues:
                if amap.issues[iid].tags:
                    of_issue[iid] = amap.issues[iid].tags[0]
            order = [t for t in amap.all_tags() if t in set(of_claim.values())]
            order += [t for t in of_issue.values() if t not in order]
            labels = {t: f"#{t}" for t in order}
        elif mode == "actor":
            for cid in claims:
                by = amap.claims[cid].by
                if by:
                    of_claim[cid] = by[0]
            order = [a for a in amap.actors if a in set(of_claim.values())]
            order += [a for a in of_claim.values() if a not in order]
            labels = {a: self.text(amap.actors[a].name) if a in amap.actors else a for a in order}
        elif mode == "issue":
            g = claim_graph(amap)
            visible = set(claims)
            queue: deque[str] = deque()
            for iid in self.view.issues:
                of_issue[iid] = iid
            for cid in claims:
                answers = amap.claims[cid].answers
                if answers in of_issue:
                    of_claim[cid] = answers
                    queue.append(cid)
            while queue:
                node = queue.popleft()
                for other in g.predecessors(node):
                    if other in visible and other not in of_claim:
                        of_claim[other] = of_claim[node]
                        queue.append(other)
            labels = {iid: iid for iid in self.view.issues}
        return of_claim, of_issue, list(labels.items())

    # ---- legend

    def legend(self) -> Html:
        """An HTML table explaining every colour, line and shape this picture uses.

        One row of items, section by section, under the map's title. (Rows of different
        widths would make Graphviz stretch the narrower ones' boxes.)
        """
        w = self.words
        size = theme.LEGEND_SIZE
        cells: list[str] = []

        def section(name: str, items: list[str]) -> None:
            if not items:
                return
            if cells:
                cells.append('<TD WIDTH="14"></TD>')
            head = _font(f"<B>{html_escape(name)}</B>", size, theme.MUTED_COLOR)
            cells.append(f'<TD ALIGN="LEFT">{head}</TD>')
            cells.extend(items)

        def box(text: str, color: str, fill: str, border: int = 1, style: str = "") -> str:
            styled = f' STYLE="{style}"' if style else ""
            return (
                f'<TD><TABLE BORDER="{border}"{styled} COLOR="{color}" BGCOLOR="{fill}" '
                f'CELLBORDER="0" CELLPADDING="2"><TR><TD>{_font(text, size)}</TD></TR></TABLE></TD>'
            )

        def glyphs(sample: str, text: str) -> str:
            return f'<TD ALIGN="LEFT">{sample} {_font(html_escape(text), size)}</TD>'

        kind_items = []
        for kind, style in theme.KINDS.items():
            if kind in self.kinds_used:
                fill = style.fill if self.options.color_by == "kind" else "#ffffff"
                kind_items.append(
                    box(
                        _font(f"<B>{html_escape(_upper(w[kind]))}</B>", None, style.color),
                        style.color,
                        fill,
                        max(1, round(style.penwidth)),
                        "rounded,dashed" if style.dashed else "rounded",
                    )
                )
        if self.options.focus is not None:
            kind_items.append(
                box(
                    f"<B>◆ {html_escape(_upper(w['focus']))}</B>",
                    theme.TEXT_COLOR,
                    "#ffffff",
                    round(theme.FOCUS_PENWIDTH),
                    "rounded",
                )
            )
        if self.issue_used:
            kind_items.append(
                box(
                    _font(f"<B>{html_escape(_upper(w['issue']))}</B>", None, theme.ISSUE_COLOR),
                    theme.ISSUE_COLOR,
                    theme.ISSUE_FILL,
                )
            )
        section(w["claims"], kind_items)

        rel_items = []
        for rtype in ("supports", "opposes", "undercuts", "answers"):
            if rtype in self.relations_used:
                style = theme.RELATIONS[rtype]
                rel_items.append(glyphs(_font(style.sample, size, style.color), w[rtype]))
        if self.junction_colors:
            dots = "".join(_font("●", size, c) for c in self.junction_colors)
            rel_items.append(glyphs(dots, w["junction"]))
        section(w["relations"], rel_items)

        order = {key: i for i, key in enumerate(theme.STATUS_FILLS)}
        fills = sorted(self.fills_used.items(), key=lambda item: order.get(item[0], len(order)))
        section(
            w["fill"],
            [box(html_escape(text), theme.MUTED_COLOR, fill) for _, (fill, text) in fills],
        )
        rows = []
        title = self.text(self.amap.title)
        if title:
            rows.append(
                f'<TR><TD ALIGN="LEFT" COLSPAN="{max(len(cells), 1)}">'
                + _font(f"<B>{html_escape(title)}</B>", theme.FONT_SIZE + 3)
                + "</TD></TR>"
            )
        if cells:
            rows.append("<TR>" + "".join(cells) + "</TR>")
        return Html(
            '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="1">'
            + "".join(rows)
            + "</TABLE>"
        )

    # ---- the whole graph

    def build(self) -> pydot.Dot:
        import pydot

        options = self.options
        graph = pydot.Dot("argmap", graph_type="digraph")
        font = quote(theme.FONT)
        graph_attrs: dict[str, object] = {
            "layout": options.engine,
            "rankdir": options.rankdir,
            "bgcolor": theme.BACKGROUND,
            "fontname": theme.FONT,
            "fontsize": theme.FONT_SIZE,
            "fontcolor": theme.TEXT_COLOR,
            "pad": 0.3,
            "nodesep": 0.3,
            "ranksep": 0.55,
        }
        if options.engine == "dot":
            graph_attrs["newrank"] = True
        else:
            graph_attrs.update(overlap="prism", overlap_scaling=2, splines="true", sep="+8")
        graph.set_graph_defaults(**_attrs(**graph_attrs))
        graph.set_node_defaults(
            fontname=font,
            fontsize=_value(theme.FONT_SIZE),
            fontcolor=quote(theme.TEXT_COLOR),
            margin=quote("0.14,0.08"),
        )
        graph.set_edge_defaults(
            fontname=font, fontsize=_value(theme.SMALL_SIZE), arrowsize=_value(0.8)
        )

        amap = self.amap
        of_claim: dict[str, str] = {}
        of_issue: dict[str, str] = {}
        clusters: dict[str, pydot.Subgraph] = {}
        if options.cluster is not None:
            of_claim, of_issue, labels = self.cluster_keys()
            for n, (key, label) in enumerate(labels):
                sub = pydot.Subgraph(
                    f"cluster_{n}",
                    **_attrs(
                        label=Html(
                            _font(
                                f"<B>{html_escape(label)}</B>",
                                theme.SMALL_SIZE + 1,
                                theme.MUTED_COLOR,
                            )
                        ),
                        style="rounded,filled",
                        color=theme.CLUSTER_COLOR,
                        fillcolor=theme.CLUSTER_FILL,
                        labeljust="l",
                        labelloc="b" if options.rankdir == "BT" else "t",
                    ),
                )
                clusters[key] = sub

        for iid in self.view.issues:
            node = self.issue_node(iid)
            (clusters[of_issue[iid]] if iid in of_issue else graph).add_node(node)
        for cid in self.view.claims:
            node = self.claim_node(amap.claims[cid])
            (clusters[of_claim[cid]] if cid in of_claim else graph).add_node(node)

        shown_issues = set(self.view.issues)
        edges: list[pydot.Edge] = [
            self.answer_edge(amap.claims[cid])
            for cid in self.view.claims
            if amap.claims[cid].answers in shown_issues
        ]
        by_id = {rel.id: rel for rel in self.view.relations}
        for rel in self.view.relations:
            nodes, rel_edges = self.relation_items(rel)
            parent = graph
            if clusters and nodes:
                # A junction sits in its argument's cluster when all its claims are in it.
                bears_on = rel
                while bears_on.type == "undercuts" and bears_on.target in by_id:
                    bears_on = by_id[bears_on.target]
                homes = {of_claim.get(c, "") for c in (*rel.premises, bears_on.target)}
                parent = clusters.get(homes.pop(), graph) if len(homes) == 1 else graph
            for node in nodes:
                parent.add_node(node)
            edges.extend(rel_edges)

        for sub in clusters.values():
            graph.add_subgraph(sub)
        if self.view.issues and options.engine == "dot":
            # Issues are what the debate is about: all on the conclusions' end, in one row.
            row = pydot.Subgraph("", rank="max")
            for iid in self.view.issues:
                row.add_node(pydot.Node(_issue_node(iid)))
            graph.add_subgraph(row)
        for edge in edges:
            graph.add_edge(edge)

        if options.legend:
            graph.set_graph_defaults(**_attrs(label=self.legend(), labelloc="t", labeljust="l"))
        return graph


def build_graph(amap: ArgumentMap, options: RenderOptions | None = None) -> pydot.Dot:
    """The picture of ``amap`` as a pydot graph (see :class:`RenderOptions`)."""
    return _Builder(amap, options or RenderOptions()).build()


def to_dot(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    """The picture of ``amap`` as DOT text; the same input gives the same bytes."""
    return build_graph(amap, options).to_string()
