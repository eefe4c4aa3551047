"""`argmap validate` and `argmap stats` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from argmap.cli.main import cli

DATA = Path(__file__).parent.parent / "data"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_valid_map_exits_0_with_summary() -> None:
    result = run("validate", str(DATA / "tiny.yaml"))
    assert result.exit_code == 0
    assert "ok (4 claims, 4 relations)" in result.output


def test_quiet_prints_nothing() -> None:
    result = run("validate", "-q", str(DATA / "tiny.yaml"), str(DATA / "dirmap"))
    assert (result.exit_code, result.output) == (0, "")


def test_invalid_map_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\nclaims:\n  a: {text: x, kind: opinion, supports: zz}\n", "utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{bad}:3:22: error: unknown claim kind 'opinion'" in lines[0]
    assert "Traceback" not in result.output


def test_one_bad_map_among_good_ones_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 3\n", "utf-8")
    result = run("validate", str(DATA / "tiny.yaml"), str(bad))
    assert result.exit_code == 1
    assert "tiny.yaml: ok" in result.output
    assert "unsupported format version 3" in result.output


def test_usage_error_exits_2() -> None:
    assert run("validate").exit_code == 2
    assert run("no-such-command").exit_code == 2


def test_stats_text_and_json() -> None:
    result = run("stats", str(DATA / "chain.yaml"))
    assert result.exit_code == 0
    assert "claims     14  fact 12, value 1, policy 1" in result.output
    assert "most central" in result.output
    data = json.loads(run("stats", str(DATA / "chain.yaml"), "--format", "json").output)
    assert data["issues"] == 2
    assert data["most_supported"][0]["id"] == "goal"


def test_console_script_and_module_entry_point(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"argmap: 1\nclaims:\n  a: {text: \xff}\n")
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert f"{bad}:3:13: error: byte 0xff is not valid UTF-8" in proc.stderr
    assert "Traceback" not in proc.stderr
