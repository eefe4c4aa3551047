"""Gradual strength of claims: DF-QuAD, quadratic energy and Euler-based semantics.

Each claim gets a strength in [0, 1] from its base score (the claim's ``weight``, default 0.5)
and the strengths of what attacks and supports it, by the update rules of

* **DF-QuAD** (Rago, Toni, Aurisicchio & Baroni 2016): attackers' strengths v1..vn aggregate to
  F = 1 − Π(1 − vi) (0 when none), supporters' to G likewise; if F ≥ G then
  σ = b − b·(F − G), else σ = b + (1 − b)·(G − F);
* **quadratic energy** (Potyka 2018): E = Σ supporters − Σ attackers,
  h(x) = max(x, 0)² / (1 + max(x, 0)²), σ = b − b·h(−E) + (1 − b)·h(E);
* **Euler-based** (Amgoud & Ben-Naim 2018): σ = 1 − (1 − b²) / (1 + b·e^E).

How a map feeds them (see ``docs/evaluation.md``): a relation contributes the *force*
``weight × min(premises' strengths) × validity`` to its target, where ``weight`` is the
relation's weight (default 1, so plain single-premise maps get the textbook formulas), the
minimum is the weakest-link reading of linked premises, and ``validity`` is 1 − F over the
forces of the relation's undercutters (DF-QuAD's attack aggregation with base score 1, whatever
the model: an unchallenged inference keeps its full force).

Acyclic maps are solved exactly, each node once, level by level in topological order. Cyclic
maps are iterated synchronously to a tolerance; if that does not settle within the cap, the
continuous form dσ/dt = f(σ) − σ is integrated with fourth-order Runge–Kutta (Potyka 2018), and
the result always says whether it converged. The iteration gives up before the cap when a round
repeats the state of two rounds before: it then cycles for ever, so the cap's remaining rounds
would change nothing.

The map is compiled once into flat index lists: a relation whose force is exactly its premise's
strength (weight 1, one premise, no undercutter) reads that strength directly, every other one
gets a slot of its own, computed once per round; each claim then aggregates its attackers' and
supporters' entries with one ``itemgetter`` call each.

>>> dfquad(0.5, [0.5], [])
0.25
>>> round(quadratic(0.5, [0.5], []), 6)
0.4
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter, sub

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap

__all__ = [
    "MODELS",
    "StrengthResult",
    "dfquad",
    "euler",
    "quadratic",
    "strength",
]

MODELS = ("dfquad", "quadratic", "euler")
DEFAULT_BASE = 0.5

Rule = Callable[[float, float, float], float]
Gather = Callable[[list[float]], Sequence[float]]


def _prob_sum(values: Sequence[float]) -> float:
    return 1.0 - math.prod(1.0 - v for v in values)


def _dfquad_rule(base: float, f: float, g: float) -> float:
    """DF-QuAD from the aggregated attack ``f`` and support ``g``."""
    if f >= g:
        return base - base * (f - g)
    return base + (1.0 - base) * (g - f)


def _quadratic_rule(base: float, attack: float, support: float) -> float:
    """Quadratic energy from the sums of the attackers' and the supporters' strengths.

    σ = b − b·h(−E) + (1 − b)·h(E) with h(x) = max(x, 0)² / (1 + max(x, 0)²): at most one of
    the two terms is not 0, so only that one is computed.
    """
    energy = support - attack
    if energy > 0.0:
        square = energy * energy
        return base + (1.0 - base) * (square / (1.0 + square))
    if energy < 0.0:
        square = energy * energy
        return base - base * (square / (1.0 + square))
    return base + 0.0 * energy  # E = 0 leaves the base score; NaN stays NaN


def _euler_rule(base: float, attack: float, support: float) -> float:
    """Euler-based strength from the sums of the attackers' and the supporters' strengths."""
    if base == 0.0:  # 1 − 1/(1 + 0·e^E) is 0 for every energy
        return 0.0
    energy = support - attack
    if energy > 700:  # e^E overflows; with a positive base the limit is 1
        return 1.0
    return 1.0 - (1.0 - base * base) / (1.0 + base * math.exp(energy))


def dfquad(base: float, attackers: Sequence[float], supporters: Sequence[float]) -> float:
    """DF-QuAD's strength of an argument with base score ``base`` (Rago et al. 2016)."""
    return _dfquad_rule(base, _prob_sum(attackers), _prob_sum(supporters))


