"""Extension semantics of Dung frameworks: grounded, complete, preferred and stable.

* :func:`grounded` labels in O(n + m) by counting attackers not yet OUT (Dung 1995; Modgil &
  Caminada 2009) and records the round in which each argument was labelled, with the IN
  attacker that knocked each OUT argument out: a short explanation of every status.
* :func:`iter_extensions` enumerates complete, preferred and stable extensions exactly. The
  grounded part is fixed first; the undecided rest is split into strongly connected
  components and solved component by component in topological order (SCC-recursiveness,
  Baroni, Giacomin & Guida 2005; Cerutti et al. 2014), each component by labelling-based
  backtracking with propagation in the style of Nofal, Atkinson & Dunne (2014).

Acceptance, what-if and keystones, built on these labellings, are in
:mod:`argmap.analysis.evaluation`.

>>> from argmap.analysis.framework import Framework
>>> fw = Framework.from_pairs(["a", "b", "c"], [("a", "b"), ("b", "c")])
>>> grounded(fw).as_dict()
{'a': 'in', 'b': 'out', 'c': 'in'}
>>> extensions(Framework.from_pairs(["a", "b"], [("a", "b"), ("b", "a")]), "preferred")
[[0], [1]]
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from argmap.analysis.framework import (
    Framework,
    bit_members,
    components_in_order,
)
from argmap.errors import ArgmapError

__all__ = [
    "LABELS",
    "SEMANTICS",
    "GroundedLabelling",
    "check_semantics",
    "extensions",
    "grounded",
    "iter_extensions",
]

SEMANTICS = ("grounded", "complete", "preferred", "stable")
LABELS = ("undec", "in", "out")

# grounded codes: 0 undecided, 1 in, 2 out
_G_UNDEC, _G_IN, _G_OUT = 0, 1, 2


def check_semantics(semantics: str) -> None:
    """Raise ArgmapError naming the known semantics unless ``semantics`` is one of them."""
    if semantics not in SEMANTICS:
        raise ArgmapError(f"unknown semantics '{semantics}' (use {', '.join(SEMANTICS)})")


@dataclass(frozen=True)
class GroundedLabelling:
    """The grounded labelling: ``codes[i]`` is 1 (in), 2 (out) or 0 (undec).

    ``rounds[i]`` is the round in which argument ``i`` was labelled (0: never, so undecided);
    round 1 labels the unattacked arguments IN and what they attack OUT. ``reasons[i]`` is, for
    an OUT argument, the IN attacker that put it out (-1 otherwise).
    """

    framework: Framework
    codes: bytearray
    rounds: array
    reasons: array

    def label(self, i: int) -> str:
        return LABELS[self.codes[i]]

    def as_dict(self) -> dict[str, str]:
        """Argument name -> ``"in"``, ``"out"`` or ``"undec"``, in framework order."""
        return {
            name: LABELS[c] for name, c in zip(self.framework.arguments, self.codes, strict=True)
        }

    def members(self, label: str) -> list[int]:
        code = LABELS.index(label)
        return [i for i, c in enumerate(self.codes) if c == code]

    def explain(self, i: int) -> str:
        """Why argument ``i`` has its label, in a few words."""
        names = self.framework.arguments
        code, rnd = self.codes[i], self.rounds[i]
        if code == _G_IN:
            if rnd == 1:
                return "unattacked"
            return f"round {rnd}: every attacker out"
        if code == _G_OUT:
            return f"round {rnd}: attacked by {names[self.reasons[i]]}"
        return "undecided: attacks in a cycle nothing settles"


def grounded(fw: Framework) -> GroundedLabelling:
    """The grounded labelling in O(n + m).

    Each argument keeps the number of its attackers not yet OUT; the unattacked start IN;
    when ``x`` turns IN each ``y`` it attacks turns OUT and each ``z`` that ``y`` attacks
    loses one count, turning IN (next round) at zero. Self-attackers never turn IN.
    """
    n = len(fw)
    succ = fw.successors
    count = [0] * n
    for b in fw.targets:
        count[b] += 1
    codes = bytearray(n)
    rounds = array("i", bytes(4 * n))
    reasons = array("i", [-1]) * n
    frontier = [i for i in range(n) if count[i] == 0]
    rnd = 1
    while frontier:
        nxt: list[int] = []
        for x in frontier:
            codes[x] = _G_IN
            rounds[x] = rnd
        for x in frontier:
            for y in succ[x]:
                if codes[y] == _G_UNDEC:
                    codes[y] = _G_OUT
                    rounds[y] = rnd
                    reasons[y] = x
                    for z in succ[y]:
                        count[z] -= 1
                        if count[z] == 0 and codes[z] == _G_UNDEC:
                            nxt.append(z)
        frontier = nxt
        rnd += 1
    return GroundedLabelling(fw, codes, rounds, reasons)


# ---------------------------------------------------------------------------------------------
# Exact search for complete, preferred and stable extensions

_BLANK, _IN, _OUT, _UNDEC, _MUST = 0, 1, 2, 3, 4
# contribution of an attacker's label to the counters (blank, live, not-out) of what it attacks
_POSSIBLE = (True, True, False, False, False)  # BLANK or IN: may end IN
_CAT = ((1, 1, 1), (0, 1, 1), (0, 0, 0), (0, 1, 1), (0, 0, 1))  # by label code
_DELTA = tuple(
    tuple(tuple(n - o for o, n in zip(_CAT[old], _CAT[new], strict=True)) for new in range(5))
    for old in range(5)
)


class _Component:
    """Backtracking over the labellings of one strongly connected component.

    Local labels: BLANK (open), IN, OUT (attacked by an IN), UNDEC (decided not IN) and
    MUST (attacks an IN, so must end OUT). Counters per argument: attackers BLANK, attackers
    neither OUT nor MUST ("live"), and attackers not OUT. They drive the propagation rules
    (see :meth:`_propagate`) and the dead ends: a MUST argument with no BLANK attacker left;
    for complete and preferred, an UNDEC argument whose attackers are all OUT (it is defended,
    so the labelling is neither complete nor maximal). Under stable semantics "not IN" is
    MUST, since every argument outside the extension must be attacked by it.
    """

    def __init__(self, members: list[int], mode: str, lab: list[int], succ, pred) -> None:
        self.members = members
        self.mode = mode
        self.complete_like = mode != "stable"
        size = len(members)
        local = {g: k for k, g in enumerate(members)}
        self.succ_l = [[local[j] for j in succ[g] if j in local] for g in members]
        self.pred_l = [[local[j] for j in pred[g] if j in local] for g in members]
        self.llab = [_BLANK] * size
        self.blank = [0] * size
        self.live = [0] * size
        self.nonout = [0] * size
        self.trail: list[tuple[int, int]] = []
        self.queue: list[int] = []
        self.units: list[int] = []
        self.stuck: list[int] = []  # arguments that can never turn OUT
        self.dead = False
        self.impossible = False
        self.possible = 0
        stable = mode == "stable"
        for k, g in enumerate(members):
            ext_in = ext_undec = 0
            for p in pred[g]:
                if p in local:
                    continue
                if lab[p] == _IN:
                    ext_in += 1
                elif lab[p] != _OUT:
                    ext_undec += 1
            self.live[k] = self.nonout[k] = ext_undec
            if ext_in:
                self.llab[k] = _OUT
            elif k in self.succ_l[k] or ext_undec:
                if stable and ext_undec:
                    self.impossible = True
                self.llab[k] = _MUST if stable else _UNDEC
        for k in range(size):
            b, li, no = _CAT[self.llab[k]]
            for j in self.succ_l[k]:
                self.blank[j] += b
                self.live[j] += li
                self.nonout[j] += no
            if self.llab[k] in (_IN, _BLANK):
                self.possible |= 1 << k
        for k in range(size):
            lk = self.llab[k]
            if (lk == _MUST and self.blank[k] == 0) or (
                lk == _UNDEC and self.nonout[k] == 0 and not stable
            ):
                self.dead = True
            elif lk == _BLANK and self.live[k] == 0:
                self.queue.append(k)
            elif lk == _MUST and self.blank[k] == 1:
                self.units.append(k)
            if lk in (_UNDEC, _BLANK) and self.blank[k] == 0:
                self.stuck.append(k)

    # -- label changes with counters, trail and triggers
    def _set(self, k: int, new: int, record: bool = True) -> None:
        llab = self.llab
        old = llab[k]
        if old == new:
            return
        db, dl, dn = _DELTA[old][new]
        succ = self.succ_l[k]
        if not record:  # undoing: counters only
            if db:
                blank = self.blank
                for j in succ:
                    blank[j] += db
            if dl:
                live = self.live
                for j in succ:
                    live[j] += dl
            if dn:
                nonout = self.nonout
                for j in succ:
                    nonout[j] += dn
        else:
            if db:
                blank = self.blank
                for j in succ:
                    blank[j] += db
                    if db < 0 and blank[j] <= 1:
                        lj = llab[j]
                        if lj == _MUST:
                            if blank[j] == 0:
                                self.dead = True
                            else:
                                self.units.append(j)
                        elif blank[j] == 0 and lj in (_UNDEC, _BLANK):
                            self.stuck.append(j)
            if dl:
                live = self.live
                for j in succ:
                    live[j] += dl
                    if dl < 0 and live[j] == 0 and llab[j] == _BLANK:
                        self.queue.append(j)
            if dn:
                nonout = self.nonout
                for j in succ:
                    nonout[j] += dn
                    if dn < 0 and nonout[j] == 0 and llab[j] == _UNDEC and self.complete_like:
                        self.dead = True
        llab[k] = new
        if _POSSIBLE[old] != _POSSIBLE[new]:
            self.possible ^= 1 << k
        if record:
            self.trail.append((k, old))
            if new == _MUST:
                if self.blank[k] == 0:
                    self.dead = True
                elif self.blank[k] == 1:
                    self.units.append(k)
            elif new == _UNDEC:
                if self.nonout[k] == 0 and self.complete_like:
                    self.dead = True
                elif self.blank[k] == 0:
                    self.stuck.append(k)

    def _undo(self, mark: int) -> None:
        trail = self.trail
        while len(trail) > mark:
            k, old = trail.pop()
            self._set(k, old, record=False)
        self.dead = False
        self.queue.clear()
        self.units.clear()
        self.stuck.clear()

    def _make_in(self, k: int) -> None:
        llab = self.llab
        for j in self.succ_l[k]:  # first, so no MUST target looks abandoned meanwhile
            if llab[j] != _OUT:
                self._set(j, _OUT)
        self._set(k, _IN)
        for j in self.pred_l[k]:
            if llab[j] not in (_OUT, _MUST):
                self._set(j, _MUST)

    def _propagate(self) -> bool:
        """Apply forced moves until none is left or a dead end shows.

        A BLANK argument without live attackers must be IN (it is defended whatever happens);
        a MUST argument with a single BLANK attacker left needs that attacker IN; an argument
        that is not OUT and has no BLANK attacker left can never turn OUT, so nothing it attacks
        can be IN (and under stable semantics it must be IN itself).
        """
        queue, units, llab, live, blank = self.queue, self.units, self.llab, self.live, self.blank
        stuck = self.stuck
        while (queue or units or stuck) and not self.dead:
            if stuck:
                j = stuck.pop()
                if blank[j] or llab[j] not in (_UNDEC, _BLANK):
                    continue
                if not self.complete_like:
                    self._make_in(j)
                    continue
                for y in self.succ_l[j]:
                    if llab[y] == _BLANK and y != j:
                        self._set(y, _UNDEC)
                continue
            if units:
                z = units.pop()
                if llab[z] == _MUST and blank[z] == 1:
                    for y in self.pred_l[z]:
                        if llab[y] == _BLANK:
                            self._make_in(y)
                            break
                continue
            k = queue.pop()
            if llab[k] == _BLANK and live[k] == 0:
                self._make_in(k)
        queue.clear()
        units.clear()
        stuck.clear()
        return not self.dead

    def _pick(self) -> int:
        """The next argument to branch on.

        While some argument must still be put OUT, one of its open attackers (of the MUST
        argument with the fewest open attackers: fail first); otherwise the open argument
        attacking the most arguments not yet OUT (Nofal et al.).
        """
        llab, blank = self.llab, self.blank
        urgent, fewest = -1, 1 << 30
        for k, lk in enumerate(llab):
            if lk == _MUST and blank[k] < fewest:
                urgent, fewest = k, blank[k]
        if urgent >= 0:
            candidates = [j for j in self.pred_l[urgent] if llab[j] == _BLANK]
        else:
            candidates = [k for k, lk in enumerate(llab) if lk == _BLANK]
        best, best_score = -1, -1
        for k in candidates:
            score = 0
            for j in self.succ_l[k]:
                if llab[j] != _OUT:
                    score += 1
            if score > best_score:
                best, best_score = k, score
        return best

    def solve(self) -> list[list[int]]:
        """Every local solution as a list of the component's IN arguments (global ids)."""
        if self.impossible:
            return []
        mode = self.mode
        found: list[int] = []
        ok = self._propagate()
        stack: list[list[int]] = []  # [trail mark, argument, branch tried]
        while True:
            if ok and mode == "preferred":
                possible = self.possible
                for t in found:
                    if possible & ~t == 0:
                        ok = False
                        break
            if ok:
                k = self._pick()
                if k < 0:
                    self._leaf(found)
                    ok = False
                    continue
                stack.append([len(self.trail), k, 0])
                self._make_in(k)
                ok = self._propagate()
                continue
            while stack and stack[-1][2] == 1:
                self._undo(stack.pop()[0])
            if not stack:
                break
            frame = stack[-1]
            self._undo(frame[0])
            frame[2] = 1
            self._set(frame[1], _MUST if mode == "stable" else _UNDEC)
            ok = not self.dead and self._propagate()
        members = self.members
        return [[members[k] for k in bit_members(bits)] for bits in found]

    def _leaf(self, found: list[int]) -> None:
        if any(lk == _MUST for lk in self.llab):
            return
        cand = 0
        for k, lk in enumerate(self.llab):
            if lk == _IN:
                cand |= 1 << k
        if self.mode == "preferred":
            if any(cand & ~t == 0 for t in found):
                return
            found[:] = [t for t in found if t & ~cand != 0]
        found.append(cand)


