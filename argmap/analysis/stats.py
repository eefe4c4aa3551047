"""Counts and rankings that summarise a map."""

from __future__ import annotations

from typing import Any

from argmap.model import CLAIM_KINDS, RELATION_TYPES, ArgumentMap


def centrality(amap: ArgumentMap) -> dict[str, float]:
    """Katz centrality over the claim graph's premise → conclusion edges (networkx).

    A claim scores by the chains that end at it, each weighted by ``alpha`` to the power of its
    length: claims that many chains lead to rank high, the final conclusions first. Katz is
    chosen because networkx computes it by plain power iteration (PageRank and HITS need scipy)
    and, unlike eigenvector centrality, it is defined on acyclic maps. ``alpha`` stays below
    1 / (largest in-degree + 1), under the reciprocal of the spectral radius, so the iteration
    always converges. Scores are normalised to unit length.
    """
    import networkx as nx

    from argmap.graph import claim_graph

    if not amap.claims:
        return {}
    g = nx.DiGraph(claim_graph(amap))  # parallel relations count once
    widest = max(d for _, d in g.in_degree())
    alpha = min(0.1, 1.0 / (widest + 1))
    return nx.katz_centrality(g, alpha=alpha, max_iter=10_000, tol=1e-10)


def map_stats(amap: ArgumentMap, top: int = 5) -> dict[str, Any]:
    """Counts by kind and type, plus the most supported, attacked and central claims."""
    kinds = dict.fromkeys(CLAIM_KINDS, 0)
    for claim in amap.claims.values():
        kinds[claim.kind] += 1
    types = dict.fromkeys(RELATION_TYPES, 0)
    linked = 0
    for rel in amap.relations:
        types[rel.type] += 1
        linked += rel.linked
    support = dict.fromkeys(amap.claims, 0)
    attack = dict.fromkeys(amap.claims, 0)
    by_id = amap.relations_by_id()
    for rel in amap.relations:
        if rel.type == "supports":
            support[rel.target] += 1
        elif rel.type == "opposes":
            attack[rel.target] += 1
        else:
            inner = by_id.get(rel.target)
            if inner is not None and inner.type != "undercuts":
                attack[inner.target] += 1  # undercutting a relation into a claim attacks it
    order = {cid: i for i, cid in enumerate(amap.claims)}

    def ranking(scores: dict[str, float]) -> list[dict[str, Any]]:
        ranked = sorted((c for c in scores if scores[c] > 0), key=lambda c: (-scores[c], order[c]))
        return [{"id": c, "score": round(scores[c], 6)} for c in ranked[:top]]

    return {
        "title": amap.text(amap.title) if amap.title else None,
        "files": list(amap.files),
        "claims": len(amap.claims),
        "claims_by_kind": kinds,
        "relations": len(amap.relations),
        "relations_by_type": types,
        "linked_arguments": linked,
        "actors": len(amap.actors),
        "sources": len(amap.sources),
        "issues": len(amap.issues),
        "tags": len(amap.all_tags()),
        "most_supported": ranking(support),
        "most_attacked": ranking(attack),
        "most_central": ranking(centrality(amap)),
    }
