"""Semantics against brute-force enumeration, literature classics, what-if and keystones."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.evaluation import acceptance, evaluate, keystones, what_if
from argmap.analysis.framework import Framework
from argmap.analysis.semantics import SEMANTICS, extensions, grounded
from argmap.errors import ArgmapError


def brute(fw: Framework) -> dict[str, list[list[int]]]:
    """Every semantics by trying every subset (small frameworks only)."""
    n = len(fw)
    att = set(fw.pairs())
    attackers = {i: {a for a, b in att if b == i} for i in range(n)}

    def attacks(s: set[int], x: int) -> bool:
        return any((a, x) in att for a in s)

    def defended(s: set[int], x: int) -> bool:
        return all(attacks(s, y) for y in attackers[x])

    conflict_free, admissible, complete, stable = [], [], [], []
    for bits in range(1 << n):
        s = {i for i in range(n) if bits >> i & 1}
        if any((a, b) in att for a in s for b in s):
            continue
        conflict_free.append(s)
        if all(defended(s, x) for x in s):
            admissible.append(s)
            if all(x in s for x in range(n) if defended(s, x)):
                complete.append(s)
        if all(attacks(s, x) for x in range(n) if x not in s):
            stable.append(s)
    preferred = [s for s in admissible if not any(s < t for t in admissible)]
    least = [s for s in complete if all(s <= t for t in complete)]
    return {
        "grounded": sorted(sorted(s) for s in least),
        "complete": sorted(sorted(s) for s in complete),
        "preferred": sorted(sorted(s) for s in preferred),
        "stable": sorted(sorted(s) for s in stable),
    }


@st.composite
def frameworks(draw, max_args: int = 7) -> Framework:
    n = draw(st.integers(0, max_args))
    pairs = list(itertools.product(range(n), repeat=2))
    attacks = draw(st.lists(st.sampled_from(pairs), max_size=3 * n) if pairs else st.just([]))
    return Framework.from_indices([f"a{i}" for i in range(n)], attacks)


@settings(max_examples=400, deadline=None)
@given(frameworks())
def test_every_semantics_matches_brute_force(fw: Framework) -> None:
    expected = brute(fw)
    for semantics in SEMANTICS:
        assert extensions(fw, semantics) == expected[semantics], semantics


@settings(max_examples=200, deadline=None)
@given(frameworks(max_args=9))
def test_inclusions_between_semantics(fw: Framework) -> None:
    g = extensions(fw, "grounded")
    complete = extensions(fw, "complete")
    preferred = extensions(fw, "preferred")
    stable = extensions(fw, "stable")
    assert len(g) == 1
    assert all(set(g[0]) <= set(c) for c in complete)  # grounded = least complete
    assert g[0] in complete
    assert all(p in complete for p in preferred)
    assert all(s in preferred for s in stable)


@settings(max_examples=200, deadline=None)
@given(frameworks(), st.data())
def test_acceptance_matches_extensions(fw: Framework, data) -> None:
    if not len(fw):
        return
    arg = data.draw(st.integers(0, len(fw) - 1))
    for semantics in SEMANTICS:
        exts = brute(fw)[semantics]
        acc = acceptance(fw, arg, semantics)
        assert acc.credulous == any(arg in e for e in exts), semantics
        assert acc.sceptical == all(arg in e for e in exts), semantics


@settings(max_examples=150, deadline=None)
@given(frameworks(), st.data())
def test_what_if_forces_labels(fw: Framework, data) -> None:
    n = len(fw)
    if n < 2:
        return
    a = data.draw(st.integers(0, n - 1))
    r = data.draw(st.integers(0, n - 1).filter(lambda x: x != a))
    try:
        wi = what_if(fw, [a], [r])
    except ArgmapError:
        assert (a, a) in set(fw.pairs())  # the only conflict a single assumption can have
        return
    for semantics in ("grounded", "complete", "preferred", "stable"):
        for ext in extensions(wi.framework, semantics):
            assert a in ext and r not in ext


def names(fw: Framework, exts: list[list[int]]) -> list[list[str]]:
    return [[fw.arguments[i] for i in e] for e in exts]


def af(spec: str) -> Framework:
    """``"a>b b>a"``: attacks; arguments in order of appearance."""
    pairs = [tuple(p.split(">")) for p in spec.split()]
    args: dict[str, None] = {}
    for a, b in pairs:
        args.setdefault(a)
        args.setdefault(b)
    return Framework.from_pairs(list(args), pairs)


def test_odd_cycle_has_empty_preferred_and_no_stable() -> None:
    fw = af("a>b b>c c>a")
    assert names(fw, extensions(fw, "preferred")) == [[]]
    assert extensions(fw, "stable") == []
    assert grounded(fw).as_dict() == {"a": "undec", "b": "undec", "c": "undec"}


def test_even_cycle_has_two_preferred() -> None:
    fw = af("a>b b>c c>d d>a")
    assert names(fw, extensions(fw, "preferred")) == [["a", "c"], ["b", "d"]]
    assert names(fw, extensions(fw, "stable")) == [["a", "c"], ["b", "d"]]
    assert names(fw, extensions(fw, "complete")) == [[], ["a", "c"], ["b", "d"]]


def test_floating_reinstatement() -> None:
    # a and b attack each other and both attack c, which attacks d: d is in every preferred
    # extension, but not in the grounded one
    fw = af("a>b b>a a>c b>c c>d")
    assert names(fw, extensions(fw, "preferred")) == [["a", "d"], ["b", "d"]]
    assert grounded(fw).as_dict()["d"] == "undec"
    d = fw.index["d"]
    assert acceptance(fw, d, "preferred").sceptical
    assert not acceptance(fw, d, "grounded").credulous


def test_self_attack() -> None:
    fw = af("a>a a>b")
    assert grounded(fw).as_dict() == {"a": "undec", "b": "undec"}
    assert extensions(fw, "stable") == []
    fw = af("c>a a>a a>b")
    assert grounded(fw).as_dict() == {"c": "in", "a": "out", "b": "in"}


def test_reinstatement_chain_rounds_and_explanations() -> None:
    fw = af("a>b b>c c>d")
    g = grounded(fw)
    assert g.as_dict() == {"a": "in", "b": "out", "c": "in", "d": "out"}
    assert list(g.rounds) == [1, 1, 2, 2]
    assert g.explain(0) == "unattacked"
    assert g.explain(1) == "round 1: attacked by a"
    assert g.explain(2) == "round 2: every attacker out"


def test_stable_sceptical_is_vacuous_without_extensions() -> None:
    fw = af("a>b b>c c>a")
    acc = acceptance(fw, 0, "stable")
    assert (acc.credulous, acc.sceptical, acc.extensions) == (False, True, 0)


def test_unknown_semantics() -> None:
    with pytest.raises(ArgmapError):
        extensions(af("a>b"), "ideal")


def test_long_chain_is_linear_and_not_recursive() -> None:
    n = 200_000
    fw = Framework.from_indices([str(i) for i in range(n)], ((i, i + 1) for i in range(n - 1)))
    g = grounded(fw)
    assert g.codes[n - 1] == (1 if n % 2 else 2)
    assert g.rounds[n - 1] == n // 2


def test_many_components_enumerate_without_recursion() -> None:
    # 3,000 two-cycles in a chain of components: the enumeration walks them iteratively
    pairs = []
    for k in range(3000):
        a, b = 2 * k, 2 * k + 1
        pairs += [(a, b), (b, a)]
    fw = Framework.from_indices([str(i) for i in range(6000)], pairs)
    first = next(iter(extensions_limited(fw)))
    assert len(first) == 3000


def extensions_limited(fw: Framework):
    from argmap.analysis.semantics import iter_extensions

    return iter_extensions(fw, "preferred")


def test_what_if_assume_and_reject() -> None:
    fw = af("a>b b>c")
    ev = evaluate(fw, "grounded", assume=["b"])
    assert ev.labelling() == {"a": "in", "b": "in", "c": "out"}
    ev = evaluate(fw, "grounded", reject=["a"])
    assert ev.labelling() == {"a": "out", "b": "in", "c": "out"}
    ev = evaluate(fw, "preferred", reject=["a"])
    assert ev.extensions == [[1]]
    with pytest.raises(ArgmapError, match="conflict"):
        evaluate(fw, "grounded", assume=["a", "b"])
    with pytest.raises(ArgmapError, match="both assume and reject"):
        evaluate(fw, "grounded", assume=["a"], reject=["a"])


def test_keystones_rank_by_changes() -> None:
    fw = af("a>b b>c c>d")
    ranked = keystones(fw, "grounded")
    # rejecting a flips b, c and d; rejecting c flips d; rejecting b (already out) nothing
    assert [(k.claim, k.score) for k in ranked] == [("a", 3), ("c", 1)]
    assert ranked[0].changes[0] == ("b", "out", "in")
    targeted = keystones(fw, "grounded", targets=["d"])
    assert [(k.claim, k.score) for k in targeted] == [("a", 1), ("c", 1)]
    assert keystones(fw, "grounded", top=1)[0].claim == "a"


def _bench():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).parents[2] / "benchmarks" / "bench_semantics.py"
    spec = importlib.util.spec_from_file_location("bench_semantics", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_instances_smoke(tmp_path) -> None:
    bench = _bench()
    assert len(extensions(bench.independent_choices(5), "preferred")) == 32
    fw = bench.dense_random(60, 4, 3)
    assert len(fw) == 60 and fw.attack_count > 100
    pytest.importorskip("clingo")
    from argmap.formats.iccma import dump_apx

    for case in (fw, bench.cycles_ladder(12, 1)):
        apx = tmp_path / "case.apx"
        apx.write_text(dump_apx(case))
        ours = sorted(sorted(case.arguments[i] for i in e) for e in extensions(case, "preferred"))
        options = ["0", "--heuristic=Domain", "--enum-mode=domRec"]
        ref = bench.clingo_models(bench.PREFERRED_LP, apx, options)
        assert sorted(sorted(m) for m in ref) == ours
