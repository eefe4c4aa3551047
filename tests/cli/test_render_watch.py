"""`argmap render -o FILE --watch`: drawn again on each change of the map, never of its output."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent
DATA = ROOT / "tests" / "data"


def wait_for(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_watch_redraws_reports_problems_and_stops_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    shutil.copy(DATA / "tiny.yaml", path)
    out = tmp_path / "tiny.dot"  # DOT: no Graphviz needed, and it sits beside the map
    proc = subprocess.Popen(
        [sys.executable, "-m", "argmap", "render", str(path), "-o", str(out), "--watch"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        wait_for(out.exists)
        first = out.read_text()
        time.sleep(0.5)
        text = path.read_text()
        first_id = text.split("claims:\n", 1)[1].split(":", 1)[0].strip()
        path.write_text(text.replace("claims:\n", "claims:\n  added-later: {text: Later.}\n", 1))
        wait_for(lambda: "added-later" in out.read_text())
        assert first_id in first
        good = out.read_text()
        path.write_text(path.read_text().replace("added-later: {text: Later.}", "bad: {txt: x}"))
        time.sleep(1.5)
        assert out.read_text() == good  # an invalid map leaves the last picture
    finally:
        proc.send_signal(signal.SIGINT)
        stderr = proc.communicate(timeout=15)[1]
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert stderr.count(f"wrote {out}") == 2  # its own writes never started another
    assert f"{path}:" in stderr and "error:" in stderr
    assert "stays as it was" in stderr


def test_watch_needs_an_output_file() -> None:
    from click.testing import CliRunner

    from argmap.cli.main import cli

    result = CliRunner().invoke(cli, ["render", str(DATA / "tiny.yaml"), "--watch"])
    assert result.exit_code == 2
    assert "--watch writes the picture again on each change: give -o FILE" in result.output


def test_watch_keeps_the_force_rule(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from argmap.cli.main import cli

    out = tmp_path / "x.dot"
    out.write_text("mine")
    result = CliRunner().invoke(cli, ["render", str(DATA / "tiny.yaml"), "-o", str(out), "--watch"])
    assert result.exit_code == 1 and "already exists; use --force" in result.output
    assert out.read_text() == "mine"


def test_html_and_serve_take_language_codes_only() -> None:
    from click.testing import CliRunner

    from argmap.cli.main import cli

    for command in (["html", "-o", "-"], ["serve", "--no-open"]):
        result = CliRunner().invoke(cli, [*command, str(DATA / "tiny.yaml"), "--lang", 'x"]'])
        assert result.exit_code == 2
        assert "is not a language code" in result.output


def test_watch_waits_for_a_missing_include(tmp_path: Path) -> None:
    """The first load fails on an include that is not there; creating it draws the picture."""
    (tmp_path / "map").mkdir()
    path = tmp_path / "map" / "main.yaml"
    path.write_text("argmap: 1\ninclude: [../later/part.yaml]\nclaims:\n  a: {text: A.}\n")
    out = tmp_path / "main.dot"
    proc = subprocess.Popen(
        [sys.executable, "-m", "argmap", "render", str(path), "-o", str(out), "--watch"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        time.sleep(1.5)
        assert not out.exists()
        (tmp_path / "later").mkdir()
        (tmp_path / "later" / "part.yaml").write_text("claims:\n  b: {text: B., supports: a}\n")
        wait_for(lambda: out.exists() and "claim:b" in out.read_text())
    finally:
        proc.send_signal(signal.SIGINT)
        stderr = proc.communicate(timeout=15)[1]
    assert proc.returncode == 0 and "Traceback" not in stderr
    assert "part.yaml" in stderr  # the first run said what was missing
