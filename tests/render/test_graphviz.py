"""Running Graphviz: progress callbacks, interruption and timeouts kill the child process."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from argmap.errors import ToolError
from argmap.render.graphviz import render_dot


def fake_dot(folder: Path, body: str) -> Path:
    """A `dot` program in ``folder`` (put first on PATH) that runs the Python ``body``."""
    script = folder / "dot"
    script.write_text(f"#!{sys.executable}\nimport os, sys, time\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_progress_is_reported_while_graphviz_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dot(tmp_path, "sys.stdin.read()\ntime.sleep(0.5)\nsys.stdout.write('<svg/>')")
    monkeypatch.setenv("PATH", str(tmp_path))
    seen: list[float] = []
    assert render_dot("digraph { a }", "svg", progress=seen.append) == b"<svg/>"
    assert seen, "the callback was never called"
    assert seen == sorted(seen) and all(t > 0 for t in seen)


def test_interrupt_kills_graphviz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pid_file = tmp_path / "pid"
    fake_dot(tmp_path, f"open({str(pid_file)!r}, 'w').write(str(os.getpid()))\ntime.sleep(60)")
    monkeypatch.setenv("PATH", str(tmp_path))

    def interrupt_once_started(elapsed: float) -> None:
        if pid_file.exists() and pid_file.read_text():
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        render_dot("digraph { a }", "svg", timeout=None, progress=interrupt_once_started)
    assert gone(int(pid_file.read_text()))


def test_timeout_with_progress_kills_graphviz(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "pid"
    fake_dot(tmp_path, f"open({str(pid_file)!r}, 'w').write(str(os.getpid()))\ntime.sleep(60)")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolError, match=r"longer than 0\.5 s"):
        render_dot("digraph { a }", "svg", timeout=0.5, progress=lambda t: None)
    if pid_file.exists() and pid_file.read_text():
        assert gone(int(pid_file.read_text()))


def test_big_input_and_output_pass_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # more than a pipe buffer each way: the polling loop must keep reading and writing
    fake_dot(tmp_path, "data = sys.stdin.read()\nsys.stdout.write(data.upper())")
    monkeypatch.setenv("PATH", str(tmp_path))
    text = "digraph { " + "a -> b; " * 50_000 + "}"
    out = render_dot(text, "svg", progress=lambda t: None)
    assert out == text.upper().encode()


def _start_rendering(tmp_path: Path) -> tuple[object, Path]:
    """A Python process running render_dot on a `dot` that sleeps; returns it once dot runs."""
    import subprocess
    import time

    pid_file = tmp_path / "pid"
    fake_dot(tmp_path, f"open({str(pid_file)!r}, 'w').write(str(os.getpid()))\ntime.sleep(60)")
    script = (
        "from argmap.render.graphviz import render_dot\n"
        "render_dot('digraph { a }', 'svg', timeout=None, progress=lambda t: None)\n"
    )
    env = {**os.environ, "PATH": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-c", script], env=env, cwd=Path(__file__).parents[2])
    for _ in range(200):
        if pid_file.exists() and pid_file.read_text():
            break
        time.sleep(0.05)
    else:  # pragma: no cover - the fake dot never started
        proc.kill()
        pytest.fail("the fake dot did not start")
    return proc, pid_file


def _wait_gone(pid: int) -> bool:
    import time

    for _ in range(100):
        if gone(pid):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_a_signal_to_argmap_ends_graphviz_and_then_argmap(tmp_path: Path, signame: str) -> None:
    import signal

    proc, pid_file = _start_rendering(tmp_path)
    signum = getattr(signal, signame)
    proc.send_signal(signum)  # type: ignore[attr-defined]
    assert proc.wait(timeout=10) == -signum  # type: ignore[attr-defined]
    assert _wait_gone(int(pid_file.read_text())), "dot was left running"


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's"
)
def test_graphviz_dies_with_argmap_even_when_argmap_is_killed(tmp_path: Path) -> None:
    import signal

    proc, pid_file = _start_rendering(tmp_path)
    proc.send_signal(signal.SIGKILL)  # type: ignore[attr-defined]
    proc.wait(timeout=10)  # type: ignore[attr-defined]
    assert _wait_gone(int(pid_file.read_text())), "dot outlived a killed argmap"


def test_several_layouts_come_back_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.render.graphviz import render_dots

    # each answers with what it read, the later ones sooner: the order is the texts' own
    fake_dot(tmp_path, "t = sys.stdin.read()\ntime.sleep(0.3 / len(t))\nsys.stdout.write(t)")
    monkeypatch.setenv("PATH", str(tmp_path))
    texts = ["a", "bb", "ccc", "dddd", "eeeee"]
    assert render_dots(texts, "svg", jobs=3) == [t.encode() for t in texts]
    assert render_dots(texts, "dot") == [t.encode() for t in texts]  # DOT runs nothing


def test_a_failed_layout_stops_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.render.graphviz import render_dots

    pids = tmp_path / "pids"
    fake_dot(
        tmp_path,
        f"t = sys.stdin.read()\nopen({str(pids)!r}, 'a').write(str(os.getpid()) + '\\n')\n"
        "if t == 'bad':\n    time.sleep(0.8)\n    sys.stderr.write('syntax error in line 1')\n"
        "    sys.exit(1)\ntime.sleep(60)",
    )
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolError, match="syntax error in line 1"):
        render_dots(["slow", "bad", "slow"], "svg", timeout=None, jobs=3)
    started = [int(line) for line in pids.read_text().split()]
    assert len(started) == 3 and all(gone(pid) for pid in started)  # none left running
