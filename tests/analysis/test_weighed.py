"""The weighed labelling, rule by rule, on small maps whose verdicts are worked out by hand."""

from __future__ import annotations

import pytest

from argmap.analysis.weighed import Standard, standards_of, weigh
from argmap.errors import ArgmapError
from argmap.load import load_text


def mapped(body: str):
    return load_text("argmap: 1\n" + body, "case.yaml")


def labels(body: str, **kw) -> dict[str, str]:
    return dict(weigh(mapped(body), **kw).labels)


def test_a_light_objection_loses_to_a_strong_reason() -> None:
    # wt(reason) = 1 × 0.8 = 0.8 against wt(objection) = 1 × 0.3: the claim stands
    amap = mapped(
        """claims:
  c: {text: C}
  r: {text: R, weight: 0.8, supports: c}
  o: {text: O, weight: 0.3, opposes: c}
"""
    )
    w = weigh(amap)
    assert w.label("c") == "in"
    assert (w.pro["c"], w.con["c"]) == (0.8, 0.3)
    assert w.explain("c") == "reason r+>c (0.80) outweighs objection o->c (0.30)"
    assert w.decisive_reason("c") == "r+>c" and w.decisive_objection("c") == "o->c"


def test_alternative_reasons_one_refuted_the_other_carries() -> None:
    # two independent reasons: refuting r1 (0.7 against its 0.5) leaves r2, and the claim
    # stands on it; under "necessary support" it would fall
    w = weigh(
        mapped(
            """claims:
  c: {text: C}
  r1: {text: R1, supports: c}
  r2: {text: R2, weight: 0.6, supports: c}
  x: {text: X, weight: 0.7, opposes: r1}
"""
        )
    )
    assert w.label("r1") == "out" and w.label("r1+>c") == "out"
    assert w.label("c") == "in" and w.pro["c"] == 0.6
    assert w.decisive_reason("c") == "r2+>c"


def test_a_claim_with_reasons_stands_on_them_not_on_its_own_weight() -> None:
    w = weigh(
        mapped(
            """claims:
  c: {text: C, weight: 0.9}
  r: {text: R, supports: c}
  x: {text: X, weight: 0.8, opposes: r}
"""
        )
    )
    # r falls (0.5 against 0.8), so c has no applicable reason: pro 0, not its 0.9
    assert w.label("c") == "out" and w.pro["c"] == 0.0
    assert w.explain("c") == "no reason stands"


def test_linked_premises_weigh_as_the_weakest() -> None:
    w = weigh(
        mapped(
            """claims:
  c: {text: C}
  p: {text: P, weight: 0.9}
  q: {text: Q, weight: 0.4}
  o: {text: O, weight: 0.45, opposes: c}
relations:
  - {id: linked, from: [p, q], to: c, type: supports}
"""
        )
    )
    # wt(linked) = 1 × min(0.9, 0.4) = 0.4 < 0.45
    assert w.weights["linked"] == 0.4
    assert w.label("c") == "out"
    assert w.explain("c") == "objection o->c (0.45) outweighs reason linked (0.40)"


def test_a_linked_argument_needs_every_premise() -> None:
    w = weigh(
        mapped(
            """claims:
  c: {text: C}
  p: {text: P}
  q: {text: Q}
  x: {text: X, weight: 0.9, opposes: q}
relations:
  - {id: linked, from: [p, q], to: c, type: supports}
"""
        )
    )
    assert w.label("q") == "out" and w.label("linked") == "out"
    assert w.explain("linked") == "premise q is out" and w.label("c") == "out"


def test_undercuts_win_only_when_at_least_as_heavy() -> None:
    body = """claims:
  c: {text: C}
  r: {text: R, weight: 0.6}
  u: {text: U, weight: %s}
relations:
  - {id: inference, from: r, to: c, type: supports}
  - {from: u, to: inference, type: undercuts}
"""
    light = weigh(mapped(body % "0.5"))
    assert light.label("inference") == "in" and light.label("c") == "in"
    equal = weigh(mapped(body % "0.6"))
    assert equal.label("inference") == "out" and equal.label("c") == "out"
    assert equal.explain("inference") == "undercut by u_>inference (0.60 ≥ 0.60)"


