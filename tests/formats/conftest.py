"""Shared fixtures for the format tests: the real Argdown CLI, when it is installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


ArgdownJson = Callable[[Path], dict]


@pytest.fixture(scope="session")
def argdown_json() -> ArgdownJson:
    """Run `argdown json FILE --stdout` and return the parsed JSON; fail on any Argdown error.

    Skips when the CLI is missing (install: npm install --no-save --no-package-lock
    --prefix . @argdown/cli@1.7.5).
    """
    from argmap.formats.argdown_source import find_argdown

    exe = find_argdown()  # the one argmap's import runs: $ARGMAP_ARGDOWN, PATH, node_modules
    if exe is None or shutil.which("node") is None:
        reason = "Argdown CLI not installed (set ARGMAP_ARGDOWN or npm install @argdown/cli)"
        if os.environ.get("ARGMAP_REQUIRE_ARGDOWN") == "1":
            pytest.fail(reason)  # CI installs it: there a missing CLI is a failure
        pytest.skip(reason)

    def run(path: Path) -> dict:
        proc = subprocess.run(
            [exe, "json", str(path), "--stdout", "--silent"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, f"argdown failed on {path}:\n{proc.stdout}\n{proc.stderr}"
        assert "error" not in proc.stderr.lower(), proc.stderr
        return json.loads(proc.stdout)

    return run
