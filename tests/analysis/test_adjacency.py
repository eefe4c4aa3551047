"""The networkx-free adjacency gives the claim projection's steps, in networkx's order."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from argmap.adjacency import Adjacency, Step
from argmap.graph import claim_graph
from argmap.load import load_map

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402


def _nx_steps(edges) -> list[Step]:
    return [
        Step(src, dst, d["relation"], d["type"], d["stance"], d["linked"]) for src, dst, d in edges
    ]


def _maps(tmp_path_factory):
    yield from (DATA / n for n in ("chain.yaml", "tiny.yaml", "undercut.yaml", "eval_cycle.yaml"))
    yield ROOT / "arguments" / "llama-3.1-open-source"
    folder = tmp_path_factory.mktemp("generated")
    for n, seed in ((300, 1), (500, 7)):
        path = folder / f"map-{n}-{seed}.yaml"
        path.write_text(generate.to_yaml(generate.generate(n, seed=seed)), encoding="utf-8")
        yield path


def test_same_steps_in_the_same_order_as_the_networkx_projection(tmp_path_factory):
    checked = 0
    for path in _maps(tmp_path_factory):
        amap = load_map(path)
        g = claim_graph(amap)
        adj = Adjacency(amap)
        for cid in amap.claims:
            assert adj.steps_into(cid) == _nx_steps(g.in_edges(cid, data=True)), (path, cid)
            assert adj.steps_from(cid) == _nx_steps(g.out_edges(cid, data=True)), (path, cid)
            assert list(adj.predecessors(cid)) == list(g.predecessors(cid))
            assert list(adj.successors(cid)) == list(g.successors(cid))
            checked += 1
    assert checked > 800


def test_undercut_steps_bear_on_the_attacked_relations_claim():
    amap = load_map(DATA / "undercut.yaml")
    adj = Adjacency(amap)
    undercuts = [s for cid in amap.claims for s in adj.steps_from(cid) if s.type == "undercuts"]
    assert undercuts
    by_id = amap.relations_by_id()
    for step in undercuts:
        attacked = by_id[by_id[step.relation].target]
        assert step.target == attacked.target
        assert step.stance == -(1 if attacked.type == "supports" else -1)


def test_a_claim_without_relations_has_no_steps():
    from argmap.model import ArgumentMap, Claim, Relation, Text

    amap = ArgumentMap(
        claims={c: Claim(c, Text.of(c)) for c in ("x", "a", "lonely")},
        relations=(Relation("a+>x", ("a",), "x", "supports"),),
    )
    adj = Adjacency(amap)
    assert adj.steps_into("lonely") == [] and adj.steps_from("lonely") == []
    assert list(adj.predecessors("lonely")) == [] and list(adj.successors("lonely")) == []
    assert [s.source for s in adj.steps_into("x")] == ["a"]
    with pytest.raises(AttributeError):
        adj.extra = 1  # slots: the index is not a bag of attributes