def quadratic(base: float, attackers: Sequence[float], supporters: Sequence[float]) -> float:
    """Quadratic energy strength (Potyka 2018)."""
    return _quadratic_rule(base, sum(attackers), sum(supporters))


def euler(base: float, attackers: Sequence[float], supporters: Sequence[float]) -> float:
    """Euler-based strength (Amgoud & Ben-Naim 2018)."""
    return _euler_rule(base, sum(attackers), sum(supporters))


#: each model's rule and whether it aggregates by probabilistic sum (else by plain sum)
_RULES: dict[str, tuple[Rule, bool]] = {
    "dfquad": (_dfquad_rule, True),
    "quadratic": (_quadratic_rule, False),
    "euler": (_euler_rule, False),
}


@dataclass(frozen=True)
class StrengthResult:
    """Strengths of a map's claims (map order) and the force of each relation.

    ``method`` is ``"topological"`` (acyclic, exact), ``"iteration"`` (synchronous iteration
    settled) or ``"continuous"`` (RK4 on dσ/dt = f(σ) − σ); ``converged`` is False when even
    that did not reach the tolerance, and ``residual`` is max |f(σ) − σ| at the end.
    """

    model: str
    strengths: dict[str, float]
    base: dict[str, float]
    forces: dict[str, float]
    converged: bool
    method: str
    iterations: int
    residual: float


_NOTHING = itemgetter(slice(0, 0))


def _gather(indices: Sequence[int]) -> Gather:
    """A function picking ``indices`` out of a list, always as a sequence (one C call)."""
    if len(indices) > 1:
        return itemgetter(*indices)
    if indices:
        return itemgetter(slice(indices[0], indices[0] + 1))
    return _NOTHING


