"""The map as a networkx graph: the one graph every analysis walks.

* :func:`full_graph` — claims *and* relations as nodes, so linked premises meet at one relation
  node and an undercut has a node to attack: premise → relation → target (a claim or a relation).
* :func:`claim_graph` — the claim-to-claim projection of that graph, which most queries walk:
  one edge ``premise → claim`` per premise of every relation, keyed by the relation's id, with
  the relation's ``stance`` toward the claim it bears on (+1 support, -1 opposition). An undercut
  of a relation ``P → T`` becomes an edge from the undercutter to ``T`` whose stance is the
  opposite of that relation's: undercutting a support weakens ``T``; undercutting an opposition
  helps it.

Both are built once per map and kept with it (the map is immutable). Nodes and edges are added
in the map's order, so every traversal is deterministic. networkx is imported only when a graph
is first asked for: validating or drawing a whole map never needs one.

>>> from argmap.load import load_map
>>> g = claim_graph(load_map("tests/data/tiny.yaml"))
>>> [(s.source, s.relation, s.stance) for s in steps_into(g, "x")]
[('a', 'a+>x', 1), ('a', 'r1', 1), ('b', 'b->x', -1), ('c', 'r1', 1)]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.model import ArgumentMap, Relation

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "STANCE",
    "Step",
    "bearing_claim",
    "claim_graph",
    "full_graph",
    "neighbourhood",
    "relation_stance",
    "steps_from",
    "steps_into",
]

STANCE = {"supports": 1, "opposes": -1}


@dataclass(frozen=True)
class Step:
    """One relation on a path: ``source`` bears on ``target`` through relation ``relation``.

    ``stance`` is +1 when the step helps ``target``, -1 when it hurts it; ``linked`` holds the
    other premises of a linked argument.
    """

    source: str
    target: str
    relation: str
    type: str
    stance: int
    linked: tuple[str, ...] = ()


def relation_stance(
    amap: ArgumentMap, rel: Relation, by_id: Mapping[str, Relation] | None = None
) -> int:
    """+1 when ``rel`` ultimately helps the claim it bears on, -1 when it hurts it.

    An undercut flips the stance of the relation it attacks; undercuts of undercuts flip twice.
    """
    by_id = amap.relations_by_id() if by_id is None else by_id
    stance, seen = 1, set()
    while rel.type == "undercuts":
        if rel.id in seen or rel.target not in by_id:  # an undercut cycle reaches no claim
            return -1
        seen.add(rel.id)
        stance = -stance
        rel = by_id[rel.target]
    return stance * STANCE[rel.type]


def bearing_claim(
    amap: ArgumentMap, rel: Relation, by_id: Mapping[str, Relation] | None = None
) -> str | None:
    """The claim a relation finally bears on (following undercuts to the relation they attack)."""
    by_id = amap.relations_by_id() if by_id is None else by_id
    seen: set[str] = set()
    while rel.type == "undercuts":
        if rel.id in seen or rel.target not in by_id:
            return None
        seen.add(rel.id)
        rel = by_id[rel.target]
    return rel.target


def kept(amap: ArgumentMap, key: str, build):
    """What ``build(amap)`` gives, stored on ``amap`` under ``key`` on first use (a map is
    immutable, so it never goes stale; pickling leaves it out)."""
    graph = amap.__dict__.get(key)
    if graph is None:
        graph = build(amap)
        object.__setattr__(amap, key, graph)
    return graph


def full_graph(amap: ArgumentMap) -> nx.DiGraph:
    """Claims and relations as nodes: premise → relation → target (a claim or a relation).

    Node data: ``node`` ("claim" or "relation") with ``claim`` or ``relation`` and ``type``.
    Edge data: ``role`` ("premise" or "target") and the relation's ``type``.
    """
    return kept(amap, "_full_graph", _build_full)


def _build_full(amap: ArgumentMap) -> nx.DiGraph:
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


def claim_graph(amap: ArgumentMap | nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The claim-to-claim projection of :func:`full_graph` (a graph passed in is returned).

    One edge ``premise → claim`` per premise of every relation, keyed by the relation's id.
    Edge data: ``type`` (supports/opposes/undercuts), ``relation`` (id), ``stance`` (+1/-1),
    ``linked`` (the other premises of a linked argument, a tuple).
    """
    if not isinstance(amap, ArgumentMap):
        return amap
    return kept(amap, "_claim_graph", _build_projection)


def _build_projection(amap: ArgumentMap) -> nx.MultiDiGraph:
    import networkx as nx

    full = full_graph(amap)
    g = nx.MultiDiGraph(map=amap)
    for cid, claim in amap.claims.items():
        g.add_node(cid, claim=claim)
    by_id = amap.relations_by_id()
    for rel in amap.relations:
        target = bearing_claim(amap, rel, by_id)
        if target is None:
            continue
        stance = relation_stance(amap, rel, by_id)
        premises = [p for p, _, role in full.in_edges(rel.id, data="role") if role == "premise"]
        for premise in premises:
            others = tuple(p for p in premises if p != premise)
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


def _step(source: str, target: str, data: Mapping) -> Step:
    return Step(source, target, data["relation"], data["type"], data["stance"], data["linked"])


def steps_into(g: nx.MultiDiGraph, claim: str) -> list[Step]:
    """The steps whose target is ``claim``: grouped by source, then in the map's order."""
    return [_step(u, v, d) for u, v, d in g.in_edges(claim, data=True)]


def steps_from(g: nx.MultiDiGraph, claim: str) -> list[Step]:
    """The steps whose source is ``claim``: grouped by target, then in the map's order."""
    return [_step(u, v, d) for u, v, d in g.out_edges(claim, data=True)]


def neighbourhood(
    amap: ArgumentMap | nx.MultiDiGraph, claim: str, depth: int, direction: str = "both"
) -> set[str]:
    """Claims within ``depth`` relations of ``claim``: ``up`` follows relations toward what the
    claim bears on, ``down`` toward what bears on it, ``both`` either way."""
    import networkx as nx

    g = claim_graph(amap)
    if direction == "down":
        g = g.reverse(copy=False)
    elif direction == "both":
        g = g.to_undirected(as_view=True)
    return set(nx.single_source_shortest_path_length(g, claim, cutoff=depth))
