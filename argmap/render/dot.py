"""An argument map as a Graphviz graph, built with pydot.

:func:`build_graph` turns a map and :class:`RenderOptions` into a :class:`pydot.Dot`;
:func:`to_dot` gives its DOT text, byte-identical for the same map and options; :func:`picture`
gives the text with the picture's size. The map is drawn whole: a view of part of it is the map
:func:`argmap.view.select` returns. Every value is escaped by :mod:`argmap.render.labels` before
pydot sees it. What most boxes and edges share (and the fonts) is written once, as the
graph's ``node`` and ``edge`` defaults; each node and edge carries only what differs.

>>> from argmap.load import load_map
>>> amap = load_map("tests/data/tiny.yaml")
>>> to_dot(amap, RenderOptions(lang="en")).startswith("digraph argmap {")
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import pydot

from argmap.model import ArgumentMap, Claim, Relation, Text
from argmap.render.boxes import ClaimLabels
from argmap.render.collapsed import CollapsedGroups
from argmap.render.labels import (
    Dot,
    Html,
    Name,
    Tooltip,
    attrs,
    claim_name,
    font,
    html_escape,
    issue_name,
    junction_name,
    quote,
    upper,
    value,
)
from argmap.render.legend import Used, legend
from argmap.render.options import COLOR_BY, ENGINES, RANKDIRS, SHOW_CHOICES, RenderOptions
from argmap.style import theme
from argmap.style.wrap import wrap
from argmap.view import Clusters, clusters, junctions

__all__ = [
    "COLOR_BY",
    "ENGINES",
    "RANKDIRS",
    "SHOW_CHOICES",
    "Picture",
    "RenderOptions",
    "build_graph",
    "picture",
    "to_dot",
]

_K = TypeVar("_K")

#: Claims between two calls of a ``progress`` callback.
PROGRESS_STEP = 2000


def _most_common(counts: dict[_K, int]) -> _K | None:
    """The key counted most often (the first of those tied), or None if there is none."""
    return max(counts, key=counts.__getitem__, default=None)  # max keeps the first of a tie


def _besides(look: dict[str, Dot], defaults: dict[str, Dot]) -> dict[str, Dot]:
    """The attributes of ``look`` whose values the defaults do not already give."""
    return {k: v for k, v in look.items() if k not in defaults or str(defaults[k]) != str(v)}


class _Builder(CollapsedGroups):
    """Builds one picture and notes what it draws, for the legend."""

    def __init__(
        self,
        amap: ArgumentMap,
        options: RenderOptions,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.amap = amap
        self.options = options
        self.progress = progress
        self.lang = options.lang or amap.default_language
        self.words = theme.words(self.lang)
        look = self.look = options.theme
        assert isinstance(look, theme.Theme)  # RenderOptions holds the Theme of a name
        self.used = Used(group_style=(look.muted, look.cluster_fill))
        self.junctions = junctions(amap)
        self.boxes = 0  # claim and group boxes drawn
        self.edges = 0  # arrows between them (the legend's not counted)
        self.names: dict[str, str] = {}
        self.box_labels = ClaimLabels(amap, options, self.words, self.text)
        self.claim_parts: dict[tuple[str, bool, str], dict[str, Dot]] = {}
        self.edge_parts: dict[tuple[str, str], dict[str, Dot]] = {}
        # The node and edge defaults (fonts, and the look most boxes and edges share), and
        # per key what a box or an edge sets besides them.
        self.node_default: dict[str, Dot] = {}
        self.edge_default: dict[str, Dot] = {}
        self.claim_looks: dict[tuple[str, bool, str], dict[str, Dot]] = {}
        self.edge_looks: dict[tuple[str, str], dict[str, Dot]] = {}
        self.actor_fill = {
            aid: look.actor_fills[i % len(look.actor_fills)] for i, aid in enumerate(amap.actors)
        }

    def text(self, item: Text) -> str:
        items = item.items
        if len(items) == 1:  # one language: the text whatever the language asked for
            return items[0][1]
        return self.amap.text(item, self.lang)

    def name(self, cid: str) -> str:
        """The quoted node name of a claim (made once per claim)."""
        name = self.names.get(cid)
        if name is None:
            name = self.names[cid] = claim_name(cid)
        return name

    # ---- claims

    def fill(self, claim: Claim) -> str:
        mode, look = self.options.color_by, self.look
        if mode == "kind":
            return look.kinds[claim.kind].fill
        fills = self.used.fills
        if mode == "actor":
            if not claim.by or claim.by[0] not in self.actor_fill:
                fills.setdefault("", (look.no_actor_fill, self.words["no_actor"]))
                return look.no_actor_fill
            aid = claim.by[0]
            name = self.text(self.amap.actors[aid].name) or aid
            fills.setdefault(aid, (self.actor_fill[aid], name))
            return self.actor_fill[aid]
        statuses, strengths = self.options.statuses, self.options.strengths
        if statuses is not None:
            raw = statuses.get(claim.id)
            key = theme.status_key(raw) if raw is not None else None
            if key is None:
                label = raw if raw is not None else "?"
                fills.setdefault(f"?{label}", (look.unknown_status_fill, label))
                return look.unknown_status_fill
            said = f"{look.status_marks[key]} {self.words[f'status_{key}']}"  # as on the box
            fills.setdefault(key, (look.status_fills[key], said))
            return look.status_fills[key]
        assert strengths is not None  # RenderOptions checks that one of them is given
        if claim.id not in strengths:
            fills.setdefault("?", (look.unknown_status_fill, "?"))
            return look.unknown_status_fill
        for point in (0.0, 0.5, 1.0):
            fills.setdefault(
                f"s{point}", (look.strength_fill(point), f"{self.words['strength']} {point:g}")
            )
        return look.strength_fill(strengths[claim.id])

    def _claim_parts(self, key: tuple[str, bool, str]) -> dict[str, Dot]:
        """What boxes of one kind, focus and fill share: their look and CSS class."""
        parts = self.claim_parts.get(key)
        if parts is None:
            kind, focus, fill = key
            self.used.kind(kind)
            style = self.look.kinds[kind]
            penwidth = style.penwidth
            if focus:
                penwidth = max(theme.FOCUS_PENWIDTH, penwidth + 1.5)
            dash = ",dashed" if style.dashed else ""
            shared = attrs(
                shape="box",
                style=f"rounded,filled{dash}",
                color=style.color,
                penwidth=penwidth,
                fillcolor=fill,
                class_=f"claim {kind}",
            )
            parts = self.claim_parts[key] = shared
        return parts

    def claim_keys(
        self, claims: list[Claim]
    ) -> tuple[list[tuple[str, bool, str]], dict[tuple[str, bool, str], int]]:
        """What each claim's box shares with others (its kind, focus and fill), and how many
        boxes share each."""
        focus = self.options.focus
        counts: dict[tuple[str, bool, str], int] = {}
        first: dict[tuple[str, bool, str], tuple[str, bool, str]] = {}
        keys = []
        for claim in claims:
            key = (claim.kind, claim.id == focus, self.fill(claim))
            key = first.setdefault(key, key)
            counts[key] = counts.get(key, 0) + 1
            keys.append(key)  # one tuple per key, not one per claim
        return keys, counts

    def claim_node(self, claim: Claim, key: tuple[str, bool, str]) -> pydot.Node:
        """The claim's box: its label and tooltip, and its look unless the node defaults
        give it (boxes of the most common key)."""
        self.boxes += 1
        cid = claim.id
        text = self.text(claim.text)
        label = Dot(f"<{self.box_labels.label(claim, text)}>")
        tooltip = Dot(quote(f"{cid}: {text}", passes=2))
        return pydot.Node(
            Name(self.name(cid)), label=label, tooltip=tooltip, **self.claim_look(key)
        )

    def claim_look(self, key: tuple[str, bool, str]) -> dict[str, Dot]:
        """The attributes of a box whose values differ from the node defaults (made once)."""
        look = self.claim_looks.get(key)
        if look is None:
            look = self.claim_looks[key] = _besides(self._claim_parts(key), self.node_default)
        return look

    # ---- issues

    def issue_node(self, iid: str) -> pydot.Node:
        self.used.issue = True
        issue = self.amap.issues[iid]
        head = upper(self.words["issue"])
        if "ids" in self.options.show:
            head += f"  {iid}"
        lines = wrap(self.text(issue.question), theme.ISSUE_WIDTH)
        question = "<BR/>".join(f"<B>{html_escape(x)}</B>" for x in lines)
        label = (
            '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
            "<TR><TD>"
            + font(f"<B>{html_escape(head)}</B>", theme.SMALL_SIZE, self.look.issue_color)
            + f"</TD></TR><TR><TD>{question}</TD></TR></TABLE>"
        )
        return pydot.Node(
            Name(issue_name(iid)),
            **attrs(
                label=Html(label),
                shape=theme.ISSUE_SHAPE,
                style="filled",
                color=self.look.issue_color,
                fillcolor=self.look.issue_fill,
                penwidth=1.6,
                margin="0.02,0.06",
                tooltip=Tooltip(f"{iid}: {self.text(issue.question)}"),
                class_="issue",
            ),
        )

    # ---- relations

    def _edge_parts(self, key: tuple[str, str]) -> dict[str, Dot]:
        """What edges of one relation type and arrowhead share: their look and CSS class."""
        parts = self.edge_parts.get(key)
        if parts is None:
            rtype, arrowhead = key
            style = self.look.relations[rtype]
            parts = self.edge_parts[key] = attrs(
                arrowhead=arrowhead,
                class_=f"relation {rtype}",
                color=style.color,
                style=style.style,
                penwidth=style.penwidth,
            )
        return parts

    def edge(
        self, source: str, target: str, key: tuple[str, str], label: Dot | None, tip: Dot
    ) -> pydot.Edge:
        """A relation's edge: its tooltip (and label), and what of its look the edge defaults
        do not give (``key``: its relation type and arrowhead)."""
        look = self.edge_looks.get(key)
        if look is None:
            look = self.edge_looks[key] = _besides(self._edge_parts(key), self.edge_default)
        if label is None:
            return pydot.Edge(source, target, tooltip=tip, **look)
        return pydot.Edge(source, target, label=label, tooltip=tip, **look)

    def edge_counts(self) -> dict[tuple[str, str], int]:
        """How many edges of each relation type and arrowhead the relations are drawn with."""
        counts: dict[tuple[str, str], int] = {}
        for rel in self.amap.relations:
            head = (rel.type, self.look.relations[rel.type].arrowhead)
            if rel.id in self.junctions:
                into = (rel.type, "none")
                counts[into] = counts.get(into, 0) + len(rel.premises)
                counts[head] = counts.get(head, 0) + 1
            else:
                counts[head] = counts.get(head, 0) + len(rel.premises)
        return counts

    def relation_items(self, rel: Relation) -> tuple[pydot.Node | None, list[pydot.Edge]]:
        """The junction node (if the relation needs one) and the edges of one relation."""
        style = self.look.relations[rel.type]
        self.used.relation(rel.type)
        undercut = rel.type == "undercuts"
        target = junction_name(rel.target) if undercut else self.name(rel.target)
        label = None
        if rel.explicit_id and "ids" in self.options.show:
            label = value(Html(font(html_escape(rel.id), theme.SMALL_SIZE, self.look.muted)))
        tooltip = f"{rel.id} ({rel.type})"
        tip = value(Tooltip(tooltip))
        head = (rel.type, style.arrowhead)
        if rel.id not in self.junctions:
            return None, [self.edge(self.name(p), target, head, label, tip) for p in rel.premises]
        self.used.junction(style.color)
        junction = junction_name(rel.id)
        node = pydot.Node(
            Name(junction),
            **attrs(
                label="",
                shape="circle",
                width=theme.JUNCTION_SIZE,
                height=theme.JUNCTION_SIZE,
                fixedsize=True,
                style="filled",
                color=style.color,
                fillcolor=style.color,
                penwidth=1,  # Graphviz's own, not the claims' default
                tooltip=Tooltip(tooltip),
                class_=f"junction {rel.type}",
            ),
        )
        into = (rel.type, "none")
        edges = [self.edge(self.name(p), junction, into, None, tip) for p in rel.premises]
        edges.append(self.edge(junction, target, head, label, tip))
        return node, edges

    def answer_edge(self, claim: Claim) -> pydot.Edge:
        style = self.look.relations["answers"]
        self.used.relation("answers")
        return pydot.Edge(
            self.name(claim.id),
            issue_name(claim.answers or ""),
            **attrs(
                color=style.color,
                style=style.style,
                penwidth=style.penwidth,
                arrowhead=style.arrowhead,
                tooltip=Tooltip(f"{claim.id} answers {claim.answers}"),
                class_="answers",
            ),
        )

    # ---- the whole graph

    def build(self) -> pydot.Dot:
        """The whole picture, statements in a fixed order."""
        options = self.options
        graph = pydot.Dot("argmap", graph_type="digraph")
        graph_attrs: dict[str, object] = {
            "layout": options.engine,
            "rankdir": options.rankdir,
            "bgcolor": self.look.background,
            "fontname": theme.FONT,
            "fontsize": theme.FONT_SIZE,
            "fontcolor": self.look.ink,
            "pad": 0.3,
            "nodesep": 0.3,
            "ranksep": 0.55,
        }
        if options.engine == "dot":
            graph_attrs["newrank"] = True
        else:
            graph_attrs.update(overlap="prism", overlap_scaling=2, splines="true", sep="+8")
        graph.set_graph_defaults(**attrs(**graph_attrs))
        groups = (
            clusters(self.amap, options.cluster, self.lang) if options.cluster is not None else None
        )
        if options.collapse and groups is not None:
            self.collapsed(graph, groups)
        else:
            self.body(graph, groups)
        if options.legend:
            label = legend(
                self.used,
                self.words,
                self.text(self.amap.title),
                options.color_by,
                options.focus is not None,
                self.look,
            )
            graph.set_graph_defaults(**attrs(label=label, labelloc="t", labeljust="l"))
        return graph

    def defaults(
        self,
        graph: pydot.Dot,
        claim_keys: dict[tuple[str, bool, str], int],
        edge_keys: dict[tuple[str, str], int],
    ) -> None:
        """The node and edge defaults: fonts, and the look of the most common box and edge.

        Every node and edge that looks otherwise sets each attribute these defaults set, so
        no default reaches one it does not describe. Written at the top of the graph, they
        apply to every node and edge (those in clusters too)."""
        claim_key = _most_common(claim_keys)
        edge_key = _most_common(edge_keys)
        node = self.node_default = attrs(
            fontname=theme.FONT,
            fontsize=theme.FONT_SIZE,
            fontcolor=self.look.ink,
            margin="0.14,0.08",
        )
        if claim_key is not None:
            node.update(self._claim_parts(claim_key))
        graph.set_node_defaults(**node)
        edge = self.edge_default = attrs(
            fontname=theme.FONT, fontsize=theme.SMALL_SIZE, arrowsize=0.8
        )
        if edge_key is not None:
            edge.update(self._edge_parts(edge_key))
        graph.set_edge_defaults(**edge)

    def _issue_row(self, graph: pydot.Dot, issues: list[str]) -> None:
        """Issues are what the debate is about: all on the conclusions' end, in one row."""
        if issues and self.options.engine == "dot":
            row = pydot.Subgraph("", rank=Dot("max"))
            for iid in issues:
                row.add_node(pydot.Node(Name(issue_name(iid))))
            graph.add_subgraph(row)

    def _claims_done(self, done: int) -> None:
        if self.progress is not None and done % PROGRESS_STEP == 0:
            self.progress(done, len(self.amap.claims))

    def body(self, graph: pydot.Dot, groups: Clusters | None) -> None:
        """Every claim, issue and relation of the map, clusters as subgraphs."""
        amap = self.amap
        of_claim: Mapping[str, str] = groups.of_claim if groups else {}
        of_issue: Mapping[str, str] = groups.of_issue if groups else {}
        subgraphs: dict[str, pydot.Subgraph] = {}
        for n, (key, label) in enumerate(groups.groups if groups else ()):
            subgraphs[key] = pydot.Subgraph(
                f"cluster_{n}",
                **attrs(
                    label=Html(
                        font(f"<B>{html_escape(label)}</B>", theme.SMALL_SIZE + 1, self.look.muted)
                    ),
                    style="rounded,filled",
                    color=self.look.cluster_color,
                    fillcolor=self.look.cluster_fill,
                    labeljust="l",
                    labelloc="b" if self.options.rankdir == "BT" else "t",
                ),
            )

        def home(key: str | None) -> pydot.Dot | pydot.Subgraph:
            return subgraphs[key] if key is not None else graph

        claims = list(amap.claims.values())
        keys, counts = self.claim_keys(claims)
        self.defaults(graph, counts, self.edge_counts())
        for iid in amap.issues:
            home(of_issue.get(iid)).add_node(self.issue_node(iid))
        answers = [self.answer_edge(claim) for claim in claims if claim.answers in amap.issues]
        for done, (claim, key) in enumerate(zip(claims, keys, strict=True)):
            self._claims_done(done)
            home(of_claim.get(claim.id)).add_node(self.claim_node(claim, key))
        if self.progress is not None:
            self.progress(len(claims), len(claims))
        edges: list[pydot.Edge] = []
        by_id = {rel.id: rel for rel in amap.relations}
        for rel in amap.relations:
            junction, rel_edges = self.relation_items(rel)
            edges += rel_edges
            if junction is None:
                continue
            # A junction sits in its argument's cluster when all its claims are in it.
            bears_on = rel
            while bears_on.type == "undercuts" and bears_on.target in by_id:
                bears_on = by_id[bears_on.target]
            homes = {of_claim.get(c) for c in (*rel.premises, bears_on.target)}
            home(homes.pop() if len(homes) == 1 else None).add_node(junction)
        for sub in subgraphs.values():
            graph.add_subgraph(sub)
        self._issue_row(graph, list(amap.issues))
        for edge in (*answers, *edges):
            graph.add_edge(edge)
        self.edges += len(answers) + len(edges)


@dataclass(frozen=True)
class Picture:
    """A picture's DOT text and its size: the claims in it, the boxes drawn for them (fewer
    when clusters are collapsed) and the arrows between boxes. Layout time grows with both."""

    dot: str
    claims: int
    boxes: int
    edges: int = 0

    @property
    def data(self) -> bytes:
        """The DOT text, UTF-8."""
        return self.dot.encode("utf-8")


def build_graph(
    amap: ArgumentMap,
    options: RenderOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> pydot.Dot:
    """The picture of ``amap`` as a pydot graph (see :class:`RenderOptions`).

    ``progress(done, total)`` is called now and then while the claims' boxes are made."""
    return _Builder(amap, options or RenderOptions(), progress).build()


def picture(
    amap: ArgumentMap,
    options: RenderOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Picture:
    """The picture of ``amap`` as DOT text (see :func:`to_dot`) with its size."""
    builder = _Builder(amap, options or RenderOptions(), progress)
    text = builder.build().to_string()
    return Picture(text, len(amap.claims), builder.boxes, builder.edges)


def to_dot(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    """The picture of ``amap`` as DOT text; the same input gives the same bytes."""
    return build_graph(amap, options).to_string()
