"""Counts and rankings that summarise a map."""

from __future__ import annotations

from typing import Any

from argmap.model import CLAIM_KINDS, RELATION_TYPES, ArgumentMap


def pagerank(amap: ArgumentMap, damping: float = 0.85, iterations: int = 100) -> dict[str, float]:
    """PageRank over premise → conclusion edges: claims that many chains lead to rank high.

    Plain power iteration (no scipy), deterministic, tolerance 1e-10.
    """
    nodes = list(amap.claims)
    n = len(nodes)
    if n == 0:
        return {}
    out: dict[str, list[str]] = {cid: [] for cid in nodes}
    for rel in amap.relations:
        target = rel.target if rel.target in amap.claims else None
        if target is None:
            continue
        for premise in rel.premises:
            out[premise].append(target)
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(iterations):
        dangling = sum(rank[c] for c in nodes if not out[c])
        new = dict.fromkeys(nodes, (1.0 - damping) / n + damping * dangling / n)
        for c in nodes:
            if out[c]:
                share = damping * rank[c] / len(out[c])
                for t in out[c]:
                    new[t] += share
        delta = sum(abs(new[c] - rank[c]) for c in nodes)
        rank = new
        if delta < 1e-10:
            break
    return rank


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
        "most_central": ranking(pagerank(amap)),
    }
