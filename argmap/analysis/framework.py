"""Dung argumentation frameworks, and the translation of an argument map into one.

A :class:`Framework` keeps its arguments as a tuple of names and its attacks as two parallel
integer arrays (attacker, attacked), so a framework of a million arguments and three million
attacks costs tens of megabytes, not gigabytes. Adjacency lists are built on first use.

:func:`map_to_framework` reads a map as a bipolar framework (Cayrol & Lagasquie-Schiex) and
flattens it into a Dung framework. The reading is documented in ``docs/evaluation.md``:

* every claim is an argument; a relation becomes an argument of its own when it is *linked*
  (several premises) or *undercut*, and it then needs each of its premises;
* ``opposes`` is an attack (carried by the relation's argument when it has one);
* ``undercuts`` attacks the argument of the relation it targets;
* ``supports`` is read as *necessary* support (default: the target needs its supporter) or as
  *deductive* support (accepting the supporter forces the target);
* attacks are then closed under the resulting "accepting x commits to y" relation ``I``:
  x attacks y iff x I* z, z attacks w and y I* w (support cycles condensed first).

>>> fw = Framework.from_pairs(["a", "b"], [("a", "b")])
>>> fw.attacks
[('a', 'b')]
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import repeat

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Relation

__all__ = [
    "SUPPORT_READINGS",
    "Framework",
    "MapFramework",
    "bit_members",
    "claim_statuses",
    "components_in_order",
    "map_to_framework",
]

SUPPORT_READINGS = ("necessary", "deductive")


def _int_array(values: Iterable[int] = ()) -> array:
    return array("i", values)


@dataclass(frozen=True)
class Framework:
    """An abstract argumentation framework ⟨A, R⟩.

    ``arguments`` are unique names in a fixed order; attack ``k`` is
    ``(sources[k], targets[k])`` as indices into ``arguments``. ``supports`` are a bipolar
    framework's (supporter, supported) index pairs, as ASPARTIX's ``support(a,b).`` gives them:
    the Dung semantics here ignore them; read as a map (``framework_to_map``), they become
    ``supports`` relations, flattened like any map's.
    """

    arguments: tuple[str, ...]
    sources: array = field(default_factory=_int_array)
    targets: array = field(default_factory=_int_array)
    supports: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        if len(self.sources) != len(self.targets):
            raise ValueError("sources and targets differ in length")

    @classmethod
    def from_pairs(cls, arguments: Sequence[str], attacks: Iterable[tuple[str, str]]) -> Framework:
        """A framework from argument names and (attacker, attacked) name pairs."""
        names = tuple(arguments)
        index = {name: i for i, name in enumerate(names)}
        if len(index) != len(names):
            raise ValueError("argument names must be unique")
        src, dst = _int_array(), _int_array()
        for a, b in attacks:
            try:
                src.append(index[a])
                dst.append(index[b])
            except KeyError as exc:
                raise ValueError(f"attack names unknown argument {exc.args[0]!r}") from None
        return cls(names, src, dst)

    @classmethod
    def from_indices(
        cls, arguments: Sequence[str], attacks: Iterable[tuple[int, int]]
    ) -> Framework:
        """A framework from argument names and (attacker, attacked) index pairs."""
        names = tuple(arguments)
        n = len(names)
        src, dst = _int_array(), _int_array()
        for a, b in attacks:
            if not (0 <= a < n and 0 <= b < n):
                raise ValueError(f"attack ({a}, {b}) is out of range")
            src.append(a)
            dst.append(b)
        return cls(names, src, dst)

    def __len__(self) -> int:
        return len(self.arguments)

    @property
    def attack_count(self) -> int:
        return len(self.sources)

    def pairs(self) -> Iterator[tuple[int, int]]:
        """Attacks as (attacker, attacked) index pairs, in stored order."""
        return zip(self.sources, self.targets, strict=True)

    @property
    def attacks(self) -> list[tuple[str, str]]:
        """Attacks as (attacker, attacked) name pairs, in stored order."""
        names = self.arguments
        return [(names[a], names[b]) for a, b in self.pairs()]

    @cached_property
    def index(self) -> dict[str, int]:
        """Argument name -> position."""
        return {name: i for i, name in enumerate(self.arguments)}

    @cached_property
    def successors(self) -> list[list[int]]:
        """For each argument, the arguments it attacks (with repeats if an attack repeats)."""
        succ: list[list[int]] = [[] for _ in range(len(self.arguments))]
        for a, b in zip(self.sources, self.targets, strict=True):
            succ[a].append(b)
        return succ

    @cached_property
    def predecessors(self) -> list[list[int]]:
        """For each argument, the arguments attacking it."""
        pred: list[list[int]] = [[] for _ in range(len(self.arguments))]
        for a, b in zip(self.sources, self.targets, strict=True):
            pred[b].append(a)
        return pred

    def with_attacks(
        self, attacks: Iterable[tuple[int, int]], extra: Sequence[str] = ()
    ) -> Framework:
        """A new framework with these attacks and ``extra`` arguments appended."""
        return Framework.from_indices((*self.arguments, *extra), attacks)


def components_in_order(n: int, succ: Sequence[Sequence[int]]) -> list[list[int]]:
    """The strongly connected components of the graph ``succ`` on nodes ``0..n-1``
    (networkx's), sinks first: no edge leads to a later component. Members ascend by index.
    """
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from((v, w) for v in range(n) for w in succ[v])
    dag = nx.condensation(g)
    members = dag.graph["mapping"]
    comps: list[list[int]] = [[] for _ in range(len(dag))]
    for v in range(n):
        comps[members[v]].append(v)
    first = [c[0] for c in comps]  # ties broken by the smallest member: deterministic
    order = nx.lexicographical_topological_sort(dag, key=first.__getitem__)
    return [comps[c] for c in reversed(list(order))]


def _reach(n: int, edges: Iterable[tuple[int, int]]) -> list[tuple[int, ...]]:
    """For every node, the nodes reachable from it (itself included), ascending.

    Computed once per strongly connected component on the condensation, sinks first, and shared
    by the component's members. Sparse: a node reaching k nodes costs O(k) wherever they lie
    (a bitset costs its highest index); only long support chains make the total quadratic.
    """
    succ: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        succ[a].append(b)
    out: list[tuple[int, ...]] = [()] * n  # () until done: a reach holds its node at least
    for members in components_in_order(n, succ):
        # successors in earlier components are done; those in this one are still ()
        if len(members) == 1:
            v = members[0]
            after = succ[v]
            if not after:
                out[v] = (v,)
                continue
            if len(after) == 1 and (only := out[after[0]]):
                out[v] = tuple(sorted((v, *only)))
                continue
        acc = set(members)
        for v in members:
            for w in succ[v]:
                acc.update(out[w])
        shared = tuple(sorted(acc))
        for v in members:
            out[v] = shared
    return out


def bit_members(bits: int) -> list[int]:
    """The positions of the set bits of ``bits``, ascending."""
    out = []
    while bits:
        low = bits & -bits
        out.append(low.bit_length() - 1)
        bits ^= low
    return out


@dataclass(frozen=True)
class MapFramework:
    """A map read as a Dung framework, with the way back to claims and relations.

    ``kinds[i]`` is ``"claim"`` or ``"relation"``; ``arguments`` of the framework are claim ids
    and relation ids. ``direct`` holds the attacks the map states; the rest were derived from
    supports. ``implications`` are the pairs ``(x, y)``: accepting ``x`` commits to ``y``.
    :attr:`commits` and :attr:`committed` close them transitively, on first use.
    """

    framework: Framework
    support: str
    kinds: tuple[str, ...]
    direct: frozenset[tuple[int, int]]
    implications: tuple[tuple[int, int], ...]

    @property
    def arguments(self) -> tuple[str, ...]:
        return self.framework.arguments

    @cached_property
    def commits(self) -> tuple[tuple[int, ...], ...]:
        """``commits[i]``: the arguments accepting ``i`` commits to (``i`` included), ascending.

        Computed on first use; the members of a support cycle share one tuple.
        """
        return tuple(_reach(len(self.arguments), self.implications))

    @cached_property
    def committed(self) -> tuple[tuple[int, ...], ...]:
        """``committed[i]``: the arguments that commit to ``i`` (``i`` included), ascending."""
        return tuple(_reach(len(self.arguments), [(b, a) for a, b in self.implications]))

    def claims(self) -> list[str]:
        """The claim arguments, in map order."""
        return [a for a, k in zip(self.arguments, self.kinds, strict=True) if k == "claim"]

    def relations(self) -> list[str]:
        """The relations that became arguments (linked or undercut), in map order."""
        return [a for a, k in zip(self.arguments, self.kinds, strict=True) if k == "relation"]

    def commitments(self, name: str) -> list[str]:
        """What accepting ``name`` commits to, itself first, then in framework order."""
        i = self.framework.index[name]
        return [name, *(self.arguments[j] for j in self.commits[i] if j != i)]

    def dependants(self, name: str) -> list[str]:
        """The arguments that commit to ``name``, itself first."""
        i = self.framework.index[name]
        return [name, *(self.arguments[j] for j in self.committed[i] if j != i)]

    def is_derived(self, attacker: str, attacked: str) -> bool:
        """Whether this attack was derived from supports rather than stated in the map."""
        idx = self.framework.index
        return (idx[attacker], idx[attacked]) not in self.direct


def _materialised(amap: ArgumentMap) -> list[Relation]:
    undercut = {rel.target for rel in amap.relations if rel.type == "undercuts"}
    return [rel for rel in amap.relations if len(rel.premises) > 1 or rel.id in undercut]


def map_to_framework(amap: ArgumentMap, support: str = "necessary") -> MapFramework:
    """Flatten ``amap`` into a Dung framework under the given reading of support.

    ``support="necessary"``: a supported claim needs its supporter (Nouioua & Risch; attacks on
    a supporter reach what it supports: secondary and extended attacks).
    ``support="deductive"``: accepting a supporter forces what it supports (Boella et al.;
    supported and mediated attacks). Either way a relation that became an argument needs its
    premises.

    >>> from argmap.model import ArgumentMap, Claim, Relation, Text
    >>> amap = ArgumentMap(claims={c: Claim(c, Text.of(c)) for c in "xab"},
    ...     relations=(Relation("a+>x", ("a",), "x", "supports"),
    ...                Relation("b->a", ("b",), "a", "opposes")))
    >>> map_to_framework(amap).framework.attacks
    [('b', 'x'), ('b', 'a')]
    """
    if support not in SUPPORT_READINGS:
        raise ArgmapError(
            f"unknown support reading '{support}' (use {' or '.join(SUPPORT_READINGS)})"
        )
    names = list(amap.claims)
    kinds = ["claim"] * len(names)
    materialised = _materialised(amap)
    for rel in materialised:
        names.append(rel.id)
        kinds.append("relation")
    index = {name: i for i, name in enumerate(names)}
    n = len(names)

    base: dict[tuple[int, int], None] = {}
    implies: dict[tuple[int, int], None] = {}
    deductive = support == "deductive"
    for rel in amap.relations:
        carrier = index.get(rel.id)
        if carrier is not None:
            for p in rel.premises:
                implies[(carrier, index[p])] = None  # the inference needs each premise
        else:
            carrier = index[rel.premises[0]]
        target = index[rel.target]
        if rel.type == "supports":
            if carrier != target:
                implies[(carrier, target) if deductive else (target, carrier)] = None
        else:  # opposes a claim, undercuts a relation's argument
            base[(carrier, target)] = None

    # x attacks y iff x I* z, z attacks w and y I* w: x attacks the dependants of what the
    # arguments x depends on attack. Only the dependants (committed) are needed here.
    committed = _reach(n, [(b, a) for a, b in implies])
    against: dict[int, set[int]] = {}  # z -> the dependants of what z attacks
    for z, w in base:
        hit = against.get(z)
        if hit is None:
            against[z] = set(committed[w])
        else:
            hit.update(committed[w])
    attacked: list[set[int] | None] = [None] * n  # x -> what x attacks
    for z, hit in against.items():
        for x in committed[z]:
            mine = attacked[x]
            if mine is None:
                attacked[x] = set(hit)
            else:
                mine |= hit
    del committed, against
    sources, targets = _int_array(), _int_array()
    for x, mine in enumerate(attacked):  # sorted by attacker, then by attacked
        if mine is not None:
            targets.extend(sorted(mine))
            sources.extend(repeat(x, len(mine)))
    del attacked
    return MapFramework(
        framework=Framework(tuple(names), sources, targets),
        support=support,
        kinds=tuple(kinds),
        direct=frozenset(base),
        implications=tuple(implies),
    )


def claim_statuses(mfw: MapFramework, labels: dict[str, str]) -> dict[str, str]:
    """Restrict an argument labelling to the map's claims, in map order."""
    return {c: labels[c] for c in mfw.claims()}
