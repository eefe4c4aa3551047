"""Valid maps in every shape the format allows load into the model as written."""

from __future__ import annotations

from pathlib import Path

from argmap.load import load_map, map_files
from argmap.model import Relation

DATA = Path(__file__).parent.parent / "data"


def test_shorthand_relations_get_automatic_ids() -> None:
    amap = load_map(DATA / "tiny.yaml")
    assert [r.id for r in amap.relations] == ["a+>x", "b->x", "c->b", "r1"]
    assert amap.claims["x"].kind == "policy"
    assert amap.claims["x"].text.get("ja") == "Xをすべきだ。"
    assert amap.languages == ("en", "ja")
    assert amap.sources["paper"].date == "2024-07-23"


def test_explicit_relations_linked_premises_and_undercuts() -> None:
    amap = load_map(DATA / "undercut.yaml")
    rels = amap.relations_by_id()
    assert rels["danger-restrict"].scheme == "argument from consequences"
    assert rels["danger-restrict"].weight == 0.8
    assert rels["lobby_>danger-restrict"].type == "undercuts"
    assert rels["lobby_>danger-restrict"].target == "danger-restrict"
    assert rels["cost-calc"].premises == ("price", "count")
    assert rels["cost-calc"].linked
    assert Relation.auto_id(("a", "b"), "c", "supports") == "a&b+>c"


def test_includes_are_merged(tmp_path: Path) -> None:
    amap = load_map(DATA / "include-main.yaml")
    assert list(amap.claims) == ["top", "below"]
    assert [r.id for r in amap.relations] == ["below+>top"]
    assert len(amap.files) == 2


def test_directory_is_one_map() -> None:
    amap = load_map(DATA / "dirmap")
    assert [p.name for p in map_files(DATA / "dirmap")] == ["00-map.yaml", "10-claims.yaml"]
    assert list(amap.claims) == ["goal", "reason"]
    assert amap.claims["reason"].by == ("ann",)


def test_plain_and_multilingual_texts(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\nlanguages: [ja, en]\nclaims:\n"
        "  a: {text: {ja: 安全性, en: safety}, quote: {ja: 「安全」}}\n  b: {text: 2024}\n",
        encoding="utf-8",
    )
    amap = load_map(path)
    assert amap.text(amap.claims["a"].text) == "安全性"
    assert amap.text(amap.claims["a"].text, "en") == "safety"
    assert amap.claims["b"].text.get() == "2024"  # a number written as text keeps its digits


def test_unicode_ids(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\nclaims:\n  安全.1: {text: x}\n  規制: {text: y, opposes: 安全.1}\n",
        encoding="utf-8",
    )
    amap = load_map(path)
    assert [r.id for r in amap.relations] == ["規制->安全.1"]


def test_shipped_maps_validate() -> None:
    root = Path(__file__).parent.parent.parent / "arguments"
    maps = [p for p in root.iterdir() if p.is_dir() or p.suffix == ".yaml"]
    assert maps, "the repository ships at least one map"
    for path in maps:
        amap = load_map(path)
        assert len(amap.claims) > 0


def test_progress_is_reported_in_bytes_and_changes_nothing(tmp_path, monkeypatch) -> None:
    import sys

    from argmap.load import check_map

    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    import generate

    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    path = tmp_path / "big.yaml"
    path.write_text(generate.to_yaml(generate.generate(3000, seed=8)), encoding="utf-8")
    calls: list[tuple[int, int]] = []
    with_progress = check_map(path, progress=lambda done, total: calls.append((done, total)))
    assert with_progress == check_map(path)
    size = path.stat().st_size
    assert len(calls) >= 5  # the parse and reading, every 1,024 mappings and lists
    assert all(total == size for _, total in calls)
    dones = [done for done, _ in calls]
    assert dones == sorted(dones) and dones[-1] == size
    assert any(0 < done < size * 0.6 for done in dones)  # during the parse
    assert any(size * 0.6 <= done < size for done in dones)  # late in the parse
