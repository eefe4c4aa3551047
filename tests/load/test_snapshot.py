"""Cache entries: a map written by snapshot.dump and read back is the same map, locations too."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from argmap.errors import Diagnostic, Location
from argmap.load import load_map, snapshot

ROOT = Path(__file__).parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402


def _everything(amap):
    """Every object of the map with every field: astuple keeps locations, which eq leaves out."""
    parts = [amap.title, amap.description, amap.languages, amap.files]
    for table in (amap.actors, amap.sources, amap.issues, amap.claims):
        parts.append(list(table))
        parts.extend(dataclasses.astuple(item) for item in table.values())
    parts.extend(dataclasses.astuple(rel) for rel in amap.relations)
    return parts


def _maps(tmp_path: Path):
    yield ROOT / "arguments" / "llama-3.1-open-source"
    for name in ("tiny.yaml", "chain.yaml", "undercut.yaml", "include-main.yaml", "dirmap"):
        yield ROOT / "tests" / "data" / name
    for lang in ("en", "both"):
        path = tmp_path / f"gen-{lang}.yaml"
        path.write_text(generate.to_yaml(generate.generate(400, seed=3, lang=lang)), "utf-8")
        yield path


def test_round_trip_keeps_every_field_and_location(tmp_path: Path) -> None:
    for path in _maps(tmp_path):
        amap = load_map(path)
        again, diagnostics = snapshot.load(snapshot.dump(amap, []))
        assert again == amap, path
        assert _everything(again) == _everything(amap), path
        assert diagnostics == []
        assert list(again.claims) == list(amap.claims)  # the map's order
        assert again.relations_by_id().keys() == amap.relations_by_id().keys()


def test_diagnostics_travel_with_the_map() -> None:
    amap = load_map(ROOT / "tests" / "data" / "tiny.yaml")
    diags = [
        Diagnostic("a warning", Location("m.yaml", 3, 4), "a hint", "warning", "W1"),
        Diagnostic("no place"),
    ]
    assert snapshot.load(snapshot.dump(amap, diags))[1] == diags


def test_rebuilt_objects_stay_frozen() -> None:
    amap, _ = snapshot.load(snapshot.dump(load_map(ROOT / "tests" / "data" / "tiny.yaml"), []))
    claim = next(iter(amap.claims.values()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.kind = "value"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.loc.line = 1  # type: ignore[misc,union-attr]


@pytest.mark.parametrize("data", [b"", b"\x00garbage", b"N"])
def test_anything_else_is_an_error(data: bytes) -> None:
    with pytest.raises((ValueError, TypeError, EOFError)):
        snapshot.load(data)
