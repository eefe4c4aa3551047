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


def test_runner_quick_pass(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "run.py"),
            "--sizes",
            "60",
            "--repeats",
            "1",
            "--no-argdown",
            "--work",
            str(tmp_path),
            "--tasks",
            "validate,supporters,json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    table = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| validate |" in table and "json.loads floor" in table
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    rows = {r["task"]: r for r in results["results"]}
    assert rows["validate"]["median"] is not None, done.stdout
    assert rows["validate (cached)"]["times"], done.stdout


def test_the_runner_knows_which_maps_are_cached() -> None:
    import importlib.util

    from argmap.load import cache

    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    assert spec is not None and spec.loader is not None
    run = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = run  # its dataclasses look their module up
    spec.loader.exec_module(run)
    assert run.CACHED_BYTES == cache.MIN_BYTES
