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


def find_argdown() -> str | None:
    """The `argdown` executable: $ARGMAP_ARGDOWN, ./node_modules/.bin/argdown, or on PATH."""
    candidates = [
        os.environ.get("ARGMAP_ARGDOWN"),
        str(ROOT / "node_modules" / ".bin" / "argdown"),
        shutil.which("argdown"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


ArgdownJson = Callable[[Path], dict]


@pytest.fixture(scope="session")
def argdown_json() -> ArgdownJson:
    """Run `argdown json FILE --stdout` and return the parsed JSON; fail on any Argdown error.

    Skips when the CLI is missing (install: npm install --no-save --no-package-lock
    --prefix . @argdown/cli@1.7.5).
    """
    exe = find_argdown()
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
