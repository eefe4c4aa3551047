"""Structural findings about a valid map: what a careful reviewer would point out.

Each finding is a :class:`~argmap.errors.Diagnostic` with a location, a level and a code.

======================  =======  ==========================================================
code                    level    meaning
======================  =======  ==========================================================
circular-support        error    claims support each other in a cycle (begging the question)
unsupported-conclusion  warning  a claim others attack, or a position, that nothing supports
unsourced-fact          warning  a factual claim with no source
no-actor                warning  a claim nobody is recorded as asserting
isolated-claim          warning  a claim with no relation and no issue
empty-issue             warning  an issue no claim answers
unargued-position       warning  a position with no actor and no supporting claim
one-way-opposition      warning  of two positions of an issue, one opposes the other only
self-attack             warning  a claim opposes itself (only maps with allow_self_attacks)
======================  =======  ==========================================================
"""

from __future__ import annotations

from argmap.errors import Diagnostic
from argmap.model import ArgumentMap

CODES = {
    "circular-support": "error",
    "unsupported-conclusion": "warning",
    "unsourced-fact": "warning",
    "no-actor": "warning",
    "isolated-claim": "warning",
    "empty-issue": "warning",
    "unargued-position": "warning",
    "one-way-opposition": "warning",
    "self-attack": "warning",
}


def _finding(code: str, message: str, loc, hint: str | None = None) -> Diagnostic:
    return Diagnostic(message, loc, hint, level=CODES[code], code=code)


def support_cycles(amap: ArgumentMap) -> list[list[str]]:
    """Groups of claims that support each other in a circle, one shortest cycle per group.

    The groups are networkx's strongly connected components of the support edges; each cycle
    starts and ends at the group's first claim in map order, and the cycles come in that order.
    """
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(amap.claims)
    for rel in amap.relations:
        if rel.type == "supports":
            g.add_edges_from((p, rel.target) for p in rel.premises)
    order = {cid: i for i, cid in enumerate(amap.claims)}
    groups = [c for c in nx.strongly_connected_components(g) if len(c) > 1]
    starts = [(min(c, key=order.__getitem__), c) for c in groups]
    cycles: list[list[str]] = []
    for start, members in sorted(starts, key=lambda item: order[item[0]]):
        reach = nx.single_source_shortest_path(g.subgraph(members), start)
        last = next(node for node in reach if g.has_edge(node, start))  # nearest first
        cycles.append([*reach[last], start])
    return cycles


def lint(amap: ArgumentMap) -> list[Diagnostic]:
    """Every finding about ``amap``, in file order (errors and warnings mixed)."""
    findings: list[Diagnostic] = []
    for cycle in support_cycles(amap):
        findings.append(
            _finding(
                "circular-support",
                "circular support: " + " → ".join(cycle),
                amap.claims[cycle[0]].loc,
                "a claim cannot support itself through others; break one link",
            )
        )
    supported: set[str] = set()
    targeted: set[str] = set()
    related: set[str] = set()
    for rel in amap.relations:
        related.update(rel.premises)
        if rel.type == "undercuts":
            continue
        related.add(rel.target)
        targeted.add(rel.target)
        if rel.type == "supports":
            supported.add(rel.target)
    for rel in amap.relations:  # an undercut bears on the claim its target relation reaches
        if rel.type == "undercuts":
            related.add(rel.target)
    answered = {c.answers for c in amap.claims.values() if c.answers}
    for cid, claim in amap.claims.items():
        is_position = claim.answers is not None
        if (cid in targeted or is_position) and cid not in supported:
            findings.append(
                _finding(
                    "unsupported-conclusion",
                    f"claim '{cid}' is "
                    + ("a position" if is_position else "attacked")
                    + " but nothing supports it",
                    claim.loc,
                    "add the reasons given for it, or note that none were given",
                )
            )
        if claim.kind == "fact" and not claim.source:
            findings.append(
                _finding(
                    "unsourced-fact",
                    f"factual claim '{cid}' has no source",
                    claim.loc,
                    "add 'source:'",
                )
            )
        if not claim.by:
            findings.append(
                _finding("no-actor", f"claim '{cid}' has no actor", claim.loc, "add 'by:'")
            )
        if cid not in related and not is_position:
            findings.append(
                _finding(
                    "isolated-claim",
                    f"claim '{cid}' has no relation to any other claim",
                    claim.loc,
                    "relate it with supports/opposes, or make it answer an issue",
                )
            )
        if is_position and not claim.by and cid not in supported:
            findings.append(
                _finding(
                    "unargued-position",
                    f"position '{cid}' has no actor and no supporting claim",
                    claim.loc,
                )
            )
    opposed = {
        (p, rel.target) for rel in amap.relations if rel.type == "opposes" for p in rel.premises
    }
    for rel in amap.relations:
        if rel.type != "opposes" or rel.linked:
            continue
        a, b = rel.premises[0], rel.target
        issue = amap.claims[a].answers
        if issue is not None and issue == amap.claims[b].answers and (b, a) not in opposed:
            findings.append(
                _finding(
                    "one-way-opposition",
                    f"positions '{a}' and '{b}' of issue '{issue}': '{a}' opposes '{b}' "
                    "but not the other way",
                    rel.loc or amap.claims[a].loc,
                    f"if they contradict each other, add 'opposes: {a}' to '{b}'",
                )
            )
    for rel in amap.self_attacks():
        findings.append(
            _finding(
                "self-attack",
                f"claim '{rel.target}' opposes itself",
                rel.loc or amap.claims[rel.target].loc,
                "no extension under admissible semantics can accept it",
            )
        )
    for iid, issue in amap.issues.items():
        if iid not in answered:
            findings.append(
                _finding(
                    "empty-issue",
                    f"issue '{iid}' has no positions",
                    issue.loc,
                    "add 'answers: " + iid + "' to the claims that answer it",
                )
            )
    findings.sort(key=Diagnostic.sort_key)
    return findings