def test_a_relation_weight_scales_the_argument() -> None:
    w = weigh(
        mapped(
            """claims:
  c: {text: C}
  r: {text: R, weight: 0.8}
  o: {text: O, weight: 0.5, opposes: c}
relations:
  - {from: r, to: c, type: supports, weight: 0.5}
"""
        )
    )
    # wt = 0.5 × 0.8 = 0.4 < 0.5
    assert w.weights["r+>c"] == 0.4 and w.label("c") == "out"


def test_a_tie_is_out_and_called_balanced() -> None:
    w = weigh(
        mapped(
            """claims:
  c: {text: C}
  r: {text: R, supports: c}
  o: {text: O, opposes: c}
"""
        )
    )
    assert w.label("c") == "out" and w.pro["c"] == w.con["c"] == 0.5
    assert w.explain("c") == "balanced: reason r+>c (0.50) against objection o->c (0.50)"


def test_a_mutual_attack_of_equals_stays_undecided_and_the_heavier_wins() -> None:
    body = """claims:
  a: {text: A, weight: %s, opposes: b}
  b: {text: B, weight: 0.5, opposes: a}
  c: {text: C, supports: a}
"""
    even = weigh(mapped(body % "0.5"))
    # a stands on c (0.5) and b on its own weight (0.5): each wins only if the other loses
    assert even.label("a") == "undec" and even.label("b") == "undec"
    assert even.explain("a") == "depends on undecided b->a"
    uneven = weigh(mapped(body.replace("c: {text: C,", "c: {text: C, weight: 0.7,") % "0.5"))
    assert uneven.label("a") == "in" and uneven.label("b") == "out"


def test_a_verdict_that_holds_whichever_way_an_undecided_relation_goes_says_so() -> None:
    # a and b attack each other as equals, so a's relations stay undecided. c's best reason
    # could only reach 0.5 against an objection of 0.5: c is out either way. e's reason
    # (0.9) beats a's undecided objection (0.5) either way: e is in.
    w = weigh(
        mapped(
            """claims:
  a: {text: A, opposes: b}
  b: {text: B, opposes: a}
  c: {text: C}
  d: {text: D, opposes: c}
  e: {text: E}
  f: {text: F, weight: 0.9, supports: e}
relations:
  - {id: maybe, from: a, to: c, type: supports}
  - {id: doubt, from: a, to: e, type: opposes}
"""
        )
    )
    assert w.label("c") == "out" and w.label("maybe") == "undec"
    assert (
        w.explain("c")
        == "balanced: even undecided reason maybe (0.50) against objection d->c (0.50)"
    )
    assert w.label("e") == "in"
    assert w.explain("e") == "reason f+>e (0.90) outweighs even undecided objection doubt (0.50)"


def test_an_undecided_attacker_that_cannot_win_decides_nothing() -> None:
    # a and b attack each other evenly (undecided); each also opposes c, which at 0.9 beats
    # either of them whatever they turn out to be
    w = weigh(
        mapped(
            """claims:
  a: {text: A, opposes: [b, c]}
  b: {text: B, opposes: [a, c]}
  c: {text: C, weight: 0.9}
"""
        )
    )
    assert w.label("a") == w.label("b") == "undec"
    assert w.label("c") == "in"


STANDARD_MAP = """issues:
  q: {question: Q?, standard: %s}
claims:
  c: {text: C, answers: q}
  r: {text: R, weight: %s, supports: c}
  o: {text: O, weight: %s, opposes: c}
"""


@pytest.mark.parametrize(
    ("standard", "pro", "con", "expected"),
    [
        ("preponderance", 0.6, 0.5, "in"),
        ("preponderance", 0.5, 0.5, "out"),
        # clear and convincing: pro > α 0.5 and pro − con > β 0.3
        ("clear-and-convincing", 0.9, 0.5, "in"),
        ("clear-and-convincing", 0.8, 0.5, "out"),  # 0.3 is not above β
        ("clear-and-convincing", 0.5, 0.1, "out"),  # 0.5 is not above α
        # beyond reasonable doubt: also con < γ 0.2
        ("beyond-reasonable-doubt", 0.9, 0.1, "in"),
        ("beyond-reasonable-doubt", 0.9, 0.2, "out"),
    ],
)
def test_proof_standards(standard: str, pro: float, con: float, expected: str) -> None:
    w = weigh(mapped(STANDARD_MAP % (standard, pro, con)))
    assert w.label("c") == expected
    assert w.standard("c").name == standard
    # the other claims are held to preponderance
    assert w.standard("r").name == "preponderance"


