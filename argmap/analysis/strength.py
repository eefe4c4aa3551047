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

Acyclic maps are solved exactly by one pass in topological order. Cyclic maps are iterated
synchronously to a tolerance; if that does not settle within the cap, the continuous form
dσ/dt = f(σ) − σ is integrated with fourth-order Runge–Kutta (Potyka 2018), and the result
always says whether it converged.

>>> dfquad(0.5, [0.5], [])
0.25
>>> round(quadratic(0.5, [0.5], []), 6)
0.4
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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


def _prob_sum(values: Sequence[float]) -> float:
    product = 1.0
    for v in values:
        product *= 1.0 - v
    return 1.0 - product


def dfquad(base: float, attackers: Sequence[float], supporters: Sequence[float]) -> float:
    """DF-QuAD's strength of an argument with base score ``base`` (Rago et al. 2016)."""
    f = _prob_sum(attackers)
    g = _prob_sum(supporters)
    if f >= g:
        return base - base * (f - g)
    return base + (1.0 - base) * (g - f)


def _h(x: float) -> float:
    x = max(x, 0.0)
    return x * x / (1.0 + x * x)


def quadratic(base: float, attackers: Sequence[float], supporters: Sequence[float]) -> float:
    """Quadratic energy strength (Potyka 2018)."""
    energy = sum(supporters) - sum(attackers)
    return base - base * _h(-energy) + (1.0 - base) * _h(energy)


def euler(base: float, attackers: Sequence[float], supporters: Sequence[float]) -> float:
    """Euler-based strength (Amgoud & Ben-Naim 2018)."""
    if base == 0.0:  # 1 − 1/(1 + 0·e^E) is 0 for every energy
        return 0.0
    energy = sum(supporters) - sum(attackers)
    if energy > 700:  # e^E overflows; with a positive base the limit is 1
        return 1.0
    return 1.0 - (1.0 - base * base) / (1.0 + base * math.exp(energy))


_UPDATES: dict[str, Callable[[float, Sequence[float], Sequence[float]], float]] = {
    "dfquad": dfquad,
    "quadratic": quadratic,
    "euler": euler,
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


class _System:
    """The map as a vector function: state = claims' strengths, then relations' validities."""

    def __init__(self, amap: ArgumentMap, model: str, fixed: dict[str, float]) -> None:
        self.update = _UPDATES[model]
        claims = list(amap.claims)
        self.claims = claims
        cindex = {c: i for i, c in enumerate(claims)}
        targeted = {r.target for r in amap.relations if r.type == "undercuts"}
        validity_ids = [r.id for r in amap.relations if r.id in targeted]
        self.validity_ids = validity_ids
        vindex = {rid: len(claims) + k for k, rid in enumerate(validity_ids)}
        self.size = len(claims) + len(validity_ids)
        self.base = [
            amap.claims[c].weight if amap.claims[c].weight is not None else DEFAULT_BASE
            for c in claims
        ]
        # a term: (relation weight, premise node indices, validity node index or -1, id)
        self.relations = [
            (
                rel.weight if rel.weight is not None else 1.0,
                tuple(cindex[p] for p in rel.premises),
                vindex.get(rel.id, -1),
                rel.id,
            )
            for rel in amap.relations
        ]
        self.attack_terms: list[list[int]] = [[] for _ in range(self.size)]
        self.support_terms: list[list[int]] = [[] for _ in range(self.size)]
        for k, rel in enumerate(amap.relations):
            if rel.type == "supports":
                self.support_terms[cindex[rel.target]].append(k)
            elif rel.type == "opposes":
                self.attack_terms[cindex[rel.target]].append(k)
            else:
                self.attack_terms[vindex[rel.target]].append(k)
        self.fixed = {cindex[c]: v for c, v in fixed.items()}

    def force(self, k: int, state: Sequence[float]) -> float:
        weight, premises, validity, _ = self.relations[k]
        value = weight * min(state[p] for p in premises)
        return value * state[validity] if validity >= 0 else value

    def node(self, i: int, state: Sequence[float]) -> float:
        if i in self.fixed:
            return self.fixed[i]
        attacks = [self.force(k, state) for k in self.attack_terms[i]]
        if i >= len(self.claims):  # a relation's validity
            return 1.0 - _prob_sum(attacks)
        supports = [self.force(k, state) for k in self.support_terms[i]]
        return self.update(self.base[i], attacks, supports)

    def apply(self, state: Sequence[float]) -> list[float]:
        return [self.node(i, state) for i in range(self.size)]

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
    new = system.apply(state)
    return max((abs(a - b) for a, b in zip(new, state, strict=True)), default=0.0)


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
    order = _topological(system.dependencies())
    if order is not None:
        for i in order:
            state[i] = system.node(i, state)
        method, iterations, converged = "topological", 1, True
    else:
        method, converged, iterations = "iteration", False, 0
        for iterations in range(1, max_iterations + 1):  # noqa: B007
            new = system.apply(state)
            delta = max(abs(a - b) for a, b in zip(new, state, strict=True))
            state = new
            if delta < tolerance:
                converged = True
                break
        if not converged:
            state, iterations, converged = _continuous(system, tolerance, max_steps, step)
            method = "continuous"
    claims = system.claims
    forces = {system.relations[k][3]: system.force(k, state) for k in range(len(system.relations))}
    return StrengthResult(
        model=model,
        strengths={c: state[i] for i, c in enumerate(claims)},
        base={c: system.base[i] for i, c in enumerate(claims)},
        forces=forces,
        converged=converged,
        method=method,
        iterations=iterations,
        residual=_residual(system, state),
    )


def _continuous(
    system: _System, tolerance: float, max_steps: int, h: float
) -> tuple[list[float], int, bool]:
    """RK4 on dσ/dt = f(σ) − σ from the base scores until f(σ) ≈ σ."""

    def deriv(state: list[float]) -> list[float]:
        return [a - b for a, b in zip(system.apply(state), state, strict=True)]

    state = system.start()
    for steps in range(1, max_steps + 1):
        k1 = deriv(state)
        k2 = deriv([s + h / 2 * d for s, d in zip(state, k1, strict=True)])
        k3 = deriv([s + h / 2 * d for s, d in zip(state, k2, strict=True)])
        k4 = deriv([s + h * d for s, d in zip(state, k3, strict=True)])
        state = [
            min(1.0, max(0.0, s + h / 6 * (a + 2 * b + 2 * c + d)))
            for s, a, b, c, d in zip(state, k1, k2, k3, k4, strict=True)
        ]
        if max((abs(d) for d in deriv(state)), default=0.0) < tolerance:
            return state, steps, True
    return state, max_steps, False
