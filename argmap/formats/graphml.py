"""GraphML for Gephi and yEd: :func:`argmap.graph.full_graph` written by networkx's GraphML writer.

Claims and relations are nodes (``node`` = ``claim`` or ``relation``), edges run premise →
relation → target, in the map's order. Every attribute is
a string (lists joined with ``", "``) so every GraphML reader takes it; ``label`` holds the text
and ``color`` the colour our pictures use, for yEd's properties mapper and Gephi's partitions.
"""

from __future__ import annotations

from argmap.model import ArgumentMap


def dump_graphml(amap: ArgumentMap, lang: str | None = None) -> str:
    """The map as GraphML text; labels in ``lang`` (default: the map's first language).

    >>> from argmap.load import load_map
    >>> "<graphml" in dump_graphml(load_map("tests/data/tiny.yaml"))
    True
    """
    import networkx as nx

    from argmap.graph import full_graph
    from argmap.style import theme

    def names(ids: tuple[str, ...], table: dict) -> str:
        out = []
        for i in ids:
            item = table.get(i)
            title = getattr(item, "name", None) or getattr(item, "title", None)
            out.append(amap.text(title, lang) if title else i)
        return ", ".join(out)

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
            color=theme.KINDS[claim.kind].color,
        )
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
            color=theme.RELATIONS[rel.type].color,
        )
    for _, _, data in g.edges(data=True):
        data["label"] = data["type"] if data["role"] == "target" else ""
        data["color"] = theme.RELATIONS[data["type"]].color
    return "\n".join(nx.generate_graphml(g, encoding="utf-8", prettyprint=True)) + "\n"
