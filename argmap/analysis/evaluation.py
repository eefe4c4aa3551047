"""Evaluating a framework: acceptance, what-if, one-call evaluations and keystones.

* :func:`acceptance` decides credulous and sceptical acceptance, looking only at the
  arguments that can reach the queried one (directionality) where the semantics allows.
* :func:`what_if` forces arguments IN (``assume``) or OUT (``reject``); :func:`evaluate` labels
  a framework after them, and its :class:`Evaluation` answers acceptance and explains statuses.
* :func:`keystones` ranks the claims whose rejection changes the most statuses, by
  :func:`rank_rejections` (which the weighed labelling uses too).
* :func:`claim_statuses_of` and :func:`claim_strengths_of` evaluate a map in one call, for
  pictures and pages.

The labellings themselves are computed in :mod:`argmap.analysis.semantics`.

>>> from argmap.analysis.framework import Framework
>>> fw = Framework.from_pairs(["a", "b"], [("a", "b"), ("b", "a")])
>>> acceptance(fw, 0, "preferred")
Acceptance(argument='a', semantics='preferred', credulous=True, sceptical=False, extensions=None)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from argmap.analysis.framework import Framework, MapFramework
from argmap.analysis.semantics import (
    LABELS,
    GroundedLabelling,
    check_semantics,
    extensions,
    grounded,
    iter_extensions,
)
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap

__all__ = [
    "Acceptance",
    "Evaluation",
    "Keystone",
    "WhatIf",
    "acceptance",
    "claim_statuses_of",
    "claim_strengths_of",
    "evaluate",
    "keystones",
    "rank_rejections",
    "what_if",
]


def _ancestors(fw: Framework, i: int) -> list[int]:
    pred = fw.predecessors
    seen = {i}
    todo = [i]
    while todo:
        v = todo.pop()
        for p in pred[v]:
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return sorted(seen)


def _restrict(fw: Framework, keep: list[int]) -> Framework:
    pos = {v: k for k, v in enumerate(keep)}
    names = fw.arguments
    pairs = ((pos[a], pos[b]) for a, b in fw.pairs() if a in pos and b in pos)
    return Framework.from_indices([names[v] for v in keep], pairs)


@dataclass(frozen=True)
class Acceptance:
    """Whether an argument is in some (credulous) and in every (sceptical) extension.

    With no extension at all (stable semantics can have none) sceptical acceptance holds
    vacuously and ``extensions`` is 0. ``extensions`` counts the extensions searched when the
    search ran to the end (of the framework restricted to what can reach the argument, except
    under stable semantics), and is None when it stopped early or did not enumerate.
    """

    argument: str
    semantics: str
    credulous: bool
    sceptical: bool
    extensions: int | None = None


def acceptance(fw: Framework, argument: int, semantics: str) -> Acceptance:
    """Credulous and sceptical acceptance of ``fw.arguments[argument]``.

    Grounded, complete and preferred semantics are directional, so only the arguments that can
    reach ``argument`` through attacks are searched; stable semantics needs the whole framework.
    """
    name = fw.arguments[argument]
    check_semantics(semantics)
    if semantics in ("grounded", "complete"):
        in_grounded = grounded(fw).label(argument) == "in"
        if semantics == "grounded" or in_grounded:
            return Acceptance(name, semantics, in_grounded, in_grounded)
        cred = acceptance(fw, argument, "preferred").credulous
        return Acceptance(name, semantics, cred, False)
    if semantics == "stable":
        sub, target = fw, argument
    else:
        keep = _ancestors(fw, argument)
        sub, target = _restrict(fw, keep), keep.index(argument)
    cred, scep, count, complete = False, True, 0, True
    for ext in iter_extensions(sub, semantics):
        count += 1
        if target in ext:
            cred = True
        else:
            scep = False
        if cred and not scep:
            complete = False
            break
    return Acceptance(name, semantics, cred, scep, count if complete else None)


@dataclass(frozen=True)
class WhatIf:
    """A framework changed by assumptions: its first ``visible`` arguments are the original ones.

    ``assumed`` and ``rejected`` are the closures actually forced (indices), see :func:`what_if`.
    """

    framework: Framework
    visible: int
    assumed: tuple[int, ...]
    rejected: tuple[int, ...]


def what_if(
    fw: Framework,
    assume: Iterable[int] = (),
    reject: Iterable[int] = (),
    commits: Sequence[Iterable[int]] | None = None,
    committed: Sequence[Iterable[int]] | None = None,
) -> WhatIf:
    """Force arguments IN (``assume``) or OUT (``reject``) by changing the framework.

    * Assuming ``a`` assumes everything accepting ``a`` commits to (``commits[a]``, indices as in
      :attr:`MapFramework.commits`; just ``a`` for an abstract framework) and deletes every
      attack on those arguments, so they are unattacked and IN under every semantics.
    * Rejecting ``r`` adds one unattacked argument that attacks ``r`` and everything that commits
      to ``r`` (``committed[r]``), so they are OUT under every semantics; an OUT argument defeats
      nothing, so what they attacked is judged without them.

    Assuming two arguments of which one attacks the other, or assuming and rejecting the same
    argument, raises :class:`ArgmapError`.
    """
    n = len(fw)
    names = fw.arguments
    assumed: set[int] = set()
    for a in assume:
        assumed.update(commits[a] if commits is not None else (a,))
    rejected_set: set[int] = set()
    for r in reject:
        rejected_set.update(committed[r] if committed is not None else (r,))
    both = assumed & rejected_set
    if both:
        clash = ", ".join(names[i] for i in sorted(both))
        raise ArgmapError(f"cannot both assume and reject {clash}")
    rejected = sorted(rejected_set)
    conflicts = [(a, b) for a, b in fw.pairs() if a in assumed and b in assumed]
    if conflicts:
        a, b = conflicts[0]
        what = "attacks itself" if a == b else f"attacks {names[b]}"
        raise ArgmapError(f"the assumptions conflict: {names[a]} {what}")
    if not assumed and not rejected:
        return WhatIf(fw, n, (), ())
    pairs = [(a, b) for a, b in fw.pairs() if b not in assumed]
    extra: tuple[str, ...] = ()
    if rejected:
        fiat = "⊥"
        while fiat in fw.index:
            fiat += "'"
        extra = (fiat,)
        pairs.extend((n, r) for r in rejected)
    return WhatIf(fw.with_attacks(pairs, extra), n, tuple(sorted(assumed)), tuple(rejected))


@dataclass(frozen=True)
class Evaluation:
    """The outcome of evaluating a framework (after any what-if) under one semantics.

    ``statuses[i]`` is the grounded label (``in``/``out``/``undec``) or, for the other
    semantics, ``sceptical`` (in every extension), ``credulous`` (in some) or ``rejected``.
    Extensions are lists of argument indices; the what-if helper argument is left out.
    """

    semantics: str
    arguments: tuple[str, ...]
    statuses: tuple[str, ...]
    extensions: list[list[int]] | None
    grounded: GroundedLabelling | None
    assumed: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()

    def labelling(self) -> dict[str, str]:
        """Argument name -> status, in framework order."""
        return dict(zip(self.arguments, self.statuses, strict=True))

    def explain(self, i: int, closure: MapFramework | None = None) -> str:
        """A short reason for argument ``i``'s status.

        With the ``closure`` the framework came from, an argument put OUT by an attack derived
        from supports says so ("via supports").
        """
        name = self.arguments[i]
        if name in self.assumed:
            return "assumed"
        if name in self.rejected:
            return "rejected by assumption"
        g = self.grounded
        if g is None:
            return ""
        why = g.explain(i)
        out = g.label(i) == "out"
        if out and closure is not None and closure.is_derived(self.arguments[g.reasons[i]], name):
            why += " via supports"
        return why

    def acceptance(self, i: int) -> Acceptance:
        """Whether argument ``i`` is in some (credulous) and every (sceptical) extension after
        the what-if: under grounded semantics both mean IN."""
        name = self.arguments[i]
        if self.extensions is None:
            accepted = self.statuses[i] == "in"
            return Acceptance(name, self.semantics, accepted, accepted)
        return Acceptance(
            name,
            self.semantics,
            any(i in e for e in self.extensions),
            all(i in e for e in self.extensions),
            len(self.extensions),
        )


def evaluate(
    fw: Framework,
    semantics: str = "grounded",
    assume: Sequence[str] = (),
    reject: Sequence[str] = (),
    closure: MapFramework | None = None,
) -> Evaluation:
    """Evaluate ``fw`` under ``semantics`` after forcing ``assume`` IN and ``reject`` OUT.

    ``closure`` (the :class:`MapFramework` the framework came from) makes what-if follow the
    support reading: assuming a claim assumes what it commits to, rejecting one rejects what
    commits to it.
    """
    check_semantics(semantics)
    index = fw.index
    wi = what_if(  # a closure's commitments are computed on first use: only when needed
        fw,
        [index[a] for a in assume],
        [index[r] for r in reject],
        closure.commits if closure and assume else None,
        closure.committed if closure and reject else None,
    )
    work, n = wi.framework, wi.visible
    names = fw.arguments
    assumed = tuple(names[i] for i in wi.assumed)
    rejected = tuple(names[i] for i in wi.rejected)
    if semantics == "grounded":
        g = grounded(work)
        statuses = tuple(LABELS[c] for c in g.codes[:n])
        return Evaluation(semantics, names, statuses, None, g, assumed, rejected)
    exts = [[i for i in ext if i < n] for ext in extensions(work, semantics)]
    counts = [0] * n
    for ext in exts:
        for i in ext:
            counts[i] += 1
    total = len(exts)
    statuses = tuple(
        "sceptical" if total and c == total else "credulous" if c else "rejected" for c in counts
    )
    return Evaluation(semantics, names, statuses, exts, None, assumed, rejected)


@dataclass(frozen=True)
class Keystone:
    """A claim and what rejecting it changes: ``(argument, before, after)`` triples."""

    claim: str
    score: int
    changes: tuple[tuple[str, str, str], ...]


def keystones(
    fw: Framework,
    semantics: str = "grounded",
    candidates: Sequence[str] | None = None,
    targets: Sequence[str] | None = None,
    closure: MapFramework | None = None,
    assume: Sequence[str] = (),
    reject: Sequence[str] = (),
    top: int | None = None,
) -> list[Keystone]:
    """Rank ``candidates`` (default: every argument) by how many statuses their rejection
    changes under a classic semantics; see :func:`rank_rejections`."""
    names = list(candidates) if candidates is not None else list(fw.arguments)
    base = evaluate(fw, semantics, assume, reject, closure)

    def relabel(cand: str) -> Mapping[str, str] | None:
        try:
            return evaluate(fw, semantics, assume, [*reject, cand], closure).labelling()
        except ArgmapError:
            return None

    skip = {*base.assumed, *base.rejected}
    return rank_rejections(names, base.labelling(), relabel, skip, targets, top)


def rank_rejections(
    candidates: Sequence[str],
    before: Mapping[str, str],
    relabel: Callable[[str], Mapping[str, str] | None],
    skip: Iterable[str] = (),
    targets: Sequence[str] | None = None,
    top: int | None = None,
) -> list[Keystone]:
    """Rank ``candidates`` by how many statuses rejecting each one changes.

    ``relabel(c)`` is the labelling after rejecting ``c`` as well (None when that cannot be
    done). Changes are counted over the candidates other than the rejected one; with
    ``targets`` the score is the number of targets whose status changes. Ties keep candidate
    order; candidates in ``skip`` and those whose rejection changes nothing are left out.
    """
    skipped = set(skip)
    goal = set(targets) if targets is not None else None
    ranked: list[tuple[int, int, int, Keystone]] = []
    for position, cand in enumerate(candidates):
        if cand in skipped or (goal is not None and cand in goal):
            continue
        after = relabel(cand)
        if after is None:
            continue
        changes = tuple(
            (a, before[a], after[a]) for a in candidates if a != cand and before[a] != after[a]
        )
        score = len(changes) if goal is None else sum(1 for a, _, _ in changes if a in goal)
        if score:
            ranked.append((-score, -len(changes), position, Keystone(cand, score, changes)))
    ranked.sort(key=lambda item: item[:3])
    out = [item[3] for item in ranked]
    return out[:top] if top is not None else out


def claim_statuses_of(amap: ArgumentMap) -> dict[str, str]:
    """Each claim's weighed status (``in``, ``out`` or ``undec``), for pictures and pages.

    >>> from argmap.load import load_map
    >>> claim_statuses_of(load_map("tests/data/tiny.yaml"))["c"]
    'in'
    """
    from argmap.analysis.weighed import weigh

    return weigh(amap).claim_labels()


def claim_strengths_of(amap: ArgumentMap, model: str = "dfquad") -> dict[str, float]:
    """Each claim's gradual strength in [0, 1] under ``model`` (dfquad, quadratic, euler)."""
    from argmap.analysis.strength import strength

    return dict(strength(amap, model).strengths)
