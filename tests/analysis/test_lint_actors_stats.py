"""Lint findings, actor profiles and stats on a map with known answers."""

from __future__ import annotations

from pathlib import Path

from argmap.analysis.actors import agreements, profiles
from argmap.analysis.lint import lint, support_cycles
from argmap.analysis.stats import centrality, map_stats
from argmap.load import load_map

DATA = Path(__file__).parent.parent / "data"


def test_lint_findings_with_locations() -> None:
    amap = load_map(DATA / "chain.yaml")
    found = {(f.code, f.location.line) for f in lint(amap)}
    assert ("circular-support", 19) in found
    assert ("no-actor", 25) in found
    assert ("isolated-claim", 25) in found
    assert ("empty-issue", 11) in found
    assert ("unsupported-conclusion", 16) in found  # o2 is attacked, nothing supports it
    assert ("unsourced-fact", 24) not in found  # v is a value claim, not a fact
    assert support_cycles(amap) == [["c1", "c2", "c1"]]


def test_unsourced_fact_and_unargued_position(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\nissues:\n  q: {question: Q}\nclaims:\n"
        "  p: {text: A position., kind: policy, answers: q}\n  f: {text: A fact., opposes: p}\n",
        encoding="utf-8",
    )
    codes = [(f.code, f.location.line) for f in lint(load_map(path))]
    assert ("unargued-position", 5) in codes
    assert ("unsourced-fact", 6) in codes
    assert ("unsupported-conclusion", 5) in codes


def test_one_way_opposition_between_positions(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\nissues:\n  q: {question: Q}\nclaims:\n"
        "  a: {text: Yes., kind: policy, answers: q, opposes: b}\n"
        "  b: {text: No., kind: policy, answers: q}\n"
        "  c: {text: Maybe., kind: policy, answers: q, opposes: d}\n"
        "  d: {text: Never., kind: policy, answers: q, opposes: c}\n"
        "  e: {text: Other., kind: policy, opposes: a}\n",
        encoding="utf-8",
    )
    found = [f for f in lint(load_map(path)) if f.code == "one-way-opposition"]
    assert [(f.location.line, f.hint) for f in found] == [
        (5, "if they contradict each other, add 'opposes: a' to 'b'")
    ]


def test_actor_profiles_positions_and_conflicts() -> None:
    amap = load_map(DATA / "chain.yaml")
    profs = {p.actor: p for p in profiles(amap)}
    assert profs["pro"].positions == {"q": ("goal",)}
    assert [(c.attacker, c.attacked) for c in profs["con"].conflicts] == [("self-conflict", "o3")]
    [pair] = agreements(amap)
    assert (pair.a, pair.b, pair.supports, pair.attacks) == ("pro", "con", 0, 3)
    assert pair.score == -1.0


def test_stats_rankings() -> None:
    amap = load_map(DATA / "chain.yaml")
    data = map_stats(amap, top=3)
    assert data["claims"] == 14
    assert data["relations_by_type"] == {"supports": 6, "opposes": 4, "undercuts": 2}
    assert data["linked_arguments"] == 1
    assert data["most_supported"][0] == {"id": "goal", "score": 3}
    assert [r["id"] for r in data["most_attacked"]][:2] == ["goal", "o1"]
    assert data["most_central"][0]["id"] == "goal"
    ranks = centrality(amap)
    assert list(ranks) == list(amap.claims)
    assert abs(sum(v * v for v in ranks.values()) - 1) < 1e-9  # unit length
    assert ranks["goal"] > ranks["s1"] > 0