class _System:
    """The map as a vector function: state = claims' strengths, then relations' validities.

    A round reads an extended vector: the state, then the forces of the relations whose force
    is not simply their premise's strength (``composite``); ``sources[k]`` is where relation
    ``k``'s force is in it, and each node's gathers pick its attackers' and supporters' forces.
    """

    def __init__(self, amap: ArgumentMap, model: str, fixed: dict[str, float]) -> None:
        self.rule, self.product = _RULES[model]
        claims = list(amap.claims)
        self.claims = claims
        cindex = {c: i for i, c in enumerate(claims)}
        targeted = {r.target for r in amap.relations if r.type == "undercuts"}
        validity_ids = [r.id for r in amap.relations if r.id in targeted]
        self.validity_ids = validity_ids
        vindex = {rid: len(claims) + k for k, rid in enumerate(validity_ids)}
        self.size = size = len(claims) + len(validity_ids)
        self.base = [
            amap.claims[c].weight if amap.claims[c].weight is not None else DEFAULT_BASE
            for c in claims
        ]
        # a term: (relation weight, premise node indices, validity node index or -1, id)
        self.relations: list[tuple[float, tuple[int, ...], int, str]] = []
        self.composite: list[tuple[float, tuple[int, ...], int]] = []
        self.sources: list[int] = []
        self.attack_terms: list[list[int]] = [[] for _ in range(size)]
        self.support_terms: list[list[int]] = [[] for _ in range(size)]
        for k, rel in enumerate(amap.relations):
            weight = rel.weight if rel.weight is not None else 1.0
            premises = tuple(cindex[p] for p in rel.premises)
            validity = vindex.get(rel.id, -1)
            self.relations.append((weight, premises, validity, rel.id))
            if weight == 1 and len(premises) == 1 and validity < 0:  # force = the premise's
                self.sources.append(premises[0])
            else:
                self.sources.append(size + len(self.composite))
                self.composite.append((weight, premises, validity))
            if rel.type == "supports":
                self.support_terms[cindex[rel.target]].append(k)
            elif rel.type == "opposes":
                self.attack_terms[cindex[rel.target]].append(k)
            else:
                self.attack_terms[vindex[rel.target]].append(k)
        self.fixed = {cindex[c]: v for c, v in fixed.items()}
        # a held node gathers nothing; its value is set after the rule
        gathers = [
            _gather([self.sources[k] for k in terms] if i not in self.fixed else [])
            for i, terms in enumerate(self.attack_terms)
        ]
        self.attack_gathers = gathers[: len(claims)]
        self.validity_gathers = gathers[len(claims) :]
        self.support_gathers = [
            _gather([self.sources[k] for k in terms] if i not in self.fixed else [])
            for i, terms in enumerate(self.support_terms[: len(claims)])
        ]
        self.zeros = [0.0] * len(claims)  # no terms aggregate to 0 by either rule
        if not any(self.support_terms):
            self.support_gathers = []
        self.complements = self.product or bool(validity_ids)

    def _composite_force(self, c: int, values: list[float]) -> float:
        weight, premises, validity = self.composite[c]
        value = weight * min(map(values.__getitem__, premises))
        return value * values[validity] if validity >= 0 else value

    def extend(self, state: list[float]) -> list[float]:
        """The state followed by the composite relations' forces."""
        if not self.composite:
            return state
        return state + [self._composite_force(c, state) for c in range(len(self.composite))]

    def forces(self, state: list[float]) -> dict[str, float]:
        ext = self.extend(state)
        return {rel[3]: ext[src] for rel, src in zip(self.relations, self.sources, strict=True)}

    def _aggregate(
        self, gathers: Sequence[Gather], ext: list[float], comp: list[float], product: bool
    ) -> list[float]:
        """Each gather's forces aggregated: F = 1 − Π(1 − v) if ``product``, else Σ v."""
        if product:
            prod = math.prod
            return [1.0 - prod(gather(comp)) for gather in gathers]
        return [sum(gather(ext)) for gather in gathers]

    def _values(
        self,
        base: Sequence[float],
        attacks: Sequence[Gather],
        supports: Sequence[Gather] | None,
        undercuts: Sequence[Gather],
        ext: list[float],
        comp: list[float],
    ) -> tuple[list[float], list[float]]:
        """New values of claims (their base scores and gathers) and of validities (gathers)."""
        aggregate, product = self._aggregate, self.product
        attack = aggregate(attacks, ext, comp, product)
        support = self.zeros if supports is None else aggregate(supports, ext, comp, product)
        validities = [1.0 - f for f in aggregate(undercuts, ext, comp, True)]
        return list(map(self.rule, base, attack, support)), validities

    def apply(self, state: list[float]) -> list[float]:
        """One synchronous round: every node recomputed from ``state``."""
        ext = self.extend(state)
        comp = [1.0 - x for x in ext] if self.complements else ext
        new, validities = self._values(
            self.base,
            self.attack_gathers,
            self.support_gathers or None,
            self.validity_gathers,
            ext,
            comp,
        )
        new += validities
        for i, v in self.fixed.items():
            new[i] = v
        return new

    def solve_in_levels(
        self, state: list[float], deps: list[list[int]], order: Sequence[int]
    ) -> list[float]:
        """An acyclic map exactly: level by level, each node once its inputs are final.

        ``order`` is a topological order of ``deps``; a node's level is one more than its
        inputs' highest, so one round restricted to a level computes it from final values.
        """
        size, n_claims = self.size, len(self.claims)
        level = [0] * size
        for i in order:
            level[i] = max((level[d] + 1 for d in deps[i]), default=0)
        levels: list[list[int]] = [[] for _ in range(max(level, default=-1) + 1)]
        for i in range(size):
            if i not in self.fixed:
                levels[level[i]].append(i)
        ext = self.extend(state)
        comp = [1.0 - x for x in ext]
        for nodes in levels:
            for i in nodes:
                for k in (*self.attack_terms[i], *self.support_terms[i]):
                    src = self.sources[k]
                    if src >= size:
                        ext[src] = self._composite_force(src - size, ext)
                        comp[src] = 1.0 - ext[src]
            claims = [i for i in nodes if i < n_claims]
            validities = [i for i in nodes if i >= n_claims]
            new, undercut = self._values(
                [self.base[i] for i in claims],
                [self.attack_gathers[i] for i in claims],
                [self.support_gathers[i] for i in claims] if self.support_gathers else None,
                [self.validity_gathers[i - n_claims] for i in validities],
                ext,
                comp,
            )
            for i, v in zip((*claims, *validities), (*new, *undercut), strict=True):
                ext[i] = v
                comp[i] = 1.0 - v
        return ext[:size]

    def start(self) -> list[float]:
        state = [*self.base, *([1.0] * len(self.validity_ids))]
        for i, v in self.fixed.items():
            state[i] = v
        return state

    def dependencies(self) -> list[list[int]]:
        """For each node, the nodes its value is computed from."""
        deps: list[list[int]] = [[] for _ in range(self.size)]
        for i in range(self.size):
            if i in self.fixed:
                continue
            for k in (*self.attack_terms[i], *self.support_terms[i]):
                _, premises, validity, _ = self.relations[k]
                deps[i].extend(premises)
                if validity >= 0:
                    deps[i].append(validity)
        return deps


