"""Supporters, opposers and paths on a map with known answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis.query import bearers, find_claims, paths, resolve_by_match, resolve_claim
from argmap.errors import NotFoundError
from argmap.graph import claim_graph, full_graph, neighbourhood
from argmap.load import load_map

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def amap():
    return load_map(DATA / "chain.yaml")


@pytest.fixture(scope="module")
def g(amap):
    return claim_graph(amap)


def ids(found):
    return [(f.id, f.depth) for f in found]


def test_direct_supporters_include_linked_premises_and_undercuts_of_oppositions(g) -> None:
    found = bearers(g, "goal", stance=1, depth=1)
    assert ids(found) == [("s1", 1), ("c2", 1), ("v", 1), ("l1", 1), ("l2", 1)]
    linked = {f.id: f.steps[0].linked for f in found}
    assert linked["l1"] == ("l2",)


def test_undercut_of_a_support_is_an_opposer(g) -> None:
    found = bearers(g, "goal", stance=-1, depth=1)
    assert ids(found) == [("o1", 1), ("u", 1)]
    undercut = next(f for f in found if f.id == "u")
    assert undercut.steps[0].relation == "u_>s1+>goal"
    assert undercut.path == ["u", "goal"]


def test_chains_of_three_and_four_steps_keep_their_net_stance(g) -> None:
    supporters = {f.id: f for f in bearers(g, "goal", stance=1, depth=None)}
    opposers = {f.id: f for f in bearers(g, "goal", stance=-1, depth=None)}
    assert supporters["o2"].path == ["o2", "o1", "goal"]  # opposes an opposer
    assert opposers["o3"].path == ["o3", "o2", "o1", "goal"]  # three steps: - - -
    assert opposers["s2"].path == ["s2", "o1", "goal"]  # supports an opposer
    assert supporters["self-conflict"].depth == 4
    assert supporters["self-conflict"].path == ["self-conflict", "o3", "o2", "o1", "goal"]


def test_depth_limits_the_search(g) -> None:
    assert {f.id for f in bearers(g, "goal", depth=2)} >= {"o2", "s2", "c1"}
    assert "o3" not in {f.id for f in bearers(g, "goal", depth=2)}


def test_cycles_terminate(g) -> None:
    found = bearers(g, "c1", depth=None)
    assert ids(found) == [("c2", 1)]


def test_paths_lists_every_simple_chain(g) -> None:
    found = paths(g, "c1", "goal")
    assert [f.path for f in found] == [["c1", "c2", "goal"]]
    found = paths(g, "self-conflict", "goal")
    assert [(f.path, f.stance) for f in found] == [(["self-conflict", "o3", "o2", "o1", "goal"], 1)]
    assert paths(g, "goal", "s1") == []


def test_resolve_claim_by_id_prefix_and_match(amap) -> None:
    assert resolve_claim(amap, "goal") == "goal"
    assert resolve_claim(amap, "self") == "self-conflict"
    with pytest.raises(NotFoundError, match="several claims"):
        resolve_claim(amap, "o")
    with pytest.raises(NotFoundError, match="did you mean 'goal'"):
        resolve_claim(amap, "gaol")
    assert resolve_by_match(amap, "目標") == "goal"
    assert resolve_by_match(amap, "MEASURED badly") == "u"


def test_find_searches_every_language_and_width(amap) -> None:
    assert find_claims(amap, "risk") == ["o1", "o2", "o3", "v"]
    assert find_claims(amap, "目標") == ["goal"]
    assert find_claims(amap, "ｇｏａｌ") == ["goal"]  # full-width letters match


def test_graph_views(amap) -> None:
    full = full_graph(amap)
    assert full.nodes["linked-r"]["node"] == "relation"
    assert set(full.predecessors("linked-r")) == {"l1", "l2"}
    assert set(full.successors("u_>s1+>goal")) == {"s1+>goal"}
    assert neighbourhood(amap, "o1", 1, "down") == {"o1", "o2", "s2"}
    assert neighbourhood(amap, "o1", 1, "up") == {"o1", "goal"}
