"""Argdown source text (``.argdown``), read with the Argdown project's own parser.

argmap does not parse Argdown itself: ``argdown json`` (from ``@argdown/cli``) turns the source
into Argdown's JSON, which :mod:`argmap.formats.argdown_json` imports. The CLI is looked for in
``$ARGMAP_ARGDOWN``, then on ``PATH``, then in ``node_modules/.bin`` of the current folder and of
argmap's own checkout. It runs on a copy of the text in a new temporary folder: the Argdown CLI
skips input under folders whose names start with ``_`` and reads a config file from the folder
it runs in, and neither may change what a file means.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from argmap.errors import ToolError
from argmap.model import ArgumentMap

#: How to get the parser, said when it is missing.
INSTALL_HINT = (
    "reading Argdown source needs the Argdown CLI: npm install -g @argdown/cli "
    "(or set ARGMAP_ARGDOWN to its argdown program)"
)
#: Seconds the Argdown CLI may take.
TIMEOUT = 120.0


def find_argdown() -> str | None:
    """The ``argdown`` program to run, or None when there is none."""
    checkout = Path(__file__).resolve().parents[2]
    candidates = [
        os.environ.get("ARGMAP_ARGDOWN"),
        shutil.which("argdown"),
        str(Path.cwd() / "node_modules" / ".bin" / "argdown"),
        str(checkout / "node_modules" / ".bin" / "argdown"),
    ]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def argdown_to_json(text: str, filename: str = "<argdown>") -> str:
    """Argdown's JSON of ``text``, from ``argdown json``; ToolError when it cannot be had."""
    program = find_argdown()
    if program is None:
        raise ToolError(f"{filename}: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="argmap-argdown-") as folder:
        Path(folder, "map.argdown").write_text(text, encoding="utf-8")
        try:
            done = subprocess.run(
                [program, "json", "map.argdown", "--stdout", "--silent"],
                cwd=folder,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ToolError(f"{filename}: the Argdown CLI took over {TIMEOUT:g} s") from None
        except OSError as exc:
            raise ToolError(f"{filename}: cannot run {program}: {exc.strerror or exc}") from None
    output = done.stdout.strip()
    if done.returncode != 0 or not output.startswith("{"):
        said = (done.stderr or done.stdout).strip().splitlines()
        why = said[0] if said else f"exit code {done.returncode}"
        raise ToolError(f"{filename}: the Argdown CLI could not read it: {why}")
    return output


def _is_json(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        return True
    if not head.startswith("["):
        return False
    import json

    try:
        json.loads(head)
    except (ValueError, RecursionError):
        return False
    return True


def read_argdown(text: str, filename: str = "<argdown>") -> ArgumentMap:
    """The map in Argdown source ``text`` or in Argdown's JSON export of it (JSON when it
    starts with ``{``, or parses as JSON: ``[A]: a`` is Argdown, ``[1, 2]`` JSON); MapError or
    ToolError on bad input.

    The import check of the map is ``Format.load``'s.
    """
    from argmap.formats.argdown_json import read_argdown_json

    if _is_json(text):
        return read_argdown_json(text, filename)
    # problems the importer finds are in the JSON the parser wrote, not at lines of the source
    return read_argdown_json(argdown_to_json(text, filename), f"{filename} (as Argdown JSON)")
