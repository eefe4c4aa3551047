"""The benchmark generator and runner work (tiny sizes, no timing checked)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from argmap.load import check_map

ROOT = Path(__file__).parent.parent
BENCH = ROOT / "benchmarks"


def test_generator_writes_a_valid_map_and_its_argdown_twin(tmp_path: Path) -> None:
    for lang in ("en", "both"):
        done = subprocess.run(
            [sys.executable, str(BENCH / "generate.py"), "80", str(tmp_path), "--lang", lang],
            capture_output=True,
            text=True,
            check=True,
        )
        yaml_path, argdown_path = (Path(line) for line in done.stdout.split())
        amap, diagnostics = check_map(yaml_path)
        assert amap is not None, [d.format() for d in diagnostics]
        assert len(amap.claims) == 80
        types = {r.type for r in amap.relations}
        assert {"supports", "opposes"} <= types
        text = argdown_path.read_text(encoding="utf-8")
        assert "[congestion-0]:" in text and "+> [" in text and "-> [" in text
    again = tmp_path / "again"
    subprocess.run([sys.executable, str(BENCH / "generate.py"), "80", str(again)], check=True)
    assert (again / "map-80.yaml").read_bytes() == (tmp_path / "map-80.yaml").read_bytes()


def load_runner():
    """benchmarks/run.py as a module (it is a script, not part of the package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    assert spec is not None and spec.loader is not None
    run = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = run  # its dataclasses look their module up
    spec.loader.exec_module(run)
    return run


def test_runner_quick_pass(tmp_path: Path) -> None:
    """Every guard on tiny maps, this argmap against itself: the table has every guard's rows
    and each figure was measured (no figure is compared with a budget here)."""
    argmap = Path(sys.executable).with_name("argmap")
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "run.py"),
            *("--svg-sizes", "20,40", "--dot-size", "60", "--validate-size", "80"),
            *("--weighed-size", "80"),
            *("--cache-size", "80", "--repeats", "1", "--big-repeats", "1", "--no-argdown"),
            *("--work", str(tmp_path), "--argmap", str(argmap), "--before", str(argmap)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    table = (tmp_path / "results.md").read_text(encoding="utf-8")
    head = next(line for line in table.splitlines() if line.startswith("| guard"))
    assert head.startswith("| guard | case | budget | reference | after | after ok | before |")
    for row in (
        "| shipped map ≤ 0.3 s | validate |",
        "| shipped map ≤ 0.3 s | render -o x.svg |",
        "| shipped map ≤ 0.3 s | export --to json |",
        "| SVG − bare dot ≤ 0.35 s | 20 claims |",
        "| SVG − bare dot ≤ 0.35 s | 40 claims |",
        "| DOT, first load, ≥ 1× Argdown | 60 claims |",
        "| validate, first load, ≤ 10 s | 80 claims |",
        "| weighed evaluate, first load, ≤ 5 s | 80 claims |",
        "| map cache (info) | validate, 80 claims |",
    ):
        assert row in table, table
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    samples = results["samples"]
    assert len(samples) > 40
    broken = {name: s["note"] for name, s in samples.items() if s["median"] is None}
    assert not broken, broken
    run = load_runner()
    assert len(results["rows"]) == len(run.SHIPPED_COMMANDS) + 2 + 1 + 1 + 1 + 1


def test_the_table_marks_what_fails() -> None:
    run = load_runner()
    row = run.Row("g", "c", "≤ 1 s", "ref", {"after": ("0.5 s", True), "before": ("2 s", False)})
    table = run.format_table([row, run.Row("h", "d", "(info)", "ref")], ["after", "before"])
    lines = table.splitlines()
    assert lines[2] == "| g | c | ≤ 1 s | ref | 0.5 s | pass | 2 s | **FAIL** |"
    assert lines[3] == "| h | d | (info) | ref | – | – | – | – |"


def test_serve_benchmark_runs(tmp_path: Path) -> None:
    """bench_serve times real saves on a copy of a map (two here; no figure is judged)."""
    import shutil

    if shutil.which("dot") is None:
        import pytest

        pytest.skip("Graphviz is not installed")
    done = subprocess.run(
        [sys.executable, str(BENCH / "bench_serve.py"), "--edits", "2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "| save → update event |" in done.stdout
    assert "| reference: one page build in-process |" in done.stdout
    assert "event / build = " in done.stdout
