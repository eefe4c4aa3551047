"""The console entry point turns every failure into a message and an exit code, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import argmap.cli.main as entry
from argmap.errors import ArgmapError
from argmap.load import load_map
from argmap.render.dot import to_dot


@pytest.mark.parametrize(
    ("raised", "code", "message"),
    [
        (KeyboardInterrupt(), 130, "argmap: interrupted"),
        (MemoryError(), 1, "argmap: error: out of memory"),
        (ArgmapError("something broke"), 1, "argmap: error: something broke"),
    ],
)
def test_failures_become_messages_and_exit_codes(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    raised: BaseException,
    code: int,
    message: str,
) -> None:
    def failing(**_: object) -> None:
        raise raised

    monkeypatch.setattr(entry, "cli", failing)
    with pytest.raises(SystemExit) as stop:
        entry.main()
    assert stop.value.code == code
    err = capsys.readouterr().err
    assert err.startswith(message) and "Traceback" not in err


# ---------------------------------------------------------------- the console script's exit

ROOT = Path(__file__).parents[2]


def argmap(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """``python -m argmap ARGS`` (the console script's entry, :func:`run`) in the repository."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=ROOT, **kwargs)


def test_the_quick_exit_flushes_all_output_and_keeps_exit_codes(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    path = tmp_path / "big.yaml"  # its DOT is far bigger than a pipe's buffer
    path.write_text(generate.to_yaml(generate.generate(800, seed=2)), "utf-8")
    done = argmap("render", str(path))
    assert done.returncode == 0 and len(done.stdout) > 500_000
    assert done.stdout == to_dot(load_map(path)).encode("utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\nclaims:\n  - id: a\n", "utf-8")
    failed = argmap("validate", str(bad))
    assert failed.returncode == 1 and b"bad.yaml:3:" in failed.stderr
    assert argmap("--version").stdout.startswith(b"argmap, version")
    assert argmap("no-such-command").returncode == 2


def test_a_reader_that_leaves_early_is_no_error(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    path = tmp_path / "big.yaml"
    path.write_text(generate.to_yaml(generate.generate(800, seed=2)), "utf-8")
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert reader.stdin is not None
    done = argmap("render", str(path), stdout=reader.stdin, stderr=subprocess.PIPE)
    reader.stdin.close()
    assert reader.stdout is not None and reader.stdout.read() == b"digraph ar"
    reader.stdout.close()
    assert reader.wait() == 0
    assert done.returncode == 0 and b"Traceback" not in done.stderr


def test_run_exits_normally_while_another_thread_works(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import threading

    from argmap.cli import common

    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    monkeypatch.setattr(entry, "main", lambda: print("done"))
    monkeypatch.setattr(common, "KEEP_UNTIL_EXIT", False)
    try:
        with pytest.raises(SystemExit) as exited:  # not os._exit: that would end pytest
            entry.run()
    finally:
        stop.set()
        worker.join()
    assert exited.value.code == 0 and capsys.readouterr().out == "done\n"


def test_closed_or_full_standard_streams(tmp_path: Path) -> None:
    tiny = "tests/data/tiny.yaml"
    for redirect in (">&-", "2>&-"):  # closed: the command still does its work, exit 0
        done = subprocess.run(
            f'"{sys.executable}" -m argmap render {tiny} --format dot {redirect}',
            shell=True,
            cwd=ROOT,
            capture_output=True,
        )
        assert done.returncode == 0 and b"Traceback" not in done.stderr, (redirect, done)
    full = subprocess.run(
        f'"{sys.executable}" -m argmap render {tiny} > /dev/full',
        shell=True,
        cwd=ROOT,
        capture_output=True,
    )
    assert full.returncode == 1
    assert full.stderr.startswith(b"argmap: error: cannot write to standard output")
    full = subprocess.run(
        f'"{sys.executable}" -m argmap validate {tiny} > /dev/full',
        shell=True,
        cwd=ROOT,
        capture_output=True,
    )
    assert full.returncode == 1  # click.echo's write fails: the message says why, no traceback
    assert full.stderr == b"argmap: error: No space left on device\n"
