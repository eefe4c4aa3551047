"""The map -> Dung framework translation: bipolar readings, linked premises, undercuts."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.evaluation import evaluate
from argmap.analysis.framework import (
    Framework,
    components_in_order,
    map_to_framework,
)
from argmap.analysis.semantics import extensions, grounded
from argmap.errors import ArgmapError
from argmap.load import load_map
from argmap.model import ArgumentMap, Claim, Relation, Text

DATA = Path(__file__).parent.parent / "data"


def make_map(claims: str, relations: list[tuple]) -> ArgumentMap:
    """``relations``: (premises, target, type) or (premises, target, type, id)."""
    rels = []
    for spec in relations:
        premises, target, type_ = tuple(spec[0]), spec[1], spec[2]
        rid = spec[3] if len(spec) > 3 else Relation.auto_id(premises, target, type_)
        rels.append(Relation(rid, premises, target, type_))
    return ArgumentMap(
        claims={c: Claim(c, Text.of(c.upper())) for c in claims.split()},
        relations=tuple(rels),
    )


def attacks(amap: ArgumentMap, support: str) -> set[tuple[str, str]]:
    return set(map_to_framework(amap, support).framework.attacks)


def test_framework_basics() -> None:
    fw = Framework.from_pairs(["a", "b", "c"], [("a", "b"), ("b", "c"), ("a", "b")])
    assert len(fw) == 3 and fw.attack_count == 3
    assert fw.attacks == [("a", "b"), ("b", "c"), ("a", "b")]
    assert fw.successors == [[1, 1], [2], []]
    assert fw.predecessors == [[], [0, 0], [1]]
    assert fw.index == {"a": 0, "b": 1, "c": 2}
    with pytest.raises(ValueError, match="unknown argument"):
        Framework.from_pairs(["a"], [("a", "z")])
    with pytest.raises(ValueError, match="unique"):
        Framework.from_pairs(["a", "a"], [])
    with pytest.raises(ValueError, match="out of range"):
        Framework.from_indices(["a"], [(0, 1)])


def test_sccs_come_sinks_first() -> None:
    succ = [[1], [0, 2], [3], [2], []]
    assert components_in_order(5, succ) == [[4], [2, 3], [0, 1]]


def test_opposition_is_attack() -> None:
    amap = make_map("a b", [(["a"], "b", "opposes")])
    assert attacks(amap, "necessary") == attacks(amap, "deductive") == {("a", "b")}


def test_necessary_support_secondary_and_extended_attacks() -> None:
    # a supports x: x needs a. b attacks a, so b attacks x (secondary); a attacks c, so x
    # attacks c (extended). Attacks on x never reach a.
    amap = make_map(
        "x a b c d",
        [
            (["a"], "x", "supports"),
            (["b"], "a", "opposes"),
            (["a"], "c", "opposes"),
            (["d"], "x", "opposes"),
        ],
    )
    assert attacks(amap, "necessary") == {
        ("b", "a"),
        ("b", "x"),
        ("a", "c"),
        ("x", "c"),
        ("d", "x"),
    }


def test_deductive_support_supported_and_mediated_attacks() -> None:
    # a supports x: accepting a forces x. a attacks what x attacks (supported); what attacks
    # x attacks a (mediated). Attacks on a never reach x.
    amap = make_map(
        "x a b c d",
        [
            (["a"], "x", "supports"),
            (["b"], "a", "opposes"),
            (["x"], "c", "opposes"),
            (["d"], "x", "opposes"),
        ],
    )
    assert attacks(amap, "deductive") == {
        ("b", "a"),
        ("x", "c"),
        ("a", "c"),
        ("d", "x"),
        ("d", "a"),
    }


def test_support_chains_and_cycles_are_condensed() -> None:
    # a and b support each other and b supports c; d attacks a
    amap = make_map(
        "a b c d",
        [
            (["a"], "b", "supports"),
            (["b"], "a", "supports"),
            (["b"], "c", "supports"),
            (["d"], "a", "opposes"),
        ],
    )
    # necessary: c needs b, which is equivalent to a: d attacks all three
    assert attacks(amap, "necessary") == {("d", "a"), ("d", "b"), ("d", "c")}
    # deductive: a and b force each other: d attacks both, c is untouched
    assert attacks(amap, "deductive") == {("d", "a"), ("d", "b")}


def test_linked_premises_are_one_argument() -> None:
    amap = make_map(
        "x p q r",
        [(["p", "q"], "x", "supports", "pq"), (["r"], "q", "opposes")],
    )
    mfw = map_to_framework(amap)
    assert mfw.framework.arguments == ("x", "p", "q", "r", "pq")
    assert mfw.kinds == ("claim",) * 4 + ("relation",)
    assert mfw.relations() == ["pq"] and mfw.claims() == ["x", "p", "q", "r"]
    # the linked argument needs both premises, x needs the linked argument
    assert mfw.commitments("x") == ["x", "p", "q", "pq"]
    assert mfw.dependants("q") == ["q", "x", "pq"]
    assert set(mfw.framework.attacks) == {("r", "q"), ("r", "pq"), ("r", "x")}
    assert not mfw.is_derived("r", "q") and mfw.is_derived("r", "x")
    labels = grounded(mfw.framework).as_dict()
    assert labels == {"x": "out", "p": "in", "q": "out", "r": "in", "pq": "out"}
    # deductive: the linked argument forces x; attacks on q reach the argument, not x
    assert attacks(amap, "deductive") == {("r", "q"), ("r", "pq")}


def test_linked_opposition_is_carried_by_its_argument() -> None:
    amap = make_map("x p q", [(["p", "q"], "x", "opposes", "pq")])
    assert attacks(amap, "necessary") == {("pq", "x")}


def test_undercut_attacks_the_inference() -> None:
    amap = make_map(
        "x a u",
        [(["a"], "x", "supports"), (["u"], "a+>x", "undercuts")],
    )
    mfw = map_to_framework(amap)
    assert mfw.framework.arguments == ("x", "a", "u", "a+>x")
    # necessary: x needs the inference, so undercutting it attacks x, but never a
    assert set(mfw.framework.attacks) == {("u", "a+>x"), ("u", "x")}
    assert grounded(mfw.framework).as_dict() == {"x": "out", "a": "in", "u": "in", "a+>x": "out"}
    # deductive: the undercut only removes the inference
    assert attacks(amap, "deductive") == {("u", "a+>x")}


def test_undercut_of_an_opposition_and_of_an_undercut() -> None:
    amap = make_map(
        "x b u v",
        [
            (["b"], "x", "opposes", "bx"),
            (["u"], "bx", "undercuts", "ubx"),
            (["v"], "ubx", "undercuts"),
        ],
    )
    mfw = map_to_framework(amap)
    assert set(mfw.framework.attacks) == {("bx", "x"), ("ubx", "bx"), ("v", "ubx")}
    labels = grounded(mfw.framework).as_dict()
    # v defeats the undercut, so the opposition stands and x falls
    assert labels["ubx"] == "out" and labels["bx"] == "in" and labels["x"] == "out"


def test_unknown_reading() -> None:
    with pytest.raises(ArgmapError, match="support reading"):
        map_to_framework(make_map("a", []), "evidential")


def test_fixture_map_both_readings() -> None:
    amap = load_map(DATA / "eval_bipolar.yaml")
    for reading in ("necessary", "deductive"):
        mfw = map_to_framework(amap, reading)
        labels = grounded(mfw.framework).as_dict()
        out = [a for a, s in labels.items() if s == "out"]
        assert out == ["different", "regressive", "lobby"], reading
        assert all(s != "undec" for s in labels.values())
    nec = map_to_framework(amap, "necessary")
    assert ("lobby", "charge") in nec.framework.attacks  # through the undercut inference
    assert ("different", "charge") in nec.framework.attacks
    ded = map_to_framework(amap, "deductive")
    assert ("regressive", "traffic+>charge") in ded.framework.attacks
    assert ("different", "charge") not in ded.framework.attacks


def test_what_if_follows_the_reading() -> None:
    amap = make_map("x a b", [(["a"], "x", "supports"), (["b"], "x", "opposes")])
    nec = map_to_framework(amap, "necessary")
    # rejecting a rejects x, which needs it
    ev = evaluate(nec.framework, "grounded", reject=["a"], closure=nec)
    assert ev.labelling() == {"x": "out", "a": "out", "b": "in"}
    assert ev.rejected == ("x", "a")
    # assuming x assumes a, which x needs, and deletes the attack of b on x
    ev = evaluate(nec.framework, "grounded", assume=["x"], closure=nec)
    assert ev.labelling() == {"x": "in", "a": "in", "b": "in"}
    ded = map_to_framework(amap, "deductive")
    # deductive: rejecting x rejects a, which would force x
    ev = evaluate(ded.framework, "grounded", reject=["x"], closure=ded)
    assert ev.labelling() == {"x": "out", "a": "out", "b": "in"}


@st.composite
def bipolar_maps(draw) -> ArgumentMap:
    n = draw(st.integers(1, 6))
    names = [f"c{i}" for i in range(n)]
    rels: dict[str, Relation] = {}
    for _ in range(draw(st.integers(0, 8))):
        type_ = draw(st.sampled_from(["supports", "opposes", "undercuts"]))
        premises = tuple(
            draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True))
        )
        if type_ == "undercuts":
            targets = [r.id for r in rels.values() if r.id not in premises]
            if not targets:
                continue
            target = draw(st.sampled_from(targets))
        else:
            target = draw(st.sampled_from(names))
            if target in premises:
                continue
        rid = Relation.auto_id(premises, target, type_)
        rels.setdefault(rid, Relation(rid, premises, target, type_))
    return ArgumentMap(
        claims={c: Claim(c, Text.of(c)) for c in names}, relations=tuple(rels.values())
    )


@settings(max_examples=150, deadline=None)
@given(bipolar_maps(), st.sampled_from(["necessary", "deductive"]))
def test_extensions_are_closed_under_commitment(amap: ArgumentMap, reading: str) -> None:
    mfw = map_to_framework(amap, reading)
    fw = mfw.framework
    for ext in extensions(fw, "complete"):
        members = {fw.arguments[i] for i in ext}
        for name in members:
            assert set(mfw.commitments(name)) <= members


# ---------------------------------------------------------------------------------------------
# The flattening against a small, slow reference: the definition, closure by search


def reference(amap: ArgumentMap, support: str) -> tuple[list[str], list, list, list, set]:
    """Arguments, sorted attacks, commits and committed (ascending) and stated attacks, by
    the definition in docs/evaluation.md: one search per argument, no condensation."""
    undercut = {r.target for r in amap.relations if r.type == "undercuts"}
    names = [*amap.claims]
    names += [r.id for r in amap.relations if len(r.premises) > 1 or r.id in undercut]
    index = {name: i for i, name in enumerate(names)}
    n = len(names)
    base: set[tuple[int, int]] = set()
    implies: set[tuple[int, int]] = set()
    for rel in amap.relations:
        if rel.id in index:
            carrier = index[rel.id]
            implies.update((carrier, index[p]) for p in rel.premises)
        else:
            carrier = index[rel.premises[0]]
        target = index[rel.target]
        if rel.type != "supports":
            base.add((carrier, target))
        elif carrier != target:
            implies.add((carrier, target) if support == "deductive" else (target, carrier))

    def closure(pairs: set[tuple[int, int]]) -> list[tuple[int, ...]]:
        after: dict[int, list[int]] = {}
        for a, b in pairs:
            after.setdefault(a, []).append(b)
        out = []
        for start in range(n):
            seen, todo = {start}, [start]
            while todo:
                for b in after.get(todo.pop(), ()):
                    if b not in seen:
                        seen.add(b)
                        todo.append(b)
            out.append(tuple(sorted(seen)))
        return out

    commits = closure(implies)
    committed = closure({(b, a) for a, b in implies})
    attacks = {  # x attacks y iff x I* z, z attacks w and y I* w
        (names[x], names[y])
        for z, w in base
        for x in range(n)
        if z in commits[x]
        for y in range(n)
        if w in commits[y]
    }
    return (
        names,
        sorted(attacks, key=lambda p: (index[p[0]], index[p[1]])),
        commits,
        committed,
        base,
    )


def assert_like_reference(amap: ArgumentMap, support: str) -> None:
    names, attacks_, commits, committed, base = reference(amap, support)
    mfw = map_to_framework(amap, support)
    assert list(mfw.arguments) == names
    assert mfw.framework.attacks == attacks_  # the same attacks, in the same order
    assert mfw.direct == base
    assert mfw.commits == tuple(commits) and mfw.committed == tuple(committed)
    for i, name in enumerate(names):
        assert mfw.commitments(name) == [name, *(names[j] for j in commits[i] if j != i)]
        assert mfw.dependants(name) == [name, *(names[j] for j in committed[i] if j != i)]
    # what-if: assuming a claim assumes its commitments, rejecting it rejects its dependants
    for i in random.Random(len(names)).sample(range(len(names)), min(8, len(names))):
        ev = evaluate(mfw.framework, "grounded", reject=[names[i]], closure=mfw)
        assert ev.rejected == tuple(names[j] for j in committed[i])
        assert all(ev.statuses[j] == "out" for j in committed[i])
        try:
            ev = evaluate(mfw.framework, "grounded", assume=[names[i]], closure=mfw)
        except ArgmapError as exc:
            assert "conflict" in str(exc)
        else:
            assert ev.assumed == tuple(names[j] for j in commits[i])
            assert all(ev.statuses[j] == "in" for j in commits[i])


@settings(max_examples=200, deadline=None)
@given(bipolar_maps(), st.sampled_from(["necessary", "deductive"]))
def test_flattening_matches_the_reference_on_random_maps(amap: ArgumentMap, reading: str) -> None:
    assert_like_reference(amap, reading)


@pytest.mark.parametrize("reading", ["necessary", "deductive"])
def test_flattening_matches_the_reference_on_generated_maps(tmp_path: Path, reading: str) -> None:
    sys.path.insert(0, str(DATA.parent.parent / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    for n, seed, lang in ((300, 3, "en"), (1000, 7, "both"), (500, 11, "ja")):
        path = tmp_path / f"map-{n}-{seed}.yaml"
        path.write_text(generate.to_yaml(generate.generate(n, seed=seed, lang=lang)), "utf-8")
        amap = load_map(path)
        assert_like_reference(amap, reading)
        # the generator makes few support cycles: add random supports and turn some round
        rng = random.Random(seed)
        claims = list(amap.claims)
        pairs = [rng.sample(claims, 2) for _ in range(n // 8)]
        supports = [r for r in amap.relations if r.type == "supports" and not r.linked]
        pairs += [[r.target, r.premises[0]] for r in rng.sample(supports, len(supports) // 4)]
        extra = {}
        for a, b in pairs:
            rid = Relation.auto_id((a,), b, "supports")
            extra[rid] = Relation(rid, (a,), b, "supports")
        known = {r.id for r in amap.relations}
        more = tuple(r for r in extra.values() if r.id not in known)
        assert_like_reference(replace(amap, relations=amap.relations + more), reading)
    for name in ("eval_bipolar.yaml", "eval_cycle.yaml", "tiny.yaml", "undercut.yaml"):
        assert_like_reference(load_map(DATA / name), reading)


def test_commitments_are_computed_only_when_asked() -> None:
    amap = load_map(DATA / "eval_bipolar.yaml")
    mfw = map_to_framework(amap)
    evaluate(mfw.framework, "grounded", closure=mfw)
    assert "commits" not in vars(mfw) and "committed" not in vars(mfw)
    ev = evaluate(mfw.framework, "grounded", assume=["charge"], closure=mfw)
    assert ev.assumed == ("charge", "traffic", "traffic+>charge")
    assert "commits" in vars(mfw) and "committed" not in vars(mfw)
    # the members of a support cycle share one tuple
    cyc = map_to_framework(make_map("a b c", [(["a"], "b", "supports"), (["b"], "a", "supports")]))
    assert cyc.commits[0] is cyc.commits[1] and cyc.commits == ((0, 1), (0, 1), (2,))


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 9).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))),
                max_size=20 if n else 0,
            ),
        )
    )
)
def test_sccs_partition_sinks_first(graph: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = graph
    succ: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        succ[a].append(b)
    reach = [{v} for v in range(n)]
    for _ in range(n):
        for a, b in edges:
            reach[a] |= reach[b]
    comps = components_in_order(n, succ)
    assert sorted(v for c in comps for v in c) == list(range(n))
    position = {v: k for k, comp in enumerate(comps) for v in comp}
    for comp in comps:
        assert comp == sorted(comp)
        assert all(v in reach[u] and u in reach[v] for u in comp for v in comp)
    for a, b in edges:  # an edge never leads to a later component
        assert position[b] <= position[a]
        assert position[b] < position[a] or a in reach[b]
