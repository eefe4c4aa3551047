"""Node-link JSON: every attribute, exact round trip, located errors."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from argmap.errors import MapError
from argmap.formats.jsonfmt import dump_json
from argmap.formats.jsonloc import parse_json, where
from argmap.formats.registry import get_format
from argmap.load import load_map

load_json = get_format("json").load  # read, then checked like every import

DATA = Path(__file__).resolve().parents[1] / "data"


def test_node_link_shape_readable_by_networkx() -> None:
    amap = load_map(DATA / "tiny.yaml")
    data = json.loads(dump_json(amap))
    assert data["graph"]["format"] == "argmap-node-link"
    g = nx.node_link_graph(data, edges="links")
    assert g.nodes["x"]["text"] == {"en": "We should do X.", "ja": "Xをすべきだ。"}
    assert g.nodes["x"]["kind"] == "policy" and g.nodes["x"]["answers"] == "q"
    assert g.nodes["r1"]["premises"] == ["a", "c"] and g.nodes["r1"]["explicit_id"] is True
    assert g.has_edge("a", "r1") and g.edges["r1", "x"]["role"] == "target"
    assert data["graph"]["sources"]["paper"] == {"title": "A paper", "date": "2024-07-23"}


def test_roundtrip_is_exact() -> None:
    for name in ("tiny.yaml", "undercut.yaml"):
        amap = load_map(DATA / name)
        back = load_json(dump_json(amap), "x.json")
        assert back.claims == amap.claims and back.relations == amap.relations
        assert (back.actors, back.sources, back.issues) == (amap.actors, amap.sources, amap.issues)
        assert (back.title, back.languages) == (amap.title, amap.languages)


def test_parse_json_locates_objects() -> None:
    data = parse_json('{\n  "a": [\n    {"b": 1}\n  ]\n}', "f.json")
    assert str(where("f.json", data)) == "f.json:1:1"
    assert str(where("f.json", data["a"])) == "f.json:2:8"
    assert str(where("f.json", data["a"][0])) == "f.json:3:5"
    assert str(where("f.json", 3)) == "f.json"


@pytest.mark.parametrize(
    ("text", "message", "where_"),
    [
        ("", "JSON syntax error", "f.json:1:1"),
        ('{"nodes": [1,]}', "JSON syntax error", "f.json:1:14"),
        ('{"graph": {"format": "other"}, "nodes": []}', "not argmap node-link JSON", "f.json:1:11"),
        (
            '{"graph": {"format": "argmap-node-link"},\n "nodes": [\n'
            '  {"id": "a", "node": "claim"}]}',
            "must be a non-empty string",
            "f.json:3:3",
        ),
        (
            '{"graph": {"format": "argmap-node-link"}, "nodes": [\n'
            '  {"id": "r", "node": "relation", "type": "backs"}]}',
            "unknown type 'backs'",
            "f.json:2:3",
        ),
        (
            '{"graph": {"format": "argmap-node-link"}, "nodes": [\n'
            '  {"id": "a", "node": "claim", "text": "A", "by": ["ghost"]}]}',
            "unknown actor 'ghost'",
            "f.json:2:3",
        ),
    ],
)
def test_errors_are_located(text: str, message: str, where_: str) -> None:
    with pytest.raises(MapError) as info:
        load_json(text, "f.json")
    formatted = info.value.diagnostics[0].format()
    assert message in formatted and formatted.startswith(where_), formatted


def test_node_link_layout_matches_networkx() -> None:
    """node_link_data is built without a graph; it must equal networkx's of the full graph."""
    from argmap.formats.jsonfmt import node_link_data
    from argmap.graph import full_graph

    data_dir = Path(__file__).parent.parent / "data"
    for name in ("tiny.yaml", "chain.yaml", "undercut.yaml"):
        amap = load_map(data_dir / name)
        ours = node_link_data(amap)
        g = nx.DiGraph()
        g.graph.update(ours["graph"])
        for node in ours["nodes"]:
            g.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
        for src, dst, data in full_graph(amap).edges(data=True):
            g.add_edge(src, dst, **data)
        assert ours == nx.node_link_data(g, edges="links"), name
        assert nx.node_link_graph(ours, edges="links").number_of_edges() == g.number_of_edges()


def test_nodes_leave_out_exactly_the_empty_values() -> None:
    """None, "", [] and {} are left out; 0, 0.0 and False are kept."""
    from argmap.formats.jsonfmt import node_link_data
    from argmap.model import ArgumentMap, Claim, Relation, Text

    claims = {
        "a": Claim("a", Text.of("plain"), weight=0.0, answers=""),
        "b": Claim("b", Text(), kind="", quote=Text((("", ""),)), note=Text.of({"en": "n"})),
        "c": Claim("c", Text.of({"en": "e", "ja": "j"}), by=("x",), source=("s",), tags=("t",)),
    }
    relations = (
        Relation("r", ("a", "c"), "b", "supports", scheme="", weight=0.0, explicit_id=True),
        Relation("u", ("b",), "r", "undercuts", scheme="expert", by=("x",), source=("s",)),
    )
    nodes = node_link_data(ArgumentMap(claims=claims, relations=relations))["nodes"]
    expected = [
        {"node": "claim", "text": "plain", "kind": "fact", "weight": 0.0, "id": "a"},
        {"node": "claim", "note": {"en": "n"}, "id": "b"},
        {
            "node": "claim",
            "text": {"en": "e", "ja": "j"},
            "kind": "fact",
            "by": ["x"],
            "source": ["s"],
            "tags": ["t"],
            "id": "c",
        },
        {
            "node": "relation",
            "type": "supports",
            "premises": ["a", "c"],
            "target": "b",
            "weight": 0.0,
            "explicit_id": True,
            "id": "r",
        },
        {
            "node": "relation",
            "type": "undercuts",
            "premises": ["b"],
            "target": "r",
            "scheme": "expert",
            "by": ["x"],
            "source": ["s"],
            "explicit_id": False,
            "id": "u",
        },
    ]
    assert [list(n.items()) for n in nodes] == [list(n.items()) for n in expected]


def test_ill_typed_values_follow_the_same_rule() -> None:
    """Hand-built objects outside the model's types get the same rule."""
    from argmap.formats.jsonfmt import node_link_data
    from argmap.model import ArgumentMap, Claim, Text

    odd = Claim("o", Text((("", None),)), kind=False, answers=0, quote=Text((("", None),)))  # type: ignore[arg-type]
    (node,) = node_link_data(ArgumentMap(claims={"o": odd}))["nodes"]
    assert node == {"node": "claim", "kind": False, "answers": 0, "id": "o"}
