"""The map -> Dung framework translation: bipolar readings, linked premises, undercuts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.framework import (
    Framework,
    map_to_framework,
    strongly_connected_components,
)
from argmap.analysis.semantics import evaluate, extensions, grounded
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
    assert strongly_connected_components(5, succ) == [[2, 3], [0, 1], [4]]


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
