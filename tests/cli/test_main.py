"""The console entry point turns every failure into a message and an exit code, no traceback."""

from __future__ import annotations

import os
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


def test_run_flushes_all_output_and_keeps_exit_codes(tmp_path: Path) -> None:
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


def test_run_ends_normally(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(entry, "main", lambda: print("done"))
    with pytest.raises(SystemExit) as exited:  # a normal exit, never os._exit
        entry.run()
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


def test_a_big_map_is_cached_by_its_first_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command that loads a big map writes its cache entry, in the same process: the next
    command reads the entry instead of the YAML."""
    import argmap.load as loader
    from argmap.load import cache

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    path = tmp_path / "big.yaml"
    path.write_text(generate.to_yaml(generate.generate(2500, seed=4)), "utf-8")
    assert path.stat().st_size > cache.MIN_BYTES
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("ARGMAP_NO_CACHE", None)
    done = argmap("validate", "-q", str(path), env=env)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "cache" / "argmap"
    assert len(list(folder.glob("*.map"))) == 1  # written before the command ended

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)

    def unread(*_: object) -> None:
        raise AssertionError("the YAML was read again")

    monkeypatch.setattr(loader, "_check", unread)
    amap, diagnostics = loader.check_map(path)
    assert amap is not None and len(amap.claims) == 2500 and diagnostics == []
