"""Questions a map answers: who supports or opposes a claim, how two claims are linked, search.

Functions take the map (and, where a graph helps, the claim projection from
:func:`argmap.graph.claim_graph`) and return plain dataclasses; nothing here prints.

>>> from argmap.load import load_map
>>> from argmap.graph import claim_graph
>>> amap = load_map("tests/data/tiny.yaml")
>>> [f.id for f in bearers(claim_graph(amap), "x", stance=1, depth=None)]
['a', 'c']
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.errors import NotFoundError
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class Step:
    """One relation on a path: ``source`` bears on ``target`` through relation ``relation``."""

    source: str
    target: str
    relation: str
    type: str
    stance: int
    linked: tuple[str, ...] = ()


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
    close = difflib.get_close_matches(name, ids, n=3, cutoff=0.5)
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


def _in_edges(g: nx.MultiDiGraph, node: str) -> list[Step]:
    return [
        Step(src, dst, data["relation"], data["type"], data["stance"], data["linked"])
        for src, dst, data in g.in_edges(node, data=True)
    ]


def bearers(
    g: nx.MultiDiGraph, claim: str, stance: int | None = None, depth: int | None = 1
) -> list[Found]:
    """Claims that bear on ``claim`` within ``depth`` steps (None: any depth).

    Each claim is reported once per net stance, at its shortest chain; ``stance`` = +1 keeps
    supporters, -1 opposers, None both. The net stance of a chain is the product of its steps'
    stances: what opposes an opposer supports. Breadth-first, in the map's order.
    """
    found: list[Found] = []
    seen: set[tuple[str, int]] = {(claim, 1)}
    queue: deque[tuple[str, int, tuple[Step, ...]]] = deque([(claim, 1, ())])
    while queue:
        node, node_stance, steps = queue.popleft()
        if depth is not None and len(steps) >= depth:
            continue
        for step in _in_edges(g, node):
            net = node_stance * step.stance
            state = (step.source, net)
            if state in seen or step.source == claim:
                continue
            seen.add(state)
            chain = (step, *steps)
            found.append(Found(step.source, len(chain), net, chain))
            queue.append((step.source, net, chain))
    if stance is not None:
        found = [f for f in found if f.stance == stance]
    return found


def paths(
    g: nx.MultiDiGraph, source: str, target: str, cutoff: int | None = None, limit: int = 1000
) -> list[Found]:
    """Every simple chain of relations from ``source`` to ``target`` with its net stance.

    Shortest first, then in the map's order; at most ``limit`` chains.
    """
    result: list[Found] = []
    out_steps: dict[str, list[Step]] = {}

    def steps_from(node: str) -> list[Step]:
        if node not in out_steps:
            out_steps[node] = [
                Step(src, dst, data["relation"], data["type"], data["stance"], data["linked"])
                for src, dst, data in g.out_edges(node, data=True)
            ]
        return out_steps[node]

    stack: list[tuple[str, tuple[Step, ...], frozenset[str]]] = [(source, (), frozenset([source]))]
    while stack and len(result) < limit:
        node, chain, visited = stack.pop()
        if cutoff is not None and len(chain) >= cutoff:
            continue
        for step in reversed(steps_from(node)):
            if step.target == target:
                full = (*chain, step)
                net = 1
                for s in full:
                    net *= s.stance
                result.append(Found(source, len(full), net, full))
            elif step.target not in visited:
                stack.append((step.target, (*chain, step), visited | {step.target}))
    result.sort(key=lambda f: f.depth)
    return result[:limit]


def direct(g: nx.MultiDiGraph, claim: str) -> tuple[list[Step], list[Step]]:
    """The relations bearing directly on ``claim``: (supporting steps, opposing steps)."""
    steps = _in_edges(g, claim)
    return [s for s in steps if s.stance > 0], [s for s in steps if s.stance < 0]


def consequences(g: nx.MultiDiGraph, claim: str) -> list[Step]:
    """The relations by which ``claim`` bears on other claims."""
    return [
        Step(src, dst, data["relation"], data["type"], data["stance"], data["linked"])
        for src, dst, data in g.out_edges(claim, data=True)
    ]
