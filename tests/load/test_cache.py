"""The cache of loaded maps: written by the load that misses, never stale, never trusted damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap.load as load
from argmap.load import cache, check_map

MAP = """argmap: 1
include: [part.yaml]
claims:
  top: {text: The top claim., kind: policy}
"""
PART = """claims:
  below: {text: A reason., supports: top}
"""


@pytest.fixture
def small_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache that takes maps of any size; returns the map's path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "part.yaml").write_text(PART, encoding="utf-8")
    return tmp_path / "map.yaml"


def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every real (uncached) load."""
    calls: list[str] = []
    real = load._check

    def counting(path, files, contents, meter=None, tried=None):  # type: ignore[no-untyped-def]
        calls.append(str(path))
        return real(path, files, contents, meter, tried)

    monkeypatch.setattr(load, "_check", counting)
    return calls


def entries() -> list[Path]:
    return sorted(cache.cache_dir().glob(f"*{cache.SUFFIX}"))


def test_first_load_writes_second_load_reads(
    small_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = loads(monkeypatch)
    first = check_map(small_cache)
    assert len(entries()) == 1
    second = check_map(small_cache)
    assert len(calls) == 1
    assert first == second
    amap = second[0]
    assert amap is not None and list(amap.claims) == ["top", "below"]
    assert amap.claims["below"].loc == first[0].claims["below"].loc
    assert str(cache.cache_dir()).startswith(str(small_cache.parent / "xdg"))


def _answer(result: tuple) -> tuple:
    """What a load answers, locations included."""
    amap, items = result
    return (
        amap,
        [(c.id, c.loc) for c in amap.claims.values()],
        [(r.id, r.loc) for r in amap.relations],
        [d.format() for d in items],
    )


def test_a_flipped_bit_never_changes_an_answer(
    small_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each byte of a stored entry damaged in turn (one bit of it flipped): the map is read from
    its YAML again, and the answer is the one the YAML gives."""
    expected = _answer(check_map(small_cache))
    (entry,) = entries()
    good = entry.read_bytes()
    calls = loads(monkeypatch)
    for i in range(len(good)):
        damaged = bytearray(good)
        damaged[i] ^= 1 << (i % 8)
        entry.write_bytes(bytes(damaged))
        before = len(calls)
        assert _answer(check_map(small_cache)) == expected, i
        assert len(calls) == before + 1, i  # read from the YAML, not from the damaged entry
    entry.write_bytes(good)
    before = len(calls)
    assert _answer(check_map(small_cache)) == expected
    assert len(calls) == before


def test_a_changed_include_is_never_served_stale(
    small_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check_map(small_cache)
    (small_cache.parent / "part.yaml").write_text(PART.replace("A reason", "Another"), "utf-8")
    amap, _ = check_map(small_cache)
    assert amap is not None and amap.claims["below"].text.get() == "Another."


def test_a_changed_map_gets_another_key(small_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_map(small_cache)
    small_cache.write_text(MAP.replace("The top claim", "The new top"), encoding="utf-8")
    amap, _ = check_map(small_cache)
    assert amap is not None and amap.claims["top"].text.get() == "The new top."


def test_invalid_maps_are_not_cached(small_cache: Path) -> None:
    small_cache.write_text(MAP + "  bad: {txt: x}\n", encoding="utf-8")
    for _ in range(3):
        amap, items = check_map(small_cache)
        assert amap is None and items
    assert entries() == []


def test_switched_off_by_the_environment(
    small_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    for _ in range(3):
        assert check_map(small_cache)[0] is not None
    assert not cache.cache_dir().exists()


def test_a_broken_entry_is_a_miss(small_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_map(small_cache)
    (entry,) = entries()
    entry.write_bytes(b"argmap-cache-3\nnot an entry")
    calls = loads(monkeypatch)
    amap, _ = check_map(small_cache)
    assert amap is not None and calls


def test_small_maps_stay_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\nclaims:\n  a: {text: A.}\n", encoding="utf-8")
    for _ in range(3):
        check_map(path)
    assert not (tmp_path / "xdg").exists()


def test_cache_dir_honours_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "argmap"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "argmap"
