"""The weighed labelling: pros weighed against cons under a proof standard, as an analyst would.

Claims and relations are the nodes (see ``docs/evaluation.md`` for the definition, its sources
and worked examples):

* a claim weighs ``w(c)`` (default 0.5), a relation ``w(r)`` (default 1); an argument weighs
  ``wt(r) = w(r) × min(w(p) for p in premises(r))``, as strong as its weakest premise;
* a relation is applicable (IN) when its premises are IN and no applicable undercutter ``u``
  has ``wt(u) ≥ wt(r)``;
* a claim's ``pro`` is its own weight when nothing supports it, else the largest weight of its
  applicable supports (alternatives, not a sum); its ``con`` is the largest weight of its
  applicable oppositions; the claim is IN when its proof standard holds of ``(pro, con)``.

The labelling is the grounded interpretation of this bipolar abstract dialectical framework
(Brewka & Woltran 2010): a node is IN when its condition holds for every way of settling the
undecided nodes, OUT when it fails for every one. Every condition is monotone in each parent, so
two evaluations per node (the best and the worst case) decide it, and the fixpoint is reached
by a worklist in time linear in the relations times their in-degree.

>>> from argmap.load import load_map
>>> w = weigh(load_map("tests/data/eval_bipolar.yaml"))
>>> w.label("charge"), w.explain("charge")
('in', 'reason traffic+>charge (0.80); no objection stands')
>>> w.label("regressive"), w.explain("regressive")
('out', 'balanced: its own weight (0.50) against objection rebate-arg (0.50)')
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from argmap.errors import ArgmapError
from argmap.model import PROOF_STANDARDS, THRESHOLD_DEFAULTS, ArgumentMap

__all__ = [
    "DEFAULT_CLAIM_WEIGHT",
    "DEFAULT_RELATION_WEIGHT",
    "Standard",
    "Weighed",
    "standards_of",
    "weigh",
]

DEFAULT_CLAIM_WEIGHT = 0.5
DEFAULT_RELATION_WEIGHT = 1.0
_UNDEC, _IN, _OUT = 0, 1, 2
LABEL_NAMES = ("undec", "in", "out")
#: Weights are compared after rounding, so that 0.8 − 0.5 is not above a threshold of 0.3.
_DIGITS = 9


def _r(value: float) -> float:
    return round(value, _DIGITS)


@dataclass(frozen=True)
class Standard:
    """A proof standard and its thresholds (Carneades): what ``pro`` and ``con`` must satisfy.

    * preponderance: ``pro > con``;
    * clear-and-convincing: also ``pro > alpha`` and ``pro − con > beta``;
    * beyond-reasonable-doubt: also ``con < gamma``.

    >>> Standard("clear-and-convincing").holds(0.8, 0.5), Standard("preponderance").holds(0.8, 0.5)
    (False, True)
    """

    name: str = "preponderance"
    alpha: float = 0.5
    beta: float = 0.3
    gamma: float = 0.2

    def __post_init__(self) -> None:
        if self.name not in PROOF_STANDARDS:
            raise ArgmapError(
                f"unknown proof standard '{self.name}' (one of: {', '.join(PROOF_STANDARDS)})"
            )

    def holds(self, pro: float, con: float) -> bool:
        """Whether a claim with these pro and con weights meets the standard."""
        if not pro > con:
            return False
        if self.name == "preponderance":
            return True
        if not (pro > self.alpha and _r(pro - con) > self.beta):
            return False
        return self.name == "clear-and-convincing" or con < self.gamma

    def failure(self, pro: float, con: float) -> str:
        """Which condition fails for ``(pro, con)``; empty when the standard holds."""
        if not pro > con:
            return "balanced" if pro == con else "outweighed"
        if self.name == "preponderance":
            return ""
        if not pro > self.alpha:
            return f"pro {pro:.2f} is not above α {self.alpha:.2f}"
        if not _r(pro - con) > self.beta:
            return f"pro − con {_r(pro - con):.2f} is not above β {self.beta:.2f}"
        if self.name == "beyond-reasonable-doubt" and not con < self.gamma:
            return f"con {con:.2f} is not below γ {self.gamma:.2f}"
        return ""

    def describe(self) -> str:
        """The standard with the thresholds it uses: ``clear-and-convincing (α 0.50, β 0.30)``."""
        used = {
            "preponderance": (),
            "clear-and-convincing": ("α", "β"),
            "beyond-reasonable-doubt": ("α", "β", "γ"),
        }[self.name]
        values = {"α": self.alpha, "β": self.beta, "γ": self.gamma}
        inner = ", ".join(f"{k} {values[k]:.2f}" for k in used)
        return f"{self.name} ({inner})" if inner else self.name


def standards_of(amap: ArgumentMap, override: str | None = None) -> dict[str, Standard]:
    """The proof standard of each issue of ``amap``: the issue's own (or ``override``), with the
    thresholds the issue sets and the defaults for the rest."""
    out: dict[str, Standard] = {}
    defaults = dict(THRESHOLD_DEFAULTS)
    for issue in amap.issues.values():
        values = {**defaults, **dict(issue.thresholds)}
        name = override or issue.standard or "preponderance"
        out[issue.id] = Standard(name, values["alpha"], values["beta"], values["gamma"])
    return out


@dataclass(frozen=True)
class Weighed:
    """The weighed labelling of a map: a label per claim and per relation, with the weights.

    ``pro``/``con`` are each claim's weights counting only the applicable (IN) relations;
    ``weights`` is each relation's ``wt(r)``; ``standards`` the standard of each claim that
    answers an issue, ``default`` (preponderance) that of the others.
    """

    amap: ArgumentMap
    labels: Mapping[str, str]
    pro: Mapping[str, float]
    con: Mapping[str, float]
    weights: Mapping[str, float]
    standards: Mapping[str, Standard]
    default: Standard
    into: Mapping[str, tuple[str, ...]]
    assumed: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()

    def label(self, node: str) -> str:
        """``in``, ``out`` or ``undec`` of a claim or relation id."""
        return self.labels[node]

    def claim_labels(self) -> dict[str, str]:
        """Claim id -> label, in map order."""
        return {c: self.labels[c] for c in self.amap.claims}

    def standard(self, claim: str) -> Standard:
        return self.standards.get(claim, self.default)

    def _into(self, node: str, kind: str) -> list[str]:
        rels = self.amap.relations_by_id()
        return [rid for rid in self.into.get(node, ()) if rels[rid].type == kind]

    def reasons(self, claim: str) -> list[str]:
        """The ids of the supports of ``claim``, in map order."""
        return self._into(claim, "supports")

    def objections(self, claim: str) -> list[str]:
        """The ids of the oppositions of ``claim``, in map order."""
        return self._into(claim, "opposes")

    def _decisive(self, ids: list[str]) -> str | None:
        best = None
        for rid in ids:
            if self.labels[rid] == "in" and (
                best is None or self.weights[rid] > self.weights[best]
            ):
                best = rid
        return best

    def decisive_reason(self, claim: str) -> str | None:
        """The applicable support of ``claim`` that weighs most (the first of equals)."""
        return self._decisive(self.reasons(claim))

    def decisive_objection(self, claim: str) -> str | None:
        """The applicable opposition of ``claim`` that weighs most (the first of equals)."""
        return self._decisive(self.objections(claim))

    def undecided_parents(self, node: str) -> list[str]:
        """The undecided nodes whose label would decide ``node``'s."""
        if node in self.amap.claims:
            parents = [*self.reasons(node), *self.objections(node)]
        else:
            parents = [*self.amap.relation(node).premises, *self.into.get(node, ())]
        return [p for p in parents if self.labels[p] == "undec"]

    def explain(self, node: str) -> str:
        """One line: why ``node`` (a claim or relation id) has its label."""
        if node in self.assumed:
            return "assumed"
        if node in self.rejected:
            return "rejected by assumption"
        label = self.labels[node]
        if label == "undec":
            waiting = self.undecided_parents(node)
            shown = ", ".join(waiting[:3]) + (", …" if len(waiting) > 3 else "")
            return f"depends on undecided {shown}" if waiting else "undecided"
        if node not in self.amap.claims:
            return self._explain_relation(node, label)
        return self._explain_claim(node, label)

    def _explain_relation(self, rid: str, label: str) -> str:
        rel = self.amap.relation(rid)
        if label == "in":
            return "its premises stand and no undercut outweighs it"
        for p in rel.premises:
            if self.labels[p] == "out":
                return f"premise {p} is out"
        for u in self.into.get(rid, ()):
            if self.labels[u] == "in" and self.weights[u] >= self.weights[rid]:
                return f"undercut by {u} ({self.weights[u]:.2f} ≥ {self.weights[rid]:.2f})"
        return "out"

    def _strongest_open(self, ids: list[str]) -> str | None:
        """The undecided relation of ``ids`` that weighs most, when it outweighs every applicable
        one: what could still change the balance."""
        settled = self._decisive(ids)
        best = None
        for rid in ids:
            if self.labels[rid] == "undec" and (
                best is None or self.weights[rid] > self.weights[best]
            ):
                best = rid
        if best is None or (settled is not None and self.weights[settled] >= self.weights[best]):
            return None
        return best

    def _explain_claim(self, c: str, label: str) -> str:
        pro, con = self.pro[c], self.con[c]
        reasons = self.reasons(c)
        reason = self.decisive_reason(c)
        objection = self.decisive_objection(c)
        if reason is not None:
            pro_text = f"reason {reason} ({pro:.2f})"
        elif reasons:
            pro_text = "no reason stands"
        else:
            pro_text = f"its own weight ({pro:.2f})"
        con_text = f"objection {objection} ({con:.2f})" if objection is not None else ""
        standard = self.standard(c)
        if label == "in":
            doubt = self._strongest_open(self.objections(c))
            if doubt is not None:
                # In whichever way the undecided objection goes.
                con_text = f"even undecided objection {doubt} ({self.weights[doubt]:.2f})"
            line = (
                f"{pro_text} outweighs {con_text}"
                if con_text
                else f"{pro_text}; no objection stands"
            )
            if standard.name != "preponderance":
                line += f"; meets {standard.name}"
            return line
        hope = self._strongest_open(reasons)
        if hope is not None:
            # Out whichever way the undecided reason goes: judge it at its best.
            pro = self.weights[hope]
            pro_text = f"even undecided reason {hope} ({pro:.2f})"
        failure = standard.failure(pro, con)
        if failure == "balanced":
            if pro == 0 and reasons:
                return pro_text + (f"; {con_text}" if con_text else "")
            if not con_text:
                return f"{pro_text}: nothing to weigh"
            return f"balanced: {pro_text} against {con_text}"
        if failure == "outweighed":
            return f"{con_text} outweighs {pro_text}"
        return (
            f"{pro_text}{f' against {con_text}' if con_text else ''}: {failure} ({standard.name})"
        )


