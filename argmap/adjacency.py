"""The claim-to-claim projection as adjacency lists, built without networkx.

:class:`Adjacency` answers what the queries ask of :func:`argmap.graph.claim_graph` — the steps
into and out of a claim, its predecessors and successors — with the same edges in the same order,
but indexes the relations in one pass and makes a claim's :class:`Step` objects only when that
claim is visited. A query on a big map so costs neither networkx's import nor a graph of every
edge: `supporters` on 32,000 claims looks at a few hundred of them.

>>> from argmap.load import load_map
>>> adj = Adjacency(load_map("tests/data/tiny.yaml"))
>>> [(s.source, s.relation, s.stance) for s in adj.steps_into("x")]
[('a', 'a+>x', 1), ('a', 'r1', 1), ('b', 'b->x', -1), ('c', 'r1', 1)]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from argmap.gcpause import paused
from argmap.model import ArgumentMap, Relation

__all__ = ["STANCE", "Adjacency", "Step", "bearing_claim", "relation_stance"]

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
    Pass ``by_id`` (``amap.relations_by_id()``) when calling this for many relations.
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


class Adjacency:
    """Steps between claims: one per premise of every relation, an undercut counting as a step
    to the claim its relation bears on with the opposite stance (see :mod:`argmap.graph`).

    Steps into a claim are grouped by source in order of the source's first relation to it, then
    in the map's order — the order networkx's ``MultiDiGraph.in_edges`` gives, so answers do not
    depend on which of the two a query used. (On any map the loader accepts: a hand-built
    relation that names one premise twice gives two steps here, one edge there.)
    """

    __slots__ = ("_by_id", "_into", "_made_in", "_made_out", "_out", "amap")

    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self._by_id = amap.relations_by_id()
        self._made_in: dict[str, list[Step]] = {}
        self._made_out: dict[str, list[Step]] = {}
        self._out: dict[str, dict[str, list[Relation]]] | None = None  # made when first asked
        with paused():  # a dict and lists per claim, no cycles
            self._into = self._index(into=True)

    def _index(self, into: bool) -> dict[str, dict[str, list[Relation]]]:
        """claim -> other claim -> the relations through which the other bears on the claim
        (``into``) or the claim bears on the other, each level in the map's order."""
        index: dict[str, dict[str, list[Relation]]] = {}
        amap, by_id = self.amap, self._by_id
        for rel in amap.relations:
            target = rel.target if rel.type != "undercuts" else bearing_claim(amap, rel, by_id)
            if target is None:
                continue
            if into:
                sources = index.get(target)
                if sources is None:
                    sources = index[target] = {}
                for premise in rel.premises:
                    rels = sources.get(premise)
                    if rels is None:
                        sources[premise] = [rel]
                    else:
                        rels.append(rel)
                continue
            for premise in rel.premises:
                targets = index.get(premise)
                if targets is None:
                    index[premise] = {target: [rel]}
                elif target in targets:
                    targets[target].append(rel)
                else:
                    targets[target] = [rel]
        return index

    def _out_index(self) -> dict[str, dict[str, list[Relation]]]:
        if self._out is None:
            with paused():
                self._out = self._index(into=False)
        return self._out

    def _step(self, source: str, target: str, rel: Relation) -> Step:
        if rel.type == "undercuts":
            stance = relation_stance(self.amap, rel, self._by_id)
        else:
            stance = STANCE[rel.type]
        linked = tuple(p for p in rel.premises if p != source) if len(rel.premises) > 1 else ()
        return Step(source, target, rel.id, rel.type, stance, linked)

    def steps_into(self, claim: str) -> list[Step]:
        """The steps whose target is ``claim`` (a list owned by this object: do not change it)."""
        steps = self._made_in.get(claim)
        if steps is None:
            steps = self._made_in[claim] = self._steps(claim, self._into, into=True)
        return steps

    def steps_from(self, claim: str) -> list[Step]:
        """The steps whose source is ``claim``, grouped by target (do not change the list)."""
        steps = self._made_out.get(claim)
        if steps is None:
            steps = self._made_out[claim] = self._steps(claim, self._out_index(), into=False)
        return steps

    def _steps(
        self, claim: str, index: dict[str, dict[str, list[Relation]]], into: bool
    ) -> list[Step]:
        return [
            self._step(other, claim, rel) if into else self._step(claim, other, rel)
            for other, rels in index.get(claim, {}).items()
            for rel in rels
        ]

    def predecessors(self, claim: str) -> Iterator[str]:
        """Claims with a step into ``claim``, each once."""
        return iter(self._into.get(claim, ()))

    def successors(self, claim: str) -> Iterator[str]:
        """Claims ``claim`` has a step into, each once."""
        return iter(self._out_index().get(claim, ()))
