"""AIF JSON export and import (AIFdb, OVA, xAIF)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.errors import MapError
from argmap.formats.aif import dump_aif, read_aif
from argmap.formats.registry import get_format
from argmap.load import load_map

load_aif = get_format("aif").load  # read, then checked like every import

DATA = Path(__file__).resolve().parents[1] / "data"


def nodes_of(data: dict, type_: str) -> list[dict]:
    return [n for n in data["nodes"] if n["type"] == type_]


def test_export_node_kinds() -> None:
    data = json.loads(dump_aif(load_map(DATA / "tiny.yaml")))
    assert len(nodes_of(data, "I")) == 4
    assert len(nodes_of(data, "RA")) == 2  # a+>x and the linked r1
    assert len(nodes_of(data, "CA")) == 2
    assert [n["text"] for n in nodes_of(data, "YA")] == ["Asserting"] * 4
    assert nodes_of(data, "L")[0]["text"] == "Alice : We should do X."
    assert all(n["timestamp"] == "2000-01-01 00:00:00" for n in data["nodes"])
    assert data["participants"] == [
        {"participantID": 1, "firstname": "Alice", "surname": ""},
        {"participantID": 2, "firstname": "Bob", "surname": ""},
    ]
    assert {loc["personID"] for loc in data["locutions"]} == {"1", "2"}


def test_linked_premises_meet_in_one_ra() -> None:
    data = json.loads(dump_aif(load_map(DATA / "tiny.yaml")))
    ids = data["argmap"]["ids"]
    r1 = next(nid for nid, ours in ids.items() if ours == "r1")
    into = sorted(ids[e["fromID"]] for e in data["edges"] if e["toID"] == r1)
    out = [ids[e["toID"]] for e in data["edges"] if e["fromID"] == r1]
    assert into == ["a", "c"] and out == ["x"]


def test_undercut_is_a_ca_into_an_ra() -> None:
    data = json.loads(dump_aif(load_map(DATA / "undercut.yaml")))
    ids = data["argmap"]["ids"]
    by_id = {n["nodeID"]: n for n in data["nodes"]}
    ca = next(nid for nid, ours in ids.items() if ours == "lobby_>danger-restrict")
    target = next(e["toID"] for e in data["edges"] if e["fromID"] == ca)
    assert by_id[ca]["type"] == "CA" and by_id[target]["type"] == "RA"
    assert by_id[target]["text"] == "argument from consequences"  # the scheme names the RA


def test_export_is_deterministic_and_uses_lang() -> None:
    amap = load_map(DATA / "tiny.yaml")
    assert dump_aif(amap) == dump_aif(amap)
    data = json.loads(dump_aif(amap, "ja"))
    assert nodes_of(data, "I")[0]["text"] == "Xをすべきだ。"


def test_import_aifdb_file() -> None:
    amap = load_aif((DATA / "fmt_aif_aifdb.json").read_text(), "fmt_aif_aifdb.json")
    assert list(amap.claims) == ["n101", "n102", "n103", "n106", "n108", "n109", "n112"]
    rels = {r.id: r for r in amap.relations}
    assert rels["n102+>n101"].type == "supports"
    assert rels["n103->n101"].type == "opposes"
    assert rels["n106_>n102+>n101"].type == "undercuts"
    linked = rels["n108&n109+>n112"]
    assert linked.linked and linked.scheme == "Argument From Analogy"
    # speakers: the locution names person 7, the L-node text gives the name; Bob has no locution
    assert amap.claims["n101"].by == ("ann",)
    assert amap.actors["ann"].name.get() == "Ann"
    assert amap.claims["n103"].by == ("bob",)


def test_import_xaif_with_integer_ids() -> None:
    amap = load_aif((DATA / "fmt_aif_xaif.json").read_text(), "fmt_aif_xaif.json")
    assert list(amap.claims) == ["n1", "n2", "n4"]
    assert {r.id for r in amap.relations} == {"n2+>n1", "n4_>n2+>n1"}
    assert amap.claims["n2"].by == ("alex-smith",)
    assert amap.actors["kim-lee"].name.get() == "Kim Lee"


def test_roundtrip_keeps_everything() -> None:
    amap = load_map(DATA / "undercut.yaml")
    back = load_aif(dump_aif(amap), "x.json")
    assert back.claims == amap.claims
    assert set(back.relations) == set(amap.relations)


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        (
            '{"nodes": [\n  {"nodeID": "1", "text": "a", "type": "I"},\n]}',
            "JSON syntax error",
            "f:3:1",
        ),
        ('{"nodes": []}', "needs 'nodes' and 'edges' lists", "f:1:1"),
        ('{"nodes": [\n  {"text": "a", "type": "I"}], "edges": []}', "has no 'nodeID'", "f:2:3"),
        (
            '{"nodes": [{"nodeID": 1, "text": "a", "type": "I"}],\n'
            ' "edges": [\n  {"edgeID": 1, "fromID": 1, "toID": 9}]}',
            "edge toID 9 names no node",
            "f:3:3",
        ),
        (
            '{"nodes": [{"nodeID": 1, "text": "a", "type": "I"},\n'
            '  {"nodeID": 2, "text": "Default Inference", "type": "RA"}],\n'
            ' "edges": [{"edgeID": 1, "fromID": 1, "toID": 2}]}',
            "RA node 2 has no conclusion",
            "f:2:3",
        ),
        (
            '{"nodes": [{"nodeID": 1, "text": "a", "type": "I"},\n'
            '  {"nodeID": 1, "text": "b", "type": "I"}], "edges": []}',
            "node id 1 is used twice",
            "f:2:3",
        ),
        ('{"nodes": [{"nodeID": true, "type": "I"}], "edges": []}', "'nodeID' must be", "f:1:12"),
    ],
)
def test_import_errors_are_located(text: str, message: str, where: str) -> None:
    with pytest.raises(MapError) as info:
        load_aif(text, "f")
    formatted = info.value.diagnostics[0].format()
    assert message in formatted, formatted
    assert formatted.startswith(where), formatted


def test_ova2_and_sadface_errors_are_located_in_their_own_terms() -> None:
    from argmap.errors import MapError
    from argmap.formats.ova_sadface import read_ova, read_sadface

    with pytest.raises(MapError) as caught:
        read_ova('{"nodes": [\n  {"type": "I", "text": "x"}],\n "edges": []}', "s.json")
    assert "s.json:2:3: error: an OVA2 node has no 'id' (a string or an integer)" in str(
        caught.value
    )
    with pytest.raises(MapError) as caught:
        read_ova('{"nodes": []}', "s.json")
    assert "s.json:1:1: error: an OVA2 save needs an 'edges' list" in str(caught.value)
    with pytest.raises(MapError) as caught:
        read_sadface(
            '{"nodes": [{"id": "a", "type": "atom", "text": "x"},\n'
            '  {"id": "b", "type": "argument"}], "edges": []}',
            "s.json",
        )
    assert "s.json:2:3: error: SADFace node b has type 'argument'" in str(caught.value)


def test_a_speaker_without_a_locution_is_kept_and_listeners_are_no_actors() -> None:
    data = {
        "nodes": [
            {"nodeID": "1", "type": "I", "text": "It will rain."},
            {"nodeID": "2", "type": "L", "text": "HFC: It will rain."},
            {"nodeID": "3", "type": "YA", "text": "Asserting"},
            {"nodeID": "4", "type": "L", "text": "Anon: HFC: It will rain."},
        ],
        "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}],
        "participants": [{"participantID": 7, "firstname": "Silent", "surname": "Listener"}],
    }
    amap = read_aif(json.dumps(data), "x.json")
    assert [amap.actors[a].name.get() for a in amap.claims["n1"].by] == ["HFC"]
    assert [a.name.get() for a in amap.actors.values()] == ["HFC"]
