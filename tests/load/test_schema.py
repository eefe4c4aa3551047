"""The shipped JSON Schema (for editors) agrees with the loader's own structure tables."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from argmap.load import map_files
from argmap.load.schema import (
    ACTOR_KEYS,
    CLAIM_KEYS,
    ISSUE_KEYS,
    RELATION_KEYS,
    SOURCE_KEYS,
    TOP_KEYS,
)

DATA = Path(__file__).parent.parent / "data"
ROOT = Path(__file__).parent.parent.parent


def schema() -> dict:
    text = resources.files("argmap").joinpath("schema/argmap-1.schema.json").read_text("utf-8")
    return json.loads(text)


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


def test_schema_keys_match_the_loader() -> None:
    s = schema()
    assert tuple(s["properties"]) == TOP_KEYS
    for name, keys in (
        ("claim", CLAIM_KEYS),
        ("relation", RELATION_KEYS),
        ("actor", ACTOR_KEYS),
        ("source", SOURCE_KEYS),
        ("issue", ISSUE_KEYS),
    ):
        assert tuple(s["$defs"][name]["properties"]) == keys, name


def _documents() -> list[Path]:
    files = [DATA / "tiny.yaml", DATA / "undercut.yaml", *map_files(DATA / "dirmap")]
    for path in (ROOT / "arguments").iterdir():
        files.extend(map_files(path))
    return [f for f in files if f.suffix == ".yaml"]


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_valid_maps_satisfy_the_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    # YAML dates arrive as date objects; the schema sees the text the file holds
    for source in (data.get("sources") or {}).values():
        if "date" in source:
            source["date"] = str(source["date"])
    jsonschema.validate(data, schema())


@pytest.mark.parametrize(
    "bad",
    [
        {"argmap": 2},
        {"argmap": 1, "claims": {"a": {"kind": "fact"}}},
        {"argmap": 1, "claims": {"a": {"text": "x", "suports": "b"}}},
        {"argmap": 1, "claims": {"a": {"text": "x", "weight": 2}}},
        {"argmap": 1, "relations": [{"from": "a", "to": "b", "type": "attacks"}]},
    ],
)
def test_schema_rejects_what_the_loader_rejects(bad: dict) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema())
