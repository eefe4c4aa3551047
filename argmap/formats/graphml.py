"""GraphML for Gephi and yEd: :func:`argmap.graph.full_graph` written by networkx's GraphML writer.

Claims and relations are nodes (``node`` = ``claim`` or ``relation``), edges run premise →
relation → target, in the map's order. Every attribute is
a string (lists joined with ``", "``) so every GraphML reader takes it; ``label`` holds the text
and ``color`` the colour our pictures use, for yEd's properties mapper and Gephi's partitions.

Given the clusters of :func:`argmap.view.clusters`, each claim carries its group in ``cluster``
(key) and ``cluster_label``; with ``collapse`` the graph is the collapsed picture's instead:
one ``group`` node per cluster with its claim ``count``, the claims and issues outside every
cluster, and one edge per relation type between them with the number of relations it stands for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.model import ArgumentMap

if TYPE_CHECKING:
    import networkx as nx

    from argmap.view import Clusters


def dump_graphml(
    amap: ArgumentMap,
    lang: str | None = None,
    groups: Clusters | None = None,
    collapse: bool = False,
) -> str:
    """The map as GraphML text; labels in ``lang`` (default: the map's first language).

    >>> from argmap.load import load_map
    >>> "<graphml" in dump_graphml(load_map("tests/data/tiny.yaml"))
    True
    """

    from argmap.graph import full_graph
    from argmap.style import theme

    def names(ids: tuple[str, ...], table: dict) -> str:
        out = []
        for i in ids:
            item = table.get(i)
            title = getattr(item, "name", None) or getattr(item, "title", None)
            out.append(amap.text(title, lang) if title else i)
        return ", ".join(out)

    if groups is not None and collapse:
        return _write(_collapsed(amap, lang, groups))
    g = full_graph(amap).copy()  # the map's graph is shared: attributes go on a copy
    g.graph.clear()  # the model objects it carries are not GraphML values
    g.graph["title"] = amap.text(amap.title, lang) if amap.title else ""
    for data in g.nodes.values():
        data.clear()
    for claim in amap.claims.values():
        g.nodes[claim.id].update(
            label=amap.text(claim.text, lang),
            node="claim",
            kind=claim.kind,
            by=", ".join(claim.by),
            actors=names(claim.by, dict(amap.actors)),
            source=", ".join(claim.source),
            sources=names(claim.source, dict(amap.sources)),
            tags=", ".join(claim.tags),
            answers=claim.answers or "",
            issue=amap.text(amap.issues[claim.answers].question, lang)
            if claim.answers in amap.issues
            else "",
            weight="" if claim.weight is None else str(claim.weight),
            color=theme.DEFAULT.kinds[claim.kind].color,
        )
        if groups is not None:
            key = groups.of_claim.get(claim.id, "")
            g.nodes[claim.id].update(cluster=key, cluster_label=dict(groups.groups).get(key, ""))
    for rel in amap.relations:
        g.nodes[rel.id].update(
            label=rel.scheme or rel.type,
            node="relation",
            type=rel.type,
            premises=", ".join(rel.premises),
            target=rel.target,
            linked="true" if rel.linked else "false",
            scheme=rel.scheme or "",
            weight="" if rel.weight is None else str(rel.weight),
            by=", ".join(rel.by),
            source=", ".join(rel.source),
            color=theme.DEFAULT.relations[rel.type].color,
        )
    for _, _, data in g.edges(data=True):
        data["label"] = data["type"] if data["role"] == "target" else ""
        data["color"] = theme.DEFAULT.relations[data["type"]].color
    return _write(g)


def _write(g: nx.MultiDiGraph | nx.DiGraph) -> str:
    import networkx as nx

    return "\n".join(nx.generate_graphml(g, encoding="utf-8", prettyprint=True)) + "\n"


def _collapsed(amap: ArgumentMap, lang: str | None, groups: Clusters) -> nx.MultiDiGraph:
    """The collapsed picture as a graph: group nodes, the rest, counted edges between them."""
    from collections import Counter

    import networkx as nx

    from argmap.style import theme
    from argmap.view import collapsed_arrows

    g = nx.MultiDiGraph(title=amap.text(amap.title, lang) if amap.title else "")
    counts = Counter(groups.of_claim.values())
    for key, label in groups.groups:
        g.add_node(f"group:{key}", node="group", label=label, count=str(counts[key]))
    for cid, claim in amap.claims.items():
        if cid not in groups.of_claim:
            g.add_node(
                f"claim:{cid}",
                node="claim",
                label=amap.text(claim.text, lang),
                kind=claim.kind,
                color=theme.DEFAULT.kinds[claim.kind].color,
            )
    for iid, issue in amap.issues.items():
        if iid not in groups.of_issue:
            g.add_node(f"issue:{iid}", node="issue", label=amap.text(issue.question, lang))
    for (source, target, rtype), count in collapsed_arrows(amap, groups).items():
        g.add_edge(
            ":".join(source),
            ":".join(target),
            type=rtype,
            label=rtype,
            count=str(count),
            color=theme.DEFAULT.relations[rtype].color,
        )
    return g
