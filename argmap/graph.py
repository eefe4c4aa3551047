"""networkx views of a map.

* :func:`full_graph` — claims *and* relations as nodes, so linked premises meet at one relation
  node and an undercut has a node to attack.
* :func:`claim_graph` — the claim-to-claim projection most queries use: one edge per premise and
  relation, with the relation's ``stance`` toward its target (+1 support, -1 opposition). An
  undercut of a relation ``P → T`` becomes an edge from the undercutter to ``T`` whose stance is
  the opposite of that relation's: undercutting a support weakens ``T``; undercutting an
  opposition helps it.

Nodes and edges are added in the map's order, so every traversal is deterministic. Queries that
only walk the projection use :class:`argmap.adjacency.Adjacency`, which gives the same steps in the
same order without networkx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.adjacency import STANCE, Adjacency, bearing_claim, relation_stance
from argmap.model import ArgumentMap

__all__ = [
    "STANCE",
    "bearing_claim",
    "claim_graph",
    "full_graph",
    "neighbourhood",
    "relation_stance",
]

if TYPE_CHECKING:
    import networkx as nx


def full_graph(amap: ArgumentMap) -> nx.DiGraph:
    """Claims and relations as nodes: premise → relation → target (a claim or a relation)."""
    import networkx as nx

    g = nx.DiGraph(map=amap)
    for cid, claim in amap.claims.items():
        g.add_node(cid, node="claim", claim=claim)
    for rel in amap.relations:
        g.add_node(rel.id, node="relation", relation=rel, type=rel.type)
    for rel in amap.relations:
        for premise in rel.premises:
            g.add_edge(premise, rel.id, role="premise", type=rel.type)
        g.add_edge(rel.id, rel.target, role="target", type=rel.type)
    return g


def claim_graph(amap: ArgumentMap) -> nx.MultiDiGraph:
    """The claim-to-claim projection: edge ``premise → claim`` per premise of every relation.

    Edge data: ``type`` (supports/opposes/undercuts), ``relation`` (id), ``stance`` (+1/-1),
    ``linked`` (the other premises of a linked argument, a tuple).
    """
    import networkx as nx

    g = nx.MultiDiGraph(map=amap)
    for cid, claim in amap.claims.items():
        g.add_node(cid, claim=claim)
    by_id = amap.relations_by_id()
    for rel in amap.relations:
        target = bearing_claim(amap, rel, by_id)
        if target is None:
            continue
        stance = relation_stance(amap, rel, by_id)
        for premise in rel.premises:
            others = tuple(p for p in rel.premises if p != premise)
            g.add_edge(
                premise,
                target,
                key=rel.id,
                type=rel.type,
                relation=rel.id,
                stance=stance,
                linked=others,
            )
    return g


def neighbourhood(amap: ArgumentMap, claim: str, depth: int, direction: str = "both") -> set[str]:
    """Claims within ``depth`` relations of ``claim``: ``up`` follows relations toward what the
    claim bears on, ``down`` toward what bears on it, ``both`` either way."""
    g = Adjacency(amap)
    found = {claim}
    frontier = [claim]
    for _ in range(depth):
        nxt: list[str] = []
        for node in frontier:
            around: list[str] = []
            if direction in ("up", "both"):
                around.extend(g.successors(node))
            if direction in ("down", "both"):
                around.extend(g.predecessors(node))
            for other in around:
                if other not in found:
                    found.add(other)
                    nxt.append(other)
        frontier = nxt
    return found