def _topological(deps: list[list[int]]) -> list[int] | None:
    n = len(deps)
    users: list[list[int]] = [[] for _ in range(n)]
    missing = [0] * n
    for i, ds in enumerate(deps):
        for d in ds:
            users[d].append(i)
            missing[i] += 1
    ready = [i for i in range(n) if missing[i] == 0]
    ready.reverse()
    order: list[int] = []
    while ready:
        i = ready.pop()
        order.append(i)
        for u in users[i]:
            missing[u] -= 1
            if missing[u] == 0:
                ready.append(u)
    return order if len(order) == n else None


def _residual(system: _System, state: list[float]) -> float:
    return max(map(abs, map(sub, system.apply(state), state)), default=0.0)


def strength(
    amap: ArgumentMap,
    model: str = "dfquad",
    assume: Sequence[str] = (),
    reject: Sequence[str] = (),
    tolerance: float = 1e-9,
    max_iterations: int = 1000,
    max_steps: int = 20000,
    step: float = 0.1,
) -> StrengthResult:
    """Strengths of every claim of ``amap`` under ``model`` (dfquad, quadratic or euler).

    ``assume`` claims are held at strength 1 and ``reject`` claims at 0, whatever attacks or
    supports them. Cyclic maps: up to ``max_iterations`` synchronous iterations, then up to
    ``max_steps`` RK4 steps of size ``step`` on the continuous form.
    """
    if model not in MODELS:
        raise ArgmapError(f"unknown strength model '{model}' (use {', '.join(MODELS)})")
    both = [c for c in assume if c in reject]
    if both:
        raise ArgmapError(f"cannot both assume and reject {', '.join(both)}")
    fixed = {c: 1.0 for c in assume} | {c: 0.0 for c in reject}
    system = _System(amap, model, fixed)
    state = system.start()
    deps = system.dependencies()
    order = _topological(deps)
    if order is not None:
        state = system.solve_in_levels(state, deps, order)
        method, iterations, converged = "topological", 1, True
        residual = _residual(system, state)
    else:
        state, iterations, converged = _iterate(system, state, tolerance, max_iterations)
        method = "iteration"
        if converged:
            residual = _residual(system, state)
        else:
            state, iterations, converged, residual = _continuous(system, tolerance, max_steps, step)
            method = "continuous"
    claims = system.claims
    return StrengthResult(
        model=model,
        strengths={c: state[i] for i, c in enumerate(claims)},
        base={c: system.base[i] for i, c in enumerate(claims)},
        forces=system.forces(state),
        converged=converged,
        method=method,
        iterations=iterations,
        residual=residual,
    )


def _iterate(
    system: _System, state: list[float], tolerance: float, max_iterations: int
) -> tuple[list[float], int, bool]:
    """Synchronous rounds until one moves no node by ``tolerance`` or they cycle."""
    before: list[float] | None = None  # the state two rounds back
    for iterations in range(1, max_iterations + 1):
        new = system.apply(state)
        if max(map(abs, map(sub, new, state))) < tolerance:
            return new, iterations, True
        if new == before:  # every further round repeats the last two, never settling
            break
        before, state = state, new
    return state, max_iterations, False


def _continuous(
    system: _System, tolerance: float, max_steps: int, h: float
) -> tuple[list[float], int, bool, float]:
    """RK4 on dσ/dt = f(σ) − σ from the base scores until f(σ) ≈ σ; also max |f(σ) − σ|."""

    def deriv(state: list[float]) -> list[float]:
        return list(map(sub, system.apply(state), state))

    half, sixth = h / 2, h / 6
    state = system.start()
    k1 = deriv(state)  # each step's last derivative is the next one's first
    residual = max(map(abs, k1), default=0.0)
    for steps in range(1, max_steps + 1):
        k2 = deriv([s + half * d for s, d in zip(state, k1, strict=True)])
        k3 = deriv([s + half * d for s, d in zip(state, k2, strict=True)])
        k4 = deriv([s + h * d for s, d in zip(state, k3, strict=True)])
        state = [
            min(1.0, max(0.0, s + sixth * (a + 2 * b + 2 * c + d)))
            for s, a, b, c, d in zip(state, k1, k2, k3, k4, strict=True)
        ]
        k1 = deriv(state)
        residual = max(map(abs, k1), default=0.0)
        if residual < tolerance:
            return state, steps, True, residual
    return state, max_steps, False, residual