def test_the_standard_says_what_fails() -> None:
    w = weigh(mapped(STANDARD_MAP % ("clear-and-convincing", 0.8, 0.5)))
    assert w.explain("c") == (
        "reason r+>c (0.80) against objection o->c (0.50): pro − con 0.30 is not above β 0.30 "
        "(clear-and-convincing)"
    )


def test_thresholds_set_on_an_issue_and_an_override_for_a_run() -> None:
    body = """issues:
  q: {question: Q?, standard: clear-and-convincing, thresholds: {beta: 0.2}}
claims:
  c: {text: C, answers: q}
  r: {text: R, weight: 0.8, supports: c}
  o: {text: O, weight: 0.5, opposes: c}
"""
    amap = mapped(body)
    assert standards_of(amap)["q"] == Standard("clear-and-convincing", 0.5, 0.2, 0.2)
    assert weigh(amap).label("c") == "in"  # 0.3 > β 0.2
    # the override replaces the issue's standard; o answers no issue and keeps preponderance
    brd = weigh(amap, standard="beyond-reasonable-doubt")
    assert brd.label("c") == "out" and brd.label("o") == "in"  # con 0.5 is not below γ 0.2
    assert brd.standard("o").name == "preponderance"
    assert weigh(amap, standard="preponderance").label("c") == "in"


def test_what_if_forces_a_node_and_judges_what_depends_on_it() -> None:
    body = """claims:
  c: {text: C}
  r: {text: R, weight: 0.8, supports: c}
  o: {text: O, weight: 0.3, opposes: c}
"""
    amap = mapped(body)
    assert weigh(amap, reject=["r"]).label("c") == "out"
    assert weigh(amap, reject=["r+>c"]).label("c") == "out"
    assumed = weigh(amap, assume=["o"], reject=["r"])
    assert assumed.explain("o") == "assumed" and assumed.explain("r") == "rejected by assumption"
    with pytest.raises(ArgmapError, match="cannot both assume and reject r"):
        weigh(amap, assume=["r"], reject=["r"])
    with pytest.raises(ArgmapError, match="no claim or relation 'zz'"):
        weigh(amap, assume=["zz"])


def test_a_long_chain_is_decided_in_one_pass() -> None:
    n = 3000
    lines = ["claims:"]
    lines += [f"  c{i}: {{text: C{i}, supports: c{i + 1}}}" for i in range(n)]
    lines.append(f"  c{n}: {{text: last}}")
    w = weigh(mapped("\n".join(lines) + "\n"))
    assert all(label == "in" for label in w.labels.values())


def test_without_supports_and_weights_it_is_the_grounded_labelling() -> None:
    # Random maps of oppositions (single and linked) and undercuts at the default weights:
    # every claim's weighed label equals its grounded one in the flattened Dung framework.
    import random

    from argmap.analysis.evaluation import evaluate
    from argmap.analysis.framework import map_to_framework

    compared = 0
    for seed in range(300):
        rnd = random.Random(seed)
        n = rnd.randint(2, 9)
        claims = "".join(f"  c{i}: {{text: C{i}}}\n" for i in range(n))
        rels: list[str] = []
        lines = []
        for _ in range(rnd.randint(1, 2 * n)):
            a, b, c = rnd.randrange(n), rnd.randrange(n), rnd.randrange(n)
            roll, rid = rnd.random(), f"r{len(rels)}"
            if a == b:
                continue
            if roll < 0.7:
                lines.append(f"  - {{id: {rid}, from: c{a}, to: c{b}, type: opposes}}\n")
            elif roll < 0.85 and c not in (a, b):
                lines.append(f"  - {{id: {rid}, from: [c{a}, c{c}], to: c{b}, type: opposes}}\n")
            elif roll >= 0.85 and rels:
                target = rnd.choice(rels)
                lines.append(f"  - {{id: {rid}, from: c{a}, to: {target}, type: undercuts}}\n")
            else:
                continue
            rels.append(rid)
        amap = mapped("claims:\n" + claims + "relations:\n" + "".join(lines))
        grounded = evaluate(map_to_framework(amap).framework, "grounded").labelling()
        assert weigh(amap).claim_labels() == {c: grounded[c] for c in amap.claims}, seed
        compared += 1
    assert compared == 300