def _singleton(v: int, lab: list[int], pred, mode: str) -> list[list[int]]:
    has_undec = False
    for p in pred[v]:
        if lab[p] == _IN:
            return [[]]
        if lab[p] != _OUT:
            has_undec = True
    if has_undec:
        return [] if mode == "stable" else [[]]
    return [[v]]


def iter_extensions(fw: Framework, semantics: str) -> Iterator[list[int]]:
    """Yield the extensions of ``fw`` (sorted argument indices), in a deterministic order."""
    check_semantics(semantics)
    g = grounded(fw)
    g_in = g.members("in")
    if semantics == "grounded":
        yield g_in
        return
    n = len(fw)
    succ, pred = fw.successors, fw.predecessors
    lab = [_UNDEC] * n
    for i, c in enumerate(g.codes):
        if c == _G_IN:
            lab[i] = _IN
        elif c == _G_OUT:
            lab[i] = _OUT
    residual = [i for i in range(n) if g.codes[i] == _G_UNDEC]
    if not residual:
        yield g_in
        return
    pos = {v: k for k, v in enumerate(residual)}
    rsucc = [[pos[j] for j in succ[v] if j in pos] for v in residual]
    comps = components_in_order(len(residual), rsucc)
    comps.reverse()  # attackers before what they attack
    order = [[residual[k] for k in comp] for comp in comps]
    depth = len(order)
    sols: list[list[list[int]] | None] = [None] * depth
    idx = [0] * depth
    level = 0
    while level >= 0:
        if level == depth:
            ext = list(g_in)
            for lv in range(depth):
                ext.extend(sols[lv][idx[lv] - 1])  # type: ignore[index]
            ext.sort()
            yield ext
            level -= 1
            continue
        members = order[level]
        if sols[level] is None:
            if len(members) == 1 and members[0] not in succ[members[0]]:
                sols[level] = _singleton(members[0], lab, pred, semantics)
            else:
                sols[level] = _Component(members, semantics, lab, succ, pred).solve()
            idx[level] = 0
        choices = sols[level]
        if idx[level] < len(choices):  # type: ignore[arg-type]
            chosen = choices[idx[level]]  # type: ignore[index]
            idx[level] += 1
            for v in members:
                lab[v] = _UNDEC
            for v in chosen:
                lab[v] = _IN
            for v in members:
                if lab[v] != _IN and any(lab[p] == _IN for p in pred[v]):
                    lab[v] = _OUT
            level += 1
        else:
            sols[level] = None
            level -= 1


def extensions(fw: Framework, semantics: str) -> list[list[int]]:
    """All extensions of ``fw`` under ``semantics``, each sorted, the list sorted."""
    return sorted(iter_extensions(fw, semantics))
