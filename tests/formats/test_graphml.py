"""GraphML export for Gephi and yEd."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from argmap.formats.graphml import dump_graphml
from argmap.load import load_map

DATA = Path(__file__).resolve().parents[1] / "data"


def read(text: str) -> nx.DiGraph:
    return nx.read_graphml(io.BytesIO(text.encode("utf-8")))


def test_graph_structure_and_string_attributes() -> None:
    amap = load_map(DATA / "tiny.yaml")
    g = read(dump_graphml(amap))
    assert g.number_of_nodes() == len(amap.claims) + len(amap.relations)
    assert g.nodes["x"]["label"] == "We should do X."
    assert g.nodes["x"]["kind"] == "policy" and g.nodes["x"]["node"] == "claim"
    assert g.nodes["a"]["sources"] == "A paper" and g.nodes["a"]["actors"] == "Alice"
    assert g.nodes["r1"]["premises"] == "a, c" and g.nodes["r1"]["linked"] == "true"
    assert g.edges["a", "r1"]["role"] == "premise" and g.edges["r1", "x"]["type"] == "supports"
    for _, attrs in g.nodes(data=True):
        assert all(isinstance(v, str) for v in attrs.values())
    assert g.edges["b->x", "x"]["color"] == "#dc2626"


def test_undercut_edge_reaches_the_relation_node() -> None:
    g = read(dump_graphml(load_map(DATA / "undercut.yaml")))
    assert g.has_edge("lobby", "lobby_>danger-restrict")
    assert g.has_edge("lobby_>danger-restrict", "danger-restrict")
    assert g.nodes["danger-restrict"]["weight"] == "0.8"


def test_language_and_determinism() -> None:
    amap = load_map(DATA / "tiny.yaml")
    assert read(dump_graphml(amap, "ja")).nodes["x"]["label"] == "Xをすべきだ。"
    assert dump_graphml(amap) == dump_graphml(amap)


def test_graphml_leaves_the_maps_shared_graph_alone() -> None:
    """The export writes the map's networkx graph; its attributes go on a copy."""
    from argmap.graph import full_graph

    amap = load_map(DATA / "undercut.yaml")
    before = [(n, dict(d)) for n, d in full_graph(amap).nodes(data=True)]
    edges = [(a, b, dict(d)) for a, b, d in full_graph(amap).edges(data=True)]
    dump_graphml(amap)
    assert [(n, dict(d)) for n, d in full_graph(amap).nodes(data=True)] == before
    assert [(a, b, dict(d)) for a, b, d in full_graph(amap).edges(data=True)] == edges


def test_clusters_and_collapse() -> None:
    from argmap.view import clusters

    amap = load_map(DATA / "tiny.yaml")
    groups = clusters(amap, "actor")
    g = read(dump_graphml(amap, groups=groups))
    assert g.nodes["b"]["cluster"] == "bob" and g.nodes["b"]["cluster_label"] == "Bob"
    assert g.nodes["x"]["cluster"] == "alice"
    collapsed = nx.read_graphml(
        io.BytesIO(dump_graphml(amap, groups=groups, collapse=True).encode())
    )
    assert list(collapsed.nodes) == ["group:alice", "group:bob", "issue:q"]
    assert collapsed.nodes["group:alice"]["count"] == "3"
    edges = [(u, v, d["type"], d["count"]) for u, v, d in collapsed.edges(data=True)]
    assert sorted(edges) == [
        ("group:alice", "group:bob", "opposes", "1"),
        ("group:alice", "issue:q", "answers", "1"),
        ("group:bob", "group:alice", "opposes", "1"),
    ]
