"""Atomic writes: never half-written, never clobbered unless asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.io import OutputExistsError, write_atomic


def test_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_refuses_to_overwrite_without_permission(tmp_path: Path) -> None:
    target = tmp_path / "map.yaml"
    target.write_text("keep me", "utf-8")
    with pytest.raises(OutputExistsError, match="already exists; use --force"):
        write_atomic(target, "new", overwrite=False)
    assert target.read_text("utf-8") == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["map.yaml"]
    write_atomic(tmp_path / "fresh.yaml", "日本語", overwrite=False)
    assert (tmp_path / "fresh.yaml").read_text("utf-8") == "日本語"


def test_clear_errors_for_bad_targets(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError, match="is a directory"):
        write_atomic(tmp_path, "x")
    with pytest.raises(ArgmapError, match="does not exist; create the directory first"):
        write_atomic(tmp_path / "nope" / "x.txt", "x")


def test_bytes_like_data_and_pieces_are_written(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    for data in (bytearray(b"abc"), memoryview(b"abc"), [b"a", b"", b"bc"], (b"abc",)):
        write_atomic(target, data)
        assert target.read_bytes() == b"abc"
