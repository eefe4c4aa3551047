"""Questions a map answers: who supports or opposes a claim, how two claims are linked, search.

Functions that walk relations take the map's claim graph (:func:`argmap.graph.claim_graph`) or
the map itself, and return plain dataclasses; nothing here prints.

>>> from argmap.load import load_map
>>> amap = load_map("tests/data/tiny.yaml")
>>> [f.id for f in bearers(amap, "x", stance=1, depth=None)]
['a', 'c']
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from argmap.errors import NotFoundError
from argmap.graph import Step, claim_graph, steps_from, steps_into
from argmap.model import ArgumentMap
from argmap.suggest import close_matches

if TYPE_CHECKING:
    import networkx as nx

    Graph = ArgumentMap | nx.MultiDiGraph

__all__ = [
    "Found",
    "Step",
    "bearers",
    "consequences",
    "direct",
    "find_claims",
    "normalize",
    "paths",
    "resolve_by_match",
    "resolve_claim",
]


@dataclass(frozen=True)
class Found:
    """A claim that bears on the queried claim, with the chain that links them."""

    id: str
    depth: int
    stance: int  # +1: the chain supports the queried claim; -1: it opposes it
    steps: tuple[Step, ...]

    @property
    def path(self) -> list[str]:
        """Claim ids from the found claim to the queried one."""
        return [self.id, *(s.target for s in self.steps)]


def normalize(text: str) -> str:
    """Case- and width-insensitive form for searching (full-width ＡＩ matches ai)."""
    return unicodedata.normalize("NFKC", text).casefold()


def resolve_claim(amap: ArgumentMap, name: str) -> str:
    """The claim id ``name`` stands for: an id, or a unique prefix of one.

    Raises NotFoundError with close ids as suggestions otherwise.
    """
    if name in amap.claims:
        return name
    ids = list(amap.claims)
    prefixed = [cid for cid in ids if cid.startswith(name)]
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise NotFoundError(f"'{name}' is the start of several claims", prefixed[:8])
    close = close_matches(name, ids)
    if not close:
        close = [cid for cid in ids if normalize(name) in normalize(cid)][:3]
    raise NotFoundError(f"no claim '{name}'", close)


def resolve_by_match(amap: ArgumentMap, text: str) -> str:
    """The one claim whose text matches ``text``; several or none is an error."""
    hits = find_claims(amap, text)
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise NotFoundError(f"no claim's text matches '{text}'")
    raise NotFoundError(f"{len(hits)} claims match '{text}'; be more precise", hits[:8])


def find_claims(amap: ArgumentMap, text: str) -> list[str]:
    """Ids of claims whose id, text or quote (in any language) contains ``text``.

    Every word of ``text`` must occur; ids matching exactly come first, then the map's order.
    """
    words = normalize(text).split()
    if not words:
        return []
    exact: list[str] = []
    hits: list[str] = []
    for cid, claim in amap.claims.items():
        haystack = normalize(" ".join([cid, *claim.text.values(), *claim.quote.values()]))
        if all(w in haystack for w in words):
            (exact if normalize(cid) == normalize(text) else hits).append(cid)
    return exact + hits


def bearers(g: Graph, claim: str, stance: int | None = None, depth: int | None = 1) -> list[Found]:
    """Claims that bear on ``claim`` within ``depth`` steps (None: any depth).

    Each claim is reported once per net stance, at its shortest chain; ``stance`` = +1 keeps
    supporters, -1 opposers, None both. The net stance of a chain is the product of its steps'
    stances: what opposes an opposer supports. Breadth-first (networkx's ``bfs_edges``) over
    the claims paired with a net stance, in the map's order.
    """
    import networkx as nx

    signed = _signed_bearers(claim_graph(g), claim)
    chains: dict[tuple[str, int], tuple[Step, ...]] = {(claim, 1): ()}
    found: list[Found] = []
    for parent, state in nx.bfs_edges(signed, (claim, 1), depth_limit=depth):
        chain = (signed.edges[parent, state]["step"], *chains[parent])
        chains[state] = chain
        found.append(Found(state[0], len(chain), state[1], chain))
    if stance is not None:
        found = [f for f in found if f.stance == stance]
    return found


def _signed_bearers(g: nx.MultiDiGraph, claim: str) -> nx.DiGraph:
    """Edges ``(t, s) → (p, s·stance)`` for each step ``p → t``: a walk from ``(claim, +1)``
    meets every claim bearing on ``claim`` with the net stance of the chain. The first step
    between two states (in the map's order) is kept; ``claim`` itself is never a bearer."""
    import networkx as nx

    signed = nx.DiGraph()
    signed.add_node((claim, 1))
    for node in g:
        for step in steps_into(g, node):
            if step.source == claim:
                continue
            for sign in (1, -1):
                edge = ((node, sign), (step.source, sign * step.stance))
                if not signed.has_edge(*edge):
                    signed.add_edge(*edge, step=step)
    return signed


def paths(
    g: Graph, source: str, target: str, cutoff: int | None = None, limit: int = 1000
) -> list[Found]:
    """Every simple chain of relations from ``source`` to ``target`` with its net stance.

    Shortest first, then in the map's order; at most ``limit`` chains (networkx's
    ``all_simple_edge_paths``; chains from a claim back to itself when both are the same).
    """
    import networkx as nx

    g = claim_graph(g)
    if source != target:
        walks = nx.all_simple_edge_paths(g, source, target, cutoff=cutoff)
    else:
        walks = _cycles_through(g, source, cutoff)
    result = []
    for walk in islice(walks, limit):
        steps = tuple(_edge_step(g, edge) for edge in walk)
        net = 1
        for s in steps:
            net *= s.stance
        result.append(Found(source, len(steps), net, steps))
    result.sort(key=lambda f: f.depth)
    return result


def _cycles_through(g: nx.MultiDiGraph, claim: str, cutoff: int | None):
    """Simple cycles from ``claim`` back to it, as edge paths."""
    import networkx as nx

    if cutoff is not None and cutoff < 1:
        return
    for edge in g.out_edges(claim, keys=True):
        if edge[1] == claim:
            yield [edge]
            continue
        rest = None if cutoff is None else cutoff - 1
        for walk in nx.all_simple_edge_paths(g, edge[1], claim, cutoff=rest):
            yield [edge, *walk]


def _edge_step(g: nx.MultiDiGraph, edge: tuple[str, str, str]) -> Step:
    u, v, key = edge
    d = g.edges[u, v, key]
    return Step(u, v, d["relation"], d["type"], d["stance"], d["linked"])


def direct(g: Graph, claim: str) -> tuple[list[Step], list[Step]]:
    """The relations bearing directly on ``claim``: (supporting steps, opposing steps)."""
    steps = steps_into(claim_graph(g), claim)
    return [s for s in steps if s.stance > 0], [s for s in steps if s.stance < 0]


def consequences(g: Graph, claim: str) -> list[Step]:
    """The relations by which ``claim`` bears on other claims."""
    return steps_from(claim_graph(g), claim)
