"""`argmap render` from the command line."""

from __future__ import annotations

import importlib.util
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli.main import cli

DATA = Path(__file__).parent.parent / "data"
TINY = str(DATA / "tiny.yaml")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def run(*args: str):
    return CliRunner().invoke(cli, ["render", *args])


def test_dot_to_stdout_by_default() -> None:
    result = run(TINY)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("digraph argmap {")
    assert result.stdout == run(TINY).stdout  # deterministic


def test_dot_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    result = run(TINY, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8") == run(TINY).stdout
    assert "wrote" in result.stderr


@needs_dot
@pytest.mark.parametrize(
    "suffix,magic", [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF")]
)
def test_picture_formats_from_suffix(tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"map{suffix}"
    result = run(TINY, "-o", str(out), "--lang", "ja")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)
    if suffix == ".svg":
        root = ET.fromstring(out.read_bytes())
        texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
        assert "Xをすべきだ。" in texts and "政策" in texts
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


@needs_dot
def test_format_option_overrides_suffix(tmp_path: Path) -> None:
    out = tmp_path / "picture.out"
    result = run(TINY, "-o", str(out), "--format", "svg")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"<?xml")


def test_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    result = run(TINY, "-o", str(tmp_path / "map.jpeg"))
    assert result.exit_code == 2
    assert "cannot tell the format" in result.output


def test_missing_dot(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", "")
    result = run(TINY, "-o", str(tmp_path / "map.svg"))
    assert result.exit_code == 1
    assert "argmap: error:" in result.stderr
    assert "apt-get install graphviz" in result.stderr
    assert "brew install graphviz" in result.stderr
    assert not (tmp_path / "map.svg").exists()
    assert run(TINY).exit_code == 0  # DOT output needs no Graphviz


def test_focus_by_prefix_and_unknown_claim() -> None:
    result = run(TINY, "--focus", "x", "--depth", "1", "--direction", "down")
    assert result.exit_code == 0, result.output
    for cid in ("x", "a", "b", "c"):
        assert f'"claim:{cid}" [' in result.stdout
    result = run(TINY, "--focus", "c", "--depth", "0")
    assert result.exit_code == 0
    assert '"claim:c" [' in result.stdout and '"claim:x" [' not in result.stdout
    result = run(TINY, "--focus", "zz")
    assert result.exit_code == 1
    assert "no claim 'zz'" in result.stderr


def test_filters_and_clusters() -> None:
    result = run(TINY, "--actor", "bob")
    assert result.exit_code == 0
    assert '"claim:b" [' in result.stdout and '"claim:a" [' not in result.stdout
    result = run(TINY, "--issue", "q", "--cluster", "issue", "--show", "ids,sources")
    assert result.exit_code == 0
    assert "subgraph cluster_0" in result.stdout and "Sources: A paper" in result.stdout
    result = run(TINY, "--actor", "carol")
    assert result.exit_code == 1 and "no actor 'carol'" in result.stderr
    result = run(TINY, "--tag", "nothing")
    assert result.exit_code == 1 and "no tag 'nothing'" in result.stderr


def test_bad_show_is_a_usage_error() -> None:
    result = run(TINY, "--show", "actors,colours")
    assert result.exit_code == 2
    assert "colours" in result.output


def test_options_reach_the_dot() -> None:
    result = run(
        TINY,
        "--rankdir",
        "LR",
        "--engine",
        "sfdp",
        "--color-by",
        "actor",
        "--show",
        "none",
        "--no-legend",
    )
    assert result.exit_code == 0, result.output
    dot = result.stdout
    assert 'rankdir="LR"' in dot and 'layout="sfdp"' in dot
    assert "— Alice" not in dot and "graph [label=" not in dot


def test_color_by_status() -> None:
    result = run(TINY, "--color-by", "status")
    has_semantics = importlib.util.find_spec("argmap.analysis.semantics") is not None
    if not has_semantics:
        assert result.exit_code == 1
        assert "evaluation not available" in result.stderr
    else:
        assert result.exit_code == 0, result.output
        assert "grounded" in result.stdout


def test_invalid_map_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\nclaims:\n  a: {text: A, supports: nowhere}\n", encoding="utf-8")
    result = run(str(bad))
    assert result.exit_code == 1