def weigh(
    amap: ArgumentMap,
    standard: str | None = None,
    assume: Iterable[str] = (),
    reject: Iterable[str] = (),
) -> Weighed:
    """The weighed labelling of ``amap``.

    ``standard`` overrides every issue's proof standard for this run (the thresholds stay the
    issues'; claims that answer no issue keep preponderance). ``assume``/``reject`` force
    claims or relations IN or OUT (what-if), and what depends on them is judged again.
    """
    claims = list(amap.claims)
    rels = list(amap.relations)
    ids = claims + [r.id for r in rels]
    index = {name: i for i, name in enumerate(ids)}
    n_claims = len(claims)
    assumed = tuple(dict.fromkeys(assume))
    rejected = tuple(dict.fromkeys(reject))
    for name in (*assumed, *rejected):
        if name not in index:
            raise ArgmapError(f"no claim or relation '{name}'")
    both = set(assumed) & set(rejected)
    if both:
        raise ArgmapError(f"cannot both assume and reject {', '.join(sorted(both))}")

    own = [
        amap.claims[c].weight if amap.claims[c].weight is not None else DEFAULT_CLAIM_WEIGHT
        for c in claims
    ]
    wt: list[float] = []
    for r in rels:
        w = r.weight if r.weight is not None else DEFAULT_RELATION_WEIGHT
        wt.append(_r(w * min(own[index[p]] for p in r.premises)))
    issue_standards = standards_of(amap, standard)
    default = Standard()
    claim_standard = [issue_standards.get(amap.claims[c].answers or "", default) for c in claims]

    supports: list[list[int]] = [[] for _ in claims]
    opposes: list[list[int]] = [[] for _ in claims]
    premises: list[list[int]] = []
    defeaters: list[list[int]] = [[] for _ in rels]
    children: list[list[int]] = [[] for _ in ids]
    into: dict[str, list[str]] = {}
    for k, r in enumerate(rels):
        into.setdefault(r.target, []).append(r.id)
        node = n_claims + k
        premises.append([index[p] for p in r.premises])
        for p in r.premises:
            children[index[p]].append(node)
        target = index[r.target]
        children[node].append(target)
        if r.type == "supports":
            supports[target].append(k)
        elif r.type == "opposes":
            opposes[target].append(k)
    for k, r in enumerate(rels):
        if r.type == "undercuts":
            t = index[r.target] - n_claims
            if wt[k] >= wt[t]:
                defeaters[t].append(n_claims + k)

    labels = [_UNDEC] * len(ids)
    fixed = [False] * len(ids)
    for name in assumed:
        labels[index[name]], fixed[index[name]] = _IN, True
    for name in rejected:
        labels[index[name]], fixed[index[name]] = _OUT, True

    def strongest(rel_ks: list[int], counted: tuple[int, ...]) -> float:
        best = 0.0
        for k in rel_ks:
            if labels[n_claims + k] in counted and wt[k] > best:
                best = wt[k]
        return best

    settled_in, open_ = (_IN,), (_IN, _UNDEC)

    def decide(i: int) -> int:
        if i >= n_claims:
            k = i - n_claims
            prem = [labels[p] for p in premises[k]]
            beat = [labels[u] for u in defeaters[k]]
            if _OUT in prem or _IN in beat:
                return _OUT
            if all(x == _IN for x in prem) and all(x == _OUT for x in beat):
                return _IN
            return _UNDEC
        if supports[i]:
            pro_lo = strongest(supports[i], settled_in)
            pro_hi = strongest(supports[i], open_)
        else:
            pro_lo = pro_hi = own[i]
        con_lo = strongest(opposes[i], settled_in)
        con_hi = strongest(opposes[i], open_)
        holds = claim_standard[i].holds
        if holds(pro_lo, con_hi):
            return _IN
        if not holds(pro_hi, con_lo):
            return _OUT
        return _UNDEC

    queue = deque(i for i in range(len(ids)) if not fixed[i])
    queued = [not f for f in fixed]
    while queue:
        i = queue.popleft()
        queued[i] = False
        if labels[i] != _UNDEC:
            continue
        new = decide(i)
        if new == _UNDEC:
            continue
        labels[i] = new
        for child in children[i]:
            if not fixed[child] and not queued[child] and labels[child] == _UNDEC:
                queued[child] = True
                queue.append(child)

    pro: dict[str, float] = {}
    con: dict[str, float] = {}
    for i, c in enumerate(claims):
        pro[c] = strongest(supports[i], settled_in) if supports[i] else own[i]
        con[c] = strongest(opposes[i], settled_in)
    return Weighed(
        amap,
        {name: LABEL_NAMES[labels[i]] for i, name in enumerate(ids)},
        pro,
        con,
        {r.id: wt[k] for k, r in enumerate(rels)},
        {
            c: claim_standard[i]
            for i, c in enumerate(claims)
            if amap.claims[c].answers in issue_standards
        },
        default,
        {node: tuple(rs) for node, rs in into.items()},
        assumed,
        rejected,
    )
