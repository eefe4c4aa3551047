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

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Relation

__all__ = [
    "SUPPORT_READINGS",
    "Framework",
    "MapFramework",
    "bit_members",
    "claim_statuses",
    "map_to_framework",
    "strongly_connected_components",
]

SUPPORT_READINGS = ("necessary", "deductive")


def _int_array(values: Iterable[int] = ()) -> array:
    return array("i", values)


@dataclass(frozen=True)
class Framework:
    """An abstract argumentation framework ⟨A, R⟩.

    ``arguments`` are unique names in a fixed order; attack ``k`` is
    ``(sources[k], targets[k])`` as indices into ``arguments``.
    """

    arguments: tuple[str, ...]
    sources: array = field(default_factory=_int_array)
    targets: array = field(default_factory=_int_array)

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


def strongly_connected_components(n: int, succ: Sequence[Sequence[int]]) -> list[list[int]]:
    """Tarjan's SCCs of the graph ``succ`` on nodes ``0..n-1``, iterative.

    Components come sinks first (reverse topological order); members ascend by index.
    """
    index = [-1] * n
    low = [0] * n
    on_stack = bytearray(n)
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = 1
        work = [(root, iter(succ[root]))]
        while work:
            v, it = work[-1]
            pushed = False
            for w in it:
                if index[w] < 0:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = 1
                    work.append((w, iter(succ[w])))
                    pushed = True
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            if pushed:
                continue
            work.pop()
            if work:
                u = work[-1][0]
                if low[v] < low[u]:
                    low[u] = low[v]
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack[w] = 0
                    comp.append(w)
                    if w == v:
                        break
                comp.sort()
                out.append(comp)
    return out


def _reach(n: int, edges: Iterable[tuple[int, int]]) -> list[int]:
    """For every node, the bitset of nodes reachable from it (itself included)."""
    succ: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        succ[a].append(b)
    comps = strongly_connected_components(n, succ)
    comp_of = [0] * n
    for c, members in enumerate(comps):
        for v in members:
            comp_of[v] = c
    bits = [0] * len(comps)
    for c, members in enumerate(comps):  # sinks first: successors are done already
        acc = 0
        for v in members:
            acc |= 1 << v
            for w in succ[v]:
                if comp_of[w] != c:
                    acc |= bits[comp_of[w]]
        bits[c] = acc
    return [bits[comp_of[v]] for v in range(n)]


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
    supports. ``commits[i]`` is the bitset of arguments that accepting ``i`` commits to
    (``i`` itself included); ``committed[i]`` the bitset of those that commit to ``i``.
    """

    framework: Framework
    support: str
    kinds: tuple[str, ...]
    direct: frozenset[tuple[int, int]]
    commits: tuple[int, ...]
    committed: tuple[int, ...]
    implications: tuple[tuple[int, int], ...]

    @property
    def arguments(self) -> tuple[str, ...]:
        return self.framework.arguments

    def claims(self) -> list[str]:
        """The claim arguments, in map order."""
        return [a for a, k in zip(self.arguments, self.kinds, strict=True) if k == "claim"]

    def relations(self) -> list[str]:
        """The relations that became arguments (linked or undercut), in map order."""
        return [a for a, k in zip(self.arguments, self.kinds, strict=True) if k == "relation"]

    def commitments(self, name: str) -> list[str]:
        """What accepting ``name`` commits to, itself first, then in framework order."""
        i = self.framework.index[name]
        others = [j for j in bit_members(self.commits[i]) if j != i]
        return [name, *(self.arguments[j] for j in others)]

    def dependants(self, name: str) -> list[str]:
        """The arguments that commit to ``name``, itself first."""
        i = self.framework.index[name]
        others = [j for j in bit_members(self.committed[i]) if j != i]
        return [name, *(self.arguments[j] for j in others)]

    def is_derived(self, attacker: str, attacked: str) -> bool:
        """Whether this attack was derived from supports rather than stated in the map."""
        idx = self.framework.index
        return (idx[attacker], idx[attacked]) not in self.direct


def _materialised(amap: ArgumentMap) -> list[Relation]:
    undercut = {rel.target for rel in amap.relations if rel.type == "undercuts"}
    return [rel for rel in amap.relations if rel.linked or rel.id in undercut]


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
    for rel in amap.relations:
        if rel.id in index:
            carrier = index[rel.id]
            for p in rel.premises:
                implies[(carrier, index[p])] = None  # the inference needs each premise
        else:
            carrier = index[rel.premises[0]]
        target = index[rel.target]
        if rel.type == "supports":
            pair = (carrier, target) if support == "deductive" else (target, carrier)
            if pair[0] != pair[1]:
                implies[pair] = None
        else:  # opposes a claim, undercuts a relation's argument
            base[(carrier, target)] = None

    commits = _reach(n, implies)
    reverse = [(b, a) for a, b in implies]
    committed = _reach(n, reverse)
    attacks: set[tuple[int, int]] = set()
    for z, w in base:
        targets = bit_members(committed[w])
        for x in bit_members(committed[z]):
            for y in targets:
                attacks.add((x, y))
    fw = Framework.from_indices(names, sorted(attacks))
    return MapFramework(
        framework=fw,
        support=support,
        kinds=tuple(kinds),
        direct=frozenset(base),
        commits=tuple(commits),
        committed=tuple(committed),
        implications=tuple(implies),
    )


def claim_statuses(mfw: MapFramework, labels: dict[str, str]) -> dict[str, str]:
    """Restrict an argument labelling to the map's claims, in map order."""
    return {c: labels[c] for c in mfw.claims()}
