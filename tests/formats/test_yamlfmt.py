"""Writing maps back as our YAML format."""

from __future__ import annotations

from pathlib import Path

import yaml

from argmap.formats.yamlfmt import dump_yaml
from argmap.load import load_map
from argmap.load import load_text as load_yaml_text
from argmap.model import ArgumentMap, Claim, Relation, Text

DATA = Path(__file__).resolve().parents[1] / "data"


def test_shorthand_and_explicit_relations() -> None:
    text = dump_yaml(load_map(DATA / "tiny.yaml"))
    data = yaml.safe_load(text)
    assert data["argmap"] == 1
    assert data["claims"]["a"]["supports"] == "x"
    assert data["claims"]["c"]["opposes"] == "b"
    assert data["relations"] == [{"id": "r1", "from": ["a", "c"], "to": "x", "type": "supports"}]
    assert "kind" not in data["claims"]["a"]  # the default kind is left out


def test_relations_with_data_are_explicit() -> None:
    data = yaml.safe_load(dump_yaml(load_map(DATA / "undercut.yaml")))
    first = data["relations"][0]
    assert first["id"] == "danger-restrict" and first["weight"] == 0.8
    assert first["scheme"] == "argument from consequences"
    assert data["claims"]["lobby"]["undercuts"] == "danger-restrict"
    assert data["claims"]["misuse"]["supports"] == "danger"


def test_roundtrip_through_load_map(tmp_path: Path) -> None:
    for name in ("tiny.yaml", "undercut.yaml"):
        amap = load_map(DATA / name)
        path = tmp_path / name
        path.write_text(dump_yaml(amap), encoding="utf-8")
        back = load_map(path)
        assert back.claims == amap.claims
        assert sorted(back.relations, key=lambda r: r.id) == sorted(
            amap.relations, key=lambda r: r.id
        )
        assert (back.actors, back.sources, back.issues) == (amap.actors, amap.sources, amap.issues)
        assert dump_yaml(back) == dump_yaml(amap)


def test_awkward_strings_survive() -> None:
    texts = [
        "2024-07-23",
        "yes",
        "1.5",
        "a: b",
        "- item",
        "#hash",
        "multi\nline\n",
        "  pad",
        "null",
    ]
    claims = {f"c{i}": Claim(f"c{i}", Text.of(t)) for i, t in enumerate(texts)}
    claims["n"] = Claim("n", Text.of("x"), tags=("a b",))
    rel = Relation("c0+>c1", ("c0",), "c1", "supports")
    amap = ArgumentMap(claims=claims, relations=(rel,))
    back = load_yaml_text(dump_yaml(amap), "awkward.yaml")
    assert back.claims == amap.claims
    assert back.relations == amap.relations


def test_multiline_text_is_a_block() -> None:
    amap = ArgumentMap(claims={"a": Claim("a", Text.of("one\ntwo"))})
    assert "text: |-\n      one\n      two\n" in dump_yaml(amap)
