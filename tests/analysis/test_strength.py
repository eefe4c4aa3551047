"""Gradual semantics against values worked out by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from argmap.analysis.strength import dfquad, euler, quadratic, strength
from argmap.errors import ArgmapError
from argmap.load import load_map
from argmap.model import ArgumentMap, Claim, Relation, Text

DATA = Path(__file__).parent.parent / "data"


def make_map(weights: dict[str, float | None], relations: list[tuple]) -> ArgumentMap:
    rels = []
    for spec in relations:
        premises, target, type_ = tuple(spec[0]), spec[1], spec[2]
        weight = spec[3] if len(spec) > 3 else None
        rid = Relation.auto_id(premises, target, type_)
        rels.append(Relation(rid, premises, target, type_, weight=weight))
    claims = {c: Claim(c, Text.of(c), weight=w) for c, w in weights.items()}
    return ArgumentMap(claims=claims, relations=tuple(rels))


def test_update_rules_by_hand() -> None:
    # DF-QuAD: F = 1 - (1 - .5)(1 - .5) = .75 against G = .2: .6 - .6 * .55 = .27
    assert dfquad(0.6, [0.5, 0.5], [0.2]) == pytest.approx(0.27)
    # support wins: G = .5, F = 0: .6 + .4 * .5 = .8
    assert dfquad(0.6, [], [0.5]) == pytest.approx(0.8)
    assert dfquad(0.3, [], []) == 0.3
    # quadratic energy: E = .5 - 1 = -.5, h(.5) = .25 / 1.25 = .2: .5 - .5 * .2 = .4
    assert quadratic(0.5, [1.0], [0.5]) == pytest.approx(0.4)
    # E = 1: h(1) = .5: .5 + .5 * .5 = .75
    assert quadratic(0.5, [], [1.0]) == pytest.approx(0.75)
    # Euler: E = 0: 1 - (1 - .25) / (1 + .5) = .5 (no change without attackers or supporters)
    assert euler(0.5, [], []) == pytest.approx(0.5)
    # E = -.5: 1 - .75 / (1 + .5 e^-.5) = 1 - .75 / 1.3032653 = .4245224
    assert euler(0.5, [0.5], []) == pytest.approx(0.4245224, abs=1e-7)
    # base 0 stays 0 under Euler whatever supports it
    assert euler(0.0, [], [1.0]) == pytest.approx(0.0)


def test_fixture_map_dfquad_by_hand() -> None:
    amap = load_map(DATA / "eval_bipolar.yaml")
    result = strength(amap, "dfquad")
    s = result.strengths
    assert result.method == "topological" and result.converged
    assert s["different"] == pytest.approx(0.25)  # .5 attacked by .5
    assert s["traffic"] == pytest.approx(0.6)  # .8 attacked by .25
    assert s["lobby"] == pytest.approx(0.25)
    # the inference keeps 1 - .25 of its force: .6 * .75 = .45
    assert result.forces["traffic+>charge"] == pytest.approx(0.45)
    # the linked rebuttal has the force of its weakest premise, .5: regressive = .25
    assert result.forces["rebate-arg"] == pytest.approx(0.5)
    assert s["regressive"] == pytest.approx(0.25)
    # charge: G = .45 > F = .25: .5 + .5 * .2 = .6
    assert s["charge"] == pytest.approx(0.6)
    assert list(s) == list(amap.claims)


def test_fixture_map_quadratic_by_hand() -> None:
    s = strength(load_map(DATA / "eval_bipolar.yaml"), "quadratic").strengths
    assert s["different"] == pytest.approx(0.4)
    # .8 with E = -.4: h = .16 / 1.16
    assert s["traffic"] == pytest.approx(0.8 - 0.8 * 0.16 / 1.16)
    force = (0.8 - 0.8 * 0.16 / 1.16) * (1 - 0.4)
    energy = force - 0.4
    assert s["charge"] == pytest.approx(0.5 + 0.5 * energy**2 / (1 + energy**2))


def test_relation_weight_scales_force() -> None:
    amap = make_map({"a": 1.0, "b": 0.5}, [(["a"], "b", "supports", 0.4)])
    # DF-QuAD: G = .4: .5 + .5 * .4 = .7
    assert strength(amap).strengths["b"] == pytest.approx(0.7)


def test_linked_premises_weakest_link() -> None:
    amap = make_map({"p": 0.9, "q": 0.3, "x": 0.5}, [(["p", "q"], "x", "opposes")])
    # force min(.9, .3) = .3: .5 - .5 * .3 = .35
    assert strength(amap).strengths["x"] == pytest.approx(0.35)


def test_euler_by_hand_on_a_chain() -> None:
    amap = make_map({"a": 0.5, "b": 0.5}, [(["a"], "b", "supports")])
    # E = .5: 1 - .75 / (1 + .5 e^.5) = 1 - .75 / 1.8243606 = .5888971
    assert strength(amap, "euler").strengths["b"] == pytest.approx(0.5888971, abs=1e-7)


def test_dfquad_oscillates_then_the_continuous_form_converges() -> None:
    # mutual attack with base 1: synchronous iteration flips between (1, 1) and (0, 0)
    result = strength(load_map(DATA / "eval_cycle.yaml"), "dfquad")
    assert result.method == "continuous" and result.converged
    assert result.strengths == pytest.approx({"left": 0.5, "right": 0.5}, abs=1e-6)
    assert result.residual < 1e-8


def test_cycle_settled_by_iteration() -> None:
    amap = make_map({"a": 0.5, "b": 0.5}, [(["a"], "b", "opposes"), (["b"], "a", "opposes")])
    result = strength(amap, "quadratic")
    assert result.method == "iteration" and result.converged
    v = result.strengths["a"]
    # the fixed point of s = .5 - .5 h(s) lies between .4 and .5
    assert v == pytest.approx(0.5 - 0.5 * v * v / (1 + v * v), abs=1e-8)
    assert result.strengths["b"] == pytest.approx(v)


def test_non_convergence_is_reported() -> None:
    result = strength(load_map(DATA / "eval_cycle.yaml"), "dfquad", max_steps=3)
    assert not result.converged and result.method == "continuous"
    assert result.residual > 1e-9


def test_assume_and_reject_clamp() -> None:
    amap = make_map({"a": 0.5, "b": 0.5}, [(["a"], "b", "opposes")])
    assert strength(amap, reject=["a"]).strengths == {"a": 0.0, "b": 0.5}
    assert strength(amap, assume=["a"]).strengths == {"a": 1.0, "b": 0.0}
    with pytest.raises(ArgmapError):
        strength(amap, assume=["a"], reject=["a"])
    with pytest.raises(ArgmapError, match="unknown strength model"):
        strength(amap, "max")


def test_default_base_score() -> None:
    result = strength(make_map({"a": None}, []))
    assert result.base == {"a": 0.5} and result.strengths == {"a": 0.5}


def test_euler_with_base_zero_stays_zero_whatever_the_energy() -> None:
    # sigma = 1 - (1 - b^2) / (1 + b e^E) is 0 for b = 0, however large E grows
    assert euler(0.0, [], [1.0] * 800) == 0.0
    assert euler(0.0, [], [1.0] * 650) == 0.0
    assert euler(0.5, [], [1.0] * 800) == 1.0  # a positive base tends to 1


def test_rago_2016_e_democracy_example_under_dfquad() -> None:
    # Rago, Toni, Aurisicchio & Baroni, KR 2016: two answers A1, A2 with pros P1-P3 and cons
    # C1-C4 (base scores as in Potyka's Uncertainpy example RagoEtAlEDemocracy.bag). By hand:
    # P2 = .5 - .5 (1 - .8 * .4 * .5) = .08; A1 = .5 + .5 (1 - .3 * .92) = .862;
    # A2 = .5 + .5 (.9 - .2) = .85
    amap = make_map(
        {"A1": 0.5, "A2": 0.5, "P1": 0.7, "P2": 0.5, "P3": 0.9}
        | {"C1": 0.2, "C2": 0.2, "C3": 0.6, "C4": 0.5},
        [
            (["P1"], "A1", "supports"),
            (["P2"], "A1", "supports"),
            (["P3"], "A2", "supports"),
            (["C1"], "A2", "opposes"),
            (["C2"], "P2", "opposes"),
            (["C3"], "P2", "opposes"),
            (["C4"], "P2", "opposes"),
        ],
    )
    s = strength(amap, "dfquad").strengths
    assert s["P2"] == pytest.approx(0.08)
    assert s["A1"] == pytest.approx(0.862)
    assert s["A2"] == pytest.approx(0.85)
    assert s["P1"] == 0.7 and s["C3"] == 0.6


def test_potyka_2018_stock_example_under_the_quadratic_energy_model() -> None:
    # Potyka, KR 2018: buy or sell a stock; Buy and Sell attack each other, so the graph is
    # cyclic. The published figures (Buy 0.8208, Sell 0.3635, ...) stop the integration at a
    # residual of 1e-3; the fixed point is Buy 0.821646, Sell 0.362170, argument 3 0.3/1.81.
    amap = make_map(
        {"Buy": 0.5, "Sell": 0.5, "a1": 0.8, "a2": 0.7, "a3": 0.3, "a4": 0.9, "a5": 0.9},
        [
            (["Buy"], "Sell", "opposes"),
            (["Sell"], "Buy", "opposes"),
            (["a1"], "Sell", "supports"),
            (["a2"], "Buy", "supports"),
            (["a2"], "a1", "opposes"),
            (["a3"], "a2", "opposes"),
            (["a4"], "a3", "opposes"),
            (["a4"], "a2", "supports"),
            (["a5"], "a1", "opposes"),
            (["a5"], "Buy", "supports"),
        ],
    )
    result = strength(amap, "quadratic", tolerance=1e-12)
    assert result.converged
    s = result.strengths
    assert s["Buy"] == pytest.approx(0.821646443, abs=1e-6)
    assert s["Sell"] == pytest.approx(0.362169694, abs=1e-6)
    assert s["a1"] == pytest.approx(0.204744261, abs=1e-6)
    assert s["a2"] == pytest.approx(0.805084583, abs=1e-6)
    assert s["a3"] == pytest.approx(0.3 / 1.81, abs=1e-6)
    published = {"Buy": 0.8208178793, "Sell": 0.3634537809, "a1": 0.2049496393}
    for claim, value in published.items():
        assert s[claim] == pytest.approx(value, abs=2e-3)


def cycle(bases: dict[str, float], type_: str = "opposes") -> ArgumentMap:
    """Each claim (in order) attacks or supports the next, the last the first."""
    names = list(bases)
    return make_map(
        bases, [([a], b, type_) for a, b in zip(names, names[1:] + names[:1], strict=True)]
    )


def test_three_cycle_settled_by_iteration_at_the_hand_computed_fixed_point() -> None:
    # DF-QuAD with one attacker of the same strength: s = .5 - .5 s, so s = 1/3 for all three
    result = strength(cycle({"a": 0.5, "b": 0.5, "c": 0.5}), "dfquad")
    assert result.method == "iteration" and result.converged
    assert result.strengths == pytest.approx({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}, abs=1e-8)
    assert result.forces == pytest.approx({"a->b": 1 / 3, "b->c": 1 / 3, "c->a": 1 / 3}, abs=1e-8)
    assert result.residual < 1e-9
    # the contraction halves the error each round: from 1/6 to 1e-9 takes 28 rounds or so
    assert 20 < result.iterations < 40


def test_odd_cycle_that_flips_goes_to_the_continuous_form() -> None:
    # base 1: synchronous rounds flip (1, 1, 1) -> (0, 0, 0) -> (1, 1, 1); dσ/dt = 1 - σ - σ
    # settles at .5 for each
    amap = cycle({"a": 1.0, "b": 1.0, "c": 1.0})
    result = strength(amap, "dfquad")
    assert result.method == "continuous" and result.converged
    assert result.strengths == pytest.approx({"a": 0.5, "b": 0.5, "c": 0.5}, abs=1e-8)
    assert result.residual < 1e-9
    # the flipping rounds are given up on as soon as they repeat: the cap changes nothing
    short = strength(amap, "dfquad", max_iterations=3)
    assert (short.strengths, short.iterations, short.method) == (
        result.strengths,
        result.iterations,
        result.method,
    )


def test_the_continuous_form_reports_running_out_of_steps() -> None:
    # the flipping three-cycle of base 1 follows dσ/dt = 1 - 2σ: each RK4 step of h = .1
    # multiplies σ - .5 by R(-.2) = 1 - .2 + .2²/2 - .2³/6 + .2⁴/24; two steps from σ = 1
    result = strength(cycle({"a": 1.0, "b": 1.0, "c": 1.0}), "dfquad", max_steps=2)
    assert not result.converged and result.method == "continuous"
    assert result.iterations == 2
    r = 1 - 0.2 + 0.2**2 / 2 - 0.2**3 / 6 + 0.2**4 / 24
    expected = 0.5 + 0.5 * r * r
    assert result.strengths == pytest.approx({"a": expected, "b": expected, "c": expected})
    assert result.residual == pytest.approx(2 * expected - 1)  # |1 - 2σ|


def test_undercut_inside_a_cycle_by_hand() -> None:
    # a and b attack each other; c (unattacked, .5) undercuts a's attack, whose validity is
    # so 1 - .5 = .5. DF-QuAD: b = .5 - .5 (.5 a), a = .5 - .5 b, so a = 2/7 and b = 3/7
    amap = make_map(
        {"a": 0.5, "b": 0.5, "c": 0.5},
        [(["a"], "b", "opposes"), (["b"], "a", "opposes"), (["c"], "a->b", "undercuts")],
    )
    result = strength(amap, "dfquad")
    assert result.method == "iteration" and result.converged
    assert result.strengths == pytest.approx({"a": 2 / 7, "b": 3 / 7, "c": 0.5}, abs=1e-8)
    assert result.forces == pytest.approx({"a->b": 1 / 7, "b->a": 3 / 7, "c_>a->b": 0.5}, abs=1e-8)


def test_weighted_linked_attack_inside_a_cycle_by_hand() -> None:
    # b attacks a; a and p (.4, unattacked) together attack b with weight .5: the force is
    # .5 min(a, .4). Fixed point with a > .4: b = .5 - .5 (.2) = .4, a = .5 - .5 (.4) = .3 < .4,
    # so the weakest link is a: b = .5 - .25 a, a = .5 - .5 b, a = .25 / .875 = 2/7, b = 3/7
    amap = make_map(
        {"a": 0.5, "b": 0.5, "p": 0.4},
        [(["b"], "a", "opposes"), (["a", "p"], "b", "opposes", 0.5)],
    )
    result = strength(amap, "dfquad")
    assert result.converged
    assert result.strengths == pytest.approx({"a": 2 / 7, "b": 3 / 7, "p": 0.4}, abs=1e-8)
    assert result.forces["a&p->b"] == pytest.approx(1 / 7, abs=1e-8)


def test_support_cycle_under_quadratic_and_euler() -> None:
    amap = cycle({"a": 0.5, "b": 0.5}, "supports")
    result = strength(amap, "quadratic")
    assert result.method == "iteration" and result.converged
    v = result.strengths["a"]
    # s = .5 + .5 h(s), h(s) = s² / (1 + s²); the fixed point lies above .5
    assert v > 0.5 and v == pytest.approx(0.5 + 0.5 * v * v / (1 + v * v), abs=1e-8)
    assert result.strengths["b"] == pytest.approx(v, abs=1e-12)
    result = strength(amap, "euler")
    assert result.converged
    v = result.strengths["a"]
    # s = 1 - .75 / (1 + .5 e^s)
    assert v > 0.5 and v == pytest.approx(1 - 0.75 / (1 + 0.5 * math.exp(v)), abs=1e-8)


def test_assuming_a_claim_of_a_cycle_breaks_it() -> None:
    # a held at 1: b = .5 - .5 = 0, c = .5 - 0 = .5, exactly, in one ordered pass
    result = strength(cycle({"a": 0.5, "b": 0.5, "c": 0.5}), "dfquad", assume=["a"])
    assert result.method == "topological" and result.converged
    assert result.strengths == {"a": 1.0, "b": 0.0, "c": 0.5}
    result = strength(cycle({"a": 0.5, "b": 0.5, "c": 0.5}), "quadratic", reject=["b"])
    # b held at 0: c = .5, a = .5 - .5 h(.5) = .5 - .5 (.25 / 1.25) = .4
    assert result.strengths == pytest.approx({"a": 0.4, "b": 0.0, "c": 0.5})


def test_assumed_claim_attacking_into_a_cycle() -> None:
    # a and b attack each other, c (held at 1) attacks a: F(a) = 1, so a = 0 and b = .5
    amap = make_map(
        {"a": 0.5, "b": 0.5, "c": 0.5},
        [(["a"], "b", "opposes"), (["b"], "a", "opposes"), (["c"], "a", "opposes")],
    )
    result = strength(amap, "dfquad", assume=["c"])
    assert result.method == "iteration" and result.converged
    assert result.strengths == {"a": 0.0, "b": 0.5, "c": 1.0}
