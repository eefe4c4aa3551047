"""Questions a map answers: who supports or opposes a claim, how two claims are linked, search.

Functions take the map (and, where they walk relations, its claim-to-claim
:class:`~argmap.adjacency.Adjacency`) and return plain dataclasses; nothing here prints.

>>> from argmap.load import load_map
>>> amap = load_map("tests/data/tiny.yaml")
>>> [f.id for f in bearers(Adjacency(amap), "x", stance=1, depth=None)]
['a', 'c']
"""

from __future__ import annotations

import unicodedata
from collections import deque
from dataclasses import dataclass

from argmap.adjacency import Adjacency, Step
from argmap.errors import NotFoundError
from argmap.gcpause import paused
from argmap.model import ArgumentMap

__all__ = [
    "Adjacency",
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
    import difflib  # only for a name that is not there

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


def bearers(
    g: Adjacency, claim: str, stance: int | None = None, depth: int | None = 1
) -> list[Found]:
    """Claims that bear on ``claim`` within ``depth`` steps (None: any depth).

    Each claim is reported once per net stance, at its shortest chain; ``stance`` = +1 keeps
    supporters, -1 opposers, None both. The net stance of a chain is the product of its steps'
    stances: what opposes an opposer supports. Breadth-first, in the map's order.
    """
    with paused():  # many small objects and no cycles
        found = _bearers(g, claim, depth)
    if stance is not None:
        found = [f for f in found if f.stance == stance]
    return found


def _bearers(g: Adjacency, claim: str, depth: int | None) -> list[Found]:
    found: list[Found] = []
    seen: set[tuple[str, int]] = {(claim, 1)}
    queue: deque[tuple[str, int, tuple[Step, ...]]] = deque([(claim, 1, ())])
    while queue:
        node, node_stance, steps = queue.popleft()
        if depth is not None and len(steps) >= depth:
            continue
        for step in g.steps_into(node):
            net = node_stance * step.stance
            state = (step.source, net)
            if state in seen or step.source == claim:
                continue
            seen.add(state)
            chain = (step, *steps)
            found.append(Found(step.source, len(chain), net, chain))
            queue.append((step.source, net, chain))
    return found


def paths(
    g: Adjacency, source: str, target: str, cutoff: int | None = None, limit: int = 1000
) -> list[Found]:
    """Every simple chain of relations from ``source`` to ``target`` with its net stance.

    Shortest first, then in the map's order; at most ``limit`` chains.
    """
    result: list[Found] = []
    stack: list[tuple[str, tuple[Step, ...], frozenset[str]]] = [(source, (), frozenset([source]))]
    while stack and len(result) < limit:
        node, chain, visited = stack.pop()
        if cutoff is not None and len(chain) >= cutoff:
            continue
        for step in reversed(g.steps_from(node)):
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


def direct(g: Adjacency, claim: str) -> tuple[list[Step], list[Step]]:
    """The relations bearing directly on ``claim``: (supporting steps, opposing steps)."""
    steps = g.steps_into(claim)
    return [s for s in steps if s.stance > 0], [s for s in steps if s.stance < 0]


def consequences(g: Adjacency, claim: str) -> list[Step]:
    """The relations by which ``claim`` bears on other claims."""
    return list(g.steps_from(claim))
