"""The map's networkx graphs: the claim projection's steps, in the map's order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from argmap.graph import (
    Step,
    bearing_claim,
    claim_graph,
    full_graph,
    neighbourhood,
    relation_stance,
    steps_from,
    steps_into,
)
from argmap.load import load_map
from argmap.model import ArgumentMap, Claim, Relation, Text

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data"


def _expected_steps(amap: ArgumentMap, claim: str, into: bool) -> list[Step]:
    """The steps of a claim read straight off the relations: grouped by the other claim in
    order of its first relation, then in the map's order."""
    by_id = amap.relations_by_id()
    grouped: dict[str, list[Step]] = {}
    for rel in amap.relations:
        target = bearing_claim(amap, rel, by_id)
        if target is None:
            continue
        for p in rel.premises:
            if (target if into else p) != claim:
                continue
            others = tuple(o for o in rel.premises if o != p)
            step = Step(p, target, rel.id, rel.type, relation_stance(amap, rel, by_id), others)
            grouped.setdefault(p if into else target, []).append(step)
    return [s for steps in grouped.values() for s in steps]


def test_steps_follow_the_relations_in_the_maps_order() -> None:
    checked = 0
    for path in (
        DATA / "chain.yaml",
        DATA / "tiny.yaml",
        DATA / "undercut.yaml",
        DATA / "eval_cycle.yaml",
        ROOT / "arguments" / "llama-3.1-open-source",
    ):
        amap = load_map(path)
        g = claim_graph(amap)
        assert list(g) == list(amap.claims)
        for cid in amap.claims:
            assert steps_into(g, cid) == _expected_steps(amap, cid, into=True), (path, cid)
            assert steps_from(g, cid) == _expected_steps(amap, cid, into=False), (path, cid)
            checked += 1
    assert checked > 100


def test_undercut_steps_bear_on_the_attacked_relations_claim() -> None:
    amap = load_map(DATA / "undercut.yaml")
    g = claim_graph(amap)
    undercuts = [s for cid in amap.claims for s in steps_from(g, cid) if s.type == "undercuts"]
    assert undercuts
    by_id = amap.relations_by_id()
    for step in undercuts:
        attacked = by_id[by_id[step.relation].target]
        assert step.target == attacked.target
        assert step.stance == -(1 if attacked.type == "supports" else -1)


def test_a_claim_without_relations_has_no_steps() -> None:
    amap = ArgumentMap(
        claims={c: Claim(c, Text.of(c)) for c in ("x", "a", "lonely")},
        relations=(Relation("a+>x", ("a",), "x", "supports"),),
    )
    g = claim_graph(amap)
    assert steps_into(g, "lonely") == [] and steps_from(g, "lonely") == []
    assert [s.source for s in steps_into(g, "x")] == ["a"]
    assert neighbourhood(amap, "lonely", 3) == {"lonely"}
    assert neighbourhood(amap, "a", 1, "up") == {"a", "x"}
    assert neighbourhood(amap, "a", 1, "down") == {"a"}


def test_graphs_are_built_once_per_map() -> None:
    amap = load_map(DATA / "tiny.yaml")
    assert claim_graph(amap) is claim_graph(amap)
    assert full_graph(amap) is full_graph(amap)
    assert claim_graph(claim_graph(amap)) is claim_graph(amap)
    linked = [d for _, _, d in claim_graph(amap).edges(data=True) if d["relation"] == "r1"]
    assert sorted(d["linked"] for d in linked) == [("a",), ("c",)]


def test_validating_a_map_does_not_import_networkx() -> None:
    code = (
        "import sys\n"
        "from argmap.load import load_map\n"
        f"load_map({str(DATA / 'tiny.yaml')!r})\n"
        "import argmap.graph, argmap.analysis.query\n"
        "assert 'networkx' not in sys.modules, 'networkx imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
