"""Fuzzing, kept in the suite: real maps and foreign files, mutated, through every reader and a
few commands. Whatever the input, argmap answers with located errors or a result, never a
traceback, an exit code other than 0, 1 or 2, or unbounded time and memory.

Bounded so that it finishes in well under a minute; CI runs it on a fixed set of examples
(``HYPOTHESIS_PROFILE=ci``, see conftest.py). Inputs that once failed stay as ``@example``s.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError, MapError
from argmap.formats.registry import get_format
from argmap.load import check_text

DATA = Path(__file__).parent / "data"
#: (file in tests/data, the format its text is read as)
SEEDS = [
    ("tiny.yaml", "yaml"),
    ("undercut.yaml", "yaml"),
    ("eval_bipolar.yaml", "yaml"),
    ("fmt_argdown_tiny.json", "argdown"),
    ("fmt_aif_aifdb.json", "aif"),
    ("fmt_aif_xaif.json", "aif"),
    ("fmt_kialo.txt", "kialo"),
    ("af_floating.i23", "i23"),
    ("af_floating.apx", "apx"),
    ("af_floating.tgf", "tgf"),
]
#: What the fuzzing run of issue 20 found to be dangerous, spliced in anywhere.
HOSTILE = [
    "[" * 600,
    "{a: " * 300,
    "!!timestamp nope",
    "!!int x",
    "!!bool maybe",
    "!!float y",
    "\x00",
    "\x01",
    "\ufffe",
    "\u2028",
    "include: /dev/zero\n",
    'include: ["a\\x00b.yaml"]\n',
    "9" * 5000,
    "p af 100000000\n",
    "&a [*a, *a, *a]",
    "<<: *a",
    '"members": 5',
    '"tags": 7',
    '"from": ["x"]',
    '"text": "a", "text": "b"',
    "javascript:alert(1)",
    "\n  - {from: a, to: a, type: opposes}\n",
    "\t",
    "\r\n",
    "é",
    "…",
]
LOCATED = re.compile(
    r"^(?P<file>[^:\n]+)(:\d+(:\d+)?)?: (error|warning): |^argmap: (error|warning): "
)


def _seed(name: str) -> str:
    return (DATA / name).read_text("utf-8")


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str, str]:
    """(file name, format, text): a seed file with a few cuts, splices and hostile pieces."""
    name, fmt = draw(st.sampled_from(SEEDS))
    text = _seed(name)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["hostile", "delete", "duplicate", "char"]))
        if action == "hostile":
            text = text[:at] + draw(st.sampled_from(HOSTILE)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif action == "duplicate":
            end = min(len(text), at + draw(st.integers(1, 200)))
            text = text[:end] + text[at:end] + text[end:]
        else:
            text = text[:at] + draw(st.characters(codec="utf-8")) + text[at + 1 :]
    return name, fmt, text


def _read(name: str, fmt: str, text: str) -> None:
    """Read ``text`` the way ``validate`` (YAML) or ``import`` does; every error located."""
    try:
        if fmt == "yaml":
            amap, diagnostics = check_text(text, name)
            errors = [d for d in diagnostics if d.level == "error"]
            assert (amap is None) == bool(errors)
        else:
            get_format(fmt).load(text, name)
            return
    except MapError as exc:
        errors = exc.diagnostics
    except ArgmapError:
        return  # a refusal with a message of its own ("not a framework file")
    for d in errors:
        assert d.location is not None and d.location.file == name, d.format()


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated())
@example(("m.yaml", "yaml", "argmap: 1\nclaims:\n  a: {text: " + "[" * 600 + "}\n"))
@example(("m.yaml", "yaml", "argmap: 1\nclaims:\n  a: {text: !!timestamp nope}\n"))
@example(("m.yaml", "yaml", 'argmap: 1\ninclude: ["a\\x00b.yaml"]\n'))
@example(("a.json", "argdown", '{"statements": {"S": {"members": 5, "tags": 7}}}'))
@example(("a.json", "argdown", '{"statements": {}, "relations": [{"from": ["x"], "to": 1}]}'))
@example(("a.json", "json", '{"nodes": [{"id": "a", "weight": ' + "9" * 5000 + "}]}"))
@example(("a.json", "argdown", '{"statements": {"S": {}, "S": {}}}'))
@example(("h.i23", "i23", "p af 100000000\n"))
@example(("h.i23", "i23", "p af 5\n1 " + "9" * 5000 + "\n"))
@example(("m.yaml", "yaml", "argmap: 1\nclaims:\n  a: {text: \x01}\n"))
def test_readers_never_crash(case: tuple[str, str, str]) -> None:
    _read(*case)


def _limits() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    resource.setrlimit(resource.RLIMIT_CPU, (20, 20))


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_limits,
        check=False,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="resource limits are set the Linux way")
@settings(
    max_examples=24,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(mutated())
@example(("m.yaml", "yaml", "argmap: 1\ninclude: /dev/zero\n"))
@example(("h.i23", "i23", "p af 100000000\n"))
def test_the_cli_answers_every_input(tmp_path: Path, case: tuple[str, str, str]) -> None:
    name, fmt, text = case
    path = tmp_path / name
    path.write_text(text, "utf-8", errors="surrogatepass")
    if fmt == "yaml":
        commands = [("validate", name), ("evaluate", name), ("export", name, "--to", "md")]
    else:
        commands = [("import", name, "--from", fmt)]
        if fmt in ("i23", "apx", "tgf"):
            commands.append(("evaluate", name))
    for command in commands:
        done = _cli(*command, cwd=tmp_path)
        assert done.returncode in (0, 1, 2), (command, done.returncode, done.stderr[-2000:])
        assert "Traceback" not in done.stderr, (command, done.stderr[-2000:])
        if done.returncode == 1:
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            assert lines and all(
                LOCATED.match(line) or line.startswith(("  ", name)) for line in lines
            ), (
                command,
                done.stderr[-2000:],
            )
